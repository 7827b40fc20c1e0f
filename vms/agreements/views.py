"""The agreements' pages: the list, making one, the agreement, filling in, signing, check-ins,
ending, completing, renewing, reminders and the printable view."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.agreements import bp, queries, services
from vms.agreements.forms import (
    ActionForm,
    CheckInForm,
    ConfirmPasswordForm,
    EndEarlyForm,
    MakeAgreementForm,
    PartsForm,
    SignForm,
)
from vms.agreements.models import Agreement
from vms.agreements.reminders import remind_now
from vms.agreements.services import AgreementRefused, Client, SignInput
from vms.auth import services as auth_services
from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.auth.redirects import safe_next_path
from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair

_BASE = "/p/<program_slug>/agreements"
_ONE = f"{_BASE}/<int:agreement_id>"
#: The session key vms.auth.views writes at sign-in: when the password was last checked.
PASSWORD_CHECKED_AT = "password_checked_at"


def _client() -> Client:
    return Client(request.remote_addr or "", request.user_agent.string or "")


def _coordinator() -> bool:
    return Role.COORDINATOR in g.roles


def _to(agreement: Agreement, endpoint: str = "agreements.show_agreement"):
    return redirect(url_for(endpoint, program_slug=g.program.slug, agreement_id=agreement.id))


def _refused(form, refused: AgreementRefused) -> None:
    """A rule's refusal goes next to its field (or on top of the page)."""
    if form is not None and refused.field and refused.field in form:
        form[refused.field].errors = [*form[refused.field].errors, str(refused)]
    else:
        flash(str(refused), "error")


@bp.route(_BASE)
@program_view()
def list_agreements(program: Program):
    if _coordinator():
        listed = queries.coordinator_list(program, now_utc())
        return render_template("agreements/list.html", program=program, listed=listed,
                               action=ActionForm())  # fmt: skip
    mine = queries.agreements_of(current_user, program)
    return render_template("agreements/mine.html", program=program, agreements=mine)


@bp.route(f"{_BASE}/new", methods=["GET", "POST"])
@program_view()
def new_agreement(program: Program):
    form = MakeAgreementForm()
    form.subject.choices = queries.makeable_subjects(program, current_user, _coordinator())
    if form.validate_on_submit():
        kind, number = form.chosen()
        try:
            agreement = _make(program, kind, number)
        except AgreementRefused as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash(_("The agreement is made. Fill in your parts, then send it for signature."),
                  "success")  # fmt: skip
            return _to(agreement, "agreements.edit_agreement")
    return render_template("agreements/new.html", program=program, form=form)


def _make(program: Program, kind: str, number: int) -> Agreement:
    if kind == "pair":
        pair = db.session.get(PeerPair, number) or abort(404)
        return services.make_for_pair(program, pair, current_user, _client(), now_utc())
    team = db.session.get(Team, number) or abort(404)
    return services.make_for_team(program, team, current_user, _client(), now_utc())


def _page(program: Program, agreement: Agreement, **forms):
    party = agreement.party_of(current_user)
    context = {
        "program": program, "agreement": agreement, "party": party,
        "coordinator": _coordinator(), "signatures": queries.signatures_of(agreement),
        "trail": queries.trail_of(agreement), "check_ins": queries.check_ins_of(agreement),
        "composed": agreement.compose() if agreement.current_version is None else None,
        "action": ActionForm(), "check_in_form": forms.get("check_in_form") or CheckInForm(),
    }  # fmt: skip
    return render_template(forms.get("template", "agreements/show.html"), **context)


@bp.route(_ONE)
@program_view()
def show_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    if services.record_view(agreement, current_user, _client(), now_utc()):
        db.session.commit()
    return _page(program, agreement)


@bp.route(f"{_ONE}/print")
@program_view()
def print_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    return _page(program, agreement, template="agreements/print.html")


@bp.route(f"{_ONE}/edit", methods=["GET", "POST"])
@program_view()
def edit_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    if not agreement.editable:
        flash(_("This agreement can no longer be changed."), "error")
        return _to(agreement)
    allowed = services.parts_for(agreement.party_of(current_user), _coordinator())
    form = PartsForm(obj=agreement)
    form.keep_only(allowed)
    if form.validate_on_submit():
        try:
            services.fill_in(agreement, allowed, form.values(), current_user, _client(), now_utc())
        except AgreementRefused as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash(_("Your parts are saved."), "success")
            return _to(agreement)
    return render_template("agreements/edit.html", program=program, agreement=agreement,
                           form=form)  # fmt: skip


@bp.route(f"{_ONE}/send", methods=["POST"])
@program_view()
def send_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    _one_click(lambda: services.send_for_signature(agreement, current_user, _client(), now_utc()),
               _("The agreement is out for signature."))  # fmt: skip
    return _to(agreement)


