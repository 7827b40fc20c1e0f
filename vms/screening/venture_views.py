"""Ventures apply, see their profile and completeness; coordinators run the venture pipeline."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts import services as cohorts
from vms.cohorts.models import VENTURE_MOVES, Affiliation, Program, VentureStage, VentureStatus
from vms.extensions import db
from vms.screening import bp, ventures
from vms.screening.forms import MoveForm
from vms.screening.venture_forms import venture_form
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


@bp.route("/ventures/<token>")
def venture_profile(token: str):
    """The founders' private page: the profile, the self-assessment chart, the meter."""
    venture = ventures.venture_for_token(token) or abort(404)
    return render_template("screening/venture_profile.html", token=token,
                           **_profile_context(venture))  # fmt: skip


@bp.route("/ventures/<token>/edit", methods=["GET", "POST"])
def edit_venture_profile(token: str):
    venture = ventures.venture_for_token(token) or abort(404)
    program = db.session.get(Program, venture.program_id)
    form = venture_form(program)
    if request.method == "GET":
        _fill(form, venture)
    if form.validate_on_submit():
        try:
            ventures.update_profile(program, venture, _profile_input(form))
        except ventures.DuplicateVenture:
            form.name.errors.append(_("Another venture in this program has this name."))
        else:
            db.session.commit()
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("screening.venture_profile", token=token))
    return render_template("screening/venture_apply.html", program=program, form=form, edit=True)


def _fill(form, venture) -> None:
    form.name.data, form.description.data = venture.name, venture.description
    form.stage.data = venture.stage.value if venture.stage else ""
    form.sector.data = str(venture.sector_id) if venture.sector_id else ""
    form.website.data, form.goal_statement.data = venture.website, venture.goal_statement
    for row, founder in zip(form.founders, venture.founders, strict=False):
        row.form.name.data, row.form.email.data = founder.name, founder.email
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
    found = ventures.pipeline(program, chosen, query)
    areas = ventures.area_count(program)
    return render_template(
        "screening/venture_pipeline.html", program=program, ventures=found, chosen=chosen,
        query=query, counts=ventures.stage_counts(program), statuses=list(VentureStatus),
        completeness={v.id: ventures.profile_completeness(v, areas) for v in found},
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
    return render_template("screening/venture_show.html", form=form, **_profile_context(venture))
