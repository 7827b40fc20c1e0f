"""The access policy: who may see which program, and the decorators views declare.

A program the person does not belong to answers 404 (its existence is not
revealed); a member without the needed role gets 403.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import abort, g
from flask_login import current_user, login_required
from sqlalchemy import select

from vms.auth.models import Membership, Role, User
from vms.extensions import db


def roles_in(user: User, program_id: int) -> frozenset[Role]:
    rows = db.session.scalars(
        select(Membership.role).where(
            Membership.user_id == user.id, Membership.program_id == program_id
        )
    )
    return frozenset(rows)


def member_programs(user: User) -> list:
    """The programs this person belongs to, by name."""
    from vms.cohorts.models import Program

    return list(
        db.session.scalars(
            select(Program)
            .join(Membership, Membership.program_id == Program.id)
            .where(Membership.user_id == user.id)
            .distinct()
            .order_by(Program.name)
        )
    )


def program_view(*roles: Role) -> Callable:
    """Guard a view under ``/p/<program_slug>/``.

    The view receives the loaded program instead of the slug; ``g.program`` and
    ``g.roles`` hold it and the person's roles there. With no roles given, any
    member may enter.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def guarded(program_slug: str, **kwargs):
            from vms.cohorts.models import Program

            program = db.session.scalar(select(Program).where(Program.slug == program_slug))
            if program is None:
                abort(404)
            held = roles_in(current_user, program.id)
            if not held:
                abort(404)
            if roles and not held.intersection(roles):
                abort(403)
            g.program, g.roles = program, held
            return view(program, **kwargs)

        return guarded

    return decorator


def admin_view(view: Callable) -> Callable:
    """Site administration; invisible (404) to everyone else."""

    @wraps(view)
    @login_required
    def guarded(**kwargs):
        if not current_user.is_admin:
            abort(404)
        return view(**kwargs)

    return guarded
