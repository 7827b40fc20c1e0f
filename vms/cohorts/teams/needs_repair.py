"""The program's published teams that break a rule, kept by each worker until what the
rules read changes.

Finding them (``rules.breaks_a_rule``) reads every team member of the program with each
mentor's profile, membership, recusals and load: a few milliseconds on a large program, paid
by every coordinator's home and the teams overview, although the answer changes only when
someone edits a team, a mentor's profile or membership, a recusal or a venture's meeting day.

So every commit that wrote any of those rows gives the program's ``TeamRulesVersion`` a new
random token, and a worker keeps the answer under the token it read *before* computing it:
a change committed in between is at worst already in what it keeps, never missing from it.

What counts as a write: anything a session flushes (objects added, changed or deleted) and
any INSERT, UPDATE or DELETE statement it executes on those tables (the program of a bulk
statement is not known, so every program gets a new token). Rows deleted by the database's
own cascades follow a deletion the session made (a user, a venture, a team), which counts.
Raw SQL text is not seen: write these tables through the session.

The token is the transaction's last write, after a flush of everything else: a transaction
waiting for that row's lock waits only for one that is committing, which holds no other lock
it still needs, so the version row cannot take part in a deadlock.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from sqlalchemy import event, inspect, literal, select, true
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, scoped_session

from vms.auth.models import Membership, User
from vms.cohorts.models import MentorProfile, Program, Venture
from vms.cohorts.teams.models import Team, TeamMember, TeamRulesVersion, TeamStatus
from vms.cohorts.teams.rules import breaks_a_rule
from vms.extensions import db
from vms.screening.conflicts.models import Recusal

#: Rows that carry their program: a change to one changes what the rules read there.
_OF_A_PROGRAM = (Team, Venture, MentorProfile, Membership, Recusal)
_TABLES = {m.__tablename__ for m in (*_OF_A_PROGRAM, TeamMember, User)}
_PROGRAMS, _TEAMS, _EVERY = "vms.rules.programs", "vms.rules.teams", "vms.rules.every_program"

#: program id -> (the version's token, the ids of its teams that need a repair, by venture).
_kept: dict[int, tuple[str, tuple[int, ...]]] = {}


def install(session: scoped_session | type[Session]) -> None:
    event.listen(session, "after_flush", _note_flush)
    event.listen(session, "do_orm_execute", _note_statement)
    event.listen(session, "before_commit", _new_version)
    event.listen(session, "after_rollback", _forget_notes)


def broken_team_ids(program: Program) -> tuple[int, ...]:
    """The program's published teams that break a rule, ordered by venture name."""
    session = db.session
    if _has_notes(session.info):
        return _compute(program)  # this transaction's own writes are not in any kept answer
    token = session.scalar(
        select(TeamRulesVersion.token).where(TeamRulesVersion.program_id == program.id)
    )
    kept = _kept.get(program.id)
    if token is not None and kept is not None and kept[0] == token:
        return kept[1]
    found = _compute(program)
    if token is not None:
        _kept[program.id] = (token, found)
    return found


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
    teams = session.info.setdefault(_TEAMS, set())
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, _OF_A_PROGRAM):
            programs.update(_values(instance, "program_id"))
        elif isinstance(instance, TeamMember):
            teams.update(_values(instance, "team_id"))
        elif isinstance(instance, User) and instance in session.deleted:
            session.info[_EVERY] = True


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
    return bool(info.get(_EVERY) or info.get(_PROGRAMS) or info.get(_TEAMS))


def _new_version(session: Session) -> None:
    session.flush()  # what commit would flush next is noted, and the version comes last
    if not _has_notes(session.info):
        return
    if session.info.get(_EVERY):
        programs = select(Program.id)
    else:
        teams_of = select(Team.program_id).where(Team.id.in_(sorted(session.info[_TEAMS])))
        named = sorted(session.info[_PROGRAMS])
        programs = select(Program.id).where(Program.id.in_(named) | Program.id.in_(teams_of))
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


def _forget_notes(session: Session) -> None:
    for key in (_PROGRAMS, _TEAMS, _EVERY):
        session.info.pop(key, None)


# Once per process, for every session the app's scoped session makes.
install(db.session)
