"""The coordinator's view of a pairing: who has ranked, the profile of the current pairs, who is
unpaired and why (in words), and the one extra place that would help most."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _

from vms.auth.models import User
from vms.peer.choices.queries import EventChoices
from vms.peer.choices.services import kept_locks
from vms.peer.pairing import Reason, Unpaired, one_more_place, rank_profile, unpaired_reasons


@dataclass(frozen=True)
class MemberRow:
    member: User
    ranked: list[User]
    #: The current pair's peer mentor, their place in the member's ranking, and the lock.
    mentor: User | None
    rank: int | None
    locked: bool
    #: (peer mentor id, label) the member may be paired with by hand: ranked, with room.
    options: list[tuple[int, str]]
    #: Why the member is unpaired, in words (None when paired).
    why: str | None


@dataclass(frozen=True)
class PairingOverview:
    ranked_count: int
    not_ranked: list[User]
    rows: list[MemberRow]
    #: (choice number, members paired with it); empty before the first run.
    profile: list[tuple[int, int]]
    unpaired: int
    #: "One more place for X would pair 1 more", or None.
    best_place: str | None
    has_pairs: bool


def pairing_overview(choices: EventChoices) -> PairingOverview:
    rankings = choices.member_rankings()
    capacity, valid = choices.capacity(), choices.valid_pairs()
    current = {member: (valid[member].mentor_id if member in valid else None)
               for member in rankings}  # fmt: skip
    reasons = unpaired_reasons(rankings, current, capacity) if valid else {}
    load = Counter(p.mentor_id for p in valid.values())
    rows = [
        _row(choices, rankings[p.user_id], valid.get(p.user_id), (load, capacity),
             reasons.get(p.user_id), p.user)
        for p in choices.members
    ]  # fmt: skip
    profile = rank_profile(rankings, current) if valid else None
    return PairingOverview(
        ranked_count=sum(bool(r) for r in rankings.values()),
        not_ranked=[p.user for p in choices.members if not rankings[p.user_id]],
        rows=rows,
        profile=list(enumerate(profile.by_choice, 1)) if profile else [],
        unpaired=profile.unpaired if profile else 0,
        best_place=_best_place(choices, rankings, capacity) if valid else None,
        has_pairs=bool(valid),
    )


def _row(choices: EventChoices, ranked, current, places, reason, member) -> MemberRow:
    """``places``: (members per peer mentor now, their capacity)."""
    people, (load, capacity) = choices.people, places
    options = [
        (mentor, _("Choice %(number)s: %(name)s", name=people[mentor].name,
                   number=choices.given_rank(member.id, mentor)))
        for mentor in ranked
        if (current and current.mentor_id == mentor) or load[mentor] < capacity[mentor]
    ]  # fmt: skip
    return MemberRow(
        member=member, ranked=[people[m] for m in ranked],
        mentor=people[current.mentor_id] if current else None,
        rank=current.rank if current else None, locked=bool(current and current.locked),
        options=options, why=describe(reason, people) if reason else None,
    )  # fmt: skip


def describe(reason: Unpaired, people: dict[int, User]) -> str:
    """Why a member is unpaired, for the coordinator."""
    names = ", ".join(people[m].name for m in reason.mentors)
    if reason.reason is Reason.RANKED_NOBODY:
        return _("Ranked nobody (yet).")
    if reason.reason is Reason.NO_PLACES:
        return _("Ranked only peer mentors who take nobody: %(names)s.", names=names)
    if reason.reason is Reason.ALL_FULL:
        return _("Ranked only peer mentors who are full: %(names)s.", names=names)
    return _("Still has a place with %(names)s: run the pairing again or pair by hand.",
             names=names)  # fmt: skip


def _best_place(choices: EventChoices, rankings, capacity) -> str | None:
    """The single extra place that pairs the most more people (one at most), if any."""
    if not choices.mentors:
        return None
    gains = one_more_place(rankings, capacity, choices.mentor_rankings(),
                           locked=kept_locks(choices))  # fmt: skip
    mentor, gain = next(iter(gains.items()))
    if gain.more_paired <= 0:
        return _("No single extra place would pair more people.")
    return _(
        "One more place for %(name)s would pair %(count)s more.",
        name=choices.people[mentor].name,
        count=gain.more_paired,
    )
