"""Peer circles: coordinators create and edit them and see them all; the facilitator records
each date; members see their circle, its dates and their own commitments."""

from __future__ import annotations

from datetime import time

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.peer import bp
from vms.peer.circles import queries, services
from vms.peer.circles.forms import CircleForm, RecordForm
from vms.peer.circles.models import PeerCircle
from vms.scheduling.meetings import people

_CHOICE = {"yes": True, "no": False, "done": True, "not_yet": False}


@bp.route("/p/<program_slug>/peer/circles")
@program_view(Role.COORDINATOR)
def list_circles(program: Program):
    rows = queries.program_circles(program, now_utc())
    return render_template("peer/circles/circle_list.html", program=program, rows=rows)


def _circle_form(program: Program, **data) -> CircleForm:
    return CircleForm(queries.facilitator_choices(program), queries.entrepreneur_choices(program),
                      **data)  # fmt: skip


def _details(form: CircleForm) -> services.CircleDetails:
    return services.CircleDetails(
        form.name.data, form.facilitator_id.data, form.ordinal.data, form.weekday.data,
        form.start_time.data, form.duration_minutes.data, form.timezone.data, form.location.data,
    )  # fmt: skip


@bp.route("/p/<program_slug>/peer/circles/new", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def new_circle(program: Program):
    form = _circle_form(program, timezone=program.timezone, ordinal=1, weekday=2,
                        start_time=time(18), duration_minutes=90)  # fmt: skip
    if form.validate_on_submit():
        try:
            circle = services.create_circle(program, _details(form), form.members.data or [])
        except services.CircleRefused as refused:
            getattr(form, refused.field).errors.append(refused.message)
        else:
            db.session.commit()
            flash(_("The circle is set: its members have the invitations to its next dates."),
                  "success")  # fmt: skip
            return redirect(url_for("peer.show_circle", program_slug=program.slug,
                                    circle_id=circle.id))  # fmt: skip
    return render_template("peer/circles/circle_form.html", program=program, form=form,
                           circle=None)  # fmt: skip


@bp.route("/p/<program_slug>/peer/circles/<int:circle_id>/edit", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit_circle(program: Program, circle_id: int):
    circle = queries.circle_in_program(program, circle_id) or abort(404)
    form = _circle_form(program, **_saved(circle))
    if form.validate_on_submit():
        try:
            services.update_circle(circle, _details(form), form.members.data or [])
        except services.CircleRefused as refused:
            getattr(form, refused.field).errors.append(refused.message)
        else:
            db.session.commit()
            flash(_("The circle is saved."), "success")
            return redirect(url_for("peer.show_circle", program_slug=program.slug,
                                    circle_id=circle.id))  # fmt: skip
    return render_template("peer/circles/circle_form.html", program=program, form=form,
                           circle=circle)  # fmt: skip


def _saved(circle: PeerCircle) -> dict:
    """The circle as the form shows it before any change (ignored on a POST)."""
    if request.method == "POST":
        return {}
    fields = ("name", "facilitator_id", "ordinal", "weekday", "start_time",
              "duration_minutes", "timezone", "location")  # fmt: skip
    return {**{f: getattr(circle, f) for f in fields}, "members": sorted(circle.member_ids())}


def _visible(program: Program, circle_id: int) -> PeerCircle:
    return queries.visible_circle(program, circle_id, current_user, g.roles) or abort(404)


@bp.route("/p/<program_slug>/peer/circles/<int:circle_id>")
@program_view()
def show_circle(program: Program, circle_id: int):
    circle = _visible(program, circle_id)
    return render_template(
        "peer/circles/circle_show.html", program=program, circle=circle,
        dates=queries.dates_of(circle, now_utc()),
        members=sorted((m.user for m in circle.members), key=lambda u: (u.name, u.id)),
        coordinator=Role.COORDINATOR in g.roles,
    )  # fmt: skip


@bp.route("/p/<program_slug>/peer/circles/<int:circle_id>/meetings/<int:meeting_id>",
          methods=["GET", "POST"])  # fmt: skip
@program_view()
def show_circle_meeting(program: Program, circle_id: int, meeting_id: int):
    circle = _visible(program, circle_id)
    date = queries.circle_date(circle, meeting_id) or abort(404)
    recorder = queries.may_record(circle, current_user, g.roles)
    if request.method == "POST" and not recorder:
        abort(403)
    lines = queries.date_lines(circle, date)
    form = RecordForm(rows=[_row(line) for line in lines]) if recorder else None
    if form is not None and form.validate_on_submit():
        try:
            services.record_meeting(circle, date, _entries(form))
        except services.CircleRefused as refused:
            form.form_errors.append(refused.message)
        else:
            db.session.commit()
            flash(_("Attendance and commitments are saved."), "success")
            return redirect(url_for("peer.show_circle_meeting", program_slug=program.slug,
                                    circle_id=circle.id, meeting_id=meeting_id))  # fmt: skip
    return _date_page(program, circle, date, lines, form)


def _date_page(program: Program, circle: PeerCircle, date, lines, form: RecordForm | None):
    if form is not None:
        form.label_rows({line.user.id: line.user.name for line in lines})
    invited = people.invitation_of(date.meeting, current_user) is not None
    return render_template(
        "peer/circles/circle_meeting.html", program=program, circle=circle, date=date,
        meeting=date.meeting, lines={line.user.id: line for line in lines}, form=form,
        now=now_utc(), calendar_link=invited or Role.COORDINATOR in g.roles,
    )  # fmt: skip


def _row(line: queries.MemberLine) -> dict:
    record, last = line.record, line.last
    present = None if record is None or record.present is None else record.present
    return {
        "user_id": line.user.id,
        "present": {True: "yes", False: "no"}.get(present, ""),
        "commitment": record.commitment if record else "",
        "last_done": {True: "done", False: "not_yet"}.get(last.done if last else None, ""),
    }


def _entries(form: RecordForm) -> list[services.MemberEntry]:
    return [
        services.MemberEntry(
            user_id,
            _CHOICE.get(row.form.present.data),
            row.form.commitment.data or "",
            _CHOICE.get(row.form.last_done.data),
        )
        for user_id, row in zip(form.user_ids(), form.rows, strict=True)
        if user_id is not None
    ]


@bp.route("/p/<program_slug>/peer/my-circle")
@program_view()
def my_circle(program: Program):
    circles = queries.circles_of(program, current_user)
    now = now_utc()
    return render_template(
        "peer/circles/my_circle.html", program=program, circles=circles,
        dates_by_circle=queries.dates_of_circles([c.id for c in circles], now),
        mine=queries.own_records(circles, current_user),
    )  # fmt: skip
