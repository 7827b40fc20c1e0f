"""What the team rules ask about a mentor, as SQL expressions.

A page finds the teams that break a rule, or the mentors who may join a team, in one
query instead of loading every mentor into a ``Pool``. Each expression here mirrors a
check of ``rules.py`` or of the builder (named in its docstring); the Python check stays
the authority on what a page says, and tests/cohorts/test_team_scale.py holds the two to
agree.
"""

from __future__ import annotations

import json

from sqlalchemy import Integer, Subquery, Text, cast, false, func, literal, or_, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from vms.cohorts.models import Program
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus


class _position(FunctionElement):  # noqa: N801 (an SQL function's name)
    """Where ``needle`` starts in ``text`` (0: nowhere). Case-sensitive like Python's ``in``,
    which SQLite's LIKE is not."""

    type = Integer()
    inherit_cache = True


@compiles(_position)
def _instr(element, compiler, **kw) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


@compiles(_position, "postgresql")
def _strpos(element, compiler, **kw) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


def holds(json_list, value: str) -> ColumnElement[bool]:
    """The JSON list column holds the string ``value`` (Python: ``value in the_list``).

    The quoted form matches whole items only; both spellings of a non-ASCII character are
    looked for, escaped (how the app writes JSON) and as is."""
    text = cast(json_list, Text)
    forms = sorted({json.dumps(value), json.dumps(value, ensure_ascii=False)})
    return or_(*(_position(text, literal(form)) > 0 for form in forms))


def can_meet(weekdays, day) -> ColumnElement[bool]:
    """The mentor can meet on the team's ``day`` (a column or an ISO weekday; None: not
    decided). rules.py's day check and the builder's ``can_meet``: no day set, a mentor who
    gave no days (any day), or the day among theirs. Weekdays are the digits 1 to 7, so a
    digit found in the list's text is an item of it."""
    if day is None or (isinstance(day, int) and not day):
        return true()
    text = cast(weekdays, Text)
    wanted = literal(str(day)) if isinstance(day, int) else cast(day, Text)
    any_day = or_(weekdays.is_(None), text.in_(["[]", "null"]))
    listed = _position(text, wanted) > 0
    if isinstance(day, int):
        return or_(any_day, listed)
    return or_(func.coalesce(day, 0) == 0, any_day, listed)


def loads(program: Program) -> Subquery:
    """Per mentor, the program's teams they are on, drafts included, ended teams not
    (``Pool.load``): columns ``mentor_id`` and ``teams``; join it outer and read
    ``coalesce(teams, 0)``."""
    return (
        select(TeamMember.mentor_id, func.count().label("teams"))
        .join(Team, Team.id == TeamMember.team_id)
        .where(Team.program_id == program.id, Team.status != TeamStatus.ENDED)
        .group_by(TeamMember.mentor_id)
        .subquery("loads")
    )


def background(industry) -> ColumnElement[str]:
    """The background the builder counts (``Pool.builder_mentor``): the industry, or "—"."""
    return func.coalesce(func.nullif(industry, ""), "—")


def one_of(column, values) -> ColumnElement[bool]:
    return column.in_(sorted(values)) if values else false()
