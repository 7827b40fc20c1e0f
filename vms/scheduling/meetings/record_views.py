"""The meetings list, the entrepreneur's agenda, and the summary, actions and attendance."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.paging import requested_page
from vms.scheduling import bp
from vms.scheduling.forms import (
    ACTION_ROWS,
    AGENDA_TOO_LONG,
    AgendaForm,
    AttendanceForm,
    MeetingRulesForm,
    SummaryForm,
)
from vms.scheduling.meetings import access, agenda_rows, people, queries, records
from vms.scheduling.meetings.services import MeetingRefused


@bp.route("/p/<program_slug>/meetings")
@program_view()
def list_meetings(program: Program):
    upcoming = request.args.get("when") != "past"
    page = request.args.get("page", "1")
    page = int(page) if page.isdigit() and len(page) < 6 else 1
    found = queries.meetings_page(program, current_user, g.roles, upcoming, page)
    rules = MeetingRulesForm(obj=program) if Role.COORDINATOR in g.roles else None
    return render_template("scheduling/meeting_list.html", program=program, found=found,
                           upcoming=upcoming, rules=rules)  # fmt: skip


@bp.route("/p/<program_slug>/meetings/rules", methods=["POST"])
@program_view(Role.COORDINATOR)
def meeting_rules(program: Program):
    form = MeetingRulesForm()
    if not form.validate_on_submit():
        found = queries.meetings_page(program, current_user, g.roles)
        return render_template("scheduling/meeting_list.html", program=program, found=found,
                               upcoming=True, rules=form), 400  # fmt: skip
    program.agenda_due_days = form.agenda_due_days.data
    program.summary_due_hours = form.summary_due_hours.data
    db.session.commit()
    flash(_("The meeting deadlines are saved."), "success")
    return redirect(url_for("scheduling.list_meetings", program_slug=program.slug))


def _meeting(program: Program, meeting_id: int):
    return access.visible_meeting(program, meeting_id, current_user, g.roles) or abort(404)


def _back(program: Program, meeting, **args) -> str:
    return url_for("scheduling.show_meeting", program_slug=program.slug, meeting_id=meeting.id,
                   **args)  # fmt: skip


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/agenda", methods=["GET", "POST"])
@program_view()
def edit_agenda(program: Program, meeting_id: int):
    meeting, team = _meeting(program, meeting_id)
    if not access.may_write_agenda(team, current_user, g.roles):
        abort(403)
    op = request.form.get("op", "save")
    if request.method == "POST" and op != "save":  # add, remove or move a row: nothing saved
        return _rearranged_agenda(program, meeting, op)
    form = AgendaForm() if request.method == "POST" else _agenda_form(_saved_rows(meeting))
    if form.validate_on_submit():
        lines = [records.AgendaLine(r.form.title.data, r.form.owner.data or "", r.form.minutes.data)
                 for r in form.items]  # fmt: skip
        try:
            records.set_agenda(meeting, lines)
        except MeetingRefused as refused:
            form.items.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("The agenda is saved; the team sees it on the meeting page."), "success")
            return redirect(_back(program, meeting))
    return _agenda_page(program, meeting, form, 400 if form.is_submitted() else 200)


def _saved_rows(meeting) -> list[agenda_rows.TypedRow]:
    saved = [agenda_rows.TypedRow(i.title, i.owner, str(i.minutes or "")) for i in meeting.agenda]
    return saved or [agenda_rows.TypedRow()] * agenda_rows.NEW_AGENDA_ROWS


def _agenda_form(rows: list[agenda_rows.TypedRow]) -> AgendaForm:
    return AgendaForm(formdata=MultiDict(agenda_rows.as_formdata(rows)))


def _rearranged_agenda(program: Program, meeting, op: str):
    """The form again with one row more, less or moved, everything typed kept."""
    rows = agenda_rows.rows_from(request.form)
    try:
        form = _agenda_form(agenda_rows.apply(rows, op))
    except agenda_rows.TooManyItems:
        form = _agenda_form(rows)
        form.items.errors = [str(AGENDA_TOO_LONG)]
        return _agenda_page(program, meeting, form, 400)
    return _agenda_page(program, meeting, form)


def _agenda_page(program: Program, meeting, form: AgendaForm, status: int = 200):
    page = render_template("scheduling/agenda_form.html", program=program, meeting=meeting,
                           form=form, max_items=agenda_rows.MAX_ITEMS)  # fmt: skip
    return page, status


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/summary", methods=["GET", "POST"])
@program_view()
def write_summary(program: Program, meeting_id: int):
    meeting, team = _meeting(program, meeting_id)
    if not access.may_write_summary(team, current_user, g.roles):
        abort(403)
    form = SummaryForm(obj=meeting)
    if request.method == "GET":
        for row, item in zip(form.actions, meeting.actions[:ACTION_ROWS], strict=False):
            row.form.text.data, row.form.owner.data = item.text, item.owner
            row.form.due_on.data = item.due_on
    if form.validate_on_submit():
        actions = [records.ActionLine(r.form.text.data, r.form.owner.data or "", r.form.due_on.data)
                   for r in form.actions]  # fmt: skip
        try:
            records.record_summary(meeting, form.summary.data, form.decisions.data or "", actions)
        except MeetingRefused as refused:
            form.summary.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("The summary is saved."), "success")
            return redirect(_back(program, meeting))
    return render_template("scheduling/summary_form.html", program=program, meeting=meeting,
                           form=form, team=team)  # fmt: skip


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/attendance", methods=["POST"])
@program_view()
def record_attendance(program: Program, meeting_id: int):
    meeting, team = _meeting(program, meeting_id)
    if not access.may_organise(team, current_user, g.roles):
        abort(403)
    form = AttendanceForm()
    listed = people.listed_invitees(meeting, form.listed_ids())
    form.offer(listed)
    chosen = people.PeopleFilter.from_args(request.args)  # back to the same page of people
    back = _back(program, meeting, **chosen.link_args(requested_page(request.args.get("page"))))
    if not form.validate_on_submit():
        flash(_("Tick the people who came."), "error")
        return redirect(back)
    try:
        records.record_attendance(meeting, listed, set(form.attended.data or []))
    except MeetingRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Attendance is recorded."), "success")
    return redirect(back)
