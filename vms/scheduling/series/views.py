"""The monthly mentor meeting: coordinators define the series, see answers and attendance;
mentors see the coming dates and answer them together, or on each date's page."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.cohorts.teams import services as team_services
from vms.extensions import db
from vms.paging import requested_page
from vms.scheduling import bp
from vms.scheduling.forms import DocketForm, SeriesForm
from vms.scheduling.meetings import access, queries
from vms.scheduling.meetings.services import MeetingRefused
from vms.scheduling.models import MeetingKind, Response
from vms.scheduling.series import answers, attendance
from vms.scheduling.series import services as series_services


@bp.route("/p/<program_slug>/mentor-meetings", methods=["GET", "POST"])
@program_view(Role.COORDINATOR, Role.MENTOR)
def mentor_meetings(program: Program):
    coordinator = Role.COORDINATOR in g.roles
    if not coordinator and request.method == "POST":
        abort(403)
    form = SeriesForm(timezone=program.timezone) if coordinator else None
    if coordinator and form.validate_on_submit():
        details = series_services.SeriesDetails(
            form.title.data, form.ordinal.data, form.weekday.data, form.start_time.data,
            form.duration_minutes.data, form.timezone.data, form.location.data,
        )  # fmt: skip
        try:
            series = series_services.create_series(program, details)
        except MeetingRefused as refused:
            form.ordinal.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("The series is set: its dates for the coming year are in every mentor’s "
                    "calendar feed."), "success")  # fmt: skip
            return redirect(url_for("scheduling.mentor_meetings", program_slug=program.slug,
                                    _anchor=f"series-{series.id}"))  # fmt: skip
    shown = _what_they_see(program, coordinator)
    return render_template("scheduling/mentor_meetings.html", program=program, form=form,
                           coordinator=coordinator, responses=list(Response), **shown)  # fmt: skip


def _what_they_see(program: Program, coordinator: bool) -> dict:
    """Coordinators: each series' dates with their answer counts, and a page of the mentors'
    attendance; a mentor: their own coming dates and answers (not everyone's counts)."""
    all_series = series_services.program_series(program)
    if not coordinator:
        return {"series": [(s, []) for s in all_series], "attendance": None, "searched": "",
                "coming": queries.coming_mentor_meetings(program, current_user)}  # fmt: skip
    dates = series_services.dates_of(all_series)
    searched = request.args.get("q", "").strip()[:100]
    page = attendance.yearly_attendance(program, requested_page(request.args.get("page")),
                                        searched)  # fmt: skip
    return {"series": [(s, dates[s.id]) for s in all_series], "attendance": page,
            "searched": searched, "coming": []}  # fmt: skip


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/docket", methods=["POST"])
@program_view(Role.COORDINATOR)
def set_docket(program: Program, meeting_id: int):
    meeting = access.meeting_in_program(program, meeting_id) or abort(404)
    if meeting.kind is not MeetingKind.MENTOR_MEETING:
        abort(404)
    form = DocketForm(team_services.docket_choices(program))
    if form.validate_on_submit():
        chosen = [v for v in team_services.proposable_ventures(program)
                  if v.id in set(form.ventures.data or [])]  # fmt: skip
        series_services.set_docket(meeting, chosen)
        db.session.commit()
        flash(_("The docket is saved."), "success")
    else:
        flash(_("Choose ventures that are on the docket."), "error")
    return redirect(url_for("scheduling.show_meeting", program_slug=program.slug,
                            meeting_id=meeting.id))  # fmt: skip


@bp.route("/p/<program_slug>/mentor-meetings/answers", methods=["POST"])
@program_view(Role.MENTOR)
def answer_dates(program: Program):
    """Several dates answered in one post; back to the page it came from (the series page or
    the home)."""
    changed = answers.answer_dates(program, current_user, answers.answers_from_form(request.form))
    db.session.commit()
    if changed:
        flash(ngettext("%(num)d answer is saved.", "%(num)d answers are saved.", changed),
              "success")  # fmt: skip
    else:
        flash(_("Your answers are unchanged."), "notice")
    home = request.form.get("from") == "home"
    back = "site.program_home" if home else "scheduling.mentor_meetings"
    return redirect(url_for(back, program_slug=program.slug))
