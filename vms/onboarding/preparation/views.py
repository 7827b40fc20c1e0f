"""Coordinators define the orientation steps and the requirement and see who is prepared;
mentors see their own preparation and confirm what is theirs to confirm."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.confirmation import unconfirmed, was_confirmed
from vms.extensions import db
from vms.onboarding.preparation import bp, queries, services
from vms.onboarding.preparation.forms import MoveForm, StepForm
from vms.onboarding.preparation.models import CompletionHow
from vms.onboarding.preparation.services import NAMES_SHOWN, PreparationRefused, StepDetails
from vms.paging import requested_page


def _steps_url(program: Program) -> str:
    return url_for("preparation.manage_steps", program_slug=program.slug)


def _step(program: Program, step_id: int):
    step = services.step_in_program(program, step_id)
    if step is None:
        abort(404)
    return step


def _details(form: StepForm) -> StepDetails:
    return StepDetails(form.title.data, form.description.data or "", form.way.data,
                       form.meeting_kind.data)  # fmt: skip


@bp.route("/p/<program_slug>/preparation/steps", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def manage_steps(program: Program):
    form = StepForm()
    if form.validate_on_submit():
        try:
            services.add_step(program, _details(form))
        except PreparationRefused as refused:
            form.title.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("The step is added."), "success")
            return redirect(_steps_url(program))
    steps = services.steps_of(program)
    return render_template(
        "onboarding/preparation/steps.html", program=program, form=form, steps=steps,
        required=services.is_required(program),
    ), 400 if form.errors else 200  # fmt: skip


@bp.route("/p/<program_slug>/preparation/steps/<int:step_id>", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit_step(program: Program, step_id: int):
    step = _step(program, step_id)
    form = StepForm(obj=step)
    if form.validate_on_submit():
        try:
            services.edit_step(step, _details(form))
        except PreparationRefused as refused:
            form.title.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("The step is saved."), "success")
            return redirect(_steps_url(program))
    return render_template("onboarding/preparation/step_edit.html", program=program, form=form,
                           step=step), 400 if form.errors else 200  # fmt: skip


@bp.post("/p/<program_slug>/preparation/steps/<int:step_id>/move")
@program_view(Role.COORDINATOR)
def move_step(program: Program, step_id: int):
    step = _step(program, step_id)
    form = MoveForm()
    if not form.validate_on_submit():
        flash(" ".join(str(e) for e in form.position.errors) or _("Give a place (1 is first)."),
              "error")  # fmt: skip
        return redirect(_steps_url(program))
    try:
        services.move_step(program, step, form.position.data)
    except PreparationRefused as refused:
        flash(str(refused), "error")
        return redirect(_steps_url(program))
    db.session.commit()
    flash(_("The step is moved."), "success")
    return redirect(_steps_url(program))


@bp.post("/p/<program_slug>/preparation/steps/<int:step_id>/retire")
@program_view(Role.COORDINATOR)
def retire_step(program: Program, step_id: int):
    step = _step(program, step_id)
    if not was_confirmed():  # it stops counting for every mentor: asked first
        return unconfirmed(_steps_url(program))
    return _change_status(
        program,
        step,
        services.retire_step,
        _("The step is retired: it no longer counts; completions are kept."),
    )


@bp.post("/p/<program_slug>/preparation/steps/<int:step_id>/restore")
@program_view(Role.COORDINATOR)
def restore_step(program: Program, step_id: int):
    return _change_status(
        program, _step(program, step_id), services.restore_step, _("The step counts again.")
    )


def _change_status(program: Program, step, change, done: str):
    try:
        change(step)
    except PreparationRefused as refused:
        flash(str(refused), "error")
        return redirect(_steps_url(program))
    db.session.commit()
    flash(done, "success")
    return redirect(_steps_url(program))


@bp.post("/p/<program_slug>/preparation/requirement")
@program_view(Role.COORDINATOR)
def set_requirement(program: Program):
    required = request.form.get("required") == "on"
    if required and not was_confirmed():
        return unconfirmed(_steps_url(program))
    names = services.set_required(program, required)
    db.session.commit()
    if not required:
        flash(_("Mentors no longer need to complete their preparation to join a team."),
              "success")  # fmt: skip
    elif names:
        flash(_not_prepared_note(names), "notice")
    else:
        flash(_("Mentors must now complete their preparation before they join a team."),
              "success")  # fmt: skip
    return redirect(_steps_url(program))


def _not_prepared_note(names: list[str]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    note = ngettext(
        "Mentors must now complete their preparation before they join a team. %(num)d mentor "
        "already on a team is not prepared and stays on it: %(names)s.",
        "Mentors must now complete their preparation before they join a team. %(num)d mentors "
        "already on teams are not prepared and stay on them: %(names)s.",
        len(names), names=shown,
    )  # fmt: skip
    return note + (" " + _("…and %(n)d more.", n=more) if more > 0 else "")


@bp.route("/p/<program_slug>/preparation/mentors")
@program_view(Role.COORDINATOR)
def mentor_progress(program: Program):
    shown = request.args.get("show", "")
    shown = shown if shown in queries.FILTERS else ""
    listing = queries.mentor_list(program, shown, requested_page(request.args.get("page")))
    return render_template("onboarding/preparation/mentors.html", program=program,
                           listing=listing, shown=shown)  # fmt: skip


@bp.post("/p/<program_slug>/preparation/mentors/<int:user_id>/steps/<int:step_id>")
@program_view(Role.COORDINATOR)
def mark_done(program: Program, user_id: int, step_id: int):
    step, mentor = _step(program, step_id), services.mentor_in_program(program, user_id)
    if mentor is None:
        abort(404)
    back = request.form.get("back") or ""
    back = back if back.startswith("/") and not back.startswith("//") else None
    try:
        services.complete(step, mentor, CompletionHow.MARKED, marked_by=current_user)
    except PreparationRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("%(step)s is marked done for %(name)s.", step=step.title, name=mentor.name),
              "success")  # fmt: skip
    return redirect(back or url_for("preparation.mentor_progress", program_slug=program.slug))


@bp.route("/p/<program_slug>/preparation")
@program_view(Role.MENTOR)
def my_preparation(program: Program):
    states = queries.my_steps(program, current_user)
    return render_template("onboarding/preparation/mine.html", program=program, states=states,
                           required=services.is_required(program))  # fmt: skip


@bp.post("/p/<program_slug>/preparation/steps/<int:step_id>/confirm")
@program_view(Role.MENTOR)
def confirm_step(program: Program, step_id: int):
    step = _step(program, step_id)
    try:
        services.complete(step, current_user, CompletionHow.CONFIRMED)
    except PreparationRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Thank you: %(step)s is done.", step=step.title), "success")
    return redirect(url_for("preparation.my_preparation", program_slug=program.slug))
