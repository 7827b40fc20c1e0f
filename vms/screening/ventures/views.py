"""Ventures apply, see their profile and completeness; coordinators run the venture pipeline."""

from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts import services as cohorts
from vms.cohorts.models import (
    VENTURE_MOVES,
    Affiliation,
    Program,
    Venture,
    VentureStage,
    VentureStatus,
)
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.files import panel as file_panel
from vms.onboarding.files import services as stored_files
from vms.paging import requested_page
from vms.screening import bp
from vms.screening.mentors.forms import MoveForm
from vms.screening.ventures import services as ventures
from vms.screening.ventures.forms import venture_form
from vms.states import IllegalTransition


def _profile_input(form) -> ventures.VentureProfileInput:
    founders = [
        ventures.FounderInput(row.form.name.data, row.form.email.data or "",
                              Affiliation(row.form.affiliation.data) if row.form.affiliation.data
                              else None)
        for row in form.founders if row.form.name.data
    ]  # fmt: skip
    assessment = {
        area.id: (int(form[f"strength_{area.id}"].data), bool(form[f"help_{area.id}"].data))
        for area in form.areas
        if form[f"strength_{area.id}"].data
    }
    return ventures.VentureProfileInput(
        name=form.name.data, description=form.description.data,
        stage=VentureStage(form.stage.data) if form.stage.data else None,
        sector_id=int(form.sector.data) if form.sector.data else None,
        website=form.website.data or "", goal_statement=form.goal_statement.data,
        founders=founders, assessment=assessment, locale=str(get_locale()),
    )  # fmt: skip


@bp.route("/p/<program_slug>/apply/venture", methods=["GET", "POST"])
def apply_as_venture(program_slug: str):
    program = cohorts.program_by_slug(program_slug) or abort(404)
    form = venture_form(program)
    if form.validate_on_submit():
        try:
            _venture, token = ventures.submit(program, _profile_input(form))
        except ventures.DuplicateVenture:
            form.name.errors.append(_("A venture with this name has already applied here. "
                                      "Use the link in your email to update it."))  # fmt: skip
        else:
            db.session.commit()
            flash(_("Thank you: your application is in. Here is your venture’s profile."),
                  "success")  # fmt: skip
            return redirect(url_for("screening.venture_profile", token=token))
    return render_template("screening/venture_apply.html", program=program, form=form)


def _profile_context(venture):
    program = db.session.get(Program, venture.program_id)
    done = ventures.profile_completeness(venture, ventures.area_count(program))
    return {"venture": venture, "program": program, "done": done,
            "rows": ventures.assessment_rows(venture, program)}  # fmt: skip


def _venture_by_link(token: str) -> Venture:
    """The venture whose live link this is; an expired link says how to get a new one."""
    venture = ventures.venture_for_token(token) or abort(404)
    if not venture.link_is_live(now_utc()):
        program = db.session.get(Program, venture.program_id)
        page = render_template("screening/venture_link_expired.html", program=program)
        abort(make_response(page, 410))
    return venture


def _signed_in_venture(program: Program, venture_id: int) -> Venture:
    """For its founders and the program's coordinators; anyone else is told it is not there."""
    found = ventures.venture_for_founder_or_coordinator(program, venture_id, current_user, g.roles)
    return found or abort(404)


@bp.route("/ventures/<token>")
def venture_profile(token: str):
    """The founders' private page: the profile, the self-assessment chart, the meter."""
    venture = _venture_by_link(token)
    return render_template(
        "screening/venture_profile.html", link_expires_at=venture.access_token_expires_at,
        edit_url=url_for("screening.edit_venture_profile", token=token),
        file_rows=file_panel.rows_for(venture, token=token), **_profile_context(venture),
    )  # fmt: skip


@bp.route("/ventures/<token>/edit", methods=["GET", "POST"])
def edit_venture_profile(token: str):
    venture = _venture_by_link(token)
    # After a founder is removed the editor continues on the new link (the old one is dead).
    return _edit(venture, lambda new: url_for("screening.venture_profile", token=new or token))


@bp.route("/p/<program_slug>/ventures/<int:venture_id>")
@program_view()
def my_venture_profile(program: Program, venture_id: int):
    """The same profile for signed-in founders, reached from their home and team pages."""
    venture = _signed_in_venture(program, venture_id)
    here = {"program_slug": program.slug, "venture_id": venture.id}
    return render_template(
        "screening/venture_profile.html", edit_url=url_for("screening.edit_my_venture", **here),
        renew_url=url_for("screening.renew_my_venture_link", **here),
        file_rows=file_panel.rows_for(venture, program=program), **_profile_context(venture),
    )  # fmt: skip


@bp.route("/p/<program_slug>/ventures/<int:venture_id>/edit", methods=["GET", "POST"])
@program_view()
def edit_my_venture(program: Program, venture_id: int):
    venture = _signed_in_venture(program, venture_id)
    profile = url_for("screening.my_venture_profile", program_slug=program.slug,
                      venture_id=venture.id)  # fmt: skip
    return _edit(venture, lambda _new: profile)


