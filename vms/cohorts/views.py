"""Coordinators' cohort pages, invitations, and accepting an invitation."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.auth.services import EmailTaken
from vms.cohorts import bp, queries, services
from vms.cohorts.forms import AcceptWithNewAccountForm, ActionForm, CohortForm, InvitationForm
from vms.cohorts.models import Invitation, InvitationError, InvitationStatus, Program
from vms.database import now_utc
from vms.extensions import db


@bp.route("/p/<program_slug>/cohorts")
@program_view(Role.COORDINATOR)
def list_cohorts(program: Program):
    summaries = queries.cohort_summaries(program)
    return render_template("cohorts/cohort_list.html", program=program, summaries=summaries)


@bp.route("/p/<program_slug>/cohorts/new", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def create_cohort(program: Program):
    form = CohortForm()
    if form.validate_on_submit():
        try:
            cohort = services.create_cohort(
                program, form.name.data, form.starts_on.data, form.ends_on.data
            )
        except services.DuplicateName:
            form.name.errors.append(_("This program already has a cohort with this name."))
        else:
            db.session.commit()
            flash(
                _("Cohort “%(name)s” created. Invite its people next.", name=cohort.name), "success"
            )
            return redirect(
                url_for("cohorts.show_cohort", program_slug=program.slug, cohort_id=cohort.id)
            )
    return render_template("cohorts/cohort_new.html", program=program, form=form)


def _cohort_or_404(program: Program, cohort_id: int):
    return services.cohort_or_none(program, cohort_id) or abort(404)


def _render_cohort(program: Program, cohort, form: InvitationForm):
    members, invitations = queries.cohort_people(cohort)
    return render_template(
        "cohorts/cohort_show.html",
        program=program,
        cohort=cohort,
        members=members,
        invitations=invitations,
        form=form,
        action_form=ActionForm(),
        now=now_utc(),
    )


@bp.route("/p/<program_slug>/cohorts/<int:cohort_id>")
@program_view(Role.COORDINATOR)
def show_cohort(program: Program, cohort_id: int):
    cohort = _cohort_or_404(program, cohort_id)
    return _render_cohort(program, cohort, InvitationForm())


@bp.route("/p/<program_slug>/cohorts/<int:cohort_id>/invitations", methods=["POST"])
@program_view(Role.COORDINATOR)
def invite(program: Program, cohort_id: int):
    cohort = _cohort_or_404(program, cohort_id)
    form = InvitationForm()
    if form.validate_on_submit():
        try:
            services.invite(program, cohort, form.email.data, Role(form.role.data), current_user,
                            message=form.message.data or "")  # fmt: skip
        except services.DuplicateInvitation:
            form.email.errors.append(
                _("This address already has an open invitation for this role. Resend it instead.")
            )
        except services.AlreadyMember:
            form.email.errors.append(_("This person is already in the cohort with this role."))
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(
                url_for("cohorts.show_cohort", program_slug=program.slug, cohort_id=cohort.id)
            )
    return _render_cohort(program, cohort, form)


INVITATION_URL = "/p/<program_slug>/cohorts/<int:cohort_id>/invitations/<int:invitation_id>"


@bp.route(INVITATION_URL + "/<any(resend, revoke):action>", methods=["POST"])
@program_view(Role.COORDINATOR)
def change_invitation(program: Program, cohort_id: int, invitation_id: int, action: str):
    cohort = _cohort_or_404(program, cohort_id)
    invitation = services.invitation_or_none(cohort, invitation_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        message = services.change_invitation(invitation, action)
    except InvitationError:
        flash(services.invitation_closed_message(), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("cohorts.show_cohort", program_slug=program.slug, cohort_id=cohort.id))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    found = services.invitation_for_token(token)
    if found is None:
        return render_template("cohorts/invitation_closed.html", state=None), 404
    state = found.state(now_utc())
    if state is not InvitationStatus.PENDING:
        return render_template("cohorts/invitation_closed.html", state=state, invitation=found), 410
    if current_user.is_authenticated:
        return _accept_as_signed_in(found, token)
    if services.accounts.user_by_email(found.email) is not None:
        return render_template("cohorts/invitation_sign_in.html", invitation=found, token=token)
    return _accept_with_new_account(found)


def _accept_as_signed_in(invitation: Invitation, token: str):
    if current_user.email != invitation.email:
        return render_template("cohorts/invitation_other_account.html", invitation=invitation), 403
    form = ActionForm()
    if form.validate_on_submit():
        try:
            services.accept(invitation, current_user)
        except InvitationError:  # a second click got there first
            return _closed(invitation)
        db.session.commit()
        return _welcome(invitation)
    return render_template("cohorts/invitation_accept.html", invitation=invitation, form=form)


def _closed(invitation: Invitation):
    """The page a sequential second click gets: the invitation is accepted (or revoked)."""
    db.session.rollback()
    db.session.refresh(invitation)
    state = invitation.state(now_utc())
    return render_template(
        "cohorts/invitation_closed.html", state=state, invitation=invitation
    ), 410


def _accept_with_new_account(invitation: Invitation):
    form = AcceptWithNewAccountForm(
        email=invitation.email, locale=invitation.program.default_locale
    )
    form.email.data = invitation.email  # never what the browser sent
    if form.validate_on_submit():
        try:
            user = services.accept_with_new_account(
                invitation, form.name.data, form.password.data, form.timezone.data, form.locale.data
            )
        except EmailTaken:  # an account appeared meanwhile
            abort(409)
        except InvitationError:  # a second click got there first
            return _closed(invitation)
        db.session.commit()
        login_user(user)
        return _welcome(invitation)
    if not form.is_submitted():
        form.timezone.data = invitation.program.timezone
    return render_template("cohorts/invitation_accept.html", invitation=invitation, form=form)


def _welcome(invitation: Invitation):
    flash(_("Welcome to %(program)s.", program=invitation.program.name), "success")
    return redirect(url_for("site.program_home", program_slug=invitation.program.slug))
