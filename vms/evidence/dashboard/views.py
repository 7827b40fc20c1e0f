"""The dashboard, its CSV exports and the measures' settings (coordinators only)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.csv_export import csv_response
from vms.database import now_utc
from vms.evidence.dashboard import bp
from vms.evidence.dashboard.data import Evidence
from vms.evidence.dashboard.forms import EvidenceFilterForm, MeasureSettingsForm
from vms.evidence.dashboard.sections import SECTIONS, build_section
from vms.evidence.measures.ledger import ledger_page, ledger_rows
from vms.evidence.measures.scope import scope_of
from vms.evidence.measures.settings import meaningful_threshold, save_meaningful_threshold
from vms.extensions import db
from vms.paging import requested_page


def _filtered(program: Program) -> tuple[EvidenceFilterForm, Evidence | None]:
    """The filter from the URL, and the evidence it selects (None: the filter is wrong)."""
    form = EvidenceFilterForm(request.args).offer(program.cohorts)
    if not form.validate():
        return form, None
    scope = scope_of(form.starts_on.data, form.ends_on.data, form.cohort.data, program.timezone)
    return form, Evidence(program, scope, now_utc())


@bp.route("/p/<program_slug>/evidence")
@program_view(Role.COORDINATOR)
def show_dashboard(program: Program):
    form, evidence = _filtered(program)
    sections = [build(evidence) for build in SECTIONS.values()] if evidence else []
    return render_template("evidence/dashboard/dashboard.html", program=program, form=form,
                           sections=sections), 200 if evidence else 400  # fmt: skip


@bp.route("/p/<program_slug>/evidence/export.csv")
@program_view(Role.COORDINATOR)
def export_measure(program: Program):
    form, evidence = _filtered(program)
    if evidence is None:
        abort(400)
    section = build_section(evidence, request.args.get("table", "")) or abort(404)
    table = section.table
    return csv_response(f"{program.slug}-{section.key}.csv", table.header, table.rows)


@bp.route("/p/<program_slug>/evidence/mentors")
@program_view(Role.COORDINATOR)
def mentor_ledger(program: Program):
    form, evidence = _filtered(program)
    number = requested_page(request.args.get("page"))
    page = ledger_page(program, evidence.scope, evidence.now, number) if evidence else None
    return render_template("evidence/dashboard/mentor_ledger.html", program=program, form=form,
                           page=page), 200 if evidence else 400  # fmt: skip


@bp.route("/p/<program_slug>/evidence/mentors.csv")
@program_view(Role.COORDINATOR)
def export_mentor_ledger(program: Program):
    _form, evidence = _filtered(program)
    if evidence is None:
        abort(400)
    rows = ledger_rows(program, evidence.scope, evidence.now)
    header = [_("Mentor"), _("Days pledged a month"), _("Team meetings attended"),
              _("Team meetings invited to"), _("Monthly mentor meetings attended"),
              _("Monthly mentor meetings invited to")]  # fmt: skip
    return csv_response(f"{program.slug}-mentor-ledger.csv", header, (
        [r.name, r.days_pledged, r.team_attended, r.team_invited, r.monthly_attended,
         r.monthly_invited] for r in rows))  # fmt: skip


@bp.route("/p/<program_slug>/evidence/settings", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit_measure_settings(program: Program):
    form = MeasureSettingsForm(
        data={"meaningful_meetings": meaningful_threshold(program)}
        if request.method == "GET" else None
    )  # fmt: skip
    if form.validate_on_submit():
        save_meaningful_threshold(program, form.meaningful_meetings.data)
        db.session.commit()
        flash(_("The measures' settings are saved."), "success")
        return redirect(url_for("dashboard.show_dashboard", program_slug=program.slug))
    return render_template("evidence/dashboard/settings.html", program=program, form=form)
