"""Slow down, then lock, repeated failed sign-ins for one address.

Counts live in the database (table ``login_throttles``) so the limit holds
across every worker process.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from vms.auth.models import LoginThrottle
from vms.extensions import db

MAX_SLOWDOWN_SECONDS = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    locked: bool = False
    retry_after_seconds: int = 0


def _row(email: str) -> LoginThrottle | None:
    return db.session.scalar(
        select(LoginThrottle).where(LoginThrottle.email == email).with_for_update()
    )


def check(email: str, now: datetime) -> Verdict:
    """May this address try to sign in now?"""
    row = _row(email)
    if row is None:
        return Verdict(allowed=True)
    if row.locked_until and now < row.locked_until:
        return Verdict(False, locked=True, retry_after_seconds=_seconds(row.locked_until - now))
    slowdown_after = current_app.config["LOGIN_SLOWDOWN_AFTER"]
    if row.failures >= slowdown_after and row.last_failure_at:
        wait = min(2 ** (row.failures - slowdown_after), MAX_SLOWDOWN_SECONDS)
        ready_at = row.last_failure_at + timedelta(seconds=wait)
        if now < ready_at:
            return Verdict(False, retry_after_seconds=_seconds(ready_at - now))
    return Verdict(allowed=True)


def record_failure(email: str, now: datetime) -> None:
    row = _row(email)
    if row is None:
        row = LoginThrottle(email=email, failures=0)
        try:
            with db.session.begin_nested():
                db.session.add(row)
        except IntegrityError:  # another worker created it first
            row = _row(email)
    row.failures += 1
    row.last_failure_at = now
    if row.failures >= current_app.config["LOGIN_LOCK_AFTER"]:
        row.locked_until = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
    db.session.flush()


def clear(email: str) -> None:
    row = _row(email)
    if row is not None:
        db.session.delete(row)
        db.session.flush()


def _seconds(delta: timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))
