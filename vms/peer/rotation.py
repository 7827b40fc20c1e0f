"""Who sits where in each round of a speed-dating event, in the fewest rounds possible (pure).

Every member meets every peer mentor once, at one of ``tables`` tables (default: one per peer
mentor). With ``group_size`` g > 1 the members sit in fixed pods of up to g, cut from the
members in the order given and as even in size as possible (10 members, g = 3: pods of
3, 3, 2, 2); a pod meets each peer mentor once. ``skip`` holds (member, peer mentor) pairs that
need no meeting: a pod meets a peer mentor when any of its members still needs them, and the
meeting lists only those members. Ids are whatever the caller uses (ints, strings…): they only
need to be hashable. The same input gives the same rounds.

Why the number of rounds is the fewest. Take the graph whose edges are the (pod, peer mentor)
meetings to hold: E of them, Δ the most meetings any one pod or peer mentor has, n peer mentors
and T tables, so that a round holds at most u = min(T, n) meetings.

- No schedule has fewer than R = max(Δ, ⌈E/u⌉) rounds: a pod or a peer mentor is at one table
  a round, so the busiest needs Δ rounds; a round holds at most u of the E meetings. Without
  skip each pod meets n peer mentors, each peer mentor p = ⌈m/g⌉ pods and E = n·p, so
  R = max(n, p, ⌈n·p/u⌉). Counting seats, ⌈m·n / min(m, T·g)⌉, never gives more: a pod seats
  at most g members and p ≥ m/g.
- R rounds are enough. A round is a matching of the graph, so a schedule is a proper edge
  colouring whose colour classes hold at most u edges. We colour edge by edge with a colour
  free at both ends. When there is none (a is free at the pod x, b at the peer mentor y), the
  path from y whose edges alternate a, b, a… cannot end at x: it would reach x by a b-edge,
  after an even number of steps, on y's side of the bipartite graph. Swapping a and b along it
  frees a at y, and xy takes a (König: bipartite graphs need only Δ ≤ R colours). Then, while
  a class a holds two edges more than a class b, the edges coloured a or b form paths and even
  cycles, one of them a path with an a-edge at both ends; swapping a and b along it moves one
  edge from a to b and keeps the colouring proper (de Werra), and the sum of squared class sizes
  drops, so this ends with every class holding ⌊E/R⌋ or ⌈E/R⌉ ≤ u edges.

Tables: when T ≥ n, peer mentor i (in the order given) keeps table i + 1 all event and the pods
move. With fewer tables a peer mentor keeps the table it last had unless another sat there in
the round before, and otherwise takes the lowest free table.

Re-planning during the event: call again with the rounds not yet held to rebuild, the same
member and peer mentor lists (newcomers appended at the end) and ``skip`` = the pairs that met
(``pairs_met``) plus every pair of whoever left. Kept in place, the lists keep pods and tables
where they were; the rounds already held are not the module's to change.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

#: A member's or a peer mentor's id: anything hashable.
Id = Any

#: Codes for which bound sets the number of rounds (FewestRounds.reason).
NO_MEETINGS = "no_meetings"
MENTOR_MEETS_EVERY_POD = "mentor_meets_every_pod"
POD_MEETS_EVERY_MENTOR = "pod_meets_every_mentor"
BUSIEST_MENTOR = "busiest_mentor"
BUSIEST_POD = "busiest_pod"
TABLES = "tables"


class Meeting(NamedTuple):
    """One table in one round: a peer mentor and the members of one pod who meet there."""

    table: int
    mentor: Id
    members: tuple[Id, ...]


Round = list[Meeting]


@dataclass(frozen=True)
class FewestRounds:
    """The fewest rounds any schedule needs, with the bound that sets it, for the page to say
    in words ("13 rounds: each peer mentor must meet 13 pods").

    ``reason`` is one of the codes above. ``meetings`` is the figure behind it: the meetings of
    every (``*_every_*``) or of the busiest (``busiest_*``) pod or peer mentor, or all the
    meetings to hold (``tables``, with ``tables`` at a time). ``who`` names the busiest: a peer
    mentor's id, or the members of a pod.
    """

    rounds: int
    reason: str
    meetings: int
    tables: int
    who: Id | tuple[Id, ...] | None = None


@dataclass(frozen=True)
class _Event:
    pods: tuple[tuple[Id, ...], ...]
    mentors: tuple[Id, ...]
    tables: int
    #: (pod index, mentor index, the pod's members who need that mentor), pod by pod
    edges: tuple[tuple[int, int, tuple[Id, ...]], ...]


def build_rotation(
    members: Iterable[Id],
    mentors: Iterable[Id],
    tables: int | None = None,
    group_size: int = 1,
    skip: Iterable[tuple[Id, Id]] = (),
) -> list[Round]:
    """The rounds, each a list of meetings ``(table, mentor, members)`` by table, in the fewest
    rounds possible (``fewest_rounds``), as even in size as possible. Raises ValueError on bad
    input: tables < 1, group_size < 1 or above the number of members, duplicate ids, skip pairs
    naming unknown people."""
    event = _prepare(members, mentors, tables, group_size, skip)
    count = _bound(event).rounds
    if count == 0:
        return []
    ends = [(pod, len(event.pods) + mentor) for pod, mentor, _ in event.edges]
    colours = _Colouring(ends, len(event.pods) + len(event.mentors), count).colour_evenly()
    classes: list[list[int]] = [[] for _ in range(count)]
    for edge, colour in enumerate(colours):
        classes[colour].append(edge)
    return _seat(event, classes)


def fewest_rounds(
    members: Iterable[Id],
    mentors: Iterable[Id],
    tables: int | None = None,
    group_size: int = 1,
    skip: Iterable[tuple[Id, Id]] = (),
) -> FewestRounds:
    """How many rounds ``build_rotation`` takes for the same input, and why no schedule can
    take fewer."""
    return _bound(_prepare(members, mentors, tables, group_size, skip))


def form_pods(members: Sequence[Id], group_size: int) -> list[tuple[Id, ...]]:
    """⌈m/g⌉ pods of consecutive members, as even as possible, larger first: 10 members with
    g = 3 give pods of 3, 3, 2, 2."""
    if isinstance(group_size, bool) or not isinstance(group_size, int) or group_size < 1:
        raise ValueError(f"group_size must be a whole number of at least 1, not {group_size!r}")
    if members and group_size > len(members):
        raise ValueError(
            f"group_size {group_size} is larger than the number of members ({len(members)})"
        )
    count = -(-len(members) // group_size)
    small, larger = divmod(len(members), count) if count else (0, 0)
    pods, start = [], 0
    for index in range(count):
        size = small + (index < larger)
        pods.append(tuple(members[start : start + size]))
        start += size
    return pods


def pairs_met(
    held: Iterable[Round], members: Iterable[Id], mentors: Iterable[Id]
) -> set[tuple[Id, Id]]:
    """The (member, mentor) pairs that met in the rounds held, among the people listed: what
    re-planning skips."""
    member_ids, mentor_ids = set(members), set(mentors)
    return {
        (member, meeting.mentor)
        for round_ in held
        for meeting in round_
        if meeting.mentor in mentor_ids
        for member in meeting.members
        if member in member_ids
    }


def _prepare(
    members: Iterable[Id],
    mentors: Iterable[Id],
    tables: int | None,
    group_size: int,
    skip: Iterable[tuple[Id, Id]],
) -> _Event:
    members, mentors = tuple(members), tuple(mentors)
    _check_unique(members, "member")
    _check_unique(mentors, "peer mentor")
    if tables is None:
        tables = len(mentors)
    elif isinstance(tables, bool) or not isinstance(tables, int) or tables < 1:
        raise ValueError(f"tables must be a whole number of at least 1, not {tables!r}")
    pods = form_pods(members, group_size)
    skipped = _skip_pairs(skip, members, mentors)
    edges = []
    for pod_index, pod in enumerate(pods):
        for mentor_index, mentor in enumerate(mentors):
            needing = tuple(member for member in pod if (member, mentor) not in skipped)
            if needing:
                edges.append((pod_index, mentor_index, needing))
    return _Event(tuple(pods), mentors, tables, tuple(edges))


def _check_unique(ids: tuple[Id, ...], role: str) -> None:
    seen: set[Id] = set()
    for id_ in ids:
        if id_ in seen:
            raise ValueError(f"each {role} must be listed once: {id_!r} is listed twice")
        seen.add(id_)


def _skip_pairs(
    skip: Iterable[tuple[Id, Id]], members: tuple[Id, ...], mentors: tuple[Id, ...]
) -> set[tuple[Id, Id]]:
    member_ids, mentor_ids = set(members), set(mentors)
    pairs: set[tuple[Id, Id]] = set()
    for pair in skip:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise ValueError(f"skip holds (member, peer mentor) pairs, not {pair!r}")
        member, mentor = pair
        if member not in member_ids:
            raise ValueError(f"skip pair {tuple(pair)!r} names {member!r}, who is not a member")
        if mentor not in mentor_ids:
            raise ValueError(
                f"skip pair {tuple(pair)!r} names {mentor!r}, who is not a peer mentor"
            )
        pairs.add((member, mentor))
    return pairs


def _bound(event: _Event) -> FewestRounds:
    meetings = len(event.edges)
    usable = min(event.tables, len(event.mentors))
    if not meetings:
        return FewestRounds(0, NO_MEETINGS, 0, usable)
    pod_load, mentor_load = [0] * len(event.pods), [0] * len(event.mentors)
    for pod, mentor, _ in event.edges:
        pod_load[pod] += 1
        mentor_load[mentor] += 1
    mentor = max(range(len(mentor_load)), key=mentor_load.__getitem__)
    pod = max(range(len(pod_load)), key=pod_load.__getitem__)
    if meetings == len(pod_load) * len(mentor_load):  # nothing skipped: everyone is busiest
        by_mentor = FewestRounds(mentor_load[mentor], MENTOR_MEETS_EVERY_POD,
                                 mentor_load[mentor], usable)  # fmt: skip
        by_pod = FewestRounds(pod_load[pod], POD_MEETS_EVERY_MENTOR, pod_load[pod], usable)
    else:
        by_mentor = FewestRounds(mentor_load[mentor], BUSIEST_MENTOR, mentor_load[mentor],
                                 usable, event.mentors[mentor])  # fmt: skip
        by_pod = FewestRounds(pod_load[pod], BUSIEST_POD, pod_load[pod], usable, event.pods[pod])
    by_tables = FewestRounds(-(-meetings // usable), TABLES, meetings, usable)
    # On a tie the first wins: a person's load reads better than a count of tables.
    return max((by_mentor, by_pod, by_tables), key=lambda bound: bound.rounds)


def _seat(event: _Event, classes: list[list[int]]) -> list[Round]:
    """Give each meeting a table: a peer mentor's own when there are enough, else sticky."""
    fixed = event.tables >= len(event.mentors)
    last: dict[int, int] = {}  # mentor index -> the table it last had
    before: list[int] = []  # the mentors of the round before
    rounds: list[Round] = []
    for edges in classes:
        mentors = [event.edges[edge][1] for edge in edges]
        if fixed:
            table = {mentor: mentor + 1 for mentor in mentors}
        else:
            table = _sticky_tables(mentors, before, last, event.tables)
            last.update(table)
        before = mentors
        meetings = []
        for edge in edges:
            _pod, mentor, needing = event.edges[edge]
            meetings.append(Meeting(table[mentor], event.mentors[mentor], needing))
        rounds.append(sorted(meetings, key=lambda meeting: meeting.table))
    return rounds


