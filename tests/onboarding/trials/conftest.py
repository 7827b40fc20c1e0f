"""A program with a coordinator, a way to take ventures in through the real intake service,
and trials made through the real services."""

from __future__ import annotations

import pytest

from vms.auth.models import Role
from vms.cohorts.models import Affiliation, Program, Venture
from vms.extensions import db
from vms.onboarding.trials import services
from vms.onboarding.trials.models import Audience, Treatment, Trial
from vms.onboarding.trials.services import ArmInput, TrialInput
from vms.screening.ventures import services as ventures

THREE_ARMS = [ArmInput("Welcome video", Treatment.WELCOME),
              ArmInput("Coordinator's note", Treatment.MESSAGE, "Glad you are here.\n\nCasey"),
              ArmInput("Nothing", Treatment.NOTHING, is_comparison=True)]  # fmt: skip


def apply(program: Program, name: str, founder_email: str | None = None) -> Venture:
    """A venture applies (the real intake: its signal assigns the trial's arm)."""
    email = founder_email or f"founder-{name.lower().replace(' ', '-')}@example.org"
    venture, _token = ventures.submit(program, ventures.VentureProfileInput(
        name=name, description="", stage=None, sector_id=None, website="", goal_statement="",
        founders=[ventures.FounderInput(f"Founder of {name}", email, Affiliation.ALUMNI)],
        assessment={}, locale="en"))  # fmt: skip
    db.session.commit()
    return venture


def make_trial(program: Program, arms=THREE_ARMS, audience=Audience.VENTURES, start=True,
               name: str = "Welcome trial") -> Trial:  # fmt: skip
    trial = services.create_trial(program, TrialInput(audience, name, "Does it help?",
                                                      list(arms)))  # fmt: skip
    if start:
        services.start_trial(program, trial)
    db.session.commit()
    return trial


@pytest.fixture
def program(make_program):
    return make_program("Trial Program")


@pytest.fixture
def coordinator(program, make_member):
    return make_member(program, Role.COORDINATOR, name="Casey Coordinator")
