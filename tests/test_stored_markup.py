"""The guard: markup in every name anyone can set stays text in every page and email (issue 9).

Flask-Babel's lazy strings once declared themselves safe HTML, so names put into translated
labels reached pages raw. This looks for that kind of bug anywhere: the demo, grown as for
tests/test_every_page.py, gets a marker with markup in front of every stored text people
type (every String, Text or JSON list of strings column but identifiers and machine values,
found from the models, so a column added tomorrow is covered), visitors type markup into the
public forms, then every GET page is opened as every persona and every kind of email is sent.
No page or HTML part may carry the marker as markup; text parts, subjects and calendars are
plain text and carry it as typed (never HTML-escaped).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import flask
import sqlalchemy as sa
from icalendar import Calendar
from sqlalchemy import select, update

from tests import every_page_peer as peer
from tests.every_page_notifications import FAULTY
from tests.every_page_world import DEMO, EXTRA, SISTER, load_both_programs
from tests.screening.test_mentor_applications import _form as mentor_form
from tests.screening.test_ventures import _form as venture_form
from tests.test_every_page import every_page, every_persona, visit, where_it_broke
from vms.agreements import jobs as agreement_jobs
from vms.agreements.models import Agreement, AgreementKind, AgreementSignature, AgreementStatus
from vms.agreements.reminders import unsigned_parties
from vms.auth import services as accounts
from vms.auth.models import Role
from vms.cohorts import services as cohorts
from vms.cohorts.models import Cohort, Program, Venture
from vms.cohorts.teams.models import Team
from vms.database import now_utc
from vms.demo_data import DEMO_PASSWORD, DOMAIN
from vms.extensions import db
from vms.mail.delivery import deliver_all, deliver_pending
from vms.mail.models import EmailStatus, OutboxEmail
from vms.notifications import digest, preferences
from vms.notifications.categories import Category, Choice
from vms.notifications.nudges import people as nudge_people
from vms.notifications.nudges import teams as nudge_teams
from vms.onboarding.trials import intake as trial_intake
from vms.onboarding.trials import services as trials
from vms.onboarding.trials.models import Audience as TrialAudience
from vms.onboarding.trials.models import Treatment
from vms.peer.choices import services as choices
from vms.peer.models import EventStatus, PeerEvent, PeerRole
from vms.scheduling import jobs
from vms.scheduling.meetings import records
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import DocketEntry, Meeting
from vms.screening.conflicts import services as conflicts
from vms.screening.conflicts.models import ConflictKind
from vms.screening.mentors import interviews, rubric
from vms.screening.mentors.models import Interview, MentorApplication
from vms.screening.ventures import services as ventures

MARK = '<b class="vms-mark">'
#: For unbounded text, what an attacker would add: a link and a redirect.
LONG_MARK = (MARK + '<a href="https://evil.example/x">x</a>'
             '<meta http-equiv="refresh" content="0;url=https://evil.example/">')  # fmt: skip
#: Any of these in HTML is the marker taken as markup (the refresh is the attacker's: event
#: mode's page refreshes itself without its script).
RAW = (MARK, '<a href="https://evil.example/x"',
       '<meta http-equiv="refresh" content="0;url=https://evil.example/"')  # fmt: skip
ESCAPED = "&lt;b class="
TWICE_ESCAPED = "&amp;lt;b class="

#: Words in a column's name that make it an identifier or a machine value, not text someone
#: types to be read: the app matches, parses or computes these, and shows them, if at all,
#: as they must be (an address, a link, a zone); markup there would only break what reads it.
MACHINE_WORDS = frozenset({
    "email", "token", "hash", "key", "uid", "slug", "timezone", "locale", "url", "website",
    "link", "ics", "method", "status", "ip", "agent", "sha256", "error", "code", "language",
    "occasion",
})  # fmt: skip
#: Tables the app writes for itself: the outbox holds rendered emails (checked at the end),
#: notifications their kinds and rendered subjects (shown escaped, as the emails are checked).
MACHINE_TABLES = frozenset({"outbox_emails", "notifications"})
#: Append-only evidence: PostgreSQL refuses to change a signature (migration bd4e5f6a7b84), so
#: a signature is made with a marked name instead, through the page (``_parties_act``).
SIGNED_ANEW = frozenset({"agreement_signatures.typed_name"})
#: A person who signed up and is in no program yet.
NO_PROGRAM = f"sin-programa@{EXTRA}"
TEMPLATES = Path(__file__).resolve().parent.parent / "vms" / "templates"


def typed_by_people(table: sa.Table, column: sa.Column) -> bool:
    """Whether the column holds text someone types (a name, a title, a note), to be marked."""
    if table.name in MACHINE_TABLES or column.primary_key or column.foreign_keys:
        return False
    if isinstance(column.type, sa.Enum) or not isinstance(column.type, sa.String | sa.JSON):
        return False  # an Enum is a String, but its values are the app's own
    return not MACHINE_WORDS & set(column.name.split("_"))


def marked(value, length: int | None):
    """The value with the marker in front (cut to the column's length, marker kept whole);
    each string of a JSON list marked alike, so names still match their lists; NULL kept."""
    if isinstance(value, list):
        return [(MARK + item) if isinstance(item, str) else item for item in value]
    if not isinstance(value, str):
        return value
    return (MARK + value)[:length] if length else LONG_MARK + value


def mark_every_stored_text() -> tuple[list[str], list[str]]:
    """Mark every row's typed text; (the columns chosen, the columns some row changed in)."""
    chosen, changed = [], set()
    for table in db.metadata.sorted_tables:
        columns = [c for c in table.columns if typed_by_people(table, c)]
        chosen += [f"{table.name}.{c.name}" for c in columns]
        columns = [c for c in columns if f"{table.name}.{c.name}" not in SIGNED_ANEW]
        if columns:
            changed |= {f"{table.name}.{name}" for name in _mark_rows(table, columns)}
    db.session.commit()
    return chosen, sorted(changed)


def _program(slug: str) -> Program:
    return db.session.scalar(select(Program).filter_by(slug=slug))


def _is_json(qualified: str) -> bool:
    table, column = qualified.split(".")
    return isinstance(db.metadata.tables[table].c[column].type, sa.JSON)


def _mark_rows(table: sa.Table, columns: list[sa.Column]) -> set[str]:
    keys = list(table.primary_key.columns)
    changed = set()
    for row in db.session.execute(select(*keys, *columns)).mappings().all():
        values = {c.name: marked(row[c.name], getattr(c.type, "length", None)) for c in columns}
        values = {name: value for name, value in values.items() if value != row[name]}
        if values:
            where = [key == row[key.name] for key in keys]
            db.session.execute(update(table).where(*where).values(values))
            changed |= values.keys()
    return changed


def _fill_what_the_world_lacks(both) -> None:
    """Rows for the typed columns the world leaves empty: a conflict declared with a company,
    a recusal, an interviewer's scorecard notes, a summary's action items."""
    program = _program(DEMO)
    mentor, coordinator = (accounts.user_by_email(f"{who}@{DOMAIN}")
                           for who in ("mentor2", "coordinator"))  # fmt: skip
    accounts.register_user(NO_PROGRAM, "Sin Programa", DEMO_PASSWORD, "UTC", "es")
    conflicts.declare(program, mentor, ConflictKind.COMPANY, None, "Acme", "Consejera.")
    newcomer = db.session.get(Venture, both.values[DEMO]["venture_id"][2])  # on no team
    conflicts.recuse(program, mentor, newcomer, "Es de la familia.")
    interview = db.session.get(Interview, both.values[DEMO]["interview_id"][0])
    notes = {c.id: (4, "Piensa con claridad.") for c in rubric.criteria(program.id)}
    rubric.submit(interview, coordinator, notes)
    summarised = db.session.scalar(
        select(Meeting).filter_by(program_id=program.id).where(Meeting.summary_at.is_not(None))
    )
    records.record_summary(summarised, "Resumen.", "Decisiones.",
                           [records.ActionLine("Enviar el plan", "Ana")])  # fmt: skip
    db.session.commit()


def markup_problems(text: str, html: bool) -> list[str]:
    """How a page or an email part mishandles the marker: markup in HTML, escapes in text."""
    if html:
        found = [f"shows {piece!r} as markup" for piece in RAW if piece in text]
    else:
        found = [f"plain text shows HTML escapes: {ESCAPED!r}"] if ESCAPED in text else []
    if TWICE_ESCAPED in text:
        found.append("escaped twice")
    return found


# -- pages --------------------------------------------------------------------------------------


def _crawl(app, both) -> tuple[list[str], set[str]]:
    """Every page as every persona: (the problems, the URLs showing the marker escaped)."""
    failures, escaped, pages = [], set(), every_page(app, both)
    for persona in every_persona(both):
        for page, response in visit(app, persona, pages):
            where = f"{persona.name}: GET {page.url}"
            if isinstance(response, Exception):
                failures.append(f"{where}: raised\n    {where_it_broke(response)}")
                continue
            failures += [f"{where}: {p}" for p in _response_problems(response)]
            if response.mimetype == "text/html" and ESCAPED in response.get_data(as_text=True):
                escaped.add(page.url)
    return failures, escaped


def _response_problems(response) -> list[str]:
    if response.status_code >= 500:
        return [f"status {response.status_code}"]
    if response.mimetype == "text/html":
        return markup_problems(response.get_data(as_text=True), html=True)
    if response.mimetype.startswith("text/"):  # CSV, calendars: the marker as typed
        return markup_problems(response.get_data(as_text=True), html=False)
    return []


def _signed_in(app, email: str):
    client = app.test_client()
    response = client.post("/signin", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{email} cannot sign in"
    return client


def _post(client, url: str, data: dict | None = None, done: str = "flash-success") -> list[str]:
    """Post as a person would, follow the redirect, and check the page it lands on (which
    says ``done`` when the post did what it should)."""
    response = client.post(url, data=data or {}, follow_redirects=True)
    body = response.get_data(as_text=True)
    found = [f"POST {url}: {p}" for p in markup_problems(body, html=True)]
    if response.status_code != 200 or done not in body:
        found.append(f"POST {url}: {response.status_code}, not done:\n{body[-3000:]}")
    return found


def _closed_links(app, both) -> list[str]:
    """The pages the crawl's live links never reach: a withdrawn invitation, an expired
    venture link, and the home of a person in no program, each naming what it is about."""
    invitation_token = both.tokens["cohorts.invitation"][DEMO][0]
    cohorts.revoke(cohorts.invitation_for_token(invitation_token))
    venture_token = both.tokens["screening.venture_profile"][DEMO][0]
    ventures.venture_for_token(venture_token).access_token_expires_at = now_utc()
    db.session.commit()
    anonymous, alone = app.test_client(), _signed_in(app, NO_PROGRAM)
    found = []
    for client, url in ((anonymous, f"/invitations/{invitation_token}"),
                        (anonymous, f"/ventures/{venture_token}"), (alone, "/")):  # fmt: skip
        response = client.get(url)
        found += [f"GET {url}: {p}" for p in _response_problems(response)]
        if ESCAPED not in response.get_data(as_text=True):
            found.append(f"GET {url}: {response.status_code}, does not name what it is about")
    return found


# -- what visitors type -------------------------------------------------------------------------


def _visitors_type_markup(app, program: Program) -> list[str]:
    """The public mentor and venture applications and the sign-up, markup in every text."""
    client = app.test_client()
    slug = program.slug
    mentor = mentor_form(program, name=f"{MARK}Ada Visitante", email=f"ada@{EXTRA}",
                         bio=f"{LONG_MARK} Bio.", heard_from=f"{MARK}un amigo",
                         motivation=f"{LONG_MARK} Motivo.", link="")  # fmt: skip
    venture = venture_form(program, name=f"{MARK}Venta Visitante",
                           description=f"{MARK}Una línea.", goal_statement=f"{LONG_MARK} " * 3,
                           **{"founders-0-name": f"{MARK}Ana", "founders-0-email": f"ana@{EXTRA}",
                              "founders-1-name": f"{MARK}Tom",
                              "founders-1-email": f"tom@{EXTRA}"})  # fmt: skip
    new, taken = ({"name": f"{MARK}{name}", "email": email, "timezone": "UTC", "locale": "es"}
                  for name, email in (("Nueva", f"nueva@{EXTRA}"),
                                      ("Otra", f"coordinator@{DOMAIN}")))  # fmt: skip
    return [
        *_post(client, f"/p/{slug}/apply/mentor", mentor, done=ESCAPED),
        *_post(client, f"/p/{slug}/apply/venture", venture, done=ESCAPED),
        *_post(client, "/signup", new),
        *_post(client, "/signup", taken),  # the address has an account: its owner is told
        *_post(client, "/password/forgot", {"email": f"coordinator@{DOMAIN}"}),
    ]


# -- every kind of email --------------------------------------------------------------------------


def _coordinators_act(app, both) -> list[str]:
    """What coordinators do in pages that emails the people named."""
    demo, sister = both.values[DEMO], both.values[SISTER]
    _published, draft = demo["team_id"]
    submitted, interviewed, _accepted = demo["application_id"]
    client, other = (_signed_in(app, f"{who}@{DOMAIN}")
                     for who in ("coordinator", "coordinator2"))  # fmt: skip
    mentors = f"/p/{DEMO}/screening/mentors"
    waitlist = f"/p/{SISTER}/screening/mentors/{sister['application_id'][0]}"
    # The coming monthly meeting's packet (its docket and two mentors' yes: the demo's).
    packet = db.session.scalar(
        select(DocketEntry.meeting_id).join(Meeting)
        .where(Meeting.program_id == _program(DEMO).id, Meeting.starts_at > now_utc()).limit(1)
    )  # fmt: skip
    return [
        *_post(client, f"/p/{DEMO}/meetings/{packet}/packet/send"),
        *_post(client, f"/p/{DEMO}/teams/{draft}/publish", {"confirmed": "yes"}),
        *_post(client, f"/p/{DEMO}/screening/ventures/{demo['venture_id'][0]}/link"),
        *_post(client, f"{mentors}/{submitted}", {"target": "declined", "note": LONG_MARK}),
        *_post(client, f"{mentors}/{interviewed}", {"target": "interviewed", "note": MARK}),
        *_post(client, f"{mentors}/{interviewed}", {"target": "accepted", "note": MARK}),
        *_post(other, waitlist, {"target": "waitlisted", "note": MARK}),
        *_post(
            client, f"/p/{DEMO}/teams/load/{demo['mentor_id'][0]}/step-off", {"confirmed": "yes"}
        ),
    ]


def _peer_coordinator_acts(app) -> list[str]:
    """In the peer pages: the demo's coming event's schedules sent; a held event's members
    reminded to rank, then paired and told their pair; a new circle's people invited."""
    program = _program(DEMO)
    coordinator = accounts.user_by_email(f"coordinator@{DOMAIN}")
    coming = db.session.scalar(select(PeerEvent).filter_by(program_id=program.id,
                                                           status=EventStatus.PLANNED))  # fmt: skip
    starts_at = now_utc().replace(hour=22, minute=0, second=0) - timedelta(days=3)
    held = peer.plan(program, coming.cohort, coordinator, f"{MARK}Autumn speed dating", starts_at)
    peer.hold(held)
    members = [p for p in held.participants if p.role is PeerRole.MEMBER]
    mentors = [p.user_id for p in held.participants if p.role is PeerRole.PEER_MENTOR]
    held_id, coming_id, people = held.id, coming.id, [p.user_id for p in members[:3]]
    db.session.commit()
    client = _signed_in(app, coordinator.email)
    pairing = f"/p/{DEMO}/peer/events/{held_id}/pairing"
    found = [*_post(client, f"/p/{DEMO}/peer/events/{coming_id}/send-schedules"),
             *_post(client, f"{pairing}/remind")]  # fmt: skip
    held = db.session.get(PeerEvent, held_id)
    for member in [p for p in held.participants if p.role is PeerRole.MEMBER]:
        choices.save_ranking(held, member, mentors, [])
    db.session.commit()
    circle = {"name": f"{MARK}Círculo nuevo", "facilitator_id": mentors[0], "members": people,
              "ordinal": "1", "weekday": "2", "start_time": "18:00", "duration_minutes": "90",
              "timezone": program.timezone, "location": f"{MARK}Sala 9"}  # fmt: skip
    return [
        *found,
        *_post(client, f"{pairing}/run"),
        *_post(client, f"{pairing}/publish", {"confirm": "y"}),
        *_post(client, f"/p/{DEMO}/peer/circles/new", circle),
    ]


def _parties_act(app) -> list[str]:
    """In the agreement pages: the coordinator reminds the demo's unsigned party (an email),
    who then signs with their marked name (the signature's name is typed, never marked)."""
    waiting = db.session.scalar(select(Agreement).filter_by(
        program_id=_program(DEMO).id, kind=AgreementKind.PEER,
        status=AgreementStatus.OUT_FOR_SIGNATURE))  # fmt: skip
    signer, version = unsigned_parties(waiting)[0], waiting.current_version
    page = f"/p/{DEMO}/agreements/{waiting.id}"
    signed = {"typed_name": signer.name, "consent": "y", "version": version.number,
              "text_sha256": version.text_sha256}  # fmt: skip
    client = _signed_in(app, f"coordinator@{DOMAIN}")
    return [*_post(client, f"{page}/remind"),
            *_post(_signed_in(app, signer.email), f"{page}/sign", signed)]  # fmt: skip


def _services_send(both) -> None:
    """Meetings scheduled, moved and cancelled, an interview, an invitation; then the sweeps."""
    program = _program(DEMO)
    coordinator = accounts.user_by_email(f"coordinator@{DOMAIN}")
    team = db.session.get(Team, both.values[DEMO]["team_id"][0])
    start = now_utc() + timedelta(days=2)
    place = meetings.MeetingDetails(start, 60, f"{MARK}Sala", "", f"{LONG_MARK} Notas")
    moved, cancelled = (meetings.schedule_team_meeting(team, place, coordinator, program.timezone)
                        for _ in range(2))  # fmt: skip
    meetings.reschedule(moved, meetings.MeetingDetails(start + timedelta(hours=3), 90, MARK))
    meetings.cancel(cancelled)
    visitor = db.session.scalar(select(MentorApplication).filter_by(email=f"ada@{EXTRA}"))
    interviews.schedule(visitor, interviews.InterviewDetails(
        start, 45, f"{MARK}Sala 2", "", [coordinator.id]), coordinator)  # fmt: skip
    cohort = db.session.scalar(select(Cohort).filter_by(program_id=program.id).limit(1))
    cohorts.invite(program, cohort, f"invitada@{EXTRA}", Role.MENTOR, coordinator)
    _a_trial_writes_to_the_visitors_venture(program)
    # The team's lead gathers reminders into the weekly digest (sent below).
    preferences.set_choice(team.lead.mentor, Category.REMINDERS, Choice.DIGEST)
    db.session.commit()
    deliver_all()
    jobs.send_meeting_reminders(moved.starts_at - timedelta(hours=1))
    jobs.send_agenda_reminders(moved.starts_at - timedelta(hours=1))
    jobs.send_summary_reminders(moved.ends_at + timedelta(hours=program.summary_due_hours + 1))
    jobs.keep_series_ahead()
    agreement_jobs.send_agreement_reminders(now_utc() + timedelta(days=40))
    quiet = now_utc() + timedelta(days=400)  # principles due again, every team quiet
    nudge_people.send_principles_nudges(quiet)
    nudge_teams.send_quiet_team_nudges(quiet)
    digest.send_digests(moved.starts_at + timedelta(days=8))
    db.session.commit()
    while deliver_pending():
        pass


def _a_trial_writes_to_the_visitors_venture(program: Program) -> None:
    """A venture trial whose arms both carry a coordinator's marked message, and the visitor's
    venture assigned to one: its founders get that message."""
    note = f"{LONG_MARK} Hola"
    trial = trials.create_trial(program, trials.TrialInput(
        TrialAudience.VENTURES, f"{MARK}Ensayo", f"{MARK}¿Ayuda?",
        [trials.ArmInput(f"{MARK}Nota", Treatment.MESSAGE, note, is_comparison=True),
         trials.ArmInput(f"{MARK}Otra nota", Treatment.MESSAGE, note)]))  # fmt: skip
    trials.start_trial(program, trial)
    venture = db.session.scalar(select(Venture).where(
        Venture.program_id == program.id, Venture.name == f"{MARK}Venta Visitante"))  # fmt: skip
    assert trial_intake.assign_venture(venture) is not None


def _outbox_problems() -> tuple[list[str], int]:
    """Each queued email: (the problems, how many carry the marker in their text)."""
    failures, carrying = [], 0
    for email in db.session.scalars(select(OutboxEmail).order_by(OutboxEmail.id)):
        where = f"outbox #{email.id} to {email.to_address} ({email.subject!r})"
        if email.status is not EmailStatus.SENT and not email.to_address.endswith(FAULTY):
            failures.append(f"{where}: {email.status.value}, {email.last_error}")
        failures += [f"{where}, HTML: {p}" for p in markup_problems(email.html_body or "", True)]
        for text in (email.subject, email.text_body, email.calendar_ics or ""):
            failures += [f"{where}, text: {p}" for p in markup_problems(text, html=False)]
        carrying += MARK in email.text_body
    return failures, carrying


def _delivered_problems(smtp) -> tuple[list[str], int]:
    """Each message the SMTP server got, part by part: (the problems, HTML parts with the
    marker escaped)."""
    failures, escaped = [], 0
    for message in smtp.messages:
        where = f"email to {message['To']} ({message['Subject']!r})"
        failures += [f"{where}, subject: {p}" for p in markup_problems(message["Subject"], False)]
        for part in message.walk():
            if part.is_multipart():
                continue
            content = part.get_content()
            text = content.decode() if isinstance(content, bytes) else content
            html = part.get_content_type() == "text/html"
            failures += [f"{where}, {part.get_content_type()}: {p}"
                         for p in markup_problems(text, html)]  # fmt: skip
            if part.get_content_type() == "text/calendar":
                Calendar.from_ical(text)  # a name with markup never breaks the file
            escaped += html and ESCAPED in text
    return failures, escaped


# -- the test -------------------------------------------------------------------------------------


def test_markup_in_every_stored_name_stays_text_in_every_page_and_email(app, smtp):
    both = load_both_programs(smtp)
    started = time.monotonic()
    _fill_what_the_world_lacks(both)
    chosen, changed = mark_every_stored_text()
    assert len(chosen) >= 35, "the sweep chose only:\n  " + "\n  ".join(chosen)
    # A JSON column may hold no strings (weekdays, the builder's reasons); a text column
    # nothing fills is a column this guard cannot test.
    empty = [c for c in set(chosen) - set(changed) - SIGNED_ANEW if not _is_json(c)]
    assert not empty, f"no row has these: give them one in _fill_what_the_world_lacks: {empty}"
    assert set(chosen) >= SIGNED_ANEW, "the signature's typed name is text people type"
    smtp.clear()
    with _templates_rendered(app) as rendered:
        failures = _visitors_type_markup(app, _program(DEMO))
        crawled, escaped_pages = _crawl(app, both)
        failures += crawled + _closed_links(app, both) + _coordinators_act(app, both)
        failures += _peer_coordinator_acts(app) + _parties_act(app)
        _services_send(both)
    marked_name = AgreementSignature.typed_name.startswith(MARK)
    assert db.session.scalar(select(AgreementSignature.id).where(marked_name)), "signed anew"
    outbox, carrying = _outbox_problems()
    delivered, escaped_parts = _delivered_problems(smtp)
    print(f"{len(changed)} of {len(chosen)} columns marked; {len(escaped_pages)} pages show the "
          f"marker escaped; {len(smtp.messages)} emails, {carrying} with it in their text, "
          f"{escaped_parts} HTML parts escaped; {time.monotonic() - started:.1f}s")  # fmt: skip
    assert not failures + outbox + delivered, "\n".join(failures + outbox + delivered)
    assert len(escaped_pages) >= 120, "the crawl saw the marked names"
    peer_pages = {f"/p/{slug}/peer/{kind}s/{n}" for slug in (DEMO, SISTER)
                  for kind in ("event", "circle")
                  for n in both.values[slug][f"{kind}_id"]}  # fmt: skip
    assert peer_pages <= escaped_pages, sorted(peer_pages - escaped_pages)
    agreement_pages = {f"/p/{slug}/agreements/{n}" for slug in (DEMO, SISTER)
                       for n in both.values[slug]["agreement_id"]}  # fmt: skip
    assert agreement_pages <= escaped_pages, sorted(agreement_pages - escaped_pages)
    assert carrying >= 20 and escaped_parts >= 20, "the emails carried the marked names"
    unsent = {str(p.relative_to(TEMPLATES)) for p in (TEMPLATES / "emails").rglob("*.*")}
    unsent -= rendered
    assert not unsent, f"send these emails above, with names marked: {sorted(unsent)}"


@contextmanager
def _templates_rendered(app) -> Iterator[set[str]]:
    rendered: set[str] = set()
    with flask.template_rendered.connected_to(
        lambda _app, template, **_: rendered.add(template.name), app
    ):
        yield rendered


# -- the guard's own rules ------------------------------------------------------------------------


def test_only_text_people_type_is_marked():
    def column(name: str, type_, table: str = "ventures") -> bool:
        found = sa.Table(table, sa.MetaData(), sa.Column(name, type_))
        return typed_by_people(found, found.c[name])

    assert column("name", sa.String(120)) and column("goal_statement", sa.Text())
    assert column("needs", sa.JSON()) and column("subject", sa.String(200))
    for machine in ("email", "token_hash", "rsvp_key", "uid", "slug", "default_locale",
                    "video_url", "website", "calendar_ics", "ip_address", "user_agent",
                    "text_sha256", "last_error", "verification_code", "language",
                    "occasion"):  # fmt: skip
        assert not column(machine, sa.String(64)), machine
    assert not column("stage", sa.Enum("idea", "growth", native_enum=False))
    assert not column("capacity", sa.Integer())
    assert not column("subject", sa.String(255), table="outbox_emails")


def test_the_marker_fits_the_column_and_stays_whole():
    assert marked("Ana", 120) == MARK + "Ana"
    assert marked("x" * 80, 80) == MARK + "x" * 60
    assert marked("Notas", None) == LONG_MARK + "Notas"
    assert marked(["Ventas", 3], None) == [MARK + "Ventas", 3]
    assert marked(None, 80) is None and marked({"code": "x"}, None) == {"code": "x"}


def test_markup_is_a_problem_in_html_and_escapes_are_one_in_text():
    assert markup_problems(f"<p>{MARK}Ana</p>", html=True) == [f"shows {MARK!r} as markup"]
    assert markup_problems("<p>&lt;b class=&#34;vms-mark&#34;&gt;Ana</p>", html=True) == []
    assert markup_problems("&amp;lt;b class=&amp;#34;", html=True) == ["escaped twice"]
    assert markup_problems(f"Hola {MARK}Ana", html=False) == []
    assert markup_problems("Hola &lt;b class=&#34;vms-mark", html=False) != []
