"""Large statements built once per process and executed again with new parameters.

Building a statement of a dozen subqueries and computing its cache key (by which SQLAlchemy
finds the SQL it compiled before) costs 1.5 to 2 ms of Python on every request: as much as the
database takes to answer it. A statement object built once remembers its cache key, so
executing it again costs ~0.2 ms. ``reused`` keeps such statements by a key the caller names.

The rule that keeps this correct: the key holds every value the statement embeds (a program's
id, a setting it reads), and everything that changes between executions is a bind parameter,
given at execution (``bindparam(name)`` with ``session.execute(statement, {name: value})``) or
computed then (``bindparam(..., callable_=a_module_function)``, as the clock is).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import TypeVar

from sqlalchemy.sql import Executable

Statement = TypeVar("Statement", bound=Executable)

#: Statements kept at most (kinds of statement, each per program or per team): beyond it, the
#: one used least recently is dropped.
KEPT = 1024

_kept: OrderedDict[Hashable, Executable] = OrderedDict()
_lock = Lock()


def reused(key: Hashable, build: Callable[[], Statement]) -> Statement:
    """The statement ``build()`` made for ``key``, made now if it is not kept."""
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found  # type: ignore[return-value]
    made = build()
    made._generate_cache_key()  # remembered by the statement: computed once, here
    with _lock:
        _kept[key] = made
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return made
