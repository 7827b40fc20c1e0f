"""Invitations with a personal message, and to a pasted list: preview every address, send once."""

from __future__ import annotations

from sqlalchemy import func, select

from tests.conftest import Auth
from tests.support import at_once, link_in, text_of
from tests.test_concurrency import _session, live  # noqa: F401 (a fixture)
from vms.auth.models import Role
from vms.cohorts import address_list
from vms.cohorts.address_list import PastedAddress, Problem
from vms.cohorts.models import Invitation
from vms.extensions import db
from vms.mail.models import OutboxEmail

PASTED = 'ana@example.org; Bo Diaz <bo@example.org>\n"Doe, Jane" <jane@example.org>, not-an-email'


def test_a_pasted_list_is_read_the_way_people_paste_it():
    entries = address_list.read(PASTED + "\nANA@example.org,, a@b")
    assert entries == [
        PastedAddress("ana@example.org", "", "ana@example.org"),
        PastedAddress("Bo Diaz <bo@example.org>", "Bo Diaz", "bo@example.org"),
        PastedAddress('"Doe, Jane" <jane@example.org>', "Doe, Jane", "jane@example.org"),
        PastedAddress("not-an-email", problem=Problem.NOT_AN_ADDRESS),
        PastedAddress("ANA@example.org", "", "ana@example.org", Problem.REPEATED),
        PastedAddress("a@b", problem=Problem.NOT_AN_ADDRESS),
    ]
    known = address_list.with_problems(entries, {"bo@example.org": Problem.ALREADY_MEMBER})
    assert [e.problem for e in known][:2] == [None, Problem.ALREADY_MEMBER]


def _setup(make_program, make_cohort, make_member, client):
    program = make_program("River Valley VMS")
    cohort = make_cohort(program)
    coordinator = make_member(program, Role.COORDINATOR, name="Cora Diaz")
    Auth(client).login(as_=coordinator)
    return program, cohort, f"/p/{program.slug}/cohorts/{cohort.id}/invitations"


def _count(email: str | None = None) -> int:
    query = select(func.count()).select_from(Invitation)
    return db.session.scalar(query.where(Invitation.email == email) if email else query)


def test_a_coordinator_previews_five_addresses_and_sends_the_three_good_ones_once(
    app, client, smtp, make_program, make_cohort, make_member
):
    program, cohort, url = _setup(make_program, make_cohort, make_member, client)
    make_member(program, Role.MENTOR, cohort, email="member@example.org")
    client.post(url, data={"email": "waiting@example.org", "role": "mentor"})
    smtp.clear()
    pasted = ("ana@example.org, Bo Diaz <bo@example.org>; nope\nana@example.org\n"
              "member@example.org, waiting@example.org, cy@example.org")  # fmt: skip
    data = {"addresses": pasted, "role": "mentor", "message": "Hi <b>all</b>,\nwelcome!"}
    preview = client.post(f"{url}/list", data=data)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "3 of these addresses will be invited" in page
    for reason in ("Not an email address.", "A duplicate", "Already a member", "Already invited"):
        assert reason in page
    assert "Hi &lt;b&gt;all&lt;/b&gt;,<br>welcome!" in page and _count() == 1, "nothing sent yet"
    sent = client.post(f"{url}/list", data=data | {"op": "send"}, follow_redirects=True)
    assert "3 invitations sent." in sent.text and _count() == 4
    again = client.post(f"{url}/list", data=data | {"op": "send"}, follow_redirects=True)
    assert "Already invited" in again.get_data(as_text=True) and _count() == 4, "second click"
    good = ["ana@example.org", "bo@example.org", "cy@example.org"]
    queued = db.session.scalar(select(func.count()).select_from(OutboxEmail)
                               .where(OutboxEmail.to_address.in_(good)))  # fmt: skip
    assert queued == 3 and _count("ana@example.org") == 1
    email = smtp.last_to("bo@example.org")
    assert "A message from Cora Diaz:" in text_of(email) and "Hi <b>all</b>," in text_of(email)
    html = next(p for p in email.walk() if p.get_content_type() == "text/html").get_content()
    assert "Hi &lt;b&gt;all&lt;/b&gt;,<br>welcome!" in html
    accept = app.test_client().get(link_in(email, "/invitations/")).get_data(as_text=True)
    assert "Hi &lt;b&gt;all&lt;/b&gt;,<br>welcome!" in accept


