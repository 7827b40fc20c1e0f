"""Maximum b-matchings of least integer cost, computed exactly (pure: no Flask, no database).

Rows (members) take at most one column (peer mentor); column ``j`` takes at most
``capacity[j]`` rows; every edge has a non-negative integer cost. ``solve`` returns a matching
with as many rows matched as possible and, among those, the least total cost. ``pairing.py``
encodes its ranks into the costs; this module knows nothing of ranks.

Cardinality first, by a dummy column: every row also has its own "unmatched" column of cost
``U = 1 + sum over rows of the row's dearest edge``. A full assignment (every row to a real
place or to its dummy) costs ``unmatched * U + S`` with ``0 <= S < U`` (``S``: the matched
edges' total), so one more matched row always outweighs any saving in ``S``, and
``divmod(total, U)`` gives back (unmatched rows, matched cost).

Two solvers, both exact:

- ``sparse``: scipy's ``min_weight_full_bipartite_matching`` (LAPJVsp, C) on the
  capacity-expanded graph: column ``j`` becomes ``min(capacity, rows ranking it)`` places, each
  row gets its dummy, and every cost is shifted by +1 because scipy drops zero weights (every
  row is matched exactly once, so the shift adds the same ``rows`` to every total).
  It computes in float64, exact only while every value it forms is an integer below 2**53
  (the argument follows scipy's port, scipy/sparse/csgraph/_matching.pyx; the tests check it
  against the exact solver right up to the bound). Our matrix always has more columns than
  rows (a dummy per row, and a row only if it has a place), so LAPJVsp skips its
  initialisation and runs one Dijkstra-like shortest augmenting path per row, keeping column
  duals ``v <= 0`` (they start at 0 and only decrease); write ``p = -v`` and ``C = U + 1``
  (the largest cost). Between augmentations each matched row's column minimises ``c + p``
  over the row's edges (dual feasibility). A row matched to a real column has its dummy free,
  and free columns are never re-priced, so ``p <= C - c``; a row on its dummy has a real edge
  whose ``c + p`` bounds the dummy's, so every ``0 <= p < C``. In a search from row ``i0`` the
  threshold ``min_diff`` never passes ``C`` (``i0``'s own dummy is a free column at
  ``C + 0``), distances start at ``c + p < 2C``, ``h = c + p - min_diff`` lies in
  ``(-C, 2C)`` and a candidate ``c + p - h`` in ``(-2C, 3C)``.
  Every value is therefore a sum or difference of exact integers with magnitude below ``3C``;
  totals (formed only in Python ints here) are at most ``rows * C``. So when
  ``max(3, rows) * C < 2**53`` each float64 operation is exact and the result is the true
  optimum; ``fits_float64`` checks exactly that and ``solve`` uses ``sparse`` only then.
- ``exact``: primal-dual min-cost max-flow (source -> rows -> columns -> sink) in Python
  integers, of any size. Dijkstra on reduced costs updates the potentials (capped at the
  sink's distance, which keeps every reduced cost >= 0), then flow is pushed only along
  zero-reduced-cost arcs (Dinic's blocking flows), i.e. along shortest augmenting paths.
  Successive shortest paths keep the flow of least cost for its value at every step, so the
  final maximum flow is one of least cost among the maximum ones.

``one_more_place`` answers, for every column at once, what one more place there would give:
with the optimal assignment in its dummy form, the new optimum differs from the old by the
cheapest cycle through the new arc column -> sink, whose cost is the shortest distance from
the sink to that column in the residual graph (which has no negative cycle, the assignment
being optimal): one Bellman-Ford-style search (SPFA) from the sink, in Python integers.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Sequence
from itertools import accumulate
from math import inf
from typing import Literal

import numpy as np
from scipy.sparse import csr_array
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

#: Per row, its edges as (column, cost); costs are non-negative ints.
Edges = Sequence[Sequence[tuple[int, int]]]
Method = Literal["auto", "sparse", "exact"]
#: float64 holds every integer of magnitude up to 2**53 exactly.
FLOAT64_EXACT = 2**53


def unmatched_cost(edges: Edges) -> int:
    """``U``: more than any matched total, so cardinality always comes first."""
    return 1 + sum(max((cost for _, cost in row), default=0) for row in edges)


def fits_float64(edges: Edges) -> bool:
    """True when the sparse solver computes exactly (see the module's docstring)."""
    rows = sum(1 for row in edges if row)
    return max(3, rows) * (unmatched_cost(edges) + 1) < FLOAT64_EXACT


def solve(edges: Edges, capacity: Sequence[int], method: Method = "auto") -> list[int]:
    """Each row's column, or -1: a maximum b-matching of least total cost."""
    if method not in ("auto", "sparse", "exact"):
        raise ValueError(f"unknown method {method!r}: use 'auto', 'sparse' or 'exact'")
    fits = fits_float64(edges)
    if method == "sparse" and not fits:
        raise ValueError("costs too large for exact float64: use method='exact'")
    if method == "exact" or not fits:
        return _Flow(edges, capacity).solve()
    return _solve_sparse(edges, capacity)


def _solve_sparse(edges: Edges, capacity: Sequence[int]) -> list[int]:
    demand = [0] * len(capacity)
    for row in edges:
        for column, _ in row:
            demand[column] += 1
    places = [min(c, d) for c, d in zip(capacity, demand, strict=True)]
    rows = [i for i, row in enumerate(edges) if any(places[column] for column, _ in row)]
    assignment = [-1] * len(edges)
    if not rows:
        return assignment
    matrix, owner = _expanded(edges, places, rows)
    _, matched = min_weight_full_bipartite_matching(matrix)
    for i, place in zip(rows, matched.tolist(), strict=True):
        if place < len(owner):
            assignment[i] = owner[place]
    return assignment


def _expanded(edges: Edges, places: list[int], rows: list[int]) -> tuple[csr_array, list[int]]:
    """The given rows against one column per place (``owner[place]``: its column in ``edges``)
    and then one dummy column per row; every cost shifted by +1."""
    first = list(accumulate(places, initial=0))
    dummy_cost, n_places = unmatched_cost(edges) + 1, first[-1]
    data: list[int] = []
    indices: list[int] = []
    indptr = [0]
    for r, i in enumerate(rows):
        for column, cost in edges[i]:
            indices.extend(range(first[column], first[column + 1]))
            data.extend([cost + 1] * places[column])
        indices.append(n_places + r)
        data.append(dummy_cost)
        indptr.append(len(indices))
    matrix = csr_array(
        (np.array(data, dtype=np.float64), np.array(indices, dtype=np.int32), np.array(indptr)),
        shape=(len(rows), n_places + len(rows)),
    )
    return matrix, [column for column, n in enumerate(places) for _ in range(n)]


class _Flow:
    """The residual network source -> rows -> columns -> sink in flat lists (arc ``a``'s
    reverse is ``a ^ 1``), solved by the primal-dual method in exact integers."""

    def __init__(self, edges: Edges, capacity: Sequence[int]) -> None:
        self.rows, n_columns = len(edges), len(capacity)
        self.source, self.sink = self.rows + n_columns, self.rows + n_columns + 1
        self.head: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []
        self.out: list[list[int]] = [[] for _ in range(self.sink + 1)]
        self.potential = [0] * (self.sink + 1)
        self.row_arcs: list[list[tuple[int, int]]] = []
        for i, row in enumerate(edges):
            self._arc(self.source, i, 1, 0)
            self.row_arcs.append([(j, self._arc(i, self.rows + j, 1, c)) for j, c in row])
        for j, places in enumerate(capacity):
            if places:
                self._arc(self.rows + j, self.sink, places, 0)

    def _arc(self, tail: int, head: int, cap: int, cost: int) -> int:
        arc = len(self.head)
        self.head += [head, tail]
        self.cap += [cap, 0]
        self.cost += [cost, -cost]
        self.out[tail].append(arc)
        self.out[head].append(arc + 1)
        return arc

    def solve(self) -> list[int]:
        while (distance := self._distances()) is not None:
            for node, d in enumerate(distance):
                self.potential[node] += d
            tight = self._tight()
            while (level := self._levels(tight)) is not None:
                self._blocking_flow(level, tight)
        return [next((j for j, arc in arcs if not self.cap[arc]), -1) for arcs in self.row_arcs]

    def _distances(self) -> list[int] | None:
        """Dijkstra on reduced costs, each distance capped at the sink's; None if the sink is
        out of reach (the flow is maximum)."""
        head, cap, cost, potential = self.head, self.cap, self.cost, self.potential
        distance: list[float | int] = [inf] * len(self.out)
        distance[self.source] = 0
        heap = [(0, self.source)]
        while heap:
            d, node = heapq.heappop(heap)
            if d > distance[node]:
                continue
            if node == self.sink:
                break
            base = d + potential[node]
            for arc in self.out[node]:
                if cap[arc] and (nd := base + cost[arc] - potential[h := head[arc]]) < distance[h]:
                    distance[h] = nd
                    heapq.heappush(heap, (nd, h))
        to_sink = distance[self.sink]
        if to_sink == inf:
            return None
        return [int(min(d, to_sink)) for d in distance]

    def _tight(self) -> Callable[[int], list[int]]:
        """A node's arcs of zero reduced cost: the only ones flow may take in a phase (an arc's
        reverse is tight with it, so pushing flow keeps them right). Listed on first use, as
        a phase touches few nodes."""
        head, cost, potential, out = self.head, self.cost, self.potential, self.out
        listed: list[list[int] | None] = [None] * len(out)

        def tight(node: int) -> list[int]:
            arcs = listed[node]
            if arcs is None:
                p = potential[node]
                arcs = listed[node] = [a for a in out[node] if cost[a] + p == potential[head[a]]]
            return arcs

        return tight

    def _levels(self, tight: Callable[[int], list[int]]) -> list[int] | None:
        """Breadth-first levels over tight arcs with room; None if the sink is not reached."""
        head, cap = self.head, self.cap
        level = [-1] * len(self.out)
        level[self.source] = 0
        queue = deque([self.source])
        while queue:
            node = queue.popleft()
            for arc in tight(node):
                if cap[arc] and level[h := head[arc]] < 0:
                    level[h] = level[node] + 1
                    queue.append(h)
        return level if level[self.sink] >= 0 else None

    def _blocking_flow(self, level: list[int], tight: Callable[[int], list[int]]) -> None:
        """Unit augmenting paths along the level graph (each row takes one unit), iteratively
        with Dinic's current-arc pointers: long paths need no recursion."""
        head, cap = self.head, self.cap
        pointer = [0] * len(self.out)
        stack, path = [self.source], []
        while stack:
            node = stack[-1]
            if node == self.sink:
                for arc in path:
                    cap[arc] -= 1
                    cap[arc ^ 1] += 1
                stack, path = [self.source], []
                continue
            arcs = tight(node)
            while pointer[node] < len(arcs):
                arc = arcs[pointer[node]]
                if cap[arc] and level[head[arc]] == level[node] + 1:
                    stack.append(head[arc])
                    path.append(arc)
                    break
                pointer[node] += 1
            else:
                level[node] = -1  # a dead end for the rest of this phase
                stack.pop()
                if path:
                    path.pop()


def one_more_place(
    edges: Edges, capacity: Sequence[int], assignment: Sequence[int]
) -> list[tuple[int, int]]:
    """For each column, (unmatched rows, matched cost) of the optimum with one more place
    there. ``assignment`` must be optimal (``solve``'s)."""
    big = unmatched_cost(edges)
    out, total = _residual(edges, capacity, assignment, big)
    sink = len(out) - 1
    distance = _shortest_from(out, sink)
    n = len(edges)
    return [divmod(total + min(0, distance[n + j]), big) for j in range(len(capacity))]


def _residual(
    edges: Edges, capacity: Sequence[int], assignment: Sequence[int], big: int
) -> tuple[list[list[tuple[int, int]]], int]:
    """The residual graph of the assignment in its dummy form (rows, then columns, then the
    sink; arcs as (head, cost)), and the assignment's total cost."""
    n, sink = len(edges), len(edges) + len(capacity)
    load = [0] * len(capacity)
    out: list[list[tuple[int, int]]] = [[] for _ in range(sink + 1)]
    total = 0
    for i, row in enumerate(edges):
        for j, cost in row:
            if assignment[i] == j:
                out[n + j].append((i, -cost))
                load[j] += 1
                total += cost
            else:
                out[i].append((n + j, cost))
        if assignment[i] < 0:
            out[sink].append((i, -big))
            total += big
        else:
            out[i].append((sink, big))
    for j, places in enumerate(capacity):
        if load[j] < places:
            out[n + j].append((sink, 0))
        if load[j]:
            out[sink].append((n + j, 0))
    return out, total


def _shortest_from(out: list[list[tuple[int, int]]], source: int) -> list[int | float]:
    """SPFA (queued Bellman-Ford) in exact integers; a negative cycle means the assignment
    was not optimal, which is a bug."""
    distance: list[int | float] = [inf] * len(out)
    distance[source] = 0
    queued = [False] * len(out)
    queued[source] = True
    entries = [0] * len(out)
    queue = deque([source])
    while queue:
        node = queue.popleft()
        queued[node] = False
        base = distance[node]
        for head, cost in out[node]:
            if base + cost < distance[head]:
                distance[head] = base + cost
                if not queued[head]:
                    entries[head] += 1
                    if entries[head] > len(out):
                        raise RuntimeError("negative cycle: the assignment is not optimal")
                    queued[head] = True
                    queue.append(head)
    return distance
