"""The guard: every GET page of the URL map, for every kind of person, with real objects.

The demo is loaded (and grown, tests/every_page_world.py, so both of its programs have
an object of every kind), eight personas sign in, and each opens every GET route of
``app.url_map`` with its arguments filled by name from the two programs' real objects.
No response is a 5xx; a person outside a program gets 404 for its pages; a URL that
puts one program's object under the other program's address is 404 for everyone; and
no page of one program names the objects only the other program has.

A route with an argument the table below cannot fill fails the test, naming it: a page
added tomorrow is covered without editing this file, or it says what it needs.
"""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Response

from tests.every_page_agreements import agreement_titles
from tests.every_page_world import DEMO, SISTER, BothPrograms, load_both_programs
from tests.test_authorization import PUBLIC_ENDPOINTS
from vms.auth import services as accounts
from vms.auth.models import User
from vms.auth.policy import member_programs
from vms.cohorts.models import Cohort, Program, Venture
from vms.demo_data import DEMO_PASSWORD, DOMAIN
from vms.extensions import db
from vms.peer.circles.models import PeerCircle
from vms.peer.models import PeerEvent
from vms.screening.mentors.models import MentorApplication

#: Stands for the founder of a venture with a published team (found in the demo, so that
#: the founder's team and meeting pages open).
TEAMED_FOUNDER = "founder of a teamed venture"
#: persona -> demo account (None: not signed in). mentor1 is a mentor of both programs.
PERSONAS = {
    "anonymous": None,
    "site admin": "admin",
    "coordinator": "coordinator",
    "other program's coordinator": "coordinator2",
    "mentor": "mentor2",
    "mentor in both programs": "mentor1",
    "founder": TEAMED_FOUNDER,
    "peer mentor": "peer1",
}
#: Arguments that belong to no program: a real static file, and a missing one (a 404).
ANYWHERE = {"filename": [("css/app.css", False), ("css/no-such-file.css", True)]}


@dataclass(frozen=True)
class Page:
    endpoint: str
    url: str
    #: The program whose objects fill the URL; None when nothing in it is a program's.
    program: str | None = None
    #: The program in the address (``/p/<program_slug>/``), if any.
    slug: str | None = None
    #: For a URL with one program's address and another program's object: the same URL with
    #: the address's own objects.
    counterpart: str | None = None
    #: An argument names nothing (a missing file).
    missing: bool = False


class Unfillable(Exception):
    def __init__(self, endpoint: str, argument: str):
        super().__init__(f"{endpoint}: nothing fills <{argument}>; give it real objects of "
                         f"both programs in tests/every_page_world.py")  # fmt: skip


def pages_of(rule: Rule, both: BothPrograms) -> list[Page]:
    """Each URL of the rule: per program, its objects of every kind; then mixed programs."""
    names = sorted(rule.arguments)
    if not names:
        return [Page(rule.endpoint, _build(rule, {}))]
    anywhere = {name: _anywhere(rule, name, both) for name in names}
    if all(anywhere.values()):
        return [Page(rule.endpoint, _build(rule, {n: v for n, (v, _m) in one.items()}),
                     missing=any(m for _v, m in one.values()))
                for one in _zipped(anywhere)]  # fmt: skip
    found = []
    for slug, other in ((DEMO, SISTER), (SISTER, DEMO)):
        own = {name: _choices(rule, name, both, slug) for name in names}
        address = slug if "program_slug" in names else None
        found += [Page(rule.endpoint, _build(rule, one), slug, address) for one in _zipped(own)]
        if address:
            foreign = {name: _choices(rule, name, both, other) for name in names}
            found += _mixed(rule, names, own, foreign)
    return found


def _anywhere(rule: Rule, name: str, both: BothPrograms) -> list[tuple[str, bool]] | None:
    """(value, names nothing) for an argument of no program: a file, a person's link."""
    if name == "token":
        return [(token, False) for token in both.tokens.get(rule.endpoint, {}).get(None, [])]
    return ANYWHERE.get(name)


