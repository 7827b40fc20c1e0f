"""Ranking peer mentors after an event, and the coordinator's pairing page."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.i18n import wall_clock, wall_clock_to_utc
from vms.peer import bp
from vms.peer.choices import queries, services
from vms.peer.choices.forms import ChangePairForm, DeadlineForm, PublishForm, ranking_form
from vms.peer.choices.overview import pairing_overview
from vms.peer.choices.services import ChoiceRefused
from vms.peer.models import PeerEvent, PeerRole

_BASE = "/p/<program_slug>/peer/events/<int:event_id>"


def _event(program: Program, event_id: int) -> PeerEvent:
    return queries.event_in_program(program, event_id) or abort(404)


def _refused(form, refused: ChoiceRefused) -> None:
    """A rule's refusal goes next to its field (or on top of the form)."""
    field = form[refused.field] if refused.field and refused.field in form else None
    if field is not None:
        field.errors = [*field.errors, str(refused)]
    else:
        flash(str(refused), "error")


def _ranking_form(event: PeerEvent, role: PeerRole, people):
    """The form over ``people``, showing what the person saved last (a POST shows what was sent)."""
    mine, avoided = queries.own_choices(event, current_user)
    saved = {f"choice_{place}": person for place, person in enumerate(mine, 1)}
    saved["avoid"] = avoided
    return ranking_form(event.choices, people, role is PeerRole.MEMBER, data=saved)


@bp.route(f"{_BASE}/choices", methods=["GET", "POST"])
@program_view()
def rank_choices(program: Program, event_id: int):
    event = _event(program, event_id)
    me = queries.participant(event, current_user)
    if me is None or me.absent:  # only the people who took part rank
        abort(404)
    closed = services.ranking_closed_reason(event, now_utc())
    may_rank = me.role is PeerRole.MEMBER or event.mentors_rank
    people = queries.other_side(event, me.role)
    form = _ranking_form(event, me.role, people)
    if may_rank and form.validate_on_submit():
        try:
            services.save_ranking(event, me, form.ranked(), form.avoid.data or [])
        except ChoiceRefused as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash(_("Your ranking is saved. You can change it until the deadline."), "success")
            return redirect(url_for("peer.rank_choices", program_slug=program.slug,
                                    event_id=event.id))  # fmt: skip
    return render_template("peer/choices/ranking.html", program=program, event=event,
                           form=form, role=me.role, closed=closed, may_rank=may_rank,
                           pair=queries.published_pair(event, current_user))  # fmt: skip


def _pairing_page(program: Program, event: PeerEvent, deadline_form: DeadlineForm | None = None):
    if deadline_form is None:
        deadline_form = DeadlineForm()
        if event.ranking_deadline:
            deadline_form.day.data, deadline_form.time.data = wall_clock(
                event.ranking_deadline, event.timezone)  # fmt: skip
    overview = pairing_overview(queries.event_choices(event))
    return render_template("peer/choices/pairing.html", program=program, event=event,
                           overview=overview, deadline_form=deadline_form,
                           publish_form=PublishForm(), change_form=ChangePairForm(),
                           closed=services.ranking_closed_reason(event, now_utc()))  # fmt: skip


def _to_pairing(program: Program, event: PeerEvent):
    return redirect(url_for("peer.show_pairing", program_slug=program.slug, event_id=event.id))


@bp.route(f"{_BASE}/pairing")
@program_view(Role.COORDINATOR)
def show_pairing(program: Program, event_id: int):
    return _pairing_page(program, _event(program, event_id))


@bp.route(f"{_BASE}/pairing/deadline", methods=["POST"])
@program_view(Role.COORDINATOR)
def set_ranking_deadline(program: Program, event_id: int):
    event = _event(program, event_id)
    form = DeadlineForm()
    if form.validate_on_submit():
        deadline = wall_clock_to_utc(form.day.data, form.time.data, event.timezone)
        try:
            services.set_deadline(event, deadline)
        except ChoiceRefused as refused:
            _refused(form, refused)
        else:
            db.session.commit()
            flash(_("The deadline to rank is set."), "success")
            return _to_pairing(program, event)
    return _pairing_page(program, event, form)


def _act(program: Program, event_id: int, action, done):
    """Run one pairing action on the event; its refusal is flashed, not a 500."""
    event = _event(program, event_id)
    try:
        result = action(event)
    except ChoiceRefused as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(done(result), "success")
    return _to_pairing(program, event)


@bp.route(f"{_BASE}/pairing/run", methods=["POST"])
@program_view(Role.COORDINATOR)
def run_pairing(program: Program, event_id: int):
    return _act(program, event_id, services.run_pairing,
                lambda n: _("Pairing done: %(count)s members are paired. Locked pairs were kept.",
                            count=n))  # fmt: skip


@bp.route(f"{_BASE}/pairing/remind", methods=["POST"])
@program_view(Role.COORDINATOR)
def remind_rankers(program: Program, event_id: int):
    return _act(program, event_id, services.remind_to_rank,
                lambda n: _("Reminder sent to %(count)s members who have not ranked.",
                            count=n))  # fmt: skip


@bp.route(f"{_BASE}/pairing/members/<int:member_id>", methods=["POST"])
@program_view(Role.COORDINATOR)
def change_pair(program: Program, event_id: int, member_id: int):
    form = ChangePairForm()
    if not form.validate_on_submit():
        abort(400)
    return _act(program, event_id,
                lambda event: services.change_pair(event, member_id, form.mentor.data),
                lambda _pair: _("Pair changed and locked: a re-run keeps it."))  # fmt: skip


@bp.route(f"{_BASE}/pairing/members/<int:member_id>/lock", methods=["POST"])
@program_view(Role.COORDINATOR)
def lock_pair(program: Program, event_id: int, member_id: int):
    return _act(program, event_id,
                lambda event: services.set_pair_lock(event, member_id, True),
                lambda _none: _("Pair locked: a re-run keeps it."))  # fmt: skip


@bp.route(f"{_BASE}/pairing/members/<int:member_id>/unlock", methods=["POST"])
@program_view(Role.COORDINATOR)
def unlock_pair(program: Program, event_id: int, member_id: int):
    return _act(program, event_id,
                lambda event: services.set_pair_lock(event, member_id, False),
                lambda _none: _("Pair unlocked: a re-run may change it."))  # fmt: skip


@bp.route(f"{_BASE}/pairing/publish", methods=["POST"])
@program_view(Role.COORDINATOR)
def publish_pairs(program: Program, event_id: int):
    event = _event(program, event_id)
    form = PublishForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to confirm."), "error")
        return _to_pairing(program, event)
    return _act(program, event_id, services.publish,
                lambda n: _("Published: %(count)s pairs, and everyone has an email of their "
                            "pair.", count=n))  # fmt: skip
