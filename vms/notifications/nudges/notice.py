"""One nudge's notice: a few lines (lazy strings, read in the recipient's language) and a
link, in the one nudge email template; and who receives a program's nudges."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select

from vms.auth.models import Membership, Role, User
from vms.cohorts.models import Program
from vms.extensions import db
from vms.notifications.categories import Category
from vms.notifications.services import Notice


def nudge(
    kind: str, object_id: int, person: User, occasion: str, program: Program, subject,
    lines: list, link: str, category: Category = Category.NUDGES,
) -> Notice:  # fmt: skip
    return Notice(
        kind=kind, object_id=object_id, recipient=person, occasion=occasion, program=program,
        category=category, template="notifications/nudge", subject=subject, link=link,
        context={"name": person.name, "lines": lines, "program": program},
    )  # fmt: skip


def members_of(program_ids: Iterable[int], role: Role) -> dict[int, list[User]]:
    """The people holding ``role`` in each program, in one statement."""
    ids = set(program_ids)
    found: dict[int, list[User]] = defaultdict(list)
    if ids:
        rows = db.session.execute(
            select(Membership.program_id, User).join(User, User.id == Membership.user_id)
            .where(Membership.program_id.in_(ids), Membership.role == role)
            .order_by(User.id)
        ).tuples()  # fmt: skip
        for program_id, user in rows:
            found[program_id].append(user)
    return found


def programs_by_id(ids: Iterable[int]) -> dict[int, Program]:
    ids = set(ids)
    if not ids:
        return {}
    return {p.id: p for p in db.session.scalars(select(Program).where(Program.id.in_(ids)))}
