"""Who is asked, and when: the fit check after a first meeting held or a first check-in, the
exit survey when a team ends or an agreement closes; each person once per survey and
subject; at most two reminders, read from the SMTP sink."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from tests.agreements.agreement_world import NOW
from tests.evidence.surveys.survey_world import (
    active_peer_agreement,
    end_agreement_early,
    team_meeting,
)
from tests.support import text_of
from vms.cohorts.teams import services as team_services
from vms.evidence.surveys import invitations, reminders
from vms.evidence.surveys.models import Side, SubjectKind, SurveyInvitation, SurveyKind
from vms.extensions import db


def _asked(kind: SurveyKind) -> set[tuple[str, int, str]]:
    rows = db.session.scalars(select(SurveyInvitation).where(SurveyInvitation.kind == kind))
    return {(i.subject_kind.value, i.user_id, i.side.value) for i in rows}


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(SurveyInvitation))


def test_the_fit_check_follows_the_first_team_meeting_held(aw, smtp):
    meeting = team_meeting(aw, NOW)
    # Before the meeting has ended, nobody is asked.
    assert invitations.invite_fit_checks(NOW + timedelta(minutes=30)) == 0
    assert invitations.invite_fit_checks(NOW + timedelta(hours=2)) == 4
    assert _asked(SurveyKind.FIT) == {("team", aw.founder.id, "founder")} | {
        ("team", m.id, "mentor") for m in aw.mentors
    }
    # A second sweep, and a second meeting, ask nobody again.
    team_meeting(aw, NOW + timedelta(days=7))
    assert invitations.invite_fit_checks(NOW + timedelta(days=8)) == 0
    assert _count() == 4
    email = smtp.last_to(aw.founder.email)
    assert "Is this a good fit?" in email["Subject"]
    invitation = db.session.scalar(select(SurveyInvitation).filter_by(user_id=aw.founder.id))
    assert f"/p/{aw.program.slug}/surveys/{invitation.id}" in text_of(email)
    assert meeting.id  # the first meeting is the one that counted


def test_a_cancelled_meeting_or_one_held_long_ago_asks_nothing(aw):
    cancelled = team_meeting(aw, NOW)
    cancelled.cancel()
    db.session.commit()
    assert invitations.invite_fit_checks(NOW + timedelta(hours=2)) == 0
    team_meeting(aw, NOW - timedelta(days=60))
    assert invitations.invite_fit_checks(NOW + timedelta(hours=2)) == 0


def test_the_fit_check_of_a_pair_follows_its_first_check_in(aw):
    active_peer_agreement(aw, check_in_at=NOW)
    assert invitations.invite_fit_checks(NOW + timedelta(hours=1)) == 2
    assert _asked(SurveyKind.FIT) == {("pair", aw.member.id, "founder"),
                                      ("pair", aw.peer.id, "mentor")}  # fmt: skip
    assert invitations.invite_fit_checks(NOW + timedelta(days=1)) == 0


def test_ending_a_team_asks_its_founders_and_mentors_once(aw, smtp):
    team_services.end(aw.team, aw.coordinator, NOW)
    db.session.commit()
    assert _asked(SurveyKind.EXIT) == {("team", aw.founder.id, "founder")} | {
        ("team", m.id, "mentor") for m in aw.mentors
    }
    assert "exit survey" in smtp.last_to(aw.mentors[0].email)["Subject"]
    founder = db.session.scalar(select(SurveyInvitation).filter_by(user_id=aw.founder.id))
    assert founder.venture_id == aw.team.venture_id and founder.side is Side.FOUNDER


def test_an_agreement_ended_early_asks_its_parties_about_the_pair(aw):
    agreement = active_peer_agreement(aw)
    end_agreement_early(agreement, aw, NOW + timedelta(days=30))
    assert _asked(SurveyKind.EXIT) == {("pair", aw.member.id, "founder"),
                                       ("pair", aw.peer.id, "mentor")}  # fmt: skip
    row = db.session.scalar(select(SurveyInvitation).filter_by(user_id=aw.peer.id))
    assert (row.subject_kind, row.subject_id) == (SubjectKind.PAIR, aw.pair.id)


def _one_invitation(aw) -> SurveyInvitation:
    team_services.end(aw.team, aw.coordinator, NOW)
    db.session.commit()
    return db.session.scalar(select(SurveyInvitation).filter_by(user_id=aw.founder.id))


def _reminders_to(smtp, address: str) -> list[str]:
    return [m["Subject"] for m in smtp.to(address) if m["Subject"].startswith("Reminder:")]


def test_at_most_two_reminders_at_three_and_ten_days(aw, smtp):
    invitation = _one_invitation(aw)
    assert reminders.send_survey_reminders(NOW + timedelta(days=2, hours=23)) == 0
    assert reminders.send_survey_reminders(NOW + timedelta(days=3)) == 4
    assert reminders.send_survey_reminders(NOW + timedelta(days=4)) == 0
    assert reminders.send_survey_reminders(NOW + timedelta(days=10)) == 4
    for days in (11, 30, 300):
        assert reminders.send_survey_reminders(NOW + timedelta(days=days)) == 0
    assert len(_reminders_to(smtp, aw.founder.email)) == 2
    db.session.refresh(invitation)
    assert invitation.reminders_sent == 2


def test_a_sweep_late_by_weeks_sends_one_reminder_then_waits(aw, smtp):
    _one_invitation(aw)
    assert reminders.send_survey_reminders(NOW + timedelta(days=20)) == 4
    assert reminders.send_survey_reminders(NOW + timedelta(days=21)) == 0
    assert reminders.send_survey_reminders(NOW + timedelta(days=27)) == 4
    assert len(_reminders_to(smtp, aw.founder.email)) == 2


def test_whoever_answered_is_not_reminded(aw, smtp):
    invitation = _one_invitation(aw)
    invitation.record_answer(NOW + timedelta(days=1))
    db.session.commit()
    assert reminders.send_survey_reminders(NOW + timedelta(days=3)) == 3
    assert _reminders_to(smtp, aw.founder.email) == []


def test_the_dashboards_scope_limits_the_measures(aw):
    from vms.evidence.surveys.queries import Scope, survey_measures

    team_services.end(aw.team, aw.coordinator, NOW)
    db.session.commit()

    def asked(scope: Scope) -> int:
        found = survey_measures(aw.program.id, NOW, scope)
        return next(r.invited for r in found.rates if r.survey == "exit")

    day = timedelta(days=1)
    assert asked(Scope()) == 4
    assert asked(Scope(since=NOW - day, until=NOW + day)) == 4
    assert asked(Scope(since=NOW + day)) == 0
    assert asked(Scope(until=NOW)) == 0  # the end is open: invited at NOW is not before NOW
    assert asked(Scope(cohort_id=aw.pair.event.cohort_id)) == 0  # Acme is in no cohort
