"""The access policy: who may see which program, and the decorators views declare.

A program the person does not belong to answers 404 (its existence is not
revealed); a member without the needed role gets 403.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from flask import abort, g, has_app_context
from flask_login import current_user, login_required
from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session

from vms.auth.models import Membership, Role, User
from vms.extensions import db

if TYPE_CHECKING:
    from vms.cohorts.models import Program


def roles_in(user: User, program_id: int) -> frozenset[Role]:
    rows = db.session.scalars(
        select(Membership.role).where(
            Membership.user_id == user.id, Membership.program_id == program_id
        )
    )
    return frozenset(rows)


@dataclass(frozen=True)
class Memberships:
    """The signed-in person's programs and roles, read once per request: the guard of a
    program page and the layout's program switcher both need them (one statement, not three)."""

    user_id: int
    #: slug -> (program, the person's roles there)
    by_slug: dict[str, tuple[Program, frozenset[Role]]]

    @property
    def programs(self) -> list[Program]:
        return sorted((p for p, _roles in self.by_slug.values()), key=lambda p: (p.name, p.id))


def memberships_of(user: User) -> Memberships:
    """The person's memberships, cached for the request (``g`` is cleared before each one;
    signing in from the session reads them with the person: ``remember_memberships``)."""
    cached = g.get(_MEMBERSHIPS_KEY)
    if cached is not None and cached.user_id == user.id:
        return cached
    from vms.cohorts.models import Program

    rows = db.session.execute(
        select(Program, Membership.role)
        .join(Membership, Membership.program_id == Program.id)
        .where(Membership.user_id == user.id)
    ).tuples()
    return remember_memberships(user.id, rows)


def remember_memberships(user_id: int, rows: Iterable[tuple[Program, Role]]) -> Memberships:
    """Keep these (program, role) rows as the person's memberships for this request."""
    found: dict[str, tuple[Program, set[Role]]] = {}
    for program, role in rows:
        found.setdefault(program.slug, (program, set()))[1].add(role)
    memberships = Memberships(user_id, {s: (p, frozenset(r)) for s, (p, r) in found.items()})
    setattr(g, _MEMBERSHIPS_KEY, memberships)
    return memberships


_MEMBERSHIPS_KEY = "_vms_memberships"


def forget_memberships() -> None:
    """Before each request (an app context, hence ``g``, may outlive one in tests and jobs)."""
    g.pop(_MEMBERSHIPS_KEY, None)


def _forget_written_memberships(session: Session, _context=None) -> None:
    """A membership written in this request (an invitation accepted, a role given) is not
    in what was read with the person: the next ``memberships_of`` reads them again."""
    if has_app_context() and any(
        isinstance(o, Membership) for o in (*session.new, *session.dirty, *session.deleted)
    ):
        forget_memberships()


def _forget_on_bulk_write(execute: ORMExecuteState) -> None:
    table = getattr(getattr(execute.statement, "table", None), "name", None)
    writes = execute.is_insert or execute.is_update or execute.is_delete
    if writes and table == "memberships" and has_app_context():
        forget_memberships()


event.listen(db.session, "after_flush", _forget_written_memberships)
event.listen(db.session, "do_orm_execute", _forget_on_bulk_write)


def member_programs(user: User) -> list[Program]:
    """The programs this person belongs to, by name."""
    return memberships_of(user).programs


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
            # A program the person is not in, and one that does not exist, look the same.
            program, held = memberships_of(current_user).by_slug.get(program_slug, (None, None))
            if program is None:
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
