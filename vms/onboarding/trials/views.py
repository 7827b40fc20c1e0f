"""The trials' pages, under the evidence dashboard (coordinators only): the list, a new or
edited draft, its page with the assignments and the result, start and stop (confirmed: they
change what newcomers get), and each result table as CSV."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.confirmation import unconfirmed, was_confirmed
from vms.csv_export import csv_response
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.trials import bp, queries, services
from vms.onboarding.trials.forms import TrialForm, form_data
from vms.onboarding.trials.models import Trial, TrialRefused, TrialStatus
from vms.onboarding.trials.results import trial_result
from vms.onboarding.trials.statistics import MIN_PER_ARM


def _trial_or_404(program: Program, trial_id: int) -> Trial:
    return services.trial_in_program(program, trial_id) or abort(404)


def _show(program: Program, trial: Trial):
    return redirect(url_for("trials.show_trial", program_slug=program.slug, trial_id=trial.id))


@bp.route("/p/<program_slug>/evidence/trials")
@program_view(Role.COORDINATOR)
def list_trials(program: Program):
    rows = queries.program_trials(program)
    return render_template("onboarding/trials/trial_list.html", program=program, rows=rows)


@bp.route("/p/<program_slug>/evidence/trials/new", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def new_trial(program: Program):
    form = TrialForm()
    if form.add_row():
        return _form_page(program, form, None)
    if form.validate_on_submit():
        trial = services.create_trial(program, form.trial_input())
        db.session.commit()
        flash(_("The trial is saved as a draft. Start it when its arms are ready."), "success")
        return _show(program, trial)
    return _form_page(program, form, None)


@bp.route("/p/<program_slug>/evidence/trials/<int:trial_id>/edit", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit_trial(program: Program, trial_id: int):
    trial = _trial_or_404(program, trial_id)
    if trial.status is not TrialStatus.DRAFT:
        flash(_("The trial has started: its arms can no longer change, so that everyone "
                "assigned had the same choice of arms."), "error")  # fmt: skip
        return _show(program, trial)
    form = TrialForm(data=form_data(trial) if request.method == "GET" else None)
    if form.add_row():
        return _form_page(program, form, trial)
    if form.validate_on_submit():
        try:
            services.update_trial(trial, form.trial_input())
        except TrialRefused as refused:
            flash(str(refused), "error")
            return _show(program, trial)
        db.session.commit()
        flash(_("The trial's changes are saved."), "success")
        return _show(program, trial)
    return _form_page(program, form, trial)


def _form_page(program: Program, form: TrialForm, trial: Trial | None):
    status = 400 if form.errors else 200
    return render_template("onboarding/trials/trial_form.html", program=program, form=form,
                           trial=trial), status  # fmt: skip


@bp.route("/p/<program_slug>/evidence/trials/<int:trial_id>")
@program_view(Role.COORDINATOR)
def show_trial(program: Program, trial_id: int):
    trial = _trial_or_404(program, trial_id)
    result = trial_result(program, trial, now_utc())
    return render_template("onboarding/trials/trial_show.html", program=program, trial=trial,
                           result=result, min_per_arm=MIN_PER_ARM)  # fmt: skip


@bp.route("/p/<program_slug>/evidence/trials/<int:trial_id>/start", methods=["POST"])
@program_view(Role.COORDINATOR)
def start_trial(program: Program, trial_id: int):
    trial = _trial_or_404(program, trial_id)
    if not was_confirmed():
        return unconfirmed(url_for("trials.show_trial", program_slug=program.slug,
                                   trial_id=trial.id))  # fmt: skip
    try:
        services.start_trial(program, trial)
    except TrialRefused as refused:
        flash(str(refused), "error")
        return _show(program, trial)
    db.session.commit()
    flash(_("The trial is running: each newcomer is now assigned an arm."), "success")
    return _show(program, trial)


@bp.route("/p/<program_slug>/evidence/trials/<int:trial_id>/stop", methods=["POST"])
@program_view(Role.COORDINATOR)
def stop_trial(program: Program, trial_id: int):
    trial = _trial_or_404(program, trial_id)
    if not was_confirmed():
        return unconfirmed(url_for("trials.show_trial", program_slug=program.slug,
                                   trial_id=trial.id))  # fmt: skip
    try:
        services.stop_trial(trial)
    except TrialRefused as refused:
        flash(str(refused), "error")
        return _show(program, trial)
    db.session.commit()
    flash(_("The trial is stopped. Everyone assigned keeps their arm, and the result stays "
            "here."), "success")  # fmt: skip
    return _show(program, trial)


@bp.route("/p/<program_slug>/evidence/trials/<int:trial_id>/result.csv")
@program_view(Role.COORDINATOR)
def export_trial_result(program: Program, trial_id: int):
    trial = _trial_or_404(program, trial_id)
    sections = trial_result(program, trial, now_utc()).sections
    section = next((s for s in sections if s.key == request.args.get("table")), None)
    if section is None:
        abort(404)
    return csv_response(f"{program.slug}-trial-{trial.id}-{section.key}.csv",
                        section.table.header, section.table.rows)  # fmt: skip
