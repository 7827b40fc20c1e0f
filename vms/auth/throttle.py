"""Slow down, then lock, repeated failed sign-ins for one address.

Counts live in the database (table ``login_throttles``) so the limit holds across every worker
process, and they are counted atomically: an attempt is claimed (and counted as a failure)
under the address's row lock *before* its password is checked, in a transaction of its own
that commits at once. Thirty attempts at the same moment therefore see each other's counts
(the fourth waits, the eighth locks) instead of all passing a check made before any of them
was counted; a right password then forgives the attempt (``clear``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from vms import row_locks
from vms.auth.models import LoginThrottle
from vms.extensions import db

MAX_SLOWDOWN_SECONDS = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    locked: bool = False
    retry_after_seconds: int = 0


def claim_attempt(email: str, now: datetime) -> Verdict:
    """May this address try a password now? If so, the try is already counted as failed."""
    with Session(db.engine) as session, session.begin():
        row = _locked_row(session, email)
        verdict = _verdict(row, now)
        if verdict.allowed:
            row.failures += 1
            row.last_failure_at = now
            if row.failures >= current_app.config["LOGIN_LOCK_AFTER"]:
                row.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    return verdict


def _locked_row(session: Session, email: str) -> LoginThrottle:
    """The address's row, created if missing, locked until the claim commits."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        row_locks.begin_write(session)  # one writer: the lock is the write transaction
    insert = sqlite_insert if dialect == "sqlite" else postgresql_insert
    session.execute(
        insert(LoginThrottle)
        .values(email=email, failures=0)
        .on_conflict_do_nothing(index_elements=["email"])
    )
    query = select(LoginThrottle).where(LoginThrottle.email == email)
    return session.scalars(query.with_for_update()).one()


def _verdict(row: LoginThrottle, now: datetime) -> Verdict:
    if row.locked_until and now < row.locked_until:
        return Verdict(False, locked=True, retry_after_seconds=_seconds(row.locked_until - now))
    slowdown_after = current_app.config["LOGIN_SLOWDOWN_AFTER"]
    if row.failures >= slowdown_after and row.last_failure_at:
        wait = min(2 ** (row.failures - slowdown_after), MAX_SLOWDOWN_SECONDS)
        ready_at = row.last_failure_at + timedelta(seconds=wait)
        if now < ready_at:
            return Verdict(False, retry_after_seconds=_seconds(ready_at - now))
    return Verdict(allowed=True)


def clear(email: str) -> None:
    """Forget the address's failures (a right password, or a reset)."""
    row = db.session.scalar(select(LoginThrottle).where(LoginThrottle.email == email))
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))
