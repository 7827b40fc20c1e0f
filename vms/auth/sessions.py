"""How a session cookie maps to a person (Flask-Login's loader)."""

from __future__ import annotations

from sqlalchemy import bindparam, select

from vms.auth.models import Membership, User
from vms.auth.policy import remember_memberships
from vms.extensions import db
from vms.statements import reused


def load_user(session_id: str) -> User | None:
    """Sessions carry "<user id>:<session version>"; a raised version ends them.

    The person comes with their memberships, which every page asks for next (its guard and
    the layout's program switcher): one statement for both."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    rows = db.session.execute(reused("signed-in person", _person), {"id": int(user_id)}).all()
    if not rows or rows[0][0].session_version != int(version):
        return None
    user = rows[0][0]
    remember_memberships(
        user.id, [(program, role) for _, program, role in rows if program is not None]
    )
    return user


def _person():
    """Every page runs it first: built once (vms.statements)."""
    from vms.cohorts.models import Program

    return (
        select(User, Program, Membership.role)
        .outerjoin(Membership, Membership.user_id == User.id)
        .outerjoin(Program, Program.id == Membership.program_id)
        .where(User.id == bindparam("id"))
    )
