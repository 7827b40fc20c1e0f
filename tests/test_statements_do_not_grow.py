"""No page's SQL statement count grows with the data, and none issues more than about 25.

The small world is the every-page world (tests/every_page_world.py) grown by one unit of
everything a page lists (tests/grown_world.py), so that no list is empty: a page that skips
a query for an empty list is not taken for one that grows. The crawler of
tests/test_every_page.py opens every GET page of the URL map as every persona, counting the
statements each request issues. Then the demo program is grown by nineteen units more
(about ten times its lists) and the sister program by four (its pages, and each program's
scoping of its queries, are exercised too), and every page is counted again.

Each page is requested twice, each time on a fresh session as in production, and the second
count is kept: the first pays for one-time loads. Both tests read one measurement; the
first lists the pages whose count grew, the second those over the budget, so a failure
shows both work lists, each sorted by persona and URL.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from flask import Flask, request_finished, request_started
from sqlalchemy import event, func, select

from tests.conftest import FreshRequestClient, _empty_all_tables, config_for_tests
from tests.every_page_world import DEMO, SISTER, load_both_programs
from tests.grown_world import grow_programs
from tests.test_every_page import Page, Persona, every_page, every_persona, visit
from vms import create_app
from vms.agreements.models import Agreement, AgreementCheckIn, AgreementEvent, AgreementSignature
from vms.auth.models import Membership, Role
from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team
from vms.extensions import db
from vms.mail.models import OutboxEmail
from vms.peer.circles.models import CircleMeeting, CircleRecord, PeerCircle
from vms.peer.models import PeerEvent, PeerParticipant
from vms.scheduling.models import Invitee, Meeting
from vms.screening.mentors.models import Interview, MentorApplication

#: Units added to each program for the large world (the small one has one).
MORE_UNITS = {DEMO: 19, SISTER: 4}
#: "None issues more than about 25" (the issue's budget for one page).
MOST_STATEMENTS = 25


@dataclass(frozen=True)
class Count:
    statements: int
    #: The status code, or what the app raised.
    answer: int | str


#: (persona, URL) -> the page's endpoint and its count in the small and the large world
Counts = dict[tuple[str, str], Count]


@dataclass
class Measurement:
    endpoints: dict[str, str]
    small: Counts
    large: Counts
    #: What grew, per program: "demo: 50 → 230 mentors, ..."
    sizes: list[str]
    seconds: float


class StatementCounter:
    """The SQL statements issued while a request of ``app`` runs (between the request_started
    and request_finished signals: the sign-in and the test's own reads are left out)."""

    def __init__(self, app: Flask):
        self.app, self.statements, self._running = app, 0, False

    def reset(self) -> None:
        self.statements, self._running = 0, False

    def _statement(self, *_args) -> None:
        self.statements += self._running

    def _started(self, *_args, **_extra) -> None:
        self._running = True

    def _finished(self, *_args, **_extra) -> None:
        self._running = False

    def __enter__(self) -> StatementCounter:
        event.listen(db.engine, "before_cursor_execute", self._statement)
        request_started.connect(self._started, self.app)
        request_finished.connect(self._finished, self.app)
        return self

    def __exit__(self, *_exc) -> None:
        event.remove(db.engine, "before_cursor_execute", self._statement)
        request_started.disconnect(self._started, self.app)
        request_finished.disconnect(self._finished, self.app)


def count_statements(app: Flask, personas: list[Persona], pages: list[Page]) -> Counts:
    """Each page twice per persona, on a fresh session each time; the second count is kept."""
    counts: Counts = {}
    twice = [page for page in pages for _ in range(2)]
    with StatementCounter(app) as counter:
        for persona in personas:
            for page, response in _one_session_each(visit(app, persona, twice), counter):
                answer = response.status_code if not isinstance(response, Exception) else (
                    f"raised {type(response).__name__}")  # fmt: skip
                counts[(persona.name, page.url)] = Count(counter.statements, answer)
    return counts


def _one_session_each(walk: Iterator, counter: StatementCounter) -> Iterator:
    """Advance the crawler one request at a time, each on a new session (as a worker does:
    nothing loaded by an earlier request is in the identity map) and counted from zero."""
    while True:
        db.session.remove()
        counter.reset()
        try:
            found = next(walk)
        except StopIteration:
            return
        yield found


def _sizes() -> dict[str, Counter]:
    """How many of each kind a program has, to say how much the large world grew."""
    kinds = {
        "mentors": select(Membership.program_id, func.count()).where(
            Membership.role == Role.MENTOR).group_by(Membership.program_id),
        "ventures": select(Venture.program_id, func.count()).group_by(Venture.program_id),
        "teams": select(Team.program_id, func.count()).group_by(Team.program_id),
        "meetings": select(Meeting.program_id, func.count()).group_by(Meeting.program_id),
        "invitees": select(Meeting.program_id, func.count()).join(Invitee)
        .group_by(Meeting.program_id),
        "applications": select(MentorApplication.program_id, func.count())
        .group_by(MentorApplication.program_id),
        "interviews": select(MentorApplication.program_id, func.count()).join(Interview)
        .group_by(MentorApplication.program_id),
        "event participants": select(PeerEvent.program_id, func.count()).join(PeerParticipant)
        .group_by(PeerEvent.program_id),
        "circles": select(PeerCircle.program_id, func.count()).group_by(PeerCircle.program_id),
        "circle records": select(PeerCircle.program_id, func.count()).join(CircleMeeting)
        .join(CircleRecord).group_by(PeerCircle.program_id),
        "agreements": select(Agreement.program_id, func.count()).group_by(Agreement.program_id),
        **{name: select(Agreement.program_id, func.count()).join(table)
           .group_by(Agreement.program_id)
           for name, table in (("agreement signatures", AgreementSignature),
                               ("agreement trail lines", AgreementEvent),
                               ("agreement check-ins", AgreementCheckIn))},
        "outbox emails": select(OutboxEmail.program_id, func.count())
        .where(OutboxEmail.program_id.is_not(None)).group_by(OutboxEmail.program_id),
    }  # fmt: skip
    slugs = dict(db.session.execute(select(Program.id, Program.slug)).tuples().all())
    found: dict[str, Counter] = {DEMO: Counter(), SISTER: Counter()}
    for kind, query in kinds.items():
        for program_id, n in db.session.execute(query):
            if slugs[program_id] in found:
                found[slugs[program_id]][kind] = n
    return found


def measure(app: Flask, smtp) -> Measurement:
    started = time.monotonic()
    both = load_both_programs(smtp)
    pages = every_page(app, both)
    grow_programs(both, {DEMO: range(1, 2), SISTER: range(1, 2)})
    small, small_sizes = count_statements(app, every_persona(both), pages), _sizes()
    grow_programs(both, {slug: range(2, 2 + n) for slug, n in MORE_UNITS.items()})
    large, large_sizes = count_statements(app, every_persona(both), pages), _sizes()
    sizes = [f"{slug}: " + ", ".join(f"{small_sizes[slug][k]} → {n} {k}"
                                     for k, n in large_sizes[slug].items())
             for slug in (DEMO, SISTER)]  # fmt: skip
    return Measurement({p.url: p.endpoint for p in pages}, small, large, sizes,
                       time.monotonic() - started)  # fmt: skip


@pytest.fixture(scope="module")
def measured(_schema, database_url, smtp, tmp_path_factory) -> Measurement:
    """One measurement for both tests: building and crawling both worlds is the slow part."""
    app = create_app(config_for_tests(database_url, smtp, str(tmp_path_factory.mktemp("i"))))
    app.test_client_class = FreshRequestClient
    smtp.clear()
    with app.app_context():
        try:
            return measure(app, smtp)
        finally:
            db.session.remove()
            _empty_all_tables()  # signatures too: it says it purges evidence on PostgreSQL
            db.engine.dispose()


def _line(m: Measurement, key: tuple[str, str]) -> str:
    persona, url = key
    small, large = m.small[key], m.large[key]
    changed = small.answer != large.answer
    answers = f"  (answered {small.answer} → {large.answer})" if changed else ""
    return (f"{persona:<28} {url:<58} {m.endpoints[url]:<36} "
            f"{small.statements:>4} → {large.statements:<5}{answers}")  # fmt: skip


def _by_endpoint(m: Measurement, keys: list[tuple[str, str]]) -> list[str]:
    worst: dict[str, tuple[int, int, int]] = {}
    for key in keys:
        endpoint, small, large = m.endpoints[key[1]], m.small[key], m.large[key]
        seen, low, high = worst.get(endpoint, (0, 0, 0))
        worst[endpoint] = (seen + 1, max(low, small.statements), max(high, large.statements))
    return [
        f"  {endpoint}: {n} page(s), at most {low} → {high}"
        for endpoint, (n, low, high) in sorted(worst.items())
    ]


def _report(m: Measurement, title: str, keys: list[tuple[str, str]]) -> str:
    return "\n".join([
        f"{len(keys)} {title} (persona, URL, endpoint, statements small → large):",
        *(_line(m, key) for key in sorted(keys)), "By endpoint:", *_by_endpoint(m, keys),
        "Grown:", *(f"  {size}" for size in m.sizes),
        f"({len(m.small)} requests per world, measured in {m.seconds:.0f}s)",
    ])  # fmt: skip


def test_no_page_issues_more_statements_for_a_larger_program(measured):
    small, large = measured.small, measured.large
    assert small.keys() == large.keys()
    changed = [key for key in small if small[key].answer != large[key].answer]
    assert not changed, _report(measured, "pages answer differently once grown", changed)
    grew = [key for key in small if large[key].statements > small[key].statements]
    assert not grew, _report(measured, "pages issue more statements once grown", grew)


def test_no_page_issues_more_than_about_25_statements(measured):
    small, large = measured.small, measured.large
    heavy = [key for key in small
             if max(small[key].statements, large[key].statements) > MOST_STATEMENTS]  # fmt: skip
    title = f"pages issue more than {MOST_STATEMENTS} statements"
    assert not heavy, _report(measured, title, heavy)
