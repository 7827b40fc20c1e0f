"""Keep PostgreSQL's prepared statements across requests: end a transaction that wrote nothing
with COMMIT, not ROLLBACK.

psycopg prepares a statement on the server once a connection has run it five times, and the
server then skips planning it: 0.2 to 2 ms per statement, up to a third of what the database
does for a page. But psycopg forgets every prepared statement when a transaction rolls back
(a rolled-back transaction may have dropped what they refer to), and every request that only
reads ends with a rollback: the session closes its transaction. So nothing was ever prepared.

A transaction that ran nothing but SELECT ends the same either way, so it is committed just
before SQLAlchemy rolls it back; psycopg's rollback then finds no transaction and keeps its
statements. Anything else run in the transaction (a write, a savepoint, a WITH that may write,
a SET) or a failed statement leaves the rollback as it was. (A SELECT of ``set_config(...,
false)`` would outlive a commit, not a rollback: the app runs none.)
"""

from __future__ import annotations

from contextlib import suppress

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine

_WROTE = "vms.transaction_not_only_read"


def install(engine: Engine) -> None:
    """Once per engine, for PostgreSQL (psycopg) only."""
    if engine.dialect.name != "postgresql" or event.contains(engine, "rollback", _rollback):
        return
    event.listen(engine, "begin", _begin)
    event.listen(engine, "before_cursor_execute", _before_execute)
    event.listen(engine, "handle_error", _failed)
    event.listen(engine, "rollback", _rollback)


def _begin(connection) -> None:
    connection.info[_WROTE] = False


def _before_execute(connection, _cursor, statement: str, _params, _context, _many) -> None:
    if statement.lstrip()[:6].upper() != "SELECT":
        connection.info[_WROTE] = True


def _failed(context) -> None:
    if context.connection is not None:
        context.connection.info[_WROTE] = True


def _rollback(connection) -> None:
    if connection.info.get(_WROTE, True):
        return
    raw = connection.connection.dbapi_connection
    if raw is None or raw.info.transaction_status.name != "INTRANS":
        return
    with suppress(psycopg.Error):  # the rollback that follows ends the transaction anyway
        raw.commit()
