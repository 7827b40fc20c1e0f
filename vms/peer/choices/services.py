"""Rankings, pairing and publication. Each write locks the event first (the rules it checks,
the deadline, the places left and the status, all live on it), flushes, and leaves the commit
to the view."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from blinker import Namespace
from flask_babel import gettext as _
from sqlalchemy import delete, select

from vms.database import now_utc
from vms.extensions import db
from vms.i18n import format_in_timezone
from vms.i18n import lazy_gettext as _l
from vms.mail.links import email_link
from vms.mail.services import queue_email
from vms.notifications.categories import Category
from vms.notifications.services import Notice, send_now
from vms.peer.choices import queries
from vms.peer.choices.models import PeerAvoid, PeerPair, PeerRanking
from vms.peer.choices.queries import EventChoices
from vms.peer.models import EventStatus, PeerEvent, PeerParticipant, PeerRole
from vms.peer.pairing import pair
from vms.row_locks import lock

#: Sent with the event as sender and ``pairs`` (the published pairs) once they are emailed
#: (evidence asks each member's goal).
pairs_published = Namespace().signal("peer-pairs-published")

#: People rank once the event has begun (after a first session) and until it is paired.
RANKING_OPEN = frozenset({EventStatus.RUNNING, EventStatus.HELD})


class ChoiceRefused(Exception):
    """A rule said no; ``field`` names the form field the message belongs next to."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def ranking_closed_reason(event: PeerEvent, now: datetime) -> str | None:
    """Why nobody may rank now, or None while ranking is open."""
    if event.status is EventStatus.PLANNED:
        return _("Ranking opens once the event has started: you will rank the peer mentors "
                 "you met.")  # fmt: skip
    if event.status is EventStatus.PAIRED:
        return _("The pairs are published: rankings are closed.")
    if event.ranking_deadline is not None and now >= event.ranking_deadline:
        return _("The deadline to rank has passed: rankings can no longer change.")
    return None


def save_ranking(
    event: PeerEvent, ranker: PeerParticipant, ranked: list[int], avoided: list[int],
    now: datetime | None = None,
) -> None:  # fmt: skip
    """Replace what ``ranker`` ranked and asked not to be paired with."""
    lock(event)
    if reason := ranking_closed_reason(event, now or now_utc()):
        raise ChoiceRefused(reason, "choice_1")
    if ranker.role is PeerRole.PEER_MENTOR and not event.mentors_rank:
        raise ChoiceRefused(_("Peer mentors do not rank members at this event."), "choice_1")
    if ranker.role is PeerRole.MEMBER and not ranked:
        raise ChoiceRefused(_("Rank at least one peer mentor."), "choice_1")
    allowed = {user.id for user in queries.other_side(event, ranker.role)}
    if not set(ranked) | set(avoided) <= allowed:
        raise ChoiceRefused(_("Choose among the people listed."), "choice_1")
    who = (PeerRanking.event_id == event.id, PeerRanking.ranker_id == ranker.user_id)
    db.session.execute(delete(PeerRanking).where(*who))
    db.session.execute(
        delete(PeerAvoid).where(PeerAvoid.event_id == event.id,
                                PeerAvoid.ranker_id == ranker.user_id)
    )  # fmt: skip
    for rank, person in enumerate(ranked, 1):
        db.session.add(PeerRanking(event_id=event.id, ranker_id=ranker.user_id,
                                   ranked_id=person, rank=rank))  # fmt: skip
    for person in avoided:
        db.session.add(PeerAvoid(event_id=event.id, ranker_id=ranker.user_id, avoided_id=person))
    if ranker.role is PeerRole.MEMBER:
        _follow_ranking(event, ranker.user_id, ranked)
    db.session.flush()


def _follow_ranking(event: PeerEvent, member_id: int, ranked: list[int]) -> None:
    """A proposed pair keeps the rank the member now gives, or goes if no longer ranked."""
    proposed = db.session.scalar(
        select(PeerPair).where(PeerPair.event_id == event.id, PeerPair.member_id == member_id)
    )
    if proposed is None:
        return
    if proposed.mentor_id in ranked:
        proposed.rank = ranked.index(proposed.mentor_id) + 1
    else:
        db.session.delete(proposed)


def set_deadline(event: PeerEvent, deadline: datetime, now: datetime | None = None) -> None:
    lock(event)
    if event.status is EventStatus.PAIRED:
        raise ChoiceRefused(_("The pairs are published: rankings are closed."), "day")
    if deadline <= (now or now_utc()):
        raise ChoiceRefused(_("Choose a time in the future."), "day")
    event.ranking_deadline = deadline
    db.session.flush()


def _pairable(event: PeerEvent) -> EventChoices:
    """Lock the event and read its choices, if its pairs may still change."""
    lock(event)
    if event.status is EventStatus.PAIRED:
        raise ChoiceRefused(_("The pairs are published: they do not change any more."))
    if event.status is EventStatus.PLANNED:
        raise ChoiceRefused(_("Pair people once the event has started and they have ranked."))
    return queries.event_choices(event)


def kept_locks(choices: EventChoices) -> dict[int, int]:
    """The locked pairs that still hold (people present, ranked, within places)."""
    places, kept = choices.capacity(), {}
    load: Counter[int] = Counter()
    for member, pair_ in sorted(choices.valid_pairs().items()):
        if pair_.locked and load[pair_.mentor_id] < places.get(pair_.mentor_id, 0):
            kept[member] = pair_.mentor_id
            load[pair_.mentor_id] += 1
    return kept