def _choices(rule: Rule, name: str, both: BothPrograms, slug: str) -> list:
    if name == "token":
        choices = both.tokens.get(rule.endpoint, {}).get(slug)
    else:
        choices = both.values[slug].get(name)
    if not choices:
        raise Unfillable(rule.endpoint, name)
    return choices


def _zipped(values: dict[str, list]) -> list[dict]:
    """As many URLs as the longest list: the i-th takes each argument's i-th value (cycling)."""
    longest = max(len(v) for v in values.values())
    return [{name: v[i % len(v)] for name, v in values.items()} for i in range(longest)]


def _mixed(rule: Rule, names, own: dict, foreign: dict) -> list[Page]:
    """For each object in the URL, the same address with that one object from the other program."""
    first = {name: values[0] for name, values in own.items()}
    return [
        Page(
            rule.endpoint,
            _build(rule, {**first, name: foreign[name][0]}),
            slug=first["program_slug"],
            counterpart=_build(rule, first),
        )
        for name in names
        if name != "program_slug"
    ]


def _build(rule: Rule, values: dict) -> str:
    return rule.build(values, append_unknown=False)[1]


def get_rules(url_map: Map) -> list[Rule]:
    return sorted((r for r in url_map.iter_rules() if "GET" in r.methods), key=lambda r: r.rule)


# -- who may expect what ------------------------------------------------------------------------


@dataclass(frozen=True)
class Persona:
    name: str
    user: User | None
    is_admin: bool
    #: Slugs of the programs the person is a member of.
    programs: frozenset[str]


def expected(
    page: Page, persona: Persona, counterpart_status: int | None = None
) -> set[int] | None:
    """The statuses this persona may get; None: anything below 500.

    ``counterpart_status`` is what the persona got for the mixed page's counterpart: a member
    refused that page by role gets 403 whatever the id (the role is checked before anything
    is loaded, so it reveals nothing), everyone else 404.
    """
    public = page.endpoint in PUBLIC_ENDPOINTS
    if not public and persona.user is None:
        return {302}  # to the sign-in page, checked by the caller
    if page.counterpart:
        return {404, 403} if counterpart_status == 403 else {404}
    if page.missing:
        return {404}
    if public and persona.user is None:
        return {200}
    if page.endpoint.startswith("admin.") and not persona.is_admin:
        return {404}
    if page.slug and not public and page.slug not in persona.programs:
        return {404}
    return None


def problems(page: Page, persona: Persona, response, markers, seen: dict[str, int]) -> list[str]:
    allowed = expected(page, persona, seen.get(page.counterpart))
    status = response.status_code
    found = []
    if status >= 500 or (allowed is not None and status not in allowed):
        found.append(f"{status}, expected {sorted(allowed) if allowed else 'below 500'}")
    signing_in = response.location and response.location.startswith("/signin?next=")
    if allowed == {302} and status == 302 and not signing_in:
        found.append(f"redirected to {response.location}, not to the sign-in page")
    # A PDF is binary (and compressed): its names are checked by tests/agreements/.
    textual = response.mimetype.startswith("text/") or response.is_json
    body = response.get_data(as_text=True) if textual else ""
    for slug in _programs_foreign_to(page, persona):
        leaked = sorted(name for name in markers[slug] if name in body)
        if leaked:
            found.append(f"shows {slug}'s {leaked}")
    return found


def _programs_foreign_to(page: Page, persona: Persona) -> set[str]:
    """Programs whose objects this page must not name."""
    if page.program is not None:
        return {DEMO, SISTER} - {page.program}
    if persona.is_admin:
        return set()
    return {DEMO, SISTER} - persona.programs


