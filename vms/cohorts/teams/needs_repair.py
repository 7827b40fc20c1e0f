"""What the team rules say of a program, kept by each worker until what they read changes.

Finding the published teams that break a rule (``rules.breaks_a_rule``) reads every team member
of the program with each mentor's profile, membership, recusals and load: a few milliseconds on
a large program, paid by every coordinator's home and the teams overview, although the answer
changes only when someone edits a team, a mentor's profile or membership, a recusal or a
venture's meeting day. The team page's suggestions also read who may join a team: who signed
the principles and who is prepared (the steps, their completions, the requirement, attendance
at an event step's meetings).

So every commit that wrote any of those rows gives the program's ``TeamRulesVersion`` a new
random token, and a worker keeps an answer under the token it read *before* computing it: a
change committed in between is at worst already in what it keeps, never missing from it. An
answer the clock alone can change (a signature turns a year old) is kept until then.

A published team's problems read only the first group of rows (the principles and the
preparation are rules for drafts only), so the lines the homes and the overview say of those
teams are kept the same way (``kept``); the names they quote change a member's user row, which
counts as a write.

What counts as a write: anything a session flushes (objects added, changed or deleted; of a
meeting, only a change of its kind or status or its deletion, and of an invitation only who
attended) and any INSERT, UPDATE or DELETE statement it executes on those tables (the program
of a bulk statement is not known, so every program gets a new token). Rows deleted by the
database's own cascades follow a deletion the session made (a user, a venture, a team), which
counts. Raw SQL text is not seen: write these tables through the session.

The token is the transaction's last write, after a flush of everything else: a transaction
waiting for that row's lock waits only for one that is committing, which holds no other lock
it still needs, so the version row cannot take part in a deadlock.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from typing import TypeVar

from sqlalchemy import event, inspect, literal, or_, select, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, scoped_session

from vms.auth.models import Membership, User
from vms.cohorts.models import MentorProfile, Program, Venture
from vms.cohorts.teams.models import Team, TeamMember, TeamRulesVersion, TeamStatus
from vms.cohorts.teams.rules import breaks_a_rule
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.preparation.models import OrientationStep, PreparationRule, StepCompletion
from vms.scheduling.models import Invitee, Meeting
from vms.screening.conflicts.models import Recusal
from vms.screening.principles.models import PrinciplesVersion, Signature

#: Rows that carry their program: a change to one changes what the rules read there.
_OF_A_PROGRAM = (Team, Venture, MentorProfile, Membership, Recusal, PrinciplesVersion,
                 OrientationStep, PreparationRule)  # fmt: skip
#: Rows whose program is their parent's: the parent's model and the key naming it.
_OF_A_PARENT = {
    TeamMember: (Team, "team_id"),
    Signature: (PrinciplesVersion, "version_id"),
    StepCompletion: (OrientationStep, "step_id"),
    Invitee: (Meeting, "meeting_id"),
}
#: Of these rows only some changes count: an event step reads who attended which meetings.
_ONLY_CHANGES_OF = {Meeting: ("kind", "status"), Invitee: ("attended",)}
_TABLES = {m.__tablename__ for m in (*_OF_A_PROGRAM, *_OF_A_PARENT, Meeting, User)}
_PROGRAMS, _PARENTS, _EVERY = "vms.rules.programs", "vms.rules.parents", "vms.rules.every_program"
_TOKENS = "vms.rules.tokens"

#: (program id, what is kept) -> (the version's token it was computed under, the answer, the
#: moment the clock alone may change it or None).
_kept: dict[tuple[int, Hashable], tuple[str, object, datetime | None]] = {}

Kept = TypeVar("Kept")


def install(session: scoped_session | type[Session]) -> None:
    event.listen(session, "after_flush", _note_flush)
    event.listen(session, "do_orm_execute", _note_statement)
    event.listen(session, "before_commit", _new_version)
    event.listen(session, "after_rollback", _forget_notes)
    event.listen(session, "after_transaction_end", _forget_tokens)


def broken_team_ids(program: Program) -> tuple[int, ...]:
    """The program's published teams that break a rule, ordered by venture name."""
    return kept(program, "broken teams", lambda: _compute(program))


def kept(
    program: Program,
    what: Hashable,
    compute: Callable[[], Kept],
    lasts_until: Callable[[], datetime | None] | None = None,
) -> Kept:
    """``compute()``, kept under ``what`` until what the rules read changes in the program:
    for answers that read nothing else (one statement when kept: the version's token).
    ``lasts_until``, asked after computing: the moment the clock alone may change the answer
    (None: it cannot)."""
    session = db.session
    if _has_notes(session.info):
        return compute()  # this transaction's own writes are not in any kept answer
    token = _token(session, program)
    key = (program.id, what)
    found = _kept.get(key)
    if token is not None and found is not None and found[0] == token:
        until = found[2]
        if until is None or now_utc() < until:
            return found[1]  # type: ignore[return-value]
    answer = compute()
    if token is not None:
        _kept[key] = (token, answer, lasts_until() if lasts_until else None)
    return answer


