"""The one scheduler process: `flask --app vms scheduler` (never inside web workers).

APScheduler 3 with its in-memory job store: the jobs are defined here, in code, so
nothing is shared between processes (DESIGN.md, pitfalls). Every job is a sweep of
the database that marks what it did, so running one late, twice or after a restart
sends nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from vms.agreements import jobs as agreement_jobs
from vms.mail.services import deliver_pending
from vms.peer.choices import jobs as peer_choice_jobs
from vms.peer.circles import jobs as peer_circle_jobs
from vms.scheduling import jobs

log = logging.getLogger("vms.scheduler")

#: (name, job, minutes between runs)
SWEEPS: list[tuple[str, Callable[[], int], int]] = [
    ("meeting reminders", jobs.send_meeting_reminders, 5),
    ("agenda reminders", jobs.send_agenda_reminders, 15),
    ("summary reminders", jobs.send_summary_reminders, 60),
    ("mentor meetings a year ahead", jobs.keep_series_ahead, 24 * 60),
    # The reminder windows (two days and a few hours before a deadline) are hours wide.
    ("ranking reminders", peer_choice_jobs.send_ranking_reminders, 30),
    ("peer circles ahead", peer_circle_jobs.keep_circles_ahead, 24 * 60),
    ("agreement reminders", agreement_jobs.send_agreement_reminders, 60),
    ("email delivery", deliver_pending, 1),
]


def run_once(app: Flask) -> dict[str, int]:
    """Every sweep once, each in its own app context (for cron, and for the tests)."""
    done = {}
    for name, job, _minutes in SWEEPS:
        with app.app_context():
            done[name] = job()
            log.info("%s: %d", name, done[name])
    return done


def build(app: Flask) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    for name, job, minutes in SWEEPS:
        scheduler.add_job(
            _in_context(app, name, job), "interval", minutes=minutes, id=name, name=name,
            # A sweep that missed its time (the machine slept) runs once when it can.
            coalesce=True, max_instances=1, misfire_grace_time=minutes * 60,
        )  # fmt: skip
    return scheduler


def _in_context(app: Flask, name: str, job: Callable[[], int]) -> Callable[[], None]:
    def run() -> None:
        with app.app_context():
            try:
                log.info("%s: %d", name, job())
            except Exception:  # one failed sweep must not stop the others
                log.exception("%s failed", name)

    return run