def leak_markers() -> dict[str, set[str]]:
    """Per program, the names of its ventures, cohorts, applicants, speed-dating events, peer
    circles and agreements' titles that the other lacks.

    People who belong to both programs (mentor1 applied to the sister program) are left out:
    their names rightly appear in both.
    """
    names: dict[str, set[str]] = {}
    for program in db.session.scalars(select(Program)):
        names[program.slug] = {
            *db.session.scalars(select(Venture.name).where(Venture.program_id == program.id)),
            *db.session.scalars(select(Cohort.name).where(Cohort.program_id == program.id)),
            *db.session.scalars(select(PeerEvent.title).filter_by(program_id=program.id)),
            *db.session.scalars(select(PeerCircle.name).filter_by(program_id=program.id)),
            *agreement_titles(program),
            *(a.name for a in db.session.scalars(
                select(MentorApplication).where(MentorApplication.program_id == program.id))
              if a.user is None or len(member_programs(a.user)) == 1),
        }  # fmt: skip
    return {DEMO: names[DEMO] - names[SISTER], SISTER: names[SISTER] - names[DEMO]}


# -- the walk -------------------------------------------------------------------------------------


def _persona(name: str, local_part: str | None, both: BothPrograms) -> Persona:
    if local_part is None:
        return Persona(name, None, False, frozenset())
    email = both.teamed_founder if local_part == TEAMED_FOUNDER else f"{local_part}@{DOMAIN}"
    user = accounts.user_by_email(email)
    slugs = frozenset(p.slug for p in member_programs(user))
    return Persona(name, user, user.is_admin, slugs)


def every_persona(both: BothPrograms) -> list[Persona]:
    return [_persona(name, local_part, both) for name, local_part in PERSONAS.items()]


def every_page(app, both: BothPrograms) -> list[Page]:
    """Every URL of every GET route, filled from both programs (a route nothing fills fails)."""
    pages, unfillable = [], []
    for rule in get_rules(app.url_map):
        try:
            pages += pages_of(rule, both)
        except Unfillable as missing:
            unfillable.append(str(missing))
    assert not unfillable, "\n".join(unfillable)
    return pages


def visit(app, persona: Persona, pages: list[Page]) -> Iterator[tuple[Page, Response | Exception]]:
    """Each page as the persona gets it: the response, or what the app raised."""
    client = app.test_client()
    if persona.user is not None:
        signed_in = client.post("/signin", data={"email": persona.user.email,
                                                 "password": DEMO_PASSWORD})  # fmt: skip
        assert signed_in.status_code == 302, f"{persona.name} cannot sign in"
    for page in pages:
        try:
            response = client.get(page.url)
        except Exception as error:  # the app re-raises in tests: report it, walk on
            db.session.rollback()
            yield page, error
            continue
        yield page, response
        response.close()  # a static file stays open until then


def _walk(app, persona: Persona, pages: list[Page], markers) -> list[str]:
    failures, seen = [], {}
    for page, response in visit(app, persona, pages):
        where = f"{persona.name}: GET {page.url} ({page.endpoint})"
        if isinstance(response, Exception):
            failures.append(f"{where}: raised\n    " + where_it_broke(response))
            continue
        found = problems(page, persona, response, markers, seen)
        seen[page.url] = response.status_code
        failures += [f"{where}: {problem}" for problem in found]
    return failures


def where_it_broke(error: Exception) -> str:
    """The app's last frames (not the libraries') and the error."""
    app_code = f"{os.sep}vms{os.sep}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if app_code in f.filename]
    lines = [f"{f.filename}:{f.lineno} in {f.name}: {f.line}" for f in frames[-3:]]
    return "\n    ".join([*lines, *traceback.format_exception_only(error)]).rstrip()


def test_every_page_for_every_role(app, smtp):
    both = load_both_programs(smtp)
    markers = leak_markers()
    assert all(markers.values()), "each program has objects only it has"
    pages = every_page(app, both)
    personas = every_persona(both)
    assert any(p.programs == {DEMO, SISTER} for p in personas), "someone is in both programs"
    started = time.monotonic()
    failures = [f for persona in personas for f in _walk(app, persona, pages, markers)]
    took = time.monotonic() - started
    print(f"{len(pages)} pages x {len(personas)} personas = {len(pages) * len(personas)} "
          f"requests in {took:.1f}s")  # fmt: skip
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures)


