"""What a meeting's calendar entry says beyond its time and place: whether its agenda is in,
and the address of its page, so that a person looking at their calendar knows what to
prepare and where to answer.

The address is absolute and built on BASE_URL, never on the request's Host, like every
link in an email (vms/mail/links.py); a feed builds all of its addresses in one request
context (a feed of 1,000 meetings must stay fast). The text is in the reader's language:
the caller chooses it (``force_locale``), as emails do.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import gettext, ngettext

from vms.scheduling.models import Meeting, MeetingKind, MeetingStatus


@dataclass(frozen=True)
class EntryFacts:
    """What the description needs beyond the meeting row: counted in SQL by the caller."""

    agenda_items: int
    agenda_due_days: int
    link: str


def describe(meeting: Meeting, facts: EntryFacts, wording: Wording | None = None) -> str:
    """The organiser's notes, then the agenda's status and the link back to the meeting."""
    wording = wording or Wording()
    lines = [wording.agenda(meeting, facts), wording.link(facts.link)]
    about = "\n".join(line for line in lines if line)
    return f"{meeting.notes}\n\n{about}" if meeting.notes else about


class Wording:
    """The entries' sentences in the current language, each translated once: a feed of 1,000
    meetings says the same few sentences, and a translation lookup costs as much as a line."""

    def __init__(self) -> None:
        self._agenda: dict[tuple, str] = {}
        self._link: str | None = None

    def agenda(self, meeting: Meeting, facts: EntryFacts) -> str:
        key = (meeting.kind, meeting.status, facts.agenda_items, facts.agenda_due_days)
        if key not in self._agenda:
            self._agenda[key] = _agenda_status(meeting, facts)
        return self._agenda[key]

    def link(self, link: str) -> str:
        if not link:
            return ""
        if self._link is None:
            self._link = gettext("Meeting page: %(link)s", link="\x00")
        return self._link.replace("\x00", link)


def _agenda_status(meeting: Meeting, facts: EntryFacts) -> str:
    if meeting.status is MeetingStatus.CANCELLED:
        return ""
    if facts.agenda_items:
        return ngettext("Agenda: %(num)d item, set by the founders.",
                        "Agenda: %(num)d items, set by the founders.",
                        facts.agenda_items)  # fmt: skip
    if meeting.kind is MeetingKind.TEAM:
        return ngettext("Agenda: not sent yet (due %(num)d day before the meeting).",
                        "Agenda: not sent yet (due %(num)d days before the meeting).",
                        facts.agenda_due_days)  # fmt: skip
    return ""


def meeting_links(meetings: list[tuple[int, str]]) -> dict[int, str]:
    """{meeting id: the absolute address of its page} for (meeting id, program slug) pairs,
    in one request context on BASE_URL."""
    if not meetings:
        return {}
    base_url = current_app.config["BASE_URL"].rstrip("/")
    with current_app.test_request_context("/", base_url=base_url):
        return {meeting_id: _page(slug, meeting_id) for meeting_id, slug in meetings}


def _page(slug: str, meeting_id: int) -> str:
    return url_for("scheduling.show_meeting", program_slug=slug, meeting_id=meeting_id,
                   _external=True)  # fmt: skip
