"""Pairing members with peer mentors from their rankings, exactly optimal (pure: no Flask, no DB).

``pair(rankings, capacity=1, mentor_rankings=None)`` returns every member's peer mentor, or None.
``rankings`` maps each member to peer mentors in order of preference; not ranking someone is the
only way to say "do not pair". A member is paired only with a peer mentor they ranked, a peer
mentor never beyond ``capacity`` (an int for everyone, or a dict that must name every ranked
peer mentor: 0 means one taking nobody; a missing one raises, as it is more likely a slip than a
wish). ``locked`` pairs (member -> peer mentor) are always kept and use up places; a lock must
be a ranked pair within capacity. Ids are any hashable, orderable values (ints, strings…);
the same input gives the same pairing.

The order (ALGORITHMS.md, "generous"): as many members paired as possible; then the fewest on
choice R (R: the longest ranking; positions are absolute); then the fewest on choice R - 1; and
so on up to the first. ``mentor_rankings`` (peer mentor -> members in order of preference),
when given, only break ties among pairings equal in that order, by the same order from the
peer mentors' side (a member a peer mentor did not rank counts below all they ranked).

Why it is exact. A pairing's digits, most significant first, are: its unpaired members;
n_R, …, n_2 (members on their r-th choice); then, with mentor rankings, t_{S+1}, …, t_2 (pairs
on their peer mentor's s-th choice, S the longest such list, S + 1 for "not ranked"). n_1 and
t_1 decide nothing: with the number paired fixed, n_1 = paired - n_2 - … - n_R, and t_1 too.
Each digit d_k is at most a bound b_k (how many members have an r-th choice, or an edge in tier
s) and weighs w_k = (b_1 + 1)…(b_{k-1} + 1), numbering from the least significant. An edge
costs the weight of its rank's digit plus that of its tier's (0 for first choices). The cost of
the pairs is then the mixed-radix numeral Σ d_k·w_k, and as Σ_{q<k} d_q·w_q ≤ Σ_{q<k} b_q·w_q =
w_k - 1 (it telescopes), a smaller cost means a smaller digit string read from the top, which
is the order above (locked pairs add the same to every candidate). ``b_matching`` puts
cardinality first and finds the least cost exactly: Python ints throughout, scipy's float64
solver only where its docstring proves it exact.

For the coordinator's page: ``rank_profile`` (how many got which choice), ``unpaired_reasons``
(why each unpaired member is), ``one_more_place`` (what one more place for each peer mentor
would give, best first).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from vms.peer import b_matching
from vms.peer.b_matching import Method

#: A member's or a peer mentor's id: hashable and orderable.
Id = Any
Rankings = Mapping[Id, Sequence[Id]]
Capacity = int | Mapping[Id, int]


class Reason(StrEnum):
    """Why a member is unpaired."""

    #: They ranked no peer mentor.
    RANKED_NOBODY = "ranked_nobody"
    #: Every peer mentor they ranked takes nobody (capacity 0).
    NO_PLACES = "no_places"
    #: Every peer mentor they ranked is full.
    ALL_FULL = "all_full"
    #: A peer mentor they ranked still has a place (a hand-made pairing; never after ``pair``).
    PLACES_LEFT = "places_left"


@dataclass(frozen=True)
class Unpaired:
    reason: Reason
    #: The peer mentors the reason is about, in the member's order: all they ranked, or for
    #: PLACES_LEFT those with a place left.
    mentors: tuple[Id, ...]


@dataclass(frozen=True)
class RankProfile:
    #: by_choice[r - 1]: members paired with their r-th choice.
    by_choice: tuple[int, ...]
    unpaired: int

    @property
    def paired(self) -> int:
        return sum(self.by_choice)

    def key(self) -> tuple[int, ...]:
        """Smaller is better: unpaired first, then the last choices, …, then the first."""
        return (self.unpaired, *reversed(self.by_choice))


@dataclass(frozen=True)
class PlaceGain:
    """What one more place for a peer mentor gives, the rest unchanged."""

    #: How many more members the optimum pairs (one place: 0 or 1).
    more_paired: int
    #: The optimum's profile with that place.
    profile: RankProfile


@dataclass
class _Problem:
    members: list[Id]
    mentors: list[Id]
    locked: dict[Id, Id]
    #: The members left to place (not locked), and per row its edges (mentor index, member's
    #: rank of them, their tier in the mentor's ranking or 0 without mentor rankings).
    rows: list[Id]
    edges: list[list[tuple[int, int, int]]]
    #: Per peer mentor, the places the locks leave.
    places: list[int]
    #: The longest ranking (R), and the locked members' choices (their by_choice counts).
    longest: int
    locked_by_choice: list[int]


def pair(
    rankings: Rankings,
    capacity: Capacity = 1,
    mentor_rankings: Rankings | None = None,
    *,
    locked: Mapping[Id, Id] | None = None,
    method: Method = "auto",
) -> dict[Id, Id | None]:
    """Every member's peer mentor or None, exactly optimal (see the module's docstring).
    ``method`` picks b_matching's solver; "auto" is right outside tests."""
    problem = _problem(rankings, capacity, mentor_rankings, locked)
    costs, _ = _encode(problem)
    assignment = b_matching.solve(costs, problem.places, method)
    chosen = {
        member: problem.mentors[j]
        for member, j in zip(problem.rows, assignment, strict=True)
        if j >= 0
    }
    return {member: problem.locked.get(member, chosen.get(member)) for member in problem.members}


