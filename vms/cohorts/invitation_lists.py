"""Invitations to a pasted list of addresses: a preview of every address with its problem,
then one confirmed send of the valid ones.

The send holds the program (the owner of "one pending invitation per address, place and
role") and checks the whole list again under that lock: a second click of "Send" finds every
address already invited and sends nothing, a list changed meanwhile by another coordinator
is read as it now stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from vms import row_locks
from vms.auth.models import Membership, Role, User
from vms.cohorts import address_list, services
from vms.cohorts.address_list import PastedAddress, Problem
from vms.cohorts.models import Cohort, CohortMember, Invitation, InvitationStatus, Program
from vms.extensions import db


@dataclass(frozen=True)
class ListInvitation:
    """What a coordinator asks for: this list, to this role, with these words."""

    program: Program
    cohort: Cohort | None
    role: Role
    addresses: str
    message: str = ""


@dataclass(frozen=True)
class Sent:
    sent: list[str]
    #: Everything not sent, with its problem (the second click: all "already invited").
    refused: list[PastedAddress]


def preview(ask: ListInvitation) -> list[PastedAddress]:
    """Every pasted address in order, with its problem or none (three queries in all)."""
    entries = address_list.read(ask.addresses)
    emails = sorted({e.email for e in entries if e.valid})
    return address_list.with_problems(entries, _known(ask, emails))


def send(ask: ListInvitation, invited_by: User, now: datetime | None = None) -> Sent:
    """Invite every valid address once and queue its email; nothing for the others."""
    row_locks.lock(ask.program)
    entries = preview(ask)
    sent = []
    for entry in entries:
        if not entry.valid:
            continue
        invitation, token = services.new_invitation(
            ask.program, ask.cohort, entry.email, ask.role, invited_by, now,
            ask.message,
        )  # fmt: skip
        services.email_invitation(invitation, token)
        sent.append(entry.email)
    return Sent(sent, [e for e in entries if not e.valid])


def _known(ask: ListInvitation, emails: list[str]) -> dict[str, Problem]:
    """Addresses the program already has: a pending invitation here, or a member here."""
    if not emails:
        return {}
    program, cohort, role = ask.program, ask.cohort, ask.role
    same_place = Invitation.cohort_id == cohort.id if cohort else Invitation.cohort_id.is_(None)
    invited = db.session.scalars(
        select(Invitation.email).where(
            Invitation.program_id == program.id, same_place, Invitation.role == role,
            Invitation.status == InvitationStatus.PENDING, Invitation.email.in_(emails),
        )
    )  # fmt: skip
    if cohort is None:
        member = select(User.email).join(Membership, Membership.user_id == User.id).where(
            Membership.program_id == program.id, Membership.role == role
        )  # fmt: skip
    else:
        member = select(User.email).join(CohortMember, CohortMember.user_id == User.id).where(
            CohortMember.cohort_id == cohort.id, CohortMember.role == role
        )  # fmt: skip
    members = db.session.scalars(member.where(User.email.in_(emails)))
    known = dict.fromkeys(members, Problem.ALREADY_MEMBER)
    return known | dict.fromkeys(invited, Problem.ALREADY_INVITED)
