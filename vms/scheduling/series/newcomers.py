"""A mentor who joins a program after its monthly meeting is set is invited to its coming
dates at once, not at the next daily sweep (`keep_ahead`): the page of the monthly meeting
would otherwise tell them the coordinators have not set it yet.

The core tells us through its signals (it never imports scheduling): an accepted
invitation, or a membership given directly (an accepted mentor application). No email, as
when the series is created: the dates are in the mentor's page and calendar feed.
"""

from __future__ import annotations

from vms.auth.models import Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import Invitation, Program
from vms.scheduling.series.services import invite_to_coming_dates


@cohorts.invitation_accepted.connect
def _on_invitation_accepted(invitation: Invitation, user: User, **_extra) -> None:
    if invitation.role is Role.MENTOR:
        invite_to_coming_dates(invitation.program_id, user.id)


@cohorts.member_added.connect
def _on_member_added(program: Program, user: User, role: Role, **_extra) -> None:
    if role is Role.MENTOR:
        invite_to_coming_dates(program.id, user.id)
