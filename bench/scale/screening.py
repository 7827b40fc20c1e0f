"""Years of screening: mentor applications at every stage with their history, interviews with
their interviewers and scorecards; conflicts declared, commercial requests and recusals; and
a few open invitations. Accepted applications belong to the program's mentors."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from vms.auth.models import Role
from vms.cohorts.models import Invitation, InvitationStatus
from vms.screening.conflicts.models import (
    CommercialRequest,
    ConflictDeclaration,
    ConflictKind,
    Recusal,
    RelationshipKind,
    RequestStatus,
)
from vms.screening.mentors import rubric
from vms.screening.mentors.models import (
    CriterionScore,
    Interview,
    MentorApplication,
    MentorApplicationEvent,
    MentorStatus,
    Scorecard,
    interview_interviewers,
    mentor_application_expertise,
)
from vms.screening.settings.models import TaxonomyKind

from .bulk import bulk, person_name, random_hash
from .people import YEARS, World

_S = MentorStatus
#: (status, share, the moves that led there) for applications that had an interview…
_SEEN = [_S.INTERVIEW_SCHEDULED, _S.INTERVIEWED]
INTERVIEWED = [(_S.INTERVIEW_SCHEDULED, 0.12, _SEEN[:1]), (_S.INTERVIEWED, 0.08, _SEEN),
               (_S.ACCEPTED, 0.68, [*_SEEN, _S.ACCEPTED]),
               (_S.DECLINED, 0.06, [*_SEEN, _S.DECLINED]),
               (_S.WAITLISTED, 0.06, [*_SEEN, _S.WAITLISTED])]  # fmt: skip
#: …and for those that did not.
NOT_INTERVIEWED = [(_S.SUBMITTED, 0.40, []), (_S.DECLINED, 0.34, [_S.DECLINED]),
                   (_S.WAITLISTED, 0.10, [_S.WAITLISTED]),
                   (_S.WITHDRAWN, 0.16, [_S.WITHDRAWN])]  # fmt: skip


def _plan(count: int, shares) -> list[tuple]:
    plan = [(status, path) for status, share, path in shares for _ in range(round(count * share))]
    return (plan + [plan[-1]] * count)[:count] if plan else []


def add_applications(world: World) -> None:
    interviews = min(world.sizes.interviews, world.sizes.applications)
    plan = [(s, p, True) for s, p in _plan(interviews, INTERVIEWED)]
    plan += [(s, p, False) for s, p in _plan(world.sizes.applications - interviews,
                                            NOT_INTERVIEWED)]  # fmt: skip
    rows = _Screening(world)
    accepted = iter(world.mentors[1:])
    for n, (status, path, interviewed) in enumerate(plan):
        mentor = next(accepted, None) if status is _S.ACCEPTED else None
        rows.application(n, status, path, interviewed, mentor)
    rows.insert()


class _Screening:
    def __init__(self, world: World) -> None:
        self.world = world
        self.terms = {kind: world.terms(kind) for kind in TaxonomyKind}
        self.criteria = rubric.criteria(world.program.id)
        self.leads = [m.id for m in world.mentors[1:] if m.lead] or [world.mentors[0].id]
        self.applications, self.events, self.expertise = [], [], []
        self.interviews, self.interviewers, self.scorecards, self.scores = [], [], [], []

    def application(self, n, status, path, interviewed, mentor) -> None:
        world, rng = self.world, self.world.rng
        submitted, decided = self._dates(status, mentor)
        app_id = world.ids.take(MentorApplication.__table__)[0]
        self.applications.append({
            "id": app_id, "program_id": world.program.id,
            "name": mentor.name if mentor else person_name(rng),
            "email": mentor.email if mentor else f"applicant{n + 1}@{world.domain}",
            "locale": world.program.default_locale, "years_experience": rng.randint(5, 35),
            "industry_id": rng.choice(self.terms[TaxonomyKind.INDUSTRY]).id,
            "function_id": rng.choice(self.terms[TaxonomyKind.FUNCTION]).id,
            "bio": "Built and sold two companies; now advises founders.", "link": "",
            "days_per_month": rng.randint(1, 2), "max_ventures": rng.randint(1, 2),
            "weekdays": [2, 4], "heard_from": "A mentor", "status": status,
            "motivation": "To help new founders avoid the mistakes I made.",
            "submitted_at": submitted, "access_token_hash": random_hash(),
            "user_id": mentor.id if mentor else None,
        })  # fmt: skip
        areas = rng.sample(self.terms[TaxonomyKind.EXPERTISE], rng.randint(1, 3))
        self.expertise += [{"application_id": app_id, "term_id": t.id} for t in areas]
        moves = [None, _S.SUBMITTED, *path]
        step = (decided - submitted) / max(1, len(moves) - 1)
        for i, (before, after) in enumerate(zip(moves, moves[1:], strict=False)):
            actor = None if before is None or after is _S.WITHDRAWN else world.coordinator_ids[0]
            self.events.append({"application_id": app_id, "from_status": before,
                                "to_status": after, "actor_id": actor, "note": "",
                                "at": submitted + step * i})  # fmt: skip
        if interviewed:
            upcoming = status is _S.INTERVIEW_SCHEDULED
            starts = (world.now + timedelta(days=rng.uniform(1, 21)) if upcoming
                      else decided - timedelta(days=3))  # fmt: skip
            self._interview(app_id, starts.replace(minute=0, second=0, microsecond=0),
                            submitted)  # fmt: skip

    def _dates(self, status, mentor) -> tuple[datetime, datetime]:
        """(submitted, last move): recent for open ones, the mentor's joining for accepted."""
        world = self.world
        if mentor is not None:
            return mentor.joined - timedelta(days=40), mentor.joined - timedelta(days=1)
        recent = {_S.SUBMITTED: (1, 45), _S.INTERVIEW_SCHEDULED: (5, 40),
                  _S.INTERVIEWED: (12, 60)}.get(status)  # fmt: skip
        submitted = world.ago(*recent) if recent else world.ago(60, YEARS * 365)
        settled = min(world.now - timedelta(hours=1), submitted + timedelta(days=30))
        last = submitted + timedelta(days=4) if status is _S.INTERVIEW_SCHEDULED else settled
        return submitted, last

    def _interview(self, app_id: int, starts: datetime, created: datetime) -> None:
        world, rng = self.world, self.world.rng
        interview_id = world.ids.take(Interview.__table__)[0]
        self.interviews.append({
            "id": interview_id, "application_id": app_id, "starts_at": starts,
            "duration_minutes": 45, "location": "Room 2", "video_url": "",
            "uid": f"interview-{uuid.uuid4()}@vms", "sequence": 0, "created_at": created,
        })  # fmt: skip
        coordinator = world.coordinator_ids[0 if rng.random() < 0.2 else 1]
        mentor = world.mentors[0].id if rng.random() < 0.03 else rng.choice(self.leads)
        for user_id in (coordinator, mentor):
            self.interviewers.append({"interview_id": interview_id, "user_id": user_id})
            if starts < world.now and rng.random() < 0.97:
                card_id = world.ids.take(Scorecard.__table__)[0]
                self.scorecards.append({"id": card_id, "interview_id": interview_id,
                                        "interviewer_id": user_id,
                                        "submitted_at": starts + timedelta(hours=20)})  # fmt: skip
                self.scores += [{"scorecard_id": card_id, "criterion_id": c.id, "note": "",
                                 "value": rng.randint(2, 5)} for c in self.criteria]  # fmt: skip

    def insert(self) -> None:
        ids = self.world.ids
        bulk(ids, MentorApplication.__table__, self.applications)
        bulk(ids, mentor_application_expertise, self.expertise)
        bulk(ids, MentorApplicationEvent.__table__, self.events)
        bulk(ids, Interview.__table__, self.interviews)
        bulk(ids, interview_interviewers, self.interviewers)
        bulk(ids, Scorecard.__table__, self.scorecards)
        bulk(ids, CriterionScore.__table__, self.scores)