def rank_profile(rankings: Rankings, pairing: Mapping[Id, Id | None]) -> RankProfile:
    """How many members got their 1st, 2nd, … choice, and how many none."""
    _check_pairing(rankings, pairing)
    counts = [0] * max((len(ranked) for ranked in rankings.values()), default=0)
    for member, ranked in rankings.items():
        if (mentor := pairing.get(member)) is not None:
            counts[list(ranked).index(mentor)] += 1
    return RankProfile(tuple(counts), sum(pairing.get(m) is None for m in rankings))


def unpaired_reasons(
    rankings: Rankings, pairing: Mapping[Id, Id | None], capacity: Capacity = 1
) -> dict[Id, Unpaired]:
    """Why each unpaired member is, for any pairing (``pair``'s or one changed by hand)."""
    _check_pairing(rankings, pairing)
    places = _capacities(rankings, capacity, _mentors(rankings, capacity, None))
    load = Counter(mentor for mentor in pairing.values() if mentor is not None)
    reasons = {}
    for member in sorted(rankings):
        ranked = tuple(rankings[member])
        if pairing.get(member) is not None:
            continue
        if not ranked:
            reasons[member] = Unpaired(Reason.RANKED_NOBODY, ())
        elif free := tuple(m for m in ranked if load[m] < places[m]):
            reasons[member] = Unpaired(Reason.PLACES_LEFT, free)
        elif not any(places[m] for m in ranked):
            reasons[member] = Unpaired(Reason.NO_PLACES, ranked)
        else:
            reasons[member] = Unpaired(Reason.ALL_FULL, ranked)
    return reasons


def one_more_place(
    rankings: Rankings,
    capacity: Capacity = 1,
    mentor_rankings: Rankings | None = None,
    *,
    locked: Mapping[Id, Id] | None = None,
    method: Method = "auto",
) -> dict[Id, PlaceGain]:
    """For every peer mentor, the optimum with one more place for them (and the locks kept),
    best first (ties by id). One solve, then one shortest-path search answers them all."""
    problem = _problem(rankings, capacity, mentor_rankings, locked)
    costs, digits = _encode(problem)
    assignment = b_matching.solve(costs, problem.places, method)
    unmatched_now = assignment.count(-1)
    gains = {}
    after = b_matching.one_more_place(costs, problem.places, assignment)
    for mentor, (unmatched, cost) in zip(problem.mentors, after, strict=True):
        profile = _decode(problem, digits, unmatched, cost)
        gains[mentor] = PlaceGain(unmatched_now - unmatched, profile)
    return dict(sorted(gains.items(), key=lambda item: (item[1].profile.key(), item[0])))


def _problem(
    rankings: Rankings,
    capacity: Capacity,
    mentor_rankings: Rankings | None,
    locked: Mapping[Id, Id] | None,
) -> _Problem:
    for member, ranked in rankings.items():
        _check_unique(ranked, f"member {member!r} ranks")
    mentors = _mentors(rankings, capacity, mentor_rankings)
    places = _capacities(rankings, capacity, mentors)
    tier = _tiers(mentor_rankings, rankings)
    locks = _locks(locked or {}, rankings, places)
    index = {mentor: j for j, mentor in enumerate(mentors)}
    members = sorted(rankings)
    rows = [member for member in members if member not in locks]
    edges = [
        [(index[m], rank, tier(member, m)) for rank, m in enumerate(rankings[member], 1)]
        for member in rows
    ]
    longest = max((len(ranked) for ranked in rankings.values()), default=0)
    by_choice = [0] * longest
    for member, mentor in locks.items():
        by_choice[list(rankings[member]).index(mentor)] += 1
        places[mentor] -= 1
    left = [places[mentor] for mentor in mentors]
    return _Problem(members, mentors, locks, rows, edges, left, longest, by_choice)


def _check_unique(ranked: Sequence[Id], who: str) -> None:
    if isinstance(ranked, str | bytes):
        raise ValueError(f"{who} {ranked!r}: a ranking is a list of ids, not a string")
    twice = sorted(m for m, n in Counter(ranked).items() if n > 1)
    if twice:
        raise ValueError(f"{who} {twice[0]!r} twice")


