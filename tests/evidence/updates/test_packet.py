"""The packet of a monthly mentor meeting: exactly the docket's ventures, each with its update
of the meeting's month or "no update yet"; read by the coordinators and the mentors who said
yes (others: 404); sent once to each mentor who said yes, even on a second click."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import Auth
from vms.auth.models import Role, User
from vms.cohorts.models import Venture, VentureFounder
from vms.evidence.updates import services
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.notifications.models import Notification
from vms.scheduling.models import DocketEntry, Invitee, Meeting, MeetingKind, Response

#: The meeting: 10 March 2027, 18:00 in New York.
STARTS = datetime(2027, 3, 10, 23, 0, tzinfo=UTC)
MARCH, FEBRUARY = datetime(2027, 3, 5, 15, tzinfo=UTC), datetime(2027, 2, 5, 15, tzinfo=UTC)


@dataclass
class PacketWorld:
    meeting: Meeting
    #: Said yes, no, maybe; and one invited who has not answered.
    yes: list[User]
    others: list[User]


def _venture(aw, name: str) -> Venture:
    venture = Venture(program_id=aw.program.id, name=name)
    venture.founders.append(VentureFounder(user_id=aw.founder.id, name=aw.founder.name))
    db.session.add(venture)
    db.session.flush()
    return venture


@pytest.fixture
def pw(aw, make_member) -> PacketWorld:
    acme = db.session.get(Venture, aw.team.venture_id)
    quiet, absent = _venture(aw, "Beta Quiet"), _venture(aw, "Zeta Elsewhere")
    # Acme's update of March and of February; the venture off the docket writes in March too.
    for venture, now, words in ((acme, MARCH, "March progress"), (acme, FEBRUARY, "February"),
                                (absent, MARCH, "Not on the docket")):  # fmt: skip
        services.write_update(aw.program, venture, (words, "Cash", "A lawyer"), aw.founder, now)
    late = make_member(aw.program, Role.MENTOR, name="Mentor Late")
    answers = [Response.YES, Response.YES, Response.NO]
    meeting = Meeting(
        program_id=aw.program.id, kind=MeetingKind.MENTOR_MEETING, title="March mentor meeting",
        starts_at=STARTS, ends_at=STARTS + timedelta(hours=2), timezone=aw.program.timezone,
        invitees=[*(Invitee(user_id=m.id, response=r) for m, r in zip(aw.mentors, answers,
                                                                     strict=True)),
                  Invitee(user_id=late.id)],
        docket=[DocketEntry(venture_id=acme.id), DocketEntry(venture_id=quiet.id)],
    )  # fmt: skip
    db.session.add(meeting)
    db.session.commit()
    return PacketWorld(meeting, aw.mentors[:2], [aw.mentors[2], late])


def _client(app, person):
    client = app.test_client()
    Auth(client).login(as_=person)
    return client


def _url(aw, pw, tail: str = "") -> str:
    return f"/p/{aw.program.slug}/meetings/{pw.meeting.id}/packet{tail}"


def test_the_packet_holds_the_dockets_ventures_and_their_months_update(app, aw, pw):
    page = _client(app, aw.coordinator).get(_url(aw, pw)).get_data(as_text=True)
    assert "Acme" in page and "March progress" in page
    assert "Beta Quiet" in page and "No update yet for this month." in page
    assert "February" not in page and "Zeta Elsewhere" not in page
    assert "Not on the docket" not in page
    assert page.index("Acme") < page.index("Beta Quiet")
    printed = _client(app, aw.coordinator).get(_url(aw, pw, "/print")).get_data(as_text=True)
    assert "packet_print.css" in printed and "program-nav" not in printed
    assert printed.count('class="venture panel"') == 2 and "March progress" in printed


def test_only_coordinators_and_the_mentors_who_said_yes_read_it(app, aw, pw, make_program,
                                                              make_member):  # fmt: skip
    for person in pw.yes:
        assert _client(app, person).get(_url(aw, pw)).status_code == 200
        assert _client(app, person).get(_url(aw, pw, "/print")).status_code == 200
        assert _client(app, person).get(_url(aw, pw, "/send")).status_code == 403
    for person in (*pw.others, aw.founder, aw.member):
        assert _client(app, person).get(_url(aw, pw)).status_code == 404
    other = make_program("Other Program")
    stranger = make_member(other, Role.MENTOR, name="Mentor Elsewhere")
    coordinator = make_member(other, Role.COORDINATOR, name="Coordinator Elsewhere")
    for person in (stranger, coordinator):
        foreign = f"/p/{other.slug}/meetings/{pw.meeting.id}/packet"
        assert _client(app, person).get(foreign).status_code == 404
        assert _client(app, person).get(_url(aw, pw)).status_code == 404
    team_meeting = f"/p/{aw.program.slug}/meetings/999999/packet"
    assert _client(app, aw.coordinator).get(team_meeting).status_code == 404


def test_the_send_reaches_the_mentors_who_said_yes_once(app, aw, pw, smtp):
    coordinator = _client(app, aw.coordinator)
    confirm = coordinator.get(_url(aw, pw, "/send")).get_data(as_text=True)
    assert "Email the packet to 2 mentors" in confirm
    assert all(m.name in confirm for m in pw.yes) and pw.others[0].name not in confirm
    smtp.clear()
    assert coordinator.post(_url(aw, pw, "/send")).status_code == 302
    again = coordinator.post(_url(aw, pw, "/send"), follow_redirects=True)
    assert "already has the packet" in again.get_data(as_text=True)
    deliver_all()
    for person in pw.yes:
        sent = [m for m in smtp.to(person.email) if "packet" in m["Subject"]]
        assert len(sent) == 1
        body = sent[0].get_body(("plain",)).get_content()
        assert "Acme" in body and "Beta Quiet (no update yet)" in body
    for person in (*pw.others, aw.founder):
        assert not [m for m in smtp.to(person.email) if "packet" in m["Subject"]]
    rows = db.session.scalar(select(func.count()).select_from(Notification)
                             .where(Notification.kind == "meeting.packet"))  # fmt: skip
    assert rows == 2


def test_the_confirmation_says_who_has_it_and_a_date_without_yes_sends_nothing(app, aw, pw):
    coordinator = _client(app, aw.coordinator)
    coordinator.post(_url(aw, pw, "/send"))
    confirm = coordinator.get(_url(aw, pw, "/send")).get_data(as_text=True)
    assert confirm.count("Has it") == 2 and "are not emailed again" in confirm
    for invitee in pw.meeting.invitees:
        invitee.response = None
    db.session.commit()
    refused = coordinator.post(_url(aw, pw, "/send"))
    assert refused.status_code == 400
    assert "nothing was sent" in refused.get_data(as_text=True)
