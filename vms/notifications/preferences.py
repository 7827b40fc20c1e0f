"""Each person's choice per category: on, off or in the weekly digest."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.auth.models import User
from vms.extensions import db
from vms.notifications.categories import DEFAULTS, Category, Choice
from vms.notifications.models import NotificationPreference


def choices_for(user: User) -> dict[Category, Choice]:
    """Every category's choice, the defaults where the person has made none."""
    rows = db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    )
    return DEFAULTS | {row.category: row.choice for row in rows}


def save_choices(user: User, chosen: Mapping[Category, Choice]) -> None:
    for category, choice in chosen.items():
        set_choice(user, category, choice)


def set_choice(user: User, category: Category, choice: Choice) -> None:
    """Write one choice. Two at once (a double click, a provider's retried one-click POST)
    meet the unique key: the second updates the row the first wrote."""
    row = _row(user, category)
    if row is not None:
        row.choice = choice
        db.session.flush()
        return
    try:
        with db.session.begin_nested():
            db.session.add(NotificationPreference(user_id=user.id, category=category,
                                                  choice=choice))  # fmt: skip
    except IntegrityError:
        _row(user, category).choice = choice
        db.session.flush()


def _row(user: User, category: Category) -> NotificationPreference | None:
    return db.session.scalar(
        select(NotificationPreference)
        .where(NotificationPreference.user_id == user.id,
               NotificationPreference.category == category)
    )  # fmt: skip