def _one_click(move: Callable[[], object], done: str) -> object | None:
    """A button's move (send, complete, renew): the service's refusal is flashed, else the move
    is committed and confirmed. What the move returned, or None when nothing moved."""
    if not ActionForm().validate_on_submit():
        return None
    try:
        made = move()
    except AgreementRefused as refused:
        flash(str(refused), "error")
        return None
    db.session.commit()
    flash(done, "success")
    return made


def _fresh_sign_in() -> bool:
    minutes = current_app.config.get("AGREEMENT_SIGN_IN_FRESH_MINUTES", 5)
    checked = session.get(PASSWORD_CHECKED_AT)
    return isinstance(checked, int) and time.time() - checked <= minutes * 60


@bp.route(f"{_ONE}/sign", methods=["GET", "POST"])
@program_view()
def sign_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    if agreement.party_of(current_user) is None:
        abort(404)  # a coordinator sees the agreement; only its parties sign it
    if not _fresh_sign_in():
        flash(_("For your safety, confirm your password before you sign."), "notice")
        return redirect(url_for("agreements.confirm_password", program_slug=program.slug,
                                next=request.path))  # fmt: skip
    form = SignForm()
    if form.validate_on_submit():
        given = SignInput(form.typed_name.data, form.consent.data, _int(form.version.data),
                          form.text_sha256.data or "")  # fmt: skip
        try:
            services.sign(agreement, current_user, given, _client(), now_utc())
        except AgreementRefused as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash(_("You have signed the agreement."), "success")
            return _to(agreement)
    version = agreement.current_version
    if version is not None:  # the page shows this version: the signature is for it
        form.version.data, form.text_sha256.data = version.number, version.text_sha256
    return render_template("agreements/sign.html", program=program, agreement=agreement,
                           version=version, form=form)  # fmt: skip


def _int(value) -> int:
    return int(value) if str(value or "").isdigit() else 0


@bp.route(f"{_BASE}/confirm-password", methods=["GET", "POST"])
@program_view()
def confirm_password(program: Program):
    next_path = safe_next_path(request.args.get("next")) or url_for(
        "agreements.list_agreements", program_slug=program.slug)  # fmt: skip
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        try:
            auth_services.authenticate(current_user.email, form.password.data)
        except auth_services.SignInRefused:
            db.session.commit()  # the failure counts, as at sign-in
            form.password.errors.append(_("That is not your password."))
        else:
            db.session.commit()
            session[PASSWORD_CHECKED_AT] = int(time.time())
            return redirect(next_path)
    return render_template("agreements/confirm_password.html", program=program, form=form)


@bp.route(f"{_ONE}/check-ins", methods=["POST"])
@program_view()
def add_check_in(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    form = CheckInForm()
    if form.validate_on_submit():
        try:
            services.add_check_in(agreement, current_user, form.went_well.data, form.did_not.data,
                                  form.next_step.data, now_utc())  # fmt: skip
        except AgreementRefused as refused:
            flash(str(refused), "error")
        else:
            db.session.commit()
            flash(_("Your check-in is saved."), "success")
            return _to(agreement)
    return _page(program, agreement, check_in_form=form), 400


@bp.route(f"{_ONE}/end", methods=["GET", "POST"])
@program_view()
def end_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    form = EndEarlyForm()
    if form.validate_on_submit():
        try:
            services.end_early(agreement, current_user, form.reason.data, _client(), now_utc())
        except AgreementRefused as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash(_("The agreement has ended."), "success")
            return _to(agreement)
    return render_template("agreements/end.html", program=program, agreement=agreement,
                           form=form)  # fmt: skip


@bp.route(f"{_ONE}/complete", methods=["POST"])
@program_view()
def complete_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    _one_click(lambda: services.complete(agreement, current_user, _client(), now_utc()),
               _("The agreement is completed."))  # fmt: skip
    return _to(agreement)


@bp.route(f"{_ONE}/renew", methods=["POST"])
@program_view()
def renew_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    renewed = _one_click(lambda: services.renew(agreement, current_user, _client(), now_utc()),
                         _("A new term is drafted from the current text."))  # fmt: skip
    return _to(renewed, "agreements.edit_agreement") if renewed else _to(agreement)


@bp.route(f"{_ONE}/remind", methods=["POST"])
@program_view(Role.COORDINATOR)
def remind_agreement(program: Program, agreement_id: int):
    agreement = queries.agreement_for(program, agreement_id, current_user)
    if ActionForm().validate_on_submit():
        count = remind_now(agreement)
        db.session.commit()
        flash(_("Reminders sent: %(count)d.", count=count), "success")
    return redirect(url_for("agreements.list_agreements", program_slug=program.slug))