def _mentors(rankings: Rankings, capacity: Capacity, mentor_rankings: Rankings | None) -> list[Id]:
    known = {mentor for ranked in rankings.values() for mentor in ranked}
    known.update(capacity if isinstance(capacity, Mapping) else ())
    known.update(mentor_rankings or ())
    return sorted(known)


def _capacities(rankings: Rankings, capacity: Capacity, mentors: list[Id]) -> dict[Id, int]:
    if isinstance(capacity, Mapping):
        for member in sorted(rankings):
            missing = next((m for m in rankings[member] if m not in capacity), None)
            if missing is not None:
                raise ValueError(
                    f"peer mentor {missing!r}, ranked by {member!r}, is not in the capacity "
                    "dict: name every ranked peer mentor (0 for one taking nobody)"
                )
        places = {mentor: capacity.get(mentor, 0) for mentor in mentors}
    else:
        places = dict.fromkeys(mentors, capacity)
    for mentor, n in places.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(f"capacity of {mentor!r} is {n!r}: it must be an int >= 0")
    return places


def _tiers(mentor_rankings: Rankings | None, rankings: Rankings) -> Callable[[Id, Id], int]:
    """(member, peer mentor) -> the member's place in the peer mentor's ranking (longest + 1
    if unranked), or always 0 without mentor rankings."""
    if mentor_rankings is None:
        return lambda member, mentor: 0
    position: dict[tuple[Id, Id], int] = {}
    for mentor, ranked in mentor_rankings.items():
        _check_unique(ranked, f"peer mentor {mentor!r} ranks")
        for place, member in enumerate(ranked, 1):
            if member not in rankings:
                raise ValueError(f"peer mentor {mentor!r} ranks {member!r}, who is not a member")
            position[member, mentor] = place
    unranked = max((len(ranked) for ranked in mentor_rankings.values()), default=0) + 1
    return lambda member, mentor: position.get((member, mentor), unranked)


def _locks(locked: Mapping[Id, Id], rankings: Rankings, places: dict[Id, int]) -> dict[Id, Id]:
    for member in sorted(locked):
        if member not in rankings:
            raise ValueError(f"{member!r} is locked but is not a member")
        if locked[member] not in rankings[member]:
            raise ValueError(
                f"{member!r} is locked to {locked[member]!r}, whom they did not rank: a lock "
                "must be a ranked pair (add the peer mentor to their ranking first)"
            )
    for mentor, n in sorted(Counter(locked.values()).items()):
        if n > places[mentor]:
            raise ValueError(f"{n} members are locked to {mentor!r}, who has {places[mentor]}")
    return dict(locked)


def _encode(problem: _Problem) -> tuple[list[list[tuple[int, int]]], list[tuple[int, int, int]]]:
    """Each row's edges as (mentor index, cost), and the digits as (member rank, or 0 for a
    tier digit; weight; radix), least significant first (see the module's docstring)."""
    tiers = Counter(t for row in problem.edges for t in {tier for _, _, tier in row} if t > 1)
    ranks = Counter(rank for row in problem.edges for rank in range(2, len(row) + 1))
    digits: list[tuple[int, int, int]] = []
    weight_of: dict[tuple[str, int], int] = {}
    weight = 1
    for side, counts in (("tier", tiers), ("rank", ranks)):
        for position, bound in sorted(counts.items()):
            weight_of[side, position] = weight
            digits.append((position if side == "rank" else 0, weight, bound + 1))
            weight *= bound + 1
    costs = [
        [(j, weight_of.get(("rank", rank), 0) + weight_of.get(("tier", tier), 0))
         for j, rank, tier in row]
        for row in problem.edges
    ]  # fmt: skip
    return costs, digits


def _decode(
    problem: _Problem, digits: list[tuple[int, int, int]], unmatched: int, cost: int
) -> RankProfile:
    """The profile of a placement of the rows whose pairs cost ``cost``, locks added."""
    rows_by_choice = [0] * problem.longest
    for rank, weight, radix in digits:
        if rank:
            rows_by_choice[rank - 1] = cost // weight % radix
    if problem.longest:  # first choices: the rest of those paired
        rows_by_choice[0] = len(problem.rows) - unmatched - sum(rows_by_choice[1:])
    by_choice = map(sum, zip(rows_by_choice, problem.locked_by_choice, strict=True))
    return RankProfile(tuple(by_choice), unmatched)


def _check_pairing(rankings: Rankings, pairing: Mapping[Id, Id | None]) -> None:
    for member in sorted(pairing):
        if member not in rankings:
            raise ValueError(f"{member!r} is paired but is not a member")
        mentor = pairing[member]
        if mentor is not None and mentor not in rankings[member]:
            raise ValueError(f"{member!r} is paired with {mentor!r}, whom they did not rank")