@bp.route("/p/<program_slug>/ventures/<int:venture_id>/link", methods=["POST"])
@program_view()
def renew_my_venture_link(program: Program, venture_id: int):
    venture = _signed_in_venture(program, venture_id)
    ventures.renew_link(program, venture)
    db.session.commit()
    flash(_("We emailed the founders a new link. The old one no longer works."), "success")
    return redirect(url_for("screening.my_venture_profile", program_slug=program.slug,
                            venture_id=venture.id))  # fmt: skip


def _edit(venture: Venture, back_to):
    """The edit form for either way in; ``back_to(new_token)`` is the profile to return to."""
    program = db.session.get(Program, venture.program_id)
    form = venture_form(program, venture=venture)
    if request.method == "GET":
        _fill(form, venture)
    if form.validate_on_submit():
        try:
            new_token = ventures.update_profile(program, venture, _profile_input(form))
        except ventures.DuplicateVenture:
            form.name.errors.append(_("Another venture in this program has this name."))
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            if new_token is not None:
                flash(_("A founder was removed, so we emailed the others a new link. "
                        "The old one no longer works."), "notice")  # fmt: skip
            return redirect(back_to(new_token))
    return render_template("screening/venture_apply.html", program=program, form=form, edit=True)


def _fill(form, venture) -> None:
    form.name.data, form.description.data = venture.name, venture.description
    form.stage.data = venture.stage.value if venture.stage else ""
    form.sector.data = str(venture.sector_id) if venture.sector_id else ""
    form.website.data, form.goal_statement.data = venture.website, venture.goal_statement
    for row, founder in zip(form.founders, venture.founders, strict=False):
        # A founder linked to an account may have no address of their own on the row.
        row.form.name.data = founder.name or (founder.user.name if founder.user else "")
        row.form.email.data = founder.email or (founder.user.email if founder.user else "")
        row.form.affiliation.data = founder.affiliation.value if founder.affiliation else ""
    for need in venture.assessment:
        if f"strength_{need.term_id}" in form:
            form[f"strength_{need.term_id}"].data = str(need.strength)
            form[f"help_{need.term_id}"].data = need.wants_help


@bp.route("/p/<program_slug>/screening/ventures", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def venture_pipeline(program: Program):
    if request.method == "POST":  # the docket threshold
        threshold = request.form.get("threshold", "")
        if not threshold.isdigit() or not 0 <= int(threshold) <= 100:
            flash(_("The threshold is a whole number from 0 to 100."), "error")
        else:
            ventures.set_docket_threshold(program, int(threshold))
            db.session.commit()
            flash(_("Ventures now need %(n)d%% to go on a docket.", n=int(threshold)), "success")
        return redirect(request.path)
    status = request.args.get("status", "")
    chosen = VentureStatus(status) if status in {s.value for s in VentureStatus} else None
    query = request.args.get("q", "")[:200]
    counts, page = ventures.stage_counts(program), requested_page(request.args.get("page"))
    found = ventures.pipeline_page(program, chosen, query, page, counts)
    areas = ventures.area_count(program)
    files = stored_files.files_of_ventures(program, [v.id for v in found.rows])
    return render_template(
        "screening/venture_pipeline.html", program=program, found=found, chosen=chosen,
        query=query, counts=counts, statuses=list(VentureStatus),
        completeness={v.id: ventures.profile_completeness(v, areas, files[v.id])
                      for v in found.rows},
    )  # fmt: skip


@bp.route("/p/<program_slug>/screening/ventures/<int:venture_id>", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def show_venture(program: Program, venture_id: int):
    venture = ventures.venture_in_program(program, venture_id) or abort(404)
    form = MoveForm(sorted(VENTURE_MOVES[venture.status], key=list(VentureStatus).index))
    if form.validate_on_submit():
        try:
            ventures.move(program, venture, VentureStatus(form.target.data), current_user,
                          form.note.data)  # fmt: skip
        except ventures.NotCompleteEnough as gap:
            form.target.errors.append(
                _("The profile is %(done)d%% complete; the docket needs %(needed)d%%.",
                  done=gap.percent, needed=gap.threshold))  # fmt: skip
        except IllegalTransition:
            form.target.errors.append(_("Someone moved this venture meanwhile. Look again."))
        else:
            db.session.commit()
            flash(_("%(name)s moved.", name=venture.name), "success")
            return redirect(request.path)
    return render_template("screening/venture_show.html", form=form, now=now_utc(),
                           file_rows=file_panel.rows_for(venture, program=program),
                           **_profile_context(venture))  # fmt: skip


@bp.route("/p/<program_slug>/screening/ventures/<int:venture_id>/link", methods=["POST"])
@program_view(Role.COORDINATOR)
def send_venture_link(program: Program, venture_id: int):
    venture = ventures.venture_in_program(program, venture_id) or abort(404)
    ventures.renew_link(program, venture)
    db.session.commit()
    flash(_("We emailed the founders of %(name)s a new link. The old one no longer works.",
            name=venture.name), "success")  # fmt: skip
    return redirect(url_for("screening.show_venture", program_slug=program.slug,
                            venture_id=venture.id))  # fmt: skip
