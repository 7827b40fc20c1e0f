"""Planning speed-dating events: the list, the new-event form with its preview, the event page
with its people, re-planning (absent, present, added) and sending everyone their schedule; and
what people get: the printable run sheet, and each person's own schedule on screen and as a
calendar file."""

from __future__ import annotations

from flask import (
    Response,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.forms import ActionForm
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import wall_clock, wall_clock_to_utc
from vms.mail.links import email_link
from vms.peer import bp
from vms.peer.events import queries, schedules, seating, services
from vms.peer.events.forms import AddParticipantForm, EventForm
from vms.peer.events.qr import qr_svg
from vms.peer.events.services import EventDetails, EventRefused
from vms.peer.events.timetable import SessionPlan
from vms.peer.models import EventStatus, PeerEvent, PeerParticipant


def _details(form: EventForm, program: Program) -> EventDetails:
    """What the form says; dates and times are read on the program's clocks."""
    zone = program.timezone
    breaks = {"break_every": form.break_every.data, "break_minutes": form.break_minutes.data}
    first = wall_clock_to_utc(form.day.data, form.start.data, zone)
    sessions = (SessionPlan(first, **breaks),)
    if form.second_day.data:
        second = wall_clock_to_utc(form.second_day.data, form.second_start.data, zone)
        sessions = (SessionPlan(first, form.first_rounds.data, **breaks),
                    SessionPlan(second, **breaks))  # fmt: skip
    return EventDetails(
        cohort_id=form.cohort.data, title=form.title.data, sessions=sessions,
        location=form.location.data or "", conversation_minutes=form.conversation_minutes.data,
        change_minutes=form.change_minutes.data, tables=form.tables.data,
        group_size=form.group_size.data, choices=form.choices.data,
        mentor_capacity=form.mentor_capacity.data,
    )  # fmt: skip


def _refused_next_to_field(form: EventForm, refused: EventRefused) -> None:
    field = getattr(form, refused.field, None) or form.title
    field.errors = [*field.errors, str(refused)]


def _event_url(program: Program, event: PeerEvent) -> str:
    return url_for("peer.show_event", program_slug=program.slug, event_id=event.id)


@bp.route("/p/<program_slug>/peer/events")
@program_view()
def list_events(program: Program):
    events = queries.events_for(program, current_user, g.roles)
    return render_template("peer/events/event_list.html", program=program, events=events,
                           coordinator=Role.COORDINATOR in g.roles)  # fmt: skip


@bp.route("/p/<program_slug>/peer/events/new", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def new_event(program: Program):
    form = EventForm(program.cohorts)
    shown = None
    if form.validate_on_submit():
        try:
            if form.wants_preview:
                shown = services.preview(program, _details(form, program))
            else:
                event = services.plan_event(program, _details(form, program), now_utc(),
                                            current_user)  # fmt: skip
        except EventRefused as refused:
            _refused_next_to_field(form, refused)
        else:
            if shown is None:
                db.session.commit()
                flash(_("Event created: every member meets every peer mentor once."), "success")
                return redirect(_event_url(program, event))
    return render_template("peer/events/event_form.html", program=program, form=form,
                           preview=shown, event=None)  # fmt: skip


def _form_data(event: PeerEvent) -> dict:
    first, last = event.sessions[0], event.sessions[-1]
    day, start = wall_clock(first.starts_at, event.timezone)
    data = {name: getattr(event, name) for name in (
        "title", "location", "conversation_minutes", "change_minutes", "tables", "group_size",
        "choices", "mentor_capacity")}  # fmt: skip
    data.update(cohort=event.cohort_id, day=day, start=start, break_every=first.break_every,
                break_minutes=first.break_minutes)  # fmt: skip
    if len(event.sessions) > 1:
        data["second_day"], data["second_start"] = wall_clock(last.starts_at, event.timezone)
        data["first_rounds"] = first.rounds
    return data


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/edit", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit_event(program: Program, event_id: int):
    event = queries.event_in_program(program, event_id) or abort(404)
    if event.status is not EventStatus.PLANNED:
        abort(404)
    form = EventForm([event.cohort], data=None if request.method == "POST" else _form_data(event))
    shown = None
    if form.validate_on_submit():
        try:
            if form.wants_preview:
                shown = services.preview(program, _details(form, program))
            else:
                services.edit_event(event, _details(form, program), now_utc())
        except EventRefused as refused:
            _refused_next_to_field(form, refused)
        else:
            if shown is None:
                db.session.commit()
                flash(_("Saved: every round is seated afresh."), "success")
                return redirect(_event_url(program, event))
    return render_template("peer/events/event_form.html", program=program, form=form,
                           preview=shown, event=event)  # fmt: skip


@bp.route("/p/<program_slug>/peer/events/<int:event_id>")
@program_view()
def show_event(program: Program, event_id: int):
    event = queries.visible_event(program, event_id, current_user, g.roles) or abort(404)
    coordinator = Role.COORDINATOR in g.roles
    mode = "peer.event_mode" in current_app.view_functions
    return render_template(
        "peer/events/event_show.html", program=program, event=event, coordinator=coordinator,
        timetable=seating.event_timetable(event), action_form=ActionForm(),
        add_form=AddParticipantForm(queries.addable_people(event)) if coordinator else None,
        mine=seating.participant_of(event, current_user.id), event_mode=mode,
        may_replan=event.status in (EventStatus.PLANNED, EventStatus.RUNNING),
    )  # fmt: skip


def _participant(event: PeerEvent, participant_id: int):
    found = next((p for p in event.participants if p.id == participant_id), None)
    return found or abort(404)


def _replan(program: Program, event_id: int, participant_id: int, move) -> object:
    event = queries.event_in_program(program, event_id) or abort(404)
    participant = _participant(event, participant_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        rounds = move(event, participant)
    except EventRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(ngettext("The %(num)d round not yet started is seated afresh.",
                       "The %(num)d rounds not yet started are seated afresh.", rounds),
              "success")  # fmt: skip
    return redirect(_event_url(program, event))


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/people/<int:participant_id>/absent",
          methods=["POST"])  # fmt: skip
@program_view(Role.COORDINATOR)
def mark_absent(program: Program, event_id: int, participant_id: int):
    return _replan(program, event_id, participant_id, services.mark_absent)


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/people/<int:participant_id>/present",
          methods=["POST"])  # fmt: skip
@program_view(Role.COORDINATOR)
def mark_present(program: Program, event_id: int, participant_id: int):
    return _replan(program, event_id, participant_id, services.mark_present)


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/people", methods=["POST"])
@program_view(Role.COORDINATOR)
def add_participant(program: Program, event_id: int):
    event = queries.event_in_program(program, event_id) or abort(404)
    form = AddParticipantForm(queries.addable_people(event))
    if not form.validate_on_submit():
        flash(_("Choose someone of the program who does not take part yet."), "error")
        return redirect(_event_url(program, event))
    person = next(user for user, _role in queries.addable_people(event)
                  if user.id == form.person.data)  # fmt: skip
    try:
        services.add_participant(event, person, form.role())
    except EventRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_("%(name)s is added: the rounds not yet started are seated afresh.",
                name=person.name), "success")  # fmt: skip
    return redirect(_event_url(program, event))


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/send-schedules", methods=["POST"])
@program_view(Role.COORDINATOR)
def send_schedules(program: Program, event_id: int):
    event = queries.event_in_program(program, event_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    sent = schedules.send_schedules(event, now_utc())
    db.session.commit()
    flash(ngettext("%(num)d person gets their schedule by email.",
                   "%(num)d people get their schedule by email.", sent), "success")  # fmt: skip
    return redirect(_event_url(program, event))


def _schedule_link(program: Program, event: PeerEvent) -> str:
    # Built on BASE_URL, never on the request's Host header: it is printed and scanned.
    return email_link("peer.my_schedule", program_slug=program.slug, event_id=event.id)


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/run-sheet")
@program_view(Role.COORDINATOR)
def show_run_sheet(program: Program, event_id: int):
    event = queries.event_in_program(program, event_id) or abort(404)
    link = _schedule_link(program, event)
    return render_template(
        "peer/events/run_sheet.html", program=program, event=event,
        sheet=queries.run_sheet(event), schedule_link=link,
        qr=qr_svg(link, _("Your own schedule: %(link)s", link=link)),
    )  # fmt: skip


def _whose(program: Program, event_id: int) -> tuple[PeerEvent, PeerParticipant | None]:
    """The event and whose schedule: the viewer's own, or ``?person=`` for a coordinator."""
    event = queries.visible_event(program, event_id, current_user, g.roles) or abort(404)
    asked = request.args.get("person", type=int)
    if asked is not None and asked != current_user.id:
        if Role.COORDINATOR not in g.roles:
            abort(404)
        return event, seating.participant_of(event, asked) or abort(404)
    return event, seating.participant_of(event, current_user.id)


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/schedule")
@program_view()
def my_schedule(program: Program, event_id: int):
    event, participant = _whose(program, event_id)
    if participant is None:  # a coordinator who does not take part (the QR code leads here)
        return redirect(url_for("peer.show_event", program_slug=program.slug, event_id=event.id))
    return render_template(
        "peer/events/my_schedule.html", program=program, event=event, participant=participant,
        rows=queries.schedule_of(event, participant),
        own=participant.user_id == current_user.id,
    )  # fmt: skip


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/schedule.ics")
@program_view()
def my_schedule_ics(program: Program, event_id: int):
    event, participant = _whose(program, event_id)
    if participant is None:
        abort(404)
    body = schedules.schedule_file(event, participant, now_utc())
    name = f"schedule-{event.id}-{participant.user_id}.ics"
    return Response(body, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