def add_conflicts(world: World) -> None:
    """Declarations, commercial requests (pending, approved with a recusal, declined), and a
    few recusals of a published team's member: those teams are listed for repair."""
    rng, program, coordinator = world.rng, world.program, world.coordinator_ids[0]
    on_team = {(m, t.venture.id) for t in world.teams for m in t.member_ids}
    mentors = [m.id for m in world.mentors[1:]]
    declarations = []
    for _ in range(max(3, len(mentors) // 10)):
        venture = rng.choice(world.ventures)
        kind = rng.choice(list(ConflictKind))
        declarations.append({
            "program_id": program.id, "mentor_id": rng.choice(mentors), "kind": kind,
            "venture_id": venture.id if kind is ConflictKind.VENTURE else None,
            "subject": venture.name if kind is ConflictKind.VENTURE else "Acme Robotics",
            "details": "Former employer.", "declared_at": world.ago(1, YEARS * 365),
        })  # fmt: skip
    requests, recusals, pairs = [], [], set()
    teamed = [v for v in world.ventures if v.published_at]
    for _ in range(max(3, len(mentors) // 20)):
        pair = (rng.choice(mentors), rng.choice(teamed).id)
        if pair in pairs or pair in on_team:
            continue
        pairs.add(pair)
        roll = rng.random()
        status = (RequestStatus.PENDING if roll < 0.2 else RequestStatus.APPROVED if roll < 0.7
                  else RequestStatus.DECLINED)  # fmt: skip
        asked = world.ago(2, 3 * 365)
        decided = status is not RequestStatus.PENDING
        request = {
            "id": world.ids.take(CommercialRequest.__table__)[0], "program_id": program.id,
            "mentor_id": pair[0], "venture_id": pair[1], "kind": rng.choice(list(RelationshipKind)),
            "details": "They asked me to join their seed round.", "status": status,
            "requested_at": asked, "decided_by_id": coordinator if decided else None,
            "decided_at": asked + timedelta(days=2) if decided else None,
            "decision_note": "Approved: steps off the venture." if decided else "",
        }  # fmt: skip
        requests.append(request)
        if status is RequestStatus.APPROVED:
            recusals.append(_recusal(world, pair, request["id"], asked + timedelta(days=2)))
    for team in [t for t in world.teams if t.published][2 : 2 + max(1, len(world.teams) // 100)]:
        pair = (next(m for m in team.member_ids if m != team.lead_id), team.venture.id)
        recusals.append(_recusal(world, pair, None, world.ago(1, 10)))
    bulk(world.ids, ConflictDeclaration.__table__, declarations)
    bulk(world.ids, CommercialRequest.__table__, requests)
    bulk(world.ids, Recusal.__table__, recusals)


def _recusal(world: World, pair: tuple[int, int], request_id, when: datetime) -> dict:
    return {"program_id": world.program.id, "mentor_id": pair[0], "venture_id": pair[1],
            "reason": "Will invest in the venture.", "request_id": request_id,
            "created_at": when}  # fmt: skip


def add_invitations(world: World) -> None:
    """Open invitations for the newest cohort (the coordinator's home counts them)."""
    cohort_id = world.cohort_of(world.now)
    rows = [{"program_id": world.program.id, "cohort_id": cohort_id,
             "email": f"invitee{n}@{world.domain}", "role": Role.MENTOR,
             "token_hash": random_hash(), "status": InvitationStatus.PENDING,
             "invited_by_id": world.coordinator_ids[0], "created_at": world.now - timedelta(days=3),
             "expires_at": world.now + timedelta(days=11), "sent_count": 1,
             "last_sent_at": world.now - timedelta(days=3), "accepted_at": None,
             "accepted_by_id": None}
            for n in range(max(3, len(world.mentors) // 100))]  # fmt: skip
    bulk(world.ids, Invitation.__table__, rows)