def run_pairing(event: PeerEvent) -> int:
    """Pair everyone optimally around the locked pairs; returns how many are paired."""
    choices = _pairable(event)
    rankings, locked = choices.member_rankings(), kept_locks(choices)
    db.session.execute(
        delete(PeerPair).where(PeerPair.event_id == event.id, PeerPair.member_id.not_in(locked))
    )
    result = pair(rankings, choices.capacity(), choices.mentor_rankings(), locked=locked)
    for member, mentor in sorted(result.items()):
        if mentor is not None and member not in locked:
            db.session.add(PeerPair(event_id=event.id, member_id=member, mentor_id=mentor,
                                    rank=choices.given_rank(member, mentor)))  # fmt: skip
    db.session.flush()
    return sum(mentor is not None for mentor in result.values())


def change_pair(event: PeerEvent, member_id: int, mentor_id: int) -> PeerPair:
    """Pair a member by hand with a peer mentor they ranked who has room; the pair is locked."""
    choices = _pairable(event)
    ranked = choices.member_rankings().get(member_id)
    if ranked is None:
        raise ChoiceRefused(_("This member is not taking part in the event."), "mentor")
    if mentor_id not in ranked:
        raise ChoiceRefused(_("Pair a member only with a peer mentor they ranked."), "mentor")
    others = Counter(
        p.mentor_id for m, p in choices.valid_pairs().items() if m != member_id
    )  # fmt: skip
    if others[mentor_id] >= choices.capacity().get(mentor_id, 0):
        raise ChoiceRefused(_("This peer mentor has no place left."), "mentor")
    rank = choices.given_rank(member_id, mentor_id)
    existing = choices.pairs.get(member_id)
    if existing is None:
        existing = PeerPair(event_id=event.id, member_id=member_id, mentor_id=mentor_id,
                            rank=rank, locked=True)  # fmt: skip
        db.session.add(existing)
    else:
        existing.change_to(mentor_id, rank)
    db.session.flush()
    return existing


def set_pair_lock(event: PeerEvent, member_id: int, locked: bool) -> None:
    choices = _pairable(event)
    proposed = choices.valid_pairs().get(member_id)
    if proposed is None:
        raise ChoiceRefused(_("This member has no pair yet: run the pairing or pair them by "
                              "hand."))  # fmt: skip
    proposed.lock() if locked else proposed.unlock()
    db.session.flush()


def publish(event: PeerEvent, now: datetime | None = None) -> int:
    """Publish the pairs, move the event to PAIRED and email everyone their pair."""
    lock(event)
    if event.status is EventStatus.PAIRED:
        raise ChoiceRefused(_("These pairs are already published: everyone has had their "
                              "email."))  # fmt: skip
    if event.status is not EventStatus.HELD:
        raise ChoiceRefused(_("Publish the pairs once the event is over (held)."))
    choices = queries.event_choices(event)
    valid = choices.valid_pairs()
    if not valid:
        raise ChoiceRefused(_("There is no pair to publish: run the pairing first."))
    stale = [p for member, p in choices.pairs.items() if member not in valid]
    for gone in stale:
        db.session.delete(gone)
    moment = now or now_utc()
    for published in valid.values():
        published.publish(moment)
    event.move_to(EventStatus.PAIRED)
    db.session.flush()
    _email_pairs(event, choices, list(valid.values()))
    pairs_published.send(event, pairs=list(valid.values()))
    return len(valid)


def _email_pairs(event: PeerEvent, choices: EventChoices, pairs: list[PeerPair]) -> None:
    program, people = event.program, choices.people
    mentees: dict[int, list] = {}
    for each in sorted(pairs, key=lambda p: people[p.member_id].name.casefold()):
        mentees.setdefault(each.mentor_id, []).append(people[each.member_id])
        member, mentor = people[each.member_id], people[each.mentor_id]
        queue_email(member.email, member.locale or program.default_locale, "peer/pair_member",
                    _l("Your peer mentor: %(name)s", name=mentor.name), event=event,
                    program=program, name=member.name, mentor=mentor)  # fmt: skip
    for mentor_id, members in mentees.items():
        mentor = people[mentor_id]
        queue_email(mentor.email, mentor.locale or program.default_locale, "peer/pair_mentor",
                    _l("Your mentees from %(title)s", title=event.title), event=event,
                    program=program, name=mentor.name, mentees=members)  # fmt: skip


def remind_to_rank(event: PeerEvent, now: datetime | None = None) -> int:
    """Email every present member who has not ranked yet; returns how many."""
    lock(event)
    if reason := ranking_closed_reason(event, now or now_utc()):
        raise ChoiceRefused(reason)
    choices = queries.event_choices(event)
    waiting = [p.user for p in choices.members if not choices.ranked.get(p.user_id)]
    for person in waiting:
        send_now(ranking_reminder(event, person, "now"))
    return len(waiting)


def ranking_reminder(event: PeerEvent, person, kind: str) -> Notice:
    """The reminder to rank, once per event, person and kind (days or hours before)."""
    program = event.program
    locale = person.locale or program.default_locale
    deadline = (format_in_timezone(event.ranking_deadline, person.timezone or event.timezone,
                                   locale) if event.ranking_deadline else None)  # fmt: skip
    return Notice(
        kind="peer.ranking_reminder", object_id=event.id, recipient=person, occasion=kind,
        program=program, category=Category.REMINDERS, template="peer/rank_reminder",
        subject=_l("Rank your peer mentors: %(title)s", title=event.title),
        link=email_link("peer.rank_choices", program_slug=program.slug, event_id=event.id),
        context={"event": event, "program": program, "name": person.name, "deadline": deadline},
    )  # fmt: skip
