"""What kinds of email a person may choose about (pure).

Essential emails (invitations, changes and cancellations of meetings, passwords, sign-up)
have no category: they always go out. Every other email belongs to one category, which each
person turns on, off or gathers into a weekly digest.
"""

from __future__ import annotations

import enum


class Category(enum.Enum):
    #: Reminders of what is due: meetings the day before, agendas, summaries, rankings,
    #: agreements.
    REMINDERS = "reminders"
    #: Nudges that keep mentoring alive: RSVPs, principles, scorecards, quiet teams.
    NUDGES = "nudges"
    #: What others did: an agenda posted, a conflict or a commercial request filed, a docket.
    ACTIVITY = "activity"
    #: A reminder one hour before each meeting (off unless asked for).
    HOUR_BEFORE = "hour_before"


class Choice(enum.Enum):
    ON = "on"
    OFF = "off"
    #: Gathered into one email a week.
    DIGEST = "digest"


#: What a person gets before choosing.
DEFAULTS = {category: Choice.ON for category in Category} | {Category.HOUR_BEFORE: Choice.OFF}
