"""The agenda form adds, removes and reorders items without a script; saved order is shown order."""

from __future__ import annotations

import pytest

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from vms.auth.models import Role
from vms.cohorts.models import Program
from vms.extensions import db
from vms.scheduling.meetings import agenda_rows
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.agenda_rows import TypedRow

A, B, C = TypedRow("Pricing", "Fiona", "20"), TypedRow("Hiring"), TypedRow("Runway", "", "x")


def test_the_rows_move_as_the_buttons_say():
    assert agenda_rows.apply([A, B], "add") == [A, B, TypedRow()]
    assert agenda_rows.apply([A, B, C], "remove-1") == [A, C]
    assert agenda_rows.apply([A, B, C], "up-2") == [A, C, B]
    assert agenda_rows.apply([A, B, C], "down-0") == [B, A, C]
    assert agenda_rows.apply([A, B], "up-0") == [A, B], "the first cannot go higher"
    assert agenda_rows.apply([A, B], "down-1") == [A, B], "the last cannot go lower"
    assert agenda_rows.apply([A], "remove-0") == [TypedRow()], "one row is always left"
    assert agenda_rows.apply([A, B], "remove-9") == [A, B] == agenda_rows.apply([A, B], "up-x")
    with pytest.raises(agenda_rows.TooManyItems):
        agenda_rows.apply([B] * agenda_rows.MAX_ITEMS, "add")


def test_posted_rows_are_read_in_number_order_and_renumbered():
    posted = {"items-10-title": "Third", "items-2-title": "Second", "items-0-title": "First",
              "items-0-minutes": "5", "csrf_token": "t", "items-x-title": "ignored"}  # fmt: skip
    rows = agenda_rows.rows_from(posted)
    assert [r.title for r in rows] == ["First", "Second", "Third"] and rows[0].minutes == "5"
    assert agenda_rows.as_formdata(rows)["items-2-title"] == "Third"
    many = {f"items-{n}-title": str(n) for n in range(40)}
    assert len(agenda_rows.rows_from(many)) == agenda_rows.MAX_ITEMS + 1


@pytest.fixture
def agenda(app, team):
    """The founder's client on the agenda of a meeting a week away (the founder reads English)."""
    program = db.session.get(Program, team.program_id)
    founder = team.venture.founders[0].user
    founder.locale = "en"
    meeting = meetings.schedule_team_meeting(team, meeting_details(7), team.members[0].mentor,
                                             program.timezone)  # fmt: skip
    db.session.commit()
    client = app.test_client()
    Auth(client).login(as_=founder)
    return client, f"/p/{program.slug}/meetings/{meeting.id}", meeting


def _rows(*titles: str, **extra: str) -> dict[str, str]:
    data = {f"items-{n}-title": title for n, title in enumerate(titles)}
    return data | extra


def test_a_founder_adds_removes_moves_and_saves_in_that_order(agenda):
    client, url, meeting = agenda
    page = client.get(f"{url}/agenda").get_data(as_text=True)
    assert page.count('name="op" value="remove-') == agenda_rows.NEW_AGENDA_ROWS
    typed = _rows("Pricing", "Hiring", **{"items-0-owner": "Fiona", "items-1-minutes": "abc"})
    added = client.post(f"{url}/agenda", data=typed | {"op": "add"})
    page = added.get_data(as_text=True)
    assert added.status_code == 200 and 'name="items-2-title"' in page
    assert 'value="Fiona"' in page and 'value="abc"' in page, "everything typed is kept"
    assert "aria-invalid" not in page and not meeting.agenda, "nothing is saved or judged yet"
    three = _rows("Pricing", "Hiring", "Runway")
    assert client.post(f"{url}/agenda", data=three | {"op": "remove-1"}).status_code == 200
    moved = client.post(f"{url}/agenda", data=_rows("Pricing", "Runway") | {"op": "up-1"})
    page = moved.get_data(as_text=True)
    assert page.index('value="Runway"') < page.index('value="Pricing"')
    saved = client.post(f"{url}/agenda", data=_rows("Runway", "", "Pricing") | {"op": "save"})
    assert saved.status_code == 302
    assert [(i.position, i.title) for i in meeting.agenda] == [(0, "Runway"), (1, "Pricing")]
    shown = client.get(url).get_data(as_text=True)
    assert shown.index("Runway") < shown.index("Pricing")
    again = client.get(f"{url}/agenda").get_data(as_text=True)
    assert again.index('value="Runway"') < again.index('value="Pricing"'), "existing items kept"


def test_bad_rows_are_refused_next_to_the_field_with_what_was_typed(agenda):
    client, url, meeting = agenda
    orphan = client.post(f"{url}/agenda", data=_rows("Pricing", "", **{"items-1-owner": "Omar"}))
    page = orphan.get_data(as_text=True)
    assert orphan.status_code == 400 and "Name this item, or remove the row." in page
    assert 'value="Omar"' in page and 'value="Pricing"' in page and not meeting.agenda
    minutes = client.post(f"{url}/agenda", data=_rows("Pricing", **{"items-0-minutes": "900"}))
    assert minutes.status_code == 400 and "1 to 240." in minutes.get_data(as_text=True)


def test_an_agenda_holds_at_most_twenty_items(agenda):
    client, url, meeting = agenda
    full = _rows(*(f"Item {n}" for n in range(agenda_rows.MAX_ITEMS)))
    refused = client.post(f"{url}/agenda", data=full | {"op": "add"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "at most 20 items" in page
    assert 'value="Item 19"' in page and 'value="add"' not in page
    too_long = client.post(f"{url}/agenda", data=full | {"items-20-title": "One more"})
    assert too_long.status_code == 400 and "at most 20 items" in too_long.get_data(as_text=True)
    assert not meeting.agenda
    assert client.post(f"{url}/agenda", data=full).status_code == 302
    assert len(meeting.agenda) == agenda_rows.MAX_ITEMS


def test_the_second_of_two_identical_saves_replaces_the_first_whole(agenda):
    client, url, meeting = agenda
    for _ in range(2):
        assert client.post(f"{url}/agenda", data=_rows("Pricing", "Hiring")).status_code == 302
    db.session.expire_all()
    assert [i.title for i in meeting.agenda] == ["Pricing", "Hiring"]


def test_another_programs_meeting_is_not_found_and_mentors_may_not_write(
    agenda, app, team, make_program, make_member
):
    client, url, meeting = agenda
    stranger = app.test_client()
    other = make_program("Elsewhere VMS")
    Auth(stranger).login(as_=make_member(other, Role.ENTREPRENEUR, name="Stranger"))
    assert stranger.post(f"/p/{other.slug}/meetings/{meeting.id}/agenda",
                         data={"op": "add"}).status_code == 404  # fmt: skip
    mentor = app.test_client()
    Auth(mentor).login(as_=team.members[1].mentor)
    assert mentor.post(f"{url}/agenda", data={"op": "add"}).status_code == 403


def test_the_form_speaks_spanish(agenda, team):
    client, url, meeting = agenda
    team.venture.founders[0].user.locale = "es"
    db.session.commit()
    page = client.get(f"{url}/agenda").get_data(as_text=True)
    for spanish in ("Añadir un punto", "Subir", "Bajar", "Quitar", "hasta 20 puntos"):
        assert spanish in page
    refused = client.post(f"{url}/agenda", data=_rows("", **{"items-0-owner": "Omar"}))
    assert "Pon nombre a este punto" in refused.get_data(as_text=True)