def _token(session: Session, program: Program) -> str | None:
    """The program's token, read once per transaction (a home keeps several answers): an
    older token read earlier in it can only make a kept answer be computed again."""
    tokens = session.info.setdefault(_TOKENS, {})
    if program.id not in tokens:
        tokens[program.id] = session.scalar(
            select(TeamRulesVersion.token).where(TeamRulesVersion.program_id == program.id)
        )
    return tokens[program.id]


def _compute(program: Program) -> tuple[int, ...]:
    query = (
        select(Team.id)
        .join(Venture, Venture.id == Team.venture_id)
        .where(Team.program_id == program.id, Team.status == TeamStatus.PUBLISHED,
               breaks_a_rule(program))
        .order_by(Venture.name, Team.id)
    )  # fmt: skip
    return tuple(db.session.scalars(query))


def _note_flush(session: Session, _context) -> None:
    programs = session.info.setdefault(_PROGRAMS, set())
    parents = session.info.setdefault(_PARENTS, {})
    for instance in (*session.new, *session.dirty, *session.deleted):
        kind = type(instance)
        if kind in _ONLY_CHANGES_OF and not _counted_change(session, instance):
            continue
        if isinstance(instance, (*_OF_A_PROGRAM, Meeting)):
            programs.update(_values(instance, "program_id"))
        elif kind in _OF_A_PARENT:
            parent, key = _OF_A_PARENT[kind]
            parents.setdefault(parent, set()).update(_values(instance, key))
        elif isinstance(instance, User) and (
            instance in session.deleted or (instance not in session.new and _renamed(instance))
        ):
            session.info[_EVERY] = True  # a user is in no one program: a rename is quoted


def _counted_change(session: Session, instance: object) -> bool:
    """A meeting or an invitation counts when deleted, when a new invitation says who
    attended, or when what attendance reads changed (a new meeting has no attendance)."""
    watched = _ONLY_CHANGES_OF[type(instance)]
    if instance in session.deleted:
        return True
    if instance in session.new:
        return getattr(instance, "attended", None) is True
    attrs = inspect(instance).attrs
    return any(attrs[name].history.has_changes() for name in watched)


def _renamed(user: User) -> bool:
    """A stored user changed their name. A new one is on no team yet: signing up, or an
    import of hundreds, leaves every program's kept answers be."""
    return inspect(user).attrs.name.history.has_changes()


def _values(instance: object, key: str) -> Iterable[int]:
    """The attribute's value now and before this flush, read without loading anything (a
    deleted row cannot be loaded); unknown counts as every program."""
    state = inspect(instance)
    history = state.attrs[key].history
    values = {v for v in (*history.added, *history.unchanged, *history.deleted) if v is not None}
    if not values:
        state.session.info[_EVERY] = True
    return values


def _note_statement(execute: ORMExecuteState) -> None:
    if execute.is_insert or execute.is_update or execute.is_delete:
        table = getattr(execute.statement, "table", None)
        if getattr(table, "name", None) in _TABLES:
            execute.session.info[_EVERY] = True


def _has_notes(info: dict) -> bool:
    return bool(info.get(_EVERY) or info.get(_PROGRAMS) or any(info.get(_PARENTS, {}).values()))


def _new_version(session: Session) -> None:
    session.flush()  # what commit would flush next is noted, and the version comes last
    if not _has_notes(session.info):
        return
    if session.info.get(_EVERY):
        programs = select(Program.id)
    else:
        named = Program.id.in_(sorted(session.info.get(_PROGRAMS, ())))
        of_parents = [
            Program.id.in_(select(parent.program_id).where(parent.id.in_(sorted(ids))))
            for parent, ids in session.info.get(_PARENTS, {}).items() if ids
        ]  # fmt: skip
        programs = select(Program.id).where(or_(named, *of_parents))
    _forget_notes(session)
    _upsert_tokens(session, programs.order_by(Program.id))


def _upsert_tokens(session: Session, programs) -> None:
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    token = secrets.token_hex(16)
    source = select(programs.subquery().c.id, literal(token)).where(true())  # SQLite needs a WHERE
    statement = insert(TeamRulesVersion).from_select(["program_id", "token"], source)
    session.execute(
        statement.on_conflict_do_update(index_elements=["program_id"], set_={"token": token})
    )


def _forget_tokens(session: Session, _transaction) -> None:
    session.info.pop(_TOKENS, None)


def _forget_notes(session: Session) -> None:
    for key in (_PROGRAMS, _PARENTS, _EVERY):
        session.info.pop(key, None)


# Once per process, for every session the app's scoped session makes.
install(db.session)