def _sticky_tables(
    mentors: list[int], before: list[int], last: dict[int, int], tables: int
) -> dict[int, int]:
    """This round's tables: each mentor keeps the one it last had, those who sat in the round
    before first (theirs are distinct), then the others take the lowest free ones."""
    stayers = set(mentors) & set(before)
    table = {mentor: last[mentor] for mentor in mentors if mentor in stayers}
    taken = set(table.values())
    for mentor in mentors:
        wanted = last.get(mentor)
        if mentor not in table and wanted is not None and wanted not in taken:
            table[mentor] = wanted
            taken.add(wanted)
    free = (t for t in range(1, tables + 1) if t not in taken)
    for mentor in mentors:
        if mentor not in table:
            table[mentor] = next(free)
    return table


class _Colouring:
    """A proper edge colouring of a bipartite graph with ``count`` ≥ Δ colours whose classes
    differ in size by at most one (the proof is in the module's docstring)."""

    def __init__(self, ends: list[tuple[int, int]], vertices: int, count: int) -> None:
        self.ends = ends
        self.count = count
        self.cap = -(-len(ends) // count)  # the size of the largest class once even
        self.colour = [-1] * len(ends)
        self.size = [0] * count
        self.at = [[-1] * count for _ in range(vertices)]  # vertex -> colour -> edge
        self.free = [(1 << count) - 1] * vertices  # vertex -> bitmask of free colours
        self.open = (1 << count) - 1  # colours whose class is below the cap

    def colour_evenly(self) -> list[int]:
        for edge, (x, y) in enumerate(self.ends):
            common = self.free[x] & self.free[y]
            choice = (common & self.open) or common
            if not choice:
                choice = 1 << self._free_a_colour(x, y)
            self._set(edge, (choice & -choice).bit_length() - 1)
        self._even_out()
        return self.colour

    def _free_a_colour(self, x: int, y: int) -> int:
        """Make a colour free at both x and y by a Kempe swap from y (see the docstring)."""
        a = _lowest(self.free[x] & self.open or self.free[x])
        b = _lowest(self.free[y] & self.open or self.free[y])
        self._swap(self._path(y, a, b), a, b)
        return a

    def _even_out(self) -> None:
        while True:
            big = max(range(self.count), key=self.size.__getitem__)
            small = min(range(self.count), key=self.size.__getitem__)
            if self.size[big] - self.size[small] <= 1:
                return
            self._swap(self._surplus_path(big, small), big, small)

    def _surplus_path(self, big: int, small: int) -> list[int]:
        """A path whose edges alternate big and small, with a big edge at both ends."""
        for vertex, at in enumerate(self.at):
            if at[big] >= 0 and at[small] < 0:
                path = self._path(vertex, big, small)
                if len(path) % 2:
                    return path
        raise AssertionError("a larger colour class always has such a path")

    def _path(self, start: int, first: int, second: int) -> list[int]:
        """The edges from start coloured first, second, first… for as long as they go."""
        path, vertex, colour, other = [], start, first, second
        while (edge := self.at[vertex][colour]) >= 0:
            path.append(edge)
            x, y = self.ends[edge]
            vertex = y if vertex == x else x
            colour, other = other, colour
        return path

    def _swap(self, path: list[int], a: int, b: int) -> None:
        before = [self.colour[edge] for edge in path]
        for edge in path:
            self._unset(edge)
        for edge, colour in zip(path, before, strict=True):
            self._set(edge, b if colour == a else a)

    def _set(self, edge: int, colour: int) -> None:
        x, y = self.ends[edge]
        self.colour[edge] = colour
        self.at[x][colour] = self.at[y][colour] = edge
        self.free[x] &= ~(1 << colour)
        self.free[y] &= ~(1 << colour)
        self.size[colour] += 1
        if self.size[colour] >= self.cap:
            self.open &= ~(1 << colour)

    def _unset(self, edge: int) -> None:
        x, y = self.ends[edge]
        colour, self.colour[edge] = self.colour[edge], -1
        self.at[x][colour] = self.at[y][colour] = -1
        self.free[x] |= 1 << colour
        self.free[y] |= 1 << colour
        self.size[colour] -= 1
        if self.size[colour] < self.cap:
            self.open |= 1 << colour


def _lowest(mask: int) -> int:
    return (mask & -mask).bit_length() - 1
