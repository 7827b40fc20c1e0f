"""Team meetings: schedule, see, answer, move or cancel; the agenda; the summary and attendance."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.models import TeamStatus
from vms.confirmation import reason_given, unconfirmed, was_confirmed
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import wall_clock, wall_clock_to_utc
from vms.paging import requested_page
from vms.scheduling import bp
from vms.scheduling.calendars import feed_ics
from vms.scheduling.forms import AnswerForm, AttendanceForm, DocketForm, MeetingForm
from vms.scheduling.meetings import access, people, records
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.second_look import second_look
from vms.scheduling.meetings.services import MeetingDetails, MeetingRefused
from vms.scheduling.models import MeetingKind, MeetingStatus, Response


def _details(form: MeetingForm) -> MeetingDetails:
    """What the form says; the form's own checks keep the date within two years."""
    starts_at = wall_clock_to_utc(form.day.data, form.start.data, form.timezone.data)
    return MeetingDetails(starts_at, form.duration_minutes.data, form.location.data or "",
                          form.video_url.data or "", form.notes.data or "")  # fmt: skip


def _second_look(form: MeetingForm, team, details: MeetingDetails, leaving_out=None):
    """The warnings to show before the invitations go out, unless the organiser has seen
    these very warnings for this very time and sends anyway. A clash is a warning, not a
    block: people do double-book on purpose. A time no meeting may have is refused first."""
    meetings.check_details(details, form.timezone.data)
    look = second_look(team, details, form.timezone.data, leaving_out)
    if not look or form.acknowledged.data == look.fingerprint:
        return None
    form.acknowledged.data = look.fingerprint
    return look


@bp.route("/p/<program_slug>/teams/<int:team_id>/meetings/new", methods=["GET", "POST"])
@program_view()
def schedule_meeting(program: Program, team_id: int):
    team = access.team_in_program(program, team_id) or abort(404)
    if not access.may_organise(team, current_user, g.roles):
        abort(403)
    if team.status is not TeamStatus.PUBLISHED:  # a draft is not introduced to anyone yet
        abort(404)
    form, look = MeetingForm(timezone=program.timezone), None
    if form.validate_on_submit():
        details = _details(form)
        try:
            look = _second_look(form, team, details)
            if look is None:
                meeting = meetings.schedule_team_meeting(team, details, current_user,
                                                         form.timezone.data)  # fmt: skip
        except MeetingRefused as refused:
            form.day.errors.append(str(refused))
        else:
            if look is None:
                db.session.commit()
                flash(_("Scheduled: the team and the founders have their invitations."),
                      "success")  # fmt: skip
                return redirect(url_for("scheduling.show_meeting", program_slug=program.slug,
                                        meeting_id=meeting.id))  # fmt: skip
    return render_template("scheduling/meeting_form.html", program=program, form=form, team=team,
                           second_look=look)  # fmt: skip


def _meeting(program: Program, meeting_id: int):
    """The meeting and its team; a 404 for anyone neither coordinator nor invitee."""
    return access.visible_meeting(program, meeting_id, current_user, g.roles) or abort(404)


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>")
@program_view()
def show_meeting(program: Program, meeting_id: int):
    seen = access.meeting_as_seen_by(program, meeting_id, current_user, g.roles) or abort(404)
    meeting, team, mine = seen
    organiser = access.may_organise(team, current_user, g.roles)
    who = people.who_is_invited(meeting, mine, organiser,
                                people.PeopleFilter.from_args(request.args),
                                requested_page(request.args.get("page")))  # fmt: skip
    now = now_utc()
    return render_template(
        "scheduling/meeting_show.html", program=program, meeting=meeting, team=team,
        mine=who.mine, who=who, organiser=organiser, now=now,
        **_answer_and_attendance_forms(who, organiser and _under_way(meeting, now)),
        agenda_writer=access.may_write_agenda(team, current_user, g.roles),
        summary_writer=access.may_write_summary(team, current_user, g.roles),
        agenda_due=records.agenda_due_at(meeting, program),
        summary_due=records.summary_due_at(meeting, program),
        pending=records.agenda_pending(meeting), docket_form=_docket_form(program, meeting),
    )  # fmt: skip