def test_bad_lists_are_refused_with_what_was_typed(client, make_program, make_cohort, make_member):
    program, cohort, url = _setup(make_program, make_cohort, make_member, client)
    empty = client.post(f"{url}/list", data={"addresses": " ", "role": "mentor"})
    assert empty.status_code == 400 and "Paste at least one email address." in empty.text
    many = ", ".join(f"p{n}@example.org" for n in range(201))
    capped = client.post(f"{url}/list", data={"addresses": many, "role": "mentor",
                                              "message": "Kept"})  # fmt: skip
    assert capped.status_code == 400 and "That is 201 addresses: send at most 200" in capped.text
    assert "p200@example.org" in capped.text and "Kept</textarea>" in capped.text
    long = client.post(f"{url}/list", data={"addresses": "a@example.org", "role": "mentor",
                                            "message": "x" * 1001})  # fmt: skip
    assert long.status_code == 400 and "Use at most 1,000 characters." in long.text
    back = client.post(f"{url}/list", data={"addresses": "a@example.org", "role": "mentor",
                                            "op": "edit"})  # fmt: skip
    assert back.status_code == 200 and "a@example.org</textarea>" in back.text
    assert _count() == 0


def test_the_single_address_form_carries_a_message_and_refuses_a_long_one(
    client, smtp, make_program, make_cohort, make_member
):
    program, cohort, url = _setup(make_program, make_cohort, make_member, client)
    long = client.post(url, data={"email": "one@example.org", "role": "mentor",
                                  "message": "y" * 1001})  # fmt: skip
    assert long.status_code == 200 and "Use at most 1,000 characters." in long.text
    assert "y" * 1001 in long.text and _count() == 0
    data = {"email": "one@example.org", "role": "mentor", "message": "See you Tuesday."}
    assert client.post(url, data=data).status_code == 302
    assert "See you Tuesday." in text_of(smtp.last_to("one@example.org"))


def test_another_programs_cohort_is_not_found(client, make_program, make_cohort, make_member):
    program, cohort, url = _setup(make_program, make_cohort, make_member, client)
    other = make_program("Elsewhere VMS")
    theirs = make_cohort(other)
    for path in (f"/p/{program.slug}/cohorts/{theirs.id}/invitations/list",
                 f"/p/{other.slug}/cohorts/{cohort.id}/invitations/list"):  # fmt: skip
        assert client.get(path).status_code == 404
        sent = client.post(path, data={"addresses": "a@example.org", "role": "mentor",
                                       "op": "send"})  # fmt: skip
        assert sent.status_code == 404
    assert _count() == 0


def test_the_list_speaks_spanish(client, make_program, make_cohort, make_member):
    program, cohort, url = _setup(make_program, make_cohort, make_member, client)
    client.post("/language", data={"locale": "es"})
    page = client.get(f"{url}/list").text
    assert "Invitar una lista de direcciones" in page and "Mensaje personal" in page
    preview = client.post(f"{url}/list", data={"addresses": "x, a@example.org", "role": "mentor"})
    assert (
        "No es una dirección de correo." in preview.text and "Enviar 1 invitación" in preview.text
    )


def test_the_same_list_sent_three_times_at_once_invites_each_address_once(
    app,
    world,
    smtp,
    live,  # noqa: F811 (the fixture imported above)
):
    a = world["A"]
    smtp.clear()
    url = f"/p/{a.program.slug}/cohorts/{a.cohort.id}/invitations/list"
    clicks = [_session(live, a.coordinator) for _ in range(3)]
    data = {"addresses": "one@example.org, two@example.org", "role": "mentor", "op": "send"}
    replies = at_once([lambda s=s: s.post(url, data) for s in clicks])
    assert all(r.status < 500 for r in replies), [r.status for r in replies]
    db.session.expire_all()
    for email in ("one@example.org", "two@example.org"):
        assert _count(email) == 1
        queued = db.session.scalar(select(func.count()).select_from(OutboxEmail)
                                   .where(OutboxEmail.to_address == email))  # fmt: skip
        assert queued == 1
