"""The trials' pages: coordinators only, another program's trial a 404, bad input kept and
explained, start and stop confirmed, and the result of a hand-made trial worked out here."""

from __future__ import annotations

import math
from datetime import timedelta

from sqlalchemy import select

from tests.onboarding.trials.conftest import make_trial
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureStatus
from vms.cohorts.teams.models import Team, TeamStatus
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.trials.models import Treatment, Trial, TrialAssignment, TrialStatus
from vms.onboarding.trials.services import ArmInput

Z = 1.959963984540054


def _arm(n: int, name: str, treatment: str, comparison: bool = False, message: str = "") -> dict:
    row = {f"arms-{n}-name": name, f"arms-{n}-treatment": treatment,
           f"arms-{n}-message": message}  # fmt: skip
    return row | ({f"arms-{n}-is_comparison": "y"} if comparison else {})


def _base(slug: str) -> str:
    return f"/p/{slug}/evidence/trials"


def test_a_coordinator_adds_a_row_and_saves_three_arms(client, auth, program, coordinator):
    auth.login(coordinator)
    assert client.get(_base(program.slug)).status_code == 200
    data = {"audience": "ventures", "name": "Welcome trial", "question": "Does it help?",
            **_arm(0, "Video", "welcome"),
            **_arm(1, "Note", "message", message="Hello!")}  # fmt: skip
    more = client.post(f"{_base(program.slug)}/new", data=data | {"add_arm": "1"})
    page = more.get_data(as_text=True)
    assert more.status_code == 200 and 'name="arms-2-name"' in page and 'value="Video"' in page
    saved = client.post(f"{_base(program.slug)}/new",
                        data=data | _arm(2, "Nothing", "nothing", comparison=True))  # fmt: skip
    assert saved.status_code == 302
    trial = db.session.scalar(select(Trial))
    assert [(a.name, a.treatment, a.is_comparison) for a in trial.arms] == [
        ("Video", Treatment.WELCOME, False), ("Note", Treatment.MESSAGE, False),
        ("Nothing", Treatment.NOTHING, True)]  # fmt: skip
    assert trial.status is TrialStatus.DRAFT and trial.arms[1].message == "Hello!"


def test_a_bad_trial_form_keeps_what_was_typed(client, auth, program, coordinator):
    auth.login(coordinator)
    data = {"audience": "ventures", "name": "", "question": "Why?",
            **_arm(0, "Same", "message", comparison=True), **_arm(1, "same", "nothing",
                                                                   comparison=True)}  # fmt: skip
    reply = client.post(f"{_base(program.slug)}/new", data=data)
    page = reply.get_data(as_text=True)
    assert reply.status_code == 400 and 'value="Same"' in page and 'value="Why?"' in page
    assert "Give the trial a name." in page and "Give each arm its own name." in page
    assert "Write the message this arm sends." in page
    assert db.session.scalar(select(Trial)) is None


def test_start_and_stop_need_their_confirmation(client, auth, program, coordinator):
    trial = make_trial(program, start=False)
    auth.login(coordinator)
    url = f"{_base(program.slug)}/{trial.id}"
    assert client.post(f"{url}/start").status_code == 302
    db.session.expire_all()
    assert trial.status is TrialStatus.DRAFT
    assert client.post(f"{url}/start", data={"confirmed": "yes"}).status_code == 302
    again = client.post(f"{url}/start", data={"confirmed": "yes"}, follow_redirects=True)
    assert "already been started" in again.get_data(as_text=True)  # the second click
    edit = client.get(f"{url}/edit", follow_redirects=True)
    assert "can no longer change" in edit.get_data(as_text=True)
    client.post(f"{url}/edit", data={"audience": "ventures", "name": "X", "question": "Y",
                                     **_arm(0, "Only", "nothing", True)})  # fmt: skip
    db.session.expire_all()
    assert trial.status is TrialStatus.RUNNING and len(trial.arms) == 3
    assert client.post(f"{url}/stop", data={"confirmed": "yes"}).status_code == 302
    db.session.expire_all()
    assert trial.status is TrialStatus.STOPPED


def test_other_programs_and_other_roles(client, auth, program, coordinator, make_program,
                                        make_member):  # fmt: skip
    trial = make_trial(program)
    other = make_program("Other Program")
    outsider = make_member(other, Role.COORDINATOR)
    mentor = make_member(program, Role.MENTOR)
    auth.login(outsider)
    assert client.get(f"{_base(program.slug)}/{trial.id}").status_code == 404
    assert client.get(f"{_base(other.slug)}/{trial.id}").status_code == 404
    assert client.post(f"{_base(other.slug)}/{trial.id}/stop",
                       data={"confirmed": "yes"}).status_code == 404  # fmt: skip
    auth.logout()
    auth.login(mentor)
    assert client.get(f"{_base(program.slug)}/{trial.id}").status_code == 403


def _wilson(x: int, n: int) -> tuple[float, float]:
    p = x / n
    centre = (2 * n * p + Z**2) / (2 * (n + Z**2))
    half = Z * math.sqrt(Z**2 + 4 * n * p * (1 - p)) / (2 * (n + Z**2))
    return centre - half, centre + half