# -- the guard's own rules ------------------------------------------------------------------------


def _table() -> BothPrograms:
    values = {slug: {"program_slug": [slug], "team_id": [n, n + 10]}
              for n, slug in ((1, DEMO), (2, SISTER))}  # fmt: skip
    return BothPrograms(values=values, tokens={"x.link": {DEMO: ["t1"], SISTER: ["t2"]}})


@pytest.mark.parametrize(
    ("rule", "argument"),
    [("/p/<program_slug>/gizmos/<int:gizmo_id>", "gizmo_id"), ("/y/<token>", "token")],
)
def test_a_route_the_table_cannot_fill_fails_naming_its_argument(rule, argument):
    url_map = Map([Rule(rule, endpoint="x.new_page")])
    with pytest.raises(Unfillable, match=f"x.new_page: nothing fills <{argument}>"):
        pages_of(next(url_map.iter_rules()), _table())


def test_each_program_gets_its_own_objects_then_the_other_programs_one_by_one():
    url_map = Map([Rule("/p/<program_slug>/teams/<int:team_id>", endpoint="x.team")])
    found = pages_of(next(url_map.iter_rules()), _table())
    assert [(p.url, p.program, p.slug, p.counterpart) for p in found] == [
        ("/p/demo/teams/1", DEMO, DEMO, None),
        ("/p/demo/teams/11", DEMO, DEMO, None),
        ("/p/demo/teams/2", None, DEMO, "/p/demo/teams/1"),
        ("/p/sister-demo/teams/2", SISTER, SISTER, None),
        ("/p/sister-demo/teams/12", SISTER, SISTER, None),
        ("/p/sister-demo/teams/1", None, SISTER, "/p/sister-demo/teams/2"),
    ]


def test_expectations_follow_membership_and_mixing():
    coordinator = Persona("c", User(), False, frozenset({DEMO}))
    anonymous = Persona("a", None, False, frozenset())
    admin = Persona("s", User(), True, frozenset())
    team = Page("cohorts.show_team", "/p/sister-demo/teams/2", SISTER, SISTER)
    assert expected(team, coordinator) == {404}
    assert expected(Page("cohorts.show_team", "/p/demo/teams/1", DEMO, DEMO), coordinator) is None
    mixed = Page("cohorts.show_team", "/p/demo/teams/2", slug=DEMO, counterpart="/p/demo/teams/1")
    assert expected(mixed, coordinator, 200) == {404}
    assert expected(mixed, coordinator, 403) == {403, 404}  # refused by role, whatever the id
    assert expected(team, anonymous) == {302}
    apply = Page("screening.apply_as_mentor", "/p/sister-demo/apply/mentor", SISTER, SISTER)
    assert expected(apply, anonymous) == {200}
    assert expected(apply, coordinator) is None
    admin_page = Page("admin.show_program", "/admin/programs/1", DEMO)
    assert expected(admin_page, coordinator) == {404}
    assert expected(admin_page, admin) is None


def test_a_page_naming_the_other_programs_objects_is_a_failure():
    markers = {DEMO: {"GreenGrid"}, SISTER: {"Almendro Labs"}}
    coordinator = Persona("c", User(), False, frozenset({DEMO}))
    page = Page("cohorts.team_overview", "/p/demo/teams", DEMO, DEMO)
    leaking = Response("<li>GreenGrid</li><li>Almendro Labs</li>")
    assert problems(page, coordinator, leaking, markers, {}) == [
        "shows sister-demo's ['Almendro Labs']"
    ]
    # A page of no program may name only the person's own programs' objects.
    home = Page("site.index", "/")
    assert problems(home, coordinator, leaking, markers, {}) == [
        "shows sister-demo's ['Almendro Labs']"
    ]
    assert problems(page, coordinator, Response("<li>GreenGrid</li>"), markers, {}) == []
    broken = Response("", status=500)
    assert problems(page, coordinator, broken, markers, {}) == ["500, expected below 500"]
