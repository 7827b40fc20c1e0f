"""An imported venture's founder joins: their founder row is linked to their account.

The import records each founder by name and address, and invites them as an entrepreneur;
until the row is linked, the venture's pages do not know them as its founder.
"""

from __future__ import annotations

from sqlalchemy import select

from vms.auth.models import Role, User
from vms.cohorts import services as cohorts
from vms.cohorts.models import Invitation, Venture, VentureFounder
from vms.extensions import db


@cohorts.invitation_accepted.connect
def _link_founder(invitation: Invitation, user: User, **_extra) -> None:
    if invitation.role is not Role.ENTREPRENEUR:
        return
    rows = db.session.scalars(
        select(VentureFounder).join(Venture, Venture.id == VentureFounder.venture_id).where(
            Venture.program_id == invitation.program_id, VentureFounder.user_id.is_(None),
            VentureFounder.email == invitation.email)
    )  # fmt: skip
    for row in rows:
        already = db.session.scalar(select(VentureFounder.id).filter_by(
            venture_id=row.venture_id, user_id=user.id))  # fmt: skip
        if already is None:  # one row per founder and venture
            row.user_id = user.id
    db.session.flush()
