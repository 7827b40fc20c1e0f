"""The one scheduler process: `flask --app vms scheduler` (never inside web workers).

APScheduler 3 with its in-memory job store: the jobs are defined here, in code, so
nothing is shared between processes (DESIGN.md, pitfalls). Every job is a sweep of
the database that marks what it did, so running one late, twice or after a restart
sends nothing twice. Email delivery is one of them, every few seconds: web requests
only write the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.schedulers.blocking import BlockingScheduler
from flask import Flask

from vms.agreements import jobs as agreement_jobs
from vms.evidence.surveys import invitations as survey_invitations
from vms.evidence.surveys import reminders as survey_reminders
from vms.evidence.updates import jobs as update_jobs
from vms.mail.delivery import deliver_all
from vms.notifications import digest
from vms.notifications.nudges import meetings as nudge_meetings
from vms.notifications.nudges import people as nudge_people
from vms.notifications.nudges import teams as nudge_teams
from vms.peer.choices import jobs as peer_choice_jobs
from vms.peer.circles import jobs as peer_circle_jobs
from vms.scheduling import jobs

log = logging.getLogger("vms.scheduler")

MINUTE = 60
#: (name, job, seconds between runs)
SWEEPS: list[tuple[str, Callable[[], int], int]] = [
    ("meeting reminders", jobs.send_meeting_reminders, 5 * MINUTE),
    ("agenda reminders", jobs.send_agenda_reminders, 15 * MINUTE),
    ("summary reminders", jobs.send_summary_reminders, 60 * MINUTE),
    ("mentor meetings a year ahead", jobs.keep_series_ahead, 24 * 60 * MINUTE),
    # The reminder windows (two days and a few hours before a deadline) are hours wide.
    ("ranking reminders", peer_choice_jobs.send_ranking_reminders, 30 * MINUTE),
    ("peer circles ahead", peer_circle_jobs.keep_circles_ahead, 24 * 60 * MINUTE),
    ("agreement reminders", agreement_jobs.send_agreement_reminders, 60 * MINUTE),
    # The nudges (vms/notifications/nudges/): hourly or daily; the one-hour reminder every five
    # minutes, so it goes out between 55 and 60 minutes before.
    ("RSVP nudges", nudge_meetings.send_rsvp_nudges, 60 * MINUTE),
    ("dockets", nudge_meetings.send_dockets, 60 * MINUTE),
    ("one-hour reminders", nudge_meetings.send_hour_before_reminders, 5 * MINUTE),
    ("principles nudges", nudge_people.send_principles_nudges, 24 * 60 * MINUTE),
    ("scorecard nudges", nudge_people.send_scorecard_nudges, 60 * MINUTE),
    ("quiet teams", nudge_teams.send_quiet_team_nudges, 24 * 60 * MINUTE),
    ("quiet peer pairs", nudge_teams.send_quiet_pair_nudges, 24 * 60 * MINUTE),
    # Fit checks after first meetings; at most two reminders of each survey (3 and 10 days).
    ("fit checks", survey_invitations.invite_fit_checks, 60 * MINUTE),
    ("survey reminders", survey_reminders.send_survey_reminders, 60 * MINUTE),
    # Once per founder and month (the program's): the month is the notice's occasion.
    ("monthly update nudges", update_jobs.send_update_nudges, 24 * 60 * MINUTE),
    # Once per person and ISO week (the digest is a notice of its own).
    ("weekly digests", digest.send_digests, 60 * MINUTE),
    # The delivery loop: what a page queued leaves within seconds.
    ("email delivery", deliver_all, 3),
]


def run_once(app: Flask) -> dict[str, int]:
    """Every sweep once, each in its own app context (for cron, and for the tests)."""
    done = {}
    for name, job, _seconds in SWEEPS:
        with app.app_context():
            done[name] = job()
            log.info("%s: %d", name, done[name])
    return done


def build(app: Flask) -> BlockingScheduler:
    scheduler = BlockingScheduler(timezone="UTC")
    started = datetime.now(UTC)
    for name, job, seconds in SWEEPS:
        scheduler.add_job(
            _in_context(app, name, job), "interval", seconds=seconds, id=name, name=name,
            # Every sweep runs at start (a restart catches up at once), then on its interval;
            # one that missed its time (the machine slept) runs once when it can.
            next_run_time=started, coalesce=True, max_instances=1,
            misfire_grace_time=max(seconds, MINUTE),
        )  # fmt: skip
    return scheduler


def _in_context(app: Flask, name: str, job: Callable[[], int]) -> Callable[[], None]:
    def run() -> None:
        with app.app_context():
            try:
                done = job()
                if done:
                    log.info("%s: %d", name, done)
            except Exception:  # one failed sweep must not stop the others
                log.exception("%s failed", name)

    return run