def _under_way(meeting, now) -> bool:
    """Begun and not cancelled: attendance may be recorded."""
    return meeting.status is MeetingStatus.SCHEDULED and now >= meeting.starts_at


def _answer_and_attendance_forms(who: people.WhoIsInvited, recording: bool) -> dict:
    """The viewer's answer, and, once attendance may be recorded, who came among the people
    listed (one page of a large date)."""
    mine, listed = who.mine, who.listed.rows if who.listed else []
    came = [i.user_id for i in listed if i.attended]
    return {
        "answer_form": AnswerForm(response=mine.response.value if mine and mine.response
                                  else "yes"),
        "attendance_form": AttendanceForm(listed, attended=came,
                                          listed=[i.user_id for i in listed])
        if recording and listed else None,
    }  # fmt: skip


def _docket_form(program: Program, meeting) -> DocketForm | None:
    if meeting.kind is not MeetingKind.MENTOR_MEETING or Role.COORDINATOR not in g.roles:
        return None
    chosen = [entry.venture_id for entry in meeting.docket]
    return DocketForm(team_services.docket_choices(program), ventures=chosen)


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/answer", methods=["POST"])
@program_view()
def answer_meeting(program: Program, meeting_id: int):
    meeting, _team = _meeting(program, meeting_id)
    form = AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        meetings.respond(meeting, current_user, Response(form.response.data))
    except MeetingRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Your answer is recorded: %(answer)s.",
                answer=Response(form.response.data).label), "success")  # fmt: skip
    return redirect(url_for("scheduling.show_meeting", program_slug=program.slug,
                            meeting_id=meeting.id))  # fmt: skip


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@program_view()
def edit_meeting(program: Program, meeting_id: int):
    meeting, team = _meeting(program, meeting_id)
    if not access.may_organise(team, current_user, g.roles):
        abort(403)
    form = MeetingForm(obj=meeting)
    if request.method == "GET":
        form.day.data, form.start.data = wall_clock(meeting.starts_at, meeting.timezone)
        form.duration_minutes.data = int(
            (meeting.ends_at - meeting.starts_at).total_seconds() // 60
        )
    look = None
    if form.validate_on_submit():
        details = _details(form)
        moved = details.moves(meeting)
        try:
            look = _second_look(form, team, details, meeting.id) if moved and team else None
            if look is None:
                meeting.timezone = form.timezone.data
                changed = meetings.reschedule(meeting, details)
        except MeetingRefused as refused:
            form.day.errors.append(str(refused))
        else:
            if look is None:
                db.session.commit()
                flash(_("Moved: everyone has the new time and is asked to answer again.") if moved
                      else _("Updated: everyone has the new details.") if changed
                      else _("Saved. The time and place did not change, so no update was sent."),
                      "success")  # fmt: skip
                return redirect(url_for("scheduling.show_meeting", program_slug=program.slug,
                                        meeting_id=meeting.id))  # fmt: skip
    return render_template("scheduling/meeting_form.html", program=program, form=form, team=team,
                           meeting=meeting, second_look=look)  # fmt: skip


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>/cancel", methods=["POST"])
@program_view()
def cancel_meeting(program: Program, meeting_id: int):
    meeting, team = _meeting(program, meeting_id)
    if not access.may_organise(team, current_user, g.roles):
        abort(403)
    back = url_for("scheduling.show_meeting", program_slug=program.slug, meeting_id=meeting.id)
    if not was_confirmed():
        return unconfirmed(back)
    try:
        meetings.cancel(meeting, reason=reason_given())
    except MeetingRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("Cancelled: everyone is told and the calendar entries are removed."), "success")
    return redirect(back)


@bp.route("/p/<program_slug>/meetings/<int:meeting_id>.ics")
@program_view()
def download_meeting(program: Program, meeting_id: int):
    meeting, _team = _meeting(program, meeting_id)
    event = meetings.calendar_event(meeting, meetings.organizer_person(program),
                                    facts=meetings.entry_facts(meeting, program))  # fmt: skip
    body = feed_ics.publish([(event, meeting.status.value == "cancelled")], meeting.created_at,
                            program.name)  # fmt: skip
    return (
        body,
        200,
        {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="meeting-{meeting.id}.ics"',
        },
    )
