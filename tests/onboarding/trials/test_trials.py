"""Trials' rules and randomisation at intake, through the real services and signals."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from sqlalchemy import func, select

from tests.onboarding.trials.conftest import THREE_ARMS, apply, make_trial
from tests.support import text_of
from vms.auth.models import Role
from vms.cohorts import services as cohorts
from vms.extensions import db
from vms.notifications.models import Notification
from vms.onboarding.trials import intake, services
from vms.onboarding.trials.models import (
    Audience,
    Treatment,
    TrialAssignment,
    TrialRefused,
    TrialStatus,
)
from vms.onboarding.trials.queries import welcome_withheld
from vms.onboarding.trials.randomise import next_arm
from vms.onboarding.trials.services import ArmInput


def test_fewest_first_keeps_100_assignments_over_3_arms_within_one():
    rng, counts, firsts = random.Random(7), [0, 0, 0], set()
    for n in range(100):
        arm = next_arm(counts, rng)
        if n % 3 == 0:
            firsts.add(arm)  # the tie at each round's start is drawn, not always arm 0
        counts[arm] += 1
        assert max(counts) - min(counts) <= 1
    assert sorted(counts) == [33, 33, 34] and len(firsts) > 1


def test_ventures_applying_are_assigned_balanced_and_recorded(program, coordinator):
    trial = make_trial(program)
    for n in range(12):
        apply(program, f"Venture {n}")
    rows = db.session.execute(select(TrialAssignment.arm_id, TrialAssignment.assigned_at)
                              .where(TrialAssignment.trial_id == trial.id)).all()  # fmt: skip
    assert sorted(Counter(arm for arm, _at in rows).values()) == [4, 4, 4]
    assert all(at is not None and at.tzinfo is not None for _arm, at in rows)


def test_a_second_intake_never_changes_the_arm(program, coordinator):
    make_trial(program)
    venture = apply(program, "Steady Labs")
    first = intake.assign_venture(venture, rng=random.Random(1))
    again = [intake.assign_venture(venture, rng=random.Random(seed)) for seed in range(5)]
    db.session.commit()
    assert {a.id for a in again} == {first.id} and {a.arm_id for a in again} == {first.arm_id}
    assert db.session.scalar(select(func.count(TrialAssignment.id))) == 1


def test_no_running_trial_assigns_nobody(program, coordinator):
    make_trial(program, start=False)
    apply(program, "Early Labs")
    assert db.session.scalar(select(func.count(TrialAssignment.id))) == 0


def test_a_trial_with_one_arm_cannot_start(program, coordinator):
    trial = make_trial(program, arms=[ArmInput("Only", Treatment.NOTHING, is_comparison=True)],
                       start=False)  # fmt: skip
    with pytest.raises(TrialRefused, match="at least two arms"):
        services.start_trial(program, trial)
    db.session.rollback()
    assert trial.status is TrialStatus.DRAFT


def test_arms_cannot_change_once_running(program, coordinator):
    trial = make_trial(program)
    data = services.TrialInput(Audience.VENTURES, "Changed", "?", THREE_ARMS[:2])
    with pytest.raises(TrialRefused, match="has started"):
        services.update_trial(trial, data)
    db.session.rollback()
    assert [a.name for a in trial.arms] == [a.name for a in THREE_ARMS]


def test_one_running_trial_per_audience_and_a_second_start_is_refused(program, coordinator):
    first = make_trial(program)
    second = make_trial(program, start=False, name="Another")
    with pytest.raises(TrialRefused, match="Welcome trial"):
        services.start_trial(program, second)
    db.session.rollback()
    with pytest.raises(TrialRefused, match="already been started"):
        services.start_trial(program, first)
    db.session.rollback()
    mentors = make_trial(program, audience=Audience.MENTORS, name="Mentors")  # another audience
    assert mentors.status is TrialStatus.RUNNING


def test_stopping_keeps_every_assignment(program, coordinator):
    trial = make_trial(program)
    for n in range(3):
        apply(program, f"Kept {n}")
    before = set(db.session.scalars(select(TrialAssignment.id)))
    services.stop_trial(trial)
    db.session.commit()
    apply(program, "After the stop")
    assert set(db.session.scalars(select(TrialAssignment.id))) == before
    assert trial.status is TrialStatus.STOPPED and trial.stopped_at is not None
    with pytest.raises(TrialRefused):
        services.stop_trial(trial)


def test_the_message_arm_emails_the_founders_once(program, coordinator, make_member, smtp):
    words = "Welcome aboard.\n\nCasey"
    message_only = [ArmInput("Note", Treatment.MESSAGE, words, True),
                    ArmInput("Note too", Treatment.MESSAGE, words)]  # fmt: skip
    make_trial(program, arms=message_only)
    founder = make_member(program, Role.ENTREPRENEUR, email="ada@example.org", name="Ada")
    venture = apply(program, "Ada Labs", founder_email=founder.email)
    intake.assign_venture(venture)  # a second intake: nothing more is sent
    db.session.commit()
    sent = [m for m in smtp.to("ada@example.org") if "Welcome aboard." in text_of(m)]
    assert len(sent) == 1 and "Hello Ada" in text_of(sent[0])
    assert db.session.scalar(select(func.count(Notification.id)).where(
        Notification.kind == intake.MESSAGE_KIND)) == 1  # fmt: skip
    newcomer = apply(program, "Bea Labs", founder_email="bea@example.org")  # no account yet
    assert newcomer is not None
    assert len([m for m in smtp.to("bea@example.org") if "Welcome aboard." in text_of(m)]) == 1


def test_new_mentors_are_assigned_and_earlier_ones_are_not(program, coordinator, make_member,
                                                           make_user):  # fmt: skip
    earlier = make_member(program, Role.MENTOR)
    trial = make_trial(program, audience=Audience.MENTORS, name="Mentor welcome")
    newcomer = make_user()
    cohorts.add_member(newcomer, program, Role.MENTOR)
    cohorts.add_member(earlier, program, Role.MENTOR)  # again: not a newcomer
    db.session.commit()
    assigned = set(db.session.scalars(select(TrialAssignment.mentor_id)
                                      .where(TrialAssignment.trial_id == trial.id)))  # fmt: skip
    assert assigned == {newcomer.id}


def test_welcome_withheld_per_arm(program, coordinator, make_member):
    arms = [ArmInput("Welcome", Treatment.WELCOME, is_comparison=True),
            ArmInput("Nothing", Treatment.NOTHING)]  # fmt: skip
    trial = make_trial(program, arms=arms)
    founders = [make_member(program, Role.ENTREPRENEUR, email=f"f{n}@example.org")
                for n in range(2)]  # fmt: skip
    ventures = [apply(program, f"Withheld {n}", founder_email=f.email)
                for n, f in enumerate(founders)]  # fmt: skip
    arm_of = {a.venture_id: a.arm.treatment for a in db.session.scalars(select(TrialAssignment))}
    for founder, venture in zip(founders, ventures, strict=True):
        expected = arm_of[venture.id] is not Treatment.WELCOME
        assert welcome_withheld(program, founder) is expected
    assert sorted(welcome_withheld(program, f) for f in founders) == [False, True]
    assert welcome_withheld(program, coordinator) is False  # never assigned
    services.stop_trial(trial)
    db.session.commit()
    assert sorted(welcome_withheld(program, f) for f in founders) == [False, True]  # kept
