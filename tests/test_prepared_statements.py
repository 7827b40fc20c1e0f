"""PostgreSQL keeps a page's statements prepared across requests (``vms.prepared_statements``):
a transaction that only read ends with COMMIT, so psycopg does not forget what it prepared. A
transaction that wrote anything, or failed, still rolls back, and nothing it wrote is kept."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError

from vms.cohorts.models import Program
from vms.extensions import db


def _only_on_postgresql() -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("psycopg prepares statements on PostgreSQL; SQLite has none to keep")


def test_a_statement_read_again_in_new_transactions_stays_prepared(app, make_program):
    """What every request does: read, then close the session (which rolls back)."""
    _only_on_postgresql()
    program = make_program("Prepared")
    db.session.commit()
    runs: Counter = Counter()
    for _ in range(12):  # psycopg prepares what a connection has run five times
        assert db.session.scalar(select(Program.name).where(Program.id == program.id))
        runs[db.session.connection().connection.dbapi_connection] += 1
        db.session.close()
    connection, times = runs.most_common(1)[0]
    assert times >= 6
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements"
                       " WHERE statement LIKE 'SELECT programs.name%'")  # fmt: skip
        (prepared,) = cursor.fetchone()
    connection.rollback()
    assert prepared == 1


def test_what_a_rolled_back_transaction_wrote_is_gone(app, make_program):
    program = make_program("Before")
    db.session.commit()
    assert db.session.scalar(select(Program.name).where(Program.id == program.id)) == "Before"
    db.session.execute(update(Program).where(Program.id == program.id).values(name="After"))
    db.session.rollback()
    assert db.session.scalar(select(Program.name).where(Program.id == program.id)) == "Before"


def test_a_flushed_change_is_gone_when_the_session_closes_without_committing(app, make_program):
    program = make_program("Before")
    db.session.commit()
    program.name = "After"
    db.session.flush()
    db.session.close()
    assert db.session.scalar(select(Program.name).where(Program.id == program.id)) == "Before"


def test_a_write_sent_as_text_after_reads_is_rolled_back(app, make_program):
    program = make_program("Before")
    db.session.commit()
    db.session.scalar(select(Program.id))  # the transaction reads first
    db.session.execute(text("UPDATE programs SET name = 'After' WHERE id = :id"),
                       {"id": program.id})  # fmt: skip
    db.session.rollback()
    assert db.session.scalar(select(Program.name).where(Program.id == program.id)) == "Before"


def test_a_failed_statement_still_rolls_back_cleanly(app, make_program):
    program = make_program("Before")
    db.session.commit()
    with pytest.raises(DBAPIError):
        db.session.execute(text("SELECT * FROM no_such_table"))
    db.session.rollback()
    assert db.session.scalar(select(Program.name).where(Program.id == program.id)) == "Before"
