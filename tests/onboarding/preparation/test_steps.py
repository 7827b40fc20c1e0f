"""Orientation steps through the web: defined, edited, reordered and retired by coordinators
(bad input refused with the reason, what was typed kept), and completed once each: by the
mentor's button, by a coordinator's mark, by attendance, by the principles signature."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from vms.auth.models import Role
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.preparation import queries, services
from vms.onboarding.preparation.models import CompletionHow, StepCompletion, StepStatus, StepWay
from vms.onboarding.preparation.services import StepDetails
from vms.scheduling.models import Invitee, Meeting, MeetingKind
from vms.screening.principles import services as principles


@pytest.fixture
def prep(app, make_program, make_member):
    program = make_program("Prep Program")
    other = make_program("Other Program")
    people = {
        "coordinator": make_member(program, Role.COORDINATOR, name="Casey Coordinator"),
        "ana": make_member(program, Role.MENTOR, name="Ana Mentor"),
        "ben": make_member(program, Role.MENTOR, name="Ben Mentor"),
        "outsider": make_member(other, Role.COORDINATOR, name="Olga Outsider"),
    }
    steps = [
        services.add_step(program, StepDetails("Orientation session", "", StepWay.EVENT,
                                               MeetingKind.MENTOR_MEETING)),
        services.add_step(program, StepDetails("Read the handbook", "Chapter 1–3.",
                                               StepWay.CONFIRMED)),
        services.add_step(program, StepDetails("Sign the principles", "", StepWay.PRINCIPLES)),
    ]  # fmt: skip
    other_step = services.add_step(other, StepDetails("Elsewhere", "", StepWay.CONFIRMED))
    db.session.commit()
    return program, other, people, steps, other_step


def _url(program, tail=""):
    return f"/p/{program.slug}/preparation{tail}"


def test_a_coordinator_adds_a_step_and_bad_input_keeps_what_was_typed(client, auth, prep):
    program, _other, people, steps, _ = prep
    auth.login(as_=people["coordinator"])
    empty = client.post(
        _url(program, "/steps"),
        data={"title": "  ", "description": "Kept text", "way": "confirmed", "meeting_kind": ""},
    )
    page = empty.get_data(as_text=True)
    assert empty.status_code == 400 and "Give the step a title." in page and "Kept text" in page
    no_meeting = client.post(
        _url(program, "/steps"),
        data={"title": "Observe a team meeting", "way": "event", "meeting_kind": ""},
    )
    page = no_meeting.get_data(as_text=True)
    assert no_meeting.status_code == 400 and "Observe a team meeting" in page
    assert "Choose the meeting whose attendance completes the step." in page
    added = client.post(
        _url(program, "/steps"),
        data={"title": "Observe a team meeting", "way": "event", "meeting_kind": "team"},
    )
    assert added.status_code == 302
    titles = [s.title for s in services.steps_of(program)]
    assert titles == ["Orientation session", "Read the handbook", "Sign the principles",
                      "Observe a team meeting"]  # fmt: skip


def test_edit_reorder_and_retire_with_their_refusals(client, auth, prep):
    program, _other, people, steps, _ = prep
    auth.login(as_=people["coordinator"])
    edit = _url(program, f"/steps/{steps[1].id}")
    assert client.post(edit, data={"title": "", "way": "confirmed"}).status_code == 400
    assert (
        client.post(
            edit, data={"title": "Read the mentor handbook", "way": "confirmed"}
        ).status_code
        == 302
    )
    out_of_range = client.post(edit + "/move", data={"position": "4"}, follow_redirects=True)
    assert "Choose a place from 1 to 3." in out_of_range.get_data(as_text=True)
    zero = client.post(edit + "/move", data={"position": "0"}, follow_redirects=True)
    assert "Give a place (1 is first)." in zero.get_data(as_text=True)
    assert client.post(edit + "/move", data={"position": "1"}).status_code == 302
    db.session.expire_all()
    assert [s.title for s in services.steps_of(program)] == [
        "Read the mentor handbook", "Orientation session", "Sign the principles"]  # fmt: skip
    unasked = client.post(edit + "/retire", follow_redirects=True)
    assert "confirm the action with its own button" in unasked.get_data(as_text=True)
    db.session.expire_all()
    assert services.step_in_program(program, steps[1].id).status is StepStatus.ACTIVE
    assert client.post(edit + "/retire", data={"confirmed": "yes"}).status_code == 302
    twice = client.post(edit + "/retire", data={"confirmed": "yes"}, follow_redirects=True)
    assert twice.status_code == 200 and "already retired" in twice.get_data(as_text=True)
    db.session.expire_all()
    assert services.step_in_program(program, steps[1].id).status is StepStatus.RETIRED


def test_another_programs_step_is_404(client, auth, prep):
    program, other, people, _steps, other_step = prep
    auth.login(as_=people["coordinator"])
    for tail in ("", "/move", "/retire", "/restore"):
        method = client.get if tail == "" else client.post
        assert method(_url(program, f"/steps/{other_step.id}{tail}")).status_code == 404
    mark = _url(program, f"/mentors/{people['ana'].id}/steps/{other_step.id}")
    assert client.post(mark).status_code == 404
    auth.logout()
    auth.login(as_=people["ana"])
    assert client.post(_url(program, f"/steps/{other_step.id}/confirm")).status_code == 404
    auth.logout()
    auth.login(as_=people["outsider"])
    assert client.get(_url(program, "/steps")).status_code == 404


def test_completion_by_button_is_recorded_once(client, auth, prep):
    program, _other, people, steps, _ = prep
    auth.login(as_=people["ana"])
    confirm = _url(program, f"/steps/{steps[1].id}/confirm")
    assert client.post(confirm).status_code == 302
    assert client.post(confirm).status_code == 302  # the second of two clicks
    completions = db.session.scalars(select(StepCompletion)).all()
    assert [(c.mentor_id, c.how) for c in completions] == [
        (people["ana"].id, CompletionHow.CONFIRMED)
    ]
    refused = client.post(_url(program, f"/steps/{steps[0].id}/confirm"), follow_redirects=True)
    assert "not by a button" in refused.get_data(as_text=True)
    page = client.get(_url(program)).get_data(as_text=True)
    assert "2 steps left of 3." in page and "confirmed by the mentor" in page


def test_a_coordinator_marks_a_step_done_once(client, auth, prep):
    program, _other, people, steps, _ = prep
    auth.login(as_=people["coordinator"])
    mark = _url(program, f"/mentors/{people['ben'].id}/steps/{steps[0].id}")
    assert client.post(mark).status_code == 302 and client.post(mark).status_code == 302
    count = db.session.scalar(select(func.count()).select_from(StepCompletion))
    assert count == 1
    row = db.session.scalars(select(StepCompletion)).one()
    assert row.how is CompletionHow.MARKED and row.marked_by_id == people["coordinator"].id


def test_attendance_and_the_signature_complete_their_steps(app, prep):
    program, _other, people, steps, _ = prep
    ana, ben = people["ana"], people["ben"]
    start = now_utc() - timedelta(days=3)
    meeting = Meeting(program_id=program.id, kind=MeetingKind.MENTOR_MEETING, title="Monthly",
                      starts_at=start, ends_at=start + timedelta(hours=1), timezone="UTC",
                      invitees=[Invitee(user_id=ana.id, attended=True),
                                Invitee(user_id=ben.id, attended=False)])  # fmt: skip
    db.session.add(meeting)
    version = principles.current_version(program)
    principles.sign(ben, version, ben.name, True, "127.0.0.1", "test", version.text_sha256)
    db.session.commit()
    # Ana: attended (step 1); Ben: signed (step 3). Nobody confirmed the handbook (step 2).
    assert queries.done_pairs(program, [ana.id, ben.id]) == {
        (ana.id, steps[0].id),
        (ben.id, steps[2].id),
    }
    listing = queries.mentor_list(program)
    assert (listing.mentors, listing.prepared) == (2, 0)
    assert {r.user.name: [s.title for s in r.left] for r in listing.rows} == {
        "Ana Mentor": ["Read the handbook", "Sign the principles"],
        "Ben Mentor": ["Orientation session", "Read the handbook"],
    }
    services.retire_step(steps[1])
    services.retire_step(steps[2])
    db.session.commit()
    # Retired steps stop counting: Ana has done all that is left, Ben has the session left.
    listing = queries.mentor_list(program, "not_prepared")
    assert (listing.mentors, listing.prepared) == (2, 1)
    assert [r.user.name for r in listing.rows] == ["Ben Mentor"]


def test_the_mentor_page_shows_the_next_event_and_the_list_filters(client, auth, prep):
    program, _other, people, steps, _ = prep
    start = now_utc() + timedelta(days=5)
    db.session.add(Meeting(program_id=program.id, kind=MeetingKind.MENTOR_MEETING,
                           title="December mentor meeting", starts_at=start,
                           ends_at=start + timedelta(hours=1), timezone="UTC",
                           invitees=[Invitee(user_id=people["ana"].id)]))  # fmt: skip
    db.session.commit()
    auth.login(as_=people["ana"])
    page = client.get(_url(program)).get_data(as_text=True)
    assert "December mentor meeting" in page and "I have done this" in page
    home = client.get(f"/p/{program.slug}/").get_data(as_text=True)
    assert "3 orientation steps left: Orientation session, Read the handbook" in home
    auth.logout()
    auth.login(as_=people["coordinator"])
    listing = client.get(_url(program, "/mentors?show=not_prepared")).get_data(as_text=True)
    assert "Not prepared (2)" in listing and "Ana Mentor" in listing
