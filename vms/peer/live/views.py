"""Event mode: the coordinator's phone or the projector during a speed-dating event.

The page works without its script (plain POST forms, POST/redirect/GET, a refresh in
``<noscript>``); ``static/peer/event_mode.js`` polls ``peer.event_clock`` and redraws the
countdown each second from the server's clock, so two screens agree.
"""

from __future__ import annotations

from flask import abort, flash, g, jsonify, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired, Optional

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.mail.links import email_link
from vms.peer import bp
from vms.peer.events.qr import qr_svg
from vms.peer.live import clock
from vms.peer.live.clock import Live, ModeRefused, SeatLine, Seen
from vms.peer.live.phases import Phase
from vms.peer.models import PeerEvent, PeerParticipant


class ClockMoveForm(FlaskForm):
    """A move on the clock, with what the page showed when it was drawn (hidden)."""

    version = IntegerField(validators=[InputRequired()])
    phase = HiddenField(validators=[InputRequired()])
    round = IntegerField(validators=[Optional()])


def _event(program: Program, event_id: int) -> PeerEvent:
    return db.session.scalar(
        select(PeerEvent).where(PeerEvent.id == event_id, PeerEvent.program_id == program.id)
    ) or abort(404)  # fmt: skip


def _takes_part(event: PeerEvent) -> bool:
    found = db.session.scalar(
        select(PeerParticipant.id).where(
            PeerParticipant.event_id == event.id, PeerParticipant.user_id == current_user.id
        )
    )
    return found is not None


def line_text(line: SeatLine) -> str:
    if line.table is None:
        return _("%(name)s: sits out this round", name=line.name)
    if not line.partners:
        return _("%(name)s: table %(table)d", name=line.name, table=line.table)
    return _("%(name)s: table %(table)d with %(partners)s", name=line.name, table=line.table,
             partners=", ".join(line.partners))  # fmt: skip


def round_heading(now: Live) -> str:
    if now.plan.rounds == 0:
        return _("No rotation yet")
    if now.state.round == 0:
        return _("%(rounds)d rounds, none started yet", rounds=now.plan.rounds)
    return _("Round %(round)d of %(rounds)d", round=now.state.round, rounds=now.plan.rounds)


def _instant(moment) -> str:
    """ISO 8601 in milliseconds, which every browser's ``Date.parse`` reads."""
    return moment.isoformat(timespec="milliseconds")


def _clock_json(now: Live) -> dict:
    state = now.state
    return {
        "now": _instant(now.now),
        "round": state.round,
        "rounds": now.plan.rounds,
        "heading": round_heading(now),
        "phase": now.shown_phase,
        "phase_label": str(clock.PHASE_LABELS[now.shown_phase]),
        "paused": state.paused,
        "ends_at": _instant(state.ends_at) if state.ends_at and not state.paused else None,
        "seconds_left": now.seconds_left,
        "version": now.version,
        "seated_round": now.seated_round,
        "lines": [line_text(line) for line in now.lines],
    }


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/live")
@program_view(Role.COORDINATOR)
def event_mode(program: Program, event_id: int):
    event = _event(program, event_id)
    now = clock.live(event)
    # On the projector too, the code that opens each person's own schedule (after sign-in).
    link = email_link("peer.my_schedule", program_slug=program.slug, event_id=event.id)
    return render_template(
        "peer/live/mode.html", program=program, event=event, live=now,
        heading=round_heading(now), lines=[line_text(line) for line in now.lines],
        phase_label=clock.PHASE_LABELS[now.shown_phase],
        qr=qr_svg(link, _("Your own schedule: %(link)s", link=link)),
    )  # fmt: skip


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/clock")
@program_view()
def event_clock(program: Program, event_id: int):
    """The clock as JSON, for event mode's script and a participant's second screen."""
    event = _event(program, event_id)
    if Role.COORDINATOR not in g.roles and not _takes_part(event):
        abort(404)
    response = jsonify(_clock_json(clock.live(event)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/p/<program_slug>/peer/events/<int:event_id>/live/<any(start, pause, resume, "
          "extend, skip, finish):move>", methods=["POST"])  # fmt: skip
@program_view(Role.COORDINATOR)
def move_event_clock(program: Program, event_id: int, move: str):
    event = _event(program, event_id)
    form = ClockMoveForm()
    if not form.validate_on_submit():
        abort(400)
    seen = Seen(form.version.data, form.phase.data)
    try:
        now = clock.move(event, move, current_user, seen, round_=form.round.data)
    except ModeRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(_moved_message(move, now), "success")
    return redirect(url_for("peer.event_mode", program_slug=program.slug, event_id=event_id))


def _moved_message(move: str, now: Live) -> str:
    started = now.state.phase is Phase.CONVERSATION and now.state.time_left(now.now)
    if move == "start" or (move == "skip" and started):
        return _("Round %(round)d has started.", round=now.state.round)
    if move == "finish" and now.event_over:
        return _("The event is over: members can rank their choices now.")
    if move == "skip":
        return _("Skipped ahead: %(phase)s.", phase=str(clock.PHASE_LABELS[now.shown_phase]))
    return {"pause": _("Paused."), "resume": _("Resumed."), "extend": _("One more minute."),
            "finish": _("The session is over.")}[move]  # fmt: skip