def _venture(program, coordinator, name: str, days_to_team: int | None) -> Venture:
    applied = now_utc() - timedelta(days=100)
    venture = Venture(program_id=program.id, name=name, created_at=applied,
                      status=VentureStatus.SUBMITTED)  # fmt: skip
    db.session.add(venture)
    if days_to_team is not None:
        db.session.add(Team(program_id=program.id, venture=venture, status=TeamStatus.PUBLISHED,
                            published_at=applied + timedelta(days=days_to_team),
                            published_by_id=coordinator.id))  # fmt: skip
    db.session.flush()
    return venture


def test_the_result_of_a_hand_made_trial(client, auth, program, coordinator):
    """Welcome (the comparison): three ventures, one teamed after 10 days. Nothing: three,
    two teamed after 20 and 40 days. Teams: 1/3 against 2/3, +33 points, Newcombe's interval
    from the two Wilson intervals; days: 30 against 10, +20, no interval (one value only)."""
    arms = [ArmInput("Welcome", Treatment.WELCOME, is_comparison=True),
            ArmInput("Nothing", Treatment.NOTHING)]  # fmt: skip
    trial = make_trial(program, arms=arms)
    welcome, nothing = trial.arms
    for arm, days in ((welcome, [10, None, None]), (nothing, [20, 40, None])):
        for n, d in enumerate(days):
            venture = _venture(program, coordinator, f"{arm.name} {n}", d)
            db.session.add(TrialAssignment(trial_id=trial.id, arm_id=arm.id, venture_id=venture.id))
    db.session.commit()
    auth.login(coordinator)
    page = client.get(f"{_base(program.slug)}/{trial.id}").get_data(as_text=True)
    assert "Too few to conclude anything yet." in page
    csv = client.get(f"{_base(program.slug)}/{trial.id}/result.csv?table=team")
    lines = csv.get_data(as_text=True).lstrip("\ufeff").splitlines()
    (l1, u1), (l2, u2) = _wilson(2, 3), _wilson(1, 3)
    low = 1 / 3 - math.sqrt((2 / 3 - l1) ** 2 + (u2 - 1 / 3) ** 2)
    high = 1 / 3 + math.sqrt((u1 - 2 / 3) ** 2 + (1 / 3 - l2) ** 2)
    assert lines[1] == "Welcome,3,1,33%,–,–,The comparison arm"
    # Cells that start with + or - are quoted against formula injection (vms/csv_export.py).
    assert lines[2] == (f"Nothing,3,2,67%,'+33 points,'{100 * low:+.0f} points to "
                        f"{100 * high:+.0f} points,Too few to conclude anything (fewer than "
                        "10 in an arm)")  # fmt: skip
    days = client.get(f"{_base(program.slug)}/{trial.id}/result.csv?table=days_to_team")
    rows = days.get_data(as_text=True).lstrip("\ufeff").splitlines()
    assert rows[1].startswith("Welcome,1,10.0,") and rows[2].startswith(
        "Nothing,2,30.0,'+20.0 days,–"
    )
    assert client.get(f"{_base(program.slug)}/{trial.id}/result.csv?table=x").status_code == 404


def test_a_mentor_trial_reads_teams_and_attendance(client, auth, program, coordinator,
                                                   make_member):  # fmt: skip
    """Welcome (the comparison): two mentors, neither on a team. Nothing: two, one on a
    published team and present at its meeting: 1/2 against 0/2, +50 points."""
    from vms.cohorts.teams.models import TeamMember
    from vms.onboarding.trials.models import Audience
    from vms.scheduling.models import Invitee, Meeting, MeetingKind

    arms = [ArmInput("Welcome", Treatment.WELCOME, is_comparison=True),
            ArmInput("Nothing", Treatment.NOTHING)]  # fmt: skip
    mentors = [make_member(program, Role.MENTOR) for _n in range(4)]  # before: not assigned
    trial = make_trial(program, arms=arms, audience=Audience.MENTORS)
    for n, mentor in enumerate(mentors):
        db.session.add(TrialAssignment(trial_id=trial.id, arm_id=trial.arms[n // 2].id,
                                       mentor_id=mentor.id))  # fmt: skip
    venture = _venture(program, coordinator, "Mentored", 5)
    team = db.session.scalar(select(Team).where(Team.venture_id == venture.id))
    team.members = [TeamMember(mentor_id=mentors[3].id, is_lead=True)]
    start = now_utc() - timedelta(days=3)
    db.session.add(Meeting(program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
                           title="First", starts_at=start, ends_at=start + timedelta(hours=1),
                           timezone="UTC", invitees=[Invitee(user_id=mentors[3].id,
                                                             attended=True)]))  # fmt: skip
    db.session.commit()
    auth.login(coordinator)
    url = f"{_base(program.slug)}/{trial.id}/result.csv?table="
    for table in ("on_team", "attended"):
        rows = client.get(url + table).get_data(as_text=True).lstrip("\ufeff").splitlines()
        assert rows[1].startswith("Welcome,2,0,0%,–,–,The comparison arm")
        assert rows[2].startswith("Nothing,2,1,50%,'+50 points,")
