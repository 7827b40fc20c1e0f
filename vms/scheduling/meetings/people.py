"""Who is invited to a meeting, how they answered and who came: counted in SQL, and listed one
page at a time, so that a monthly mentor meeting with 3,000 invitees costs what a team
meeting does.

A meeting of at most one page of people lists everyone to every invitee, as a team
meeting always has. A larger one shows its counts and the viewer's own answer; its
organisers page through the names, filtered by answer or searched by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, literal, select
from sqlalchemy.orm import contains_eager

from vms.auth.models import User
from vms.extensions import db
from vms.paging import PAGE_SIZE, Page, page_of
from vms.scheduling.models import Invitee, Meeting, Response

#: The filter for invitees who have not answered (beside the answers' own values).
UNANSWERED = "none"
#: Longer searches are cut: no name is this long.
_MOST_SEARCHED = 100


@dataclass
class Answers:
    """One meeting's answers and, once recorded, its attendance."""

    by_response: dict[Response, int] = field(default_factory=dict)
    unanswered: int = 0
    came: int = 0
    #: Recorded as not having come.
    missed: int = 0

    def count(self, answer: str) -> int:
        """How many answered ``answer`` ("yes", "no", "maybe"; "none": not yet)."""
        if answer == UNANSWERED:
            return self.unanswered
        return next((n for r, n in self.by_response.items() if r.value == answer), 0)

    @property
    def invited(self) -> int:
        return sum(self.by_response.values()) + self.unanswered

    @property
    def answered(self) -> list[tuple[Response, int]]:
        """(answer, how many) in the order of the form's choices, leaving out the zeros."""
        return [(r, self.by_response[r]) for r in Response if self.by_response.get(r)]


def answers_of(meeting_ids: list[int]) -> dict[int, Answers]:
    """Each meeting's answers, in one GROUP BY however many people each invites."""
    found = {meeting_id: Answers() for meeting_id in meeting_ids}
    if not found:
        return found
    grouped = (
        select(Invitee.meeting_id, Invitee.response, Invitee.attended, func.count())
        .where(Invitee.meeting_id.in_(list(found)))
        .group_by(Invitee.meeting_id, Invitee.response, Invitee.attended)
    )
    for meeting_id, response, attended, n in db.session.execute(grouped):
        answers = found[meeting_id]
        if response is None:
            answers.unanswered += n
        else:
            answers.by_response[response] = answers.by_response.get(response, 0) + n
        answers.came += n if attended is True else 0
        answers.missed += n if attended is False else 0
    return found


def own_answers(meeting_ids: list[int], user: User) -> dict[int, Response | None]:
    """The person's own answer to each of these meetings they are invited to."""
    if not meeting_ids:
        return {}
    return dict(db.session.execute(
        select(Invitee.meeting_id, Invitee.response)
        .where(Invitee.meeting_id.in_(meeting_ids), Invitee.user_id == user.id)
    ).tuples().all())  # fmt: skip


def invitation_of(meeting: Meeting, user: User) -> Invitee | None:
    return db.session.scalar(
        select(Invitee).where(Invitee.meeting_id == meeting.id, Invitee.user_id == user.id)
    )


@dataclass(frozen=True)
class PeopleFilter:
    """Which of a meeting's people to list: an answer ("" for all) and part of a name."""

    answer: str = ""
    name: str = ""

    @classmethod
    def from_args(cls, args) -> PeopleFilter:
        answer = args.get("answer", "")
        known = {r.value for r in Response} | {UNANSWERED}
        return cls(answer if answer in known else "", args.get("q", "").strip()[:_MOST_SEARCHED])

    def link_args(self, page: int = 1) -> dict:
        """The filter (and a page after the first) as URL arguments, leaving out the rest."""
        args = {k: v for k, v in (("answer", self.answer), ("q", self.name)) if v}
        return {**args, "page": page} if page > 1 else args


def people_page(
    meeting: Meeting, chosen: PeopleFilter, number: int, answers: Answers | None = None
) -> Page[Invitee]:
    """One page of the meeting's invitees, by name, with their users' names. ``answers``:
    the meeting's counts, which say how many match unless a name is searched (no COUNT)."""
    # The meeting's id is written into the SQL: a prepared statement's generic plan assumes
    # a meeting has a handful of invitees, as most do, and for a monthly meeting of 3,000
    # it sorted them all instead of walking the names in order (0.2 -> 5 ms).
    this_meeting = literal(meeting.id, literal_execute=True)
    query = (
        select(Invitee).join(User, User.id == Invitee.user_id)
        .where(Invitee.meeting_id == this_meeting)
        .options(contains_eager(Invitee.user).load_only(User.name))
        .order_by(User.name, User.id)
    )  # fmt: skip
    total = None
    if answers is not None and not chosen.name:
        total = answers.count(chosen.answer) if chosen.answer else answers.invited
    if chosen.answer == UNANSWERED:
        query = query.where(Invitee.response.is_(None))
    elif chosen.answer:
        query = query.where(Invitee.response == Response(chosen.answer))
    if chosen.name:
        query = query.where(name_contains(chosen.name))
    return page_of(query, number, total=total)


def name_contains(text: str):
    """A person's name contains ``text``, whatever the case; ``%`` and ``_`` are literal."""
    text = text.strip()[:_MOST_SEARCHED].lower()
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(User.name).like(f"%{escaped}%", escape="\\")


def listed_invitees(meeting: Meeting, user_ids: list[int]) -> list[Invitee]:
    """The invitees among these people (what an attendance form listed), by name."""
    if not user_ids:
        return []
    return list(db.session.scalars(
        select(Invitee).join(User, User.id == Invitee.user_id)
        .where(Invitee.meeting_id == meeting.id, Invitee.user_id.in_(user_ids))
        .options(contains_eager(Invitee.user)).order_by(User.name, User.id)
    ))  # fmt: skip


@dataclass(frozen=True)
class WhoIsInvited:
    """What the meeting page shows of its people."""

    answers: Answers
    #: The viewer's own invitation, if any.
    mine: Invitee | None
    #: The page of names shown; None when the meeting is too large to list to this viewer.
    listed: Page[Invitee] | None
    chosen: PeopleFilter
    #: More than one page of people: the organisers get the filter and the search.
    large: bool


def who_is_invited(
    meeting: Meeting, mine: Invitee | None, organiser: bool, chosen: PeopleFilter, number: int
) -> WhoIsInvited:
    """The counts for everyone; the names for the organisers, or for every invitee when they
    fit on one page. ``mine`` is the viewer's own invitation."""
    answers = answers_of([meeting.id])[meeting.id]
    large = answers.invited > PAGE_SIZE
    if not large:
        chosen = PeopleFilter()  # a single page needs no filter
    listed = people_page(meeting, chosen, number, answers) if organiser or not large else None
    return WhoIsInvited(answers, mine, listed, chosen, large)
