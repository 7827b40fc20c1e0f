"""Every legal and illegal move of the venture pipeline, recorded with who, when and why; the
coordinator's list of ventures, paged."""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.screening.test_mentor_pipeline import _statements
from vms.auth.models import Role
from vms.cohorts.models import VENTURE_MOVES, Venture, VentureFounder, VentureNeed, VentureStatus
from vms.extensions import db
from vms.paging import PAGE_SIZE
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.states import IllegalTransition

S = VentureStatus


def _venture(status: VentureStatus) -> Venture:
    venture = Venture(name="V", status=status)
    venture.events = []
    return venture


@pytest.mark.parametrize(
    ("current", "target"),
    [(current, target) for current, targets in VENTURE_MOVES.items() for target in targets],
)
def test_legal_moves_are_made_and_recorded(current, target):
    venture = _venture(current)
    event = venture.move_to(target, actor=None, note="why")
    assert venture.status is target
    assert (event.from_status, event.to_status, event.note) == (current, target, "why")


@pytest.mark.parametrize(
    ("current", "target"),
    [(c, t) for c in VentureStatus for t in VentureStatus if t not in VENTURE_MOVES[c]],
)
def test_illegal_moves_are_refused_with_a_reason(current, target):
    venture = _venture(current)
    with pytest.raises(IllegalTransition, match=f"from {current.value} to {target.value}"):
        venture.move_to(target, actor=None)
    assert venture.status is current and venture.events == []


def test_the_path_and_its_final_states():
    path = [S.SUBMITTED, S.ACCEPTED, S.DOCKETED, S.TEAMED, S.ACTIVE, S.GRADUATED]
    for here, there in zip(path, path[1:], strict=False):
        assert there in VENTURE_MOVES[here]
    for final in (S.GRADUATED, S.WITHDRAWN, S.DECLINED):
        assert VENTURE_MOVES[final] == frozenset()


# -- the coordinator's list of ventures, paged ------------------------------------------------


def _ventures(program, n: int, start: int = 0, **fields) -> list[Venture]:
    """``n`` ventures with a founder and a need each, three to a creation time (ties)."""
    created = datetime(2024, 1, 1, tzinfo=UTC)
    term = taxonomy.terms(program, TaxonomyKind.EXPERTISE)[0]
    made = [
        Venture(program_id=program.id, name=f"Venture {i:04d}",
                created_at=created + timedelta(hours=i // 3),
                founders=[VentureFounder(name=f"Founder {i}")],
                assessment=[VentureNeed(term_id=term.id, strength=2, wants_help=True)],
                **{"description": "Makes things.", **fields})
        for i in range(start, start + n)
    ]  # fmt: skip
    db.session.add_all(made)
    db.session.commit()
    return made


def _venture_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'/screening/ventures/(\d+)"', page)]


def test_a_long_list_of_ventures_shows_each_once_across_pages(
    app, client, auth, make_program, make_member
):
    program = make_program()
    matching = _ventures(program, 2 * PAGE_SIZE + 1, description="Solar kits")
    _ventures(program, 6, start=500, description="Wind farms")
    _ventures(program, 4, start=600, description="Solar kits", status=VentureStatus.DECLINED)
    auth.login(as_=make_member(program, Role.COORDINATOR))
    url, seen, links = f"/p/{program.slug}/screening/ventures?status=accepted&q=solar", [], []
    while url is not None:
        page = client.get(url).get_data(as_text=True)
        seen += _venture_ids(page)
        found = re.search(r'<a rel="next" href="([^"]+)"', page)
        url = html.unescape(found.group(1)) if found else None
        links += [url] if url else []
    newest_first = sorted(matching, key=lambda v: (v.created_at, v.id), reverse=True)
    assert seen == [v.id for v in newest_first]
    assert [parse_qs(urlsplit(link).query) for link in links] == [
        {"status": ["accepted"], "q": ["solar"], "page": [str(n)]} for n in (2, 3)
    ]
    assert "Page 3 of 3" in page and len(re.findall(r"<td>\d+%</td>", page)) == 1  # completeness
    assert 'Declined <span class="tag">4</span>' in page


def test_the_list_of_ventures_costs_the_same_statements_at_any_size(
    app, client, auth, make_program, make_member
):
    program = make_program()
    _ventures(program, PAGE_SIZE + 1)
    auth.login(as_=make_member(program, Role.COORDINATOR))
    url = f"/p/{program.slug}/screening/ventures"
    small = _statements(app, client, url)
    _ventures(program, 1050, start=PAGE_SIZE + 1)
    large = _statements(app, client, url)
    assert large[0] == small[0] <= 25 and large[1] < 200 * 1024
