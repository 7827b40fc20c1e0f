"""Meetings follow their team: who leaves is uninvited (and can no longer read them), who joins
is invited; edits that would leave a published team without a lead or too small are refused."""

import pytest
from sqlalchemy import select

from tests.conftest import Auth
from tests.scheduling.conftest import meeting_details
from tests.support import calendar_in, link_in, text_of
from vms.auth.models import Role
from vms.cohorts.models import MentorProfile, Program
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.models import TeamMember
from vms.cohorts.teams.services import TeamRuleBroken
from vms.extensions import db
from vms.mail.delivery import deliver_pending
from vms.scheduling.meetings import services as meetings
from vms.scheduling.models import Response
from vms.screening.principles import services as principles


def _signed_profile(program, user, industry: str, lead: bool) -> None:
    db.session.add(MentorProfile(program_id=program.id, user_id=user.id, industry=industry,
                                 function="", lead_eligible=lead))  # fmt: skip
    version = principles.current_version(program)
    principles.sign(user, version, user.name, True, "127.0.0.1", "test", version.text_sha256)


def _team_of_four(team, make_member):
    """The fixture's published team (two lead-eligible mentors) plus Pia and Quinn; Rui free."""
    program = db.session.get(Program, team.program_id)
    for member in team.members:
        _signed_profile(program, member.mentor, "Software", True)
    extra = [make_member(program, Role.MENTOR, name=n) for n in ("Pia", "Quinn", "Rui")]
    for person in extra:
        _signed_profile(program, person, "Law", False)
    team.members.extend(TeamMember(mentor_id=p.id) for p in extra[:2])
    db.session.commit()
    return program, extra


def test_who_steps_off_is_uninvited_and_loses_sight_of_meetings(app, team, make_member, smtp):
    program, (pia, quinn, rui) = _team_of_four(team, make_member)
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(5), lead, program.timezone)
    db.session.commit()
    deliver_pending()
    assert any(i.user_id == pia.id for i in meeting.invitees)
    smtp.clear()
    team_services.step_off(program, pia.id, team.venture_id)
    db.session.commit()
    deliver_pending()
    assert all(i.user_id != pia.id for i in meeting.invitees)
    told = smtp.last_to(pia.email)
    method, _calendar, event = calendar_in(told)
    assert method == "CANCEL" and str(event["UID"]) == meeting.uid
    # They are no longer invited; the meeting is not cancelled, and they are not told it is.
    assert told["Subject"] == f"No longer invited: {meeting.title}"
    assert "goes ahead for the others" in text_of(told) and "is cancelled" not in text_of(told)
    client = app.test_client()
    Auth(client).login(as_=pia)
    assert client.get(f"/p/{program.slug}/meetings/{meeting.id}").status_code == 404
    team_services.swap_member(team, quinn.id, rui.id)
    db.session.commit()
    deliver_pending()
    assert any(i.user_id == rui.id for i in meeting.invitees)
    assert calendar_in(smtp.last_to(rui.email))[0] == "REQUEST"


def test_a_published_team_keeps_its_lead_and_size(app, team, make_member):
    _program, (pia, quinn, rui) = _team_of_four(team, make_member)
    lead = next(m for m in team.members if m.is_lead)
    with pytest.raises(TeamRuleBroken, match="keeps its lead"):
        team_services.remove_member(team, lead.mentor_id)
    team_services.swap_member(team, lead.mentor_id, rui.id)  # Rui cannot lead: another does
    db.session.commit()
    assert team.lead is not None and team.lead.mentor_id != rui.id
    team_services.remove_member(team, pia.id)
    with pytest.raises(TeamRuleBroken, match="at least 3"):
        team_services.remove_member(team, quinn.id)


def test_repair_keeps_a_full_team_at_five_and_refuses_to_do_nothing(app, team, make_member):
    program, (_pia, _quinn, rui) = _team_of_four(team, make_member)
    team.members.append(TeamMember(mentor_id=rui.id))
    sol = make_member(program, Role.MENTOR, name="Sol")
    _signed_profile(program, sol, "Energy", True)
    for profile in db.session.scalars(select(MentorProfile)):
        profile.lead_eligible = profile.user_id == sol.id  # nobody on the team may lead now
    db.session.commit()
    plan = team_services.repair_plan(team)
    assert plan.add == (sol.id,) and len(plan.drop) == 1 and plan.lead == sol.id
    team_services.apply_repair(team)
    db.session.commit()
    assert len(team.members) == 5 and team.lead.mentor_id == sol.id
    with pytest.raises(TeamRuleBroken, match="nothing"):
        team_services.apply_repair(team)


def test_an_old_rsvp_link_never_answers_for_the_mentor_who_took_the_place(
    app, team, make_member, smtp
):
    """SQLite gives a deleted row's id to the next row: Sol's invitation reuses Rui's id."""
    program, (_pia, _quinn, rui) = _team_of_four(team, make_member)
    sol = make_member(program, Role.MENTOR, name="Sol")
    _signed_profile(program, sol, "Energy", False)
    db.session.commit()
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(5), lead, program.timezone)
    team_services.add_member(team, rui.id)  # invited last: the highest invitee id is Rui's
    db.session.commit()
    deliver_pending()
    old_link = link_in(smtp.last_to(rui.email), "/rsvp/")
    rui_row = next(i.id for i in meeting.invitees if i.user_id == rui.id)
    team_services.swap_member(team, rui.id, sol.id)
    db.session.commit()
    deliver_pending()
    sol_invitee = next(i for i in meeting.invitees if i.user_id == sol.id)
    if db.engine.dialect.name == "sqlite":
        assert sol_invitee.id == rui_row, "the swap reproduces the reused id"
    client = app.test_client()
    assert client.get(old_link).status_code == 404
    assert client.post(old_link, data={"answer": "no"}).status_code == 404
    db.session.refresh(sol_invitee)
    assert sol_invitee.response is None
    sol_link = link_in(smtp.last_to(sol.email), "/rsvp/")
    assert sol_link != old_link
    assert "Sol, will you come?" in client.get(sol_link).get_data(as_text=True)
    assert client.post(sol_link, data={"answer": "yes"}).status_code == 302
    db.session.refresh(sol_invitee)
    assert sol_invitee.response is Response.YES


def test_a_cancellation_carries_the_organisers_reason_to_everyone(app, team, smtp):
    program = db.session.get(Program, team.program_id)
    lead = team.members[0].mentor
    meeting = meetings.schedule_team_meeting(team, meeting_details(5), lead, program.timezone)
    db.session.commit()
    smtp.clear()
    meetings.cancel(meeting, reason="The founders are at a trade fair <that week>")
    db.session.commit()
    deliver_pending()
    for member in team.members:
        told = smtp.last_to(member.mentor.email)
        assert calendar_in(told)[0] == "CANCEL" and "is cancelled" in text_of(told)
        assert "The reason given: The founders are at a trade fair <that week>" in text_of(told)
        html = told.get_body(("html",)).get_content()
        assert "trade fair &lt;that week&gt;" in html  # the reason is text, not markup
