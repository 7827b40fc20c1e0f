"""Signing in from the session reads the person with their memberships in one statement
(``vms.auth.sessions.load_user``); a membership written later in the same request is seen."""

from __future__ import annotations

from sqlalchemy import delete, event

from vms.auth.models import Membership, Role
from vms.auth.policy import memberships_of
from vms.auth.sessions import load_user
from vms.extensions import db


def _statements(read):
    counted = []
    listener = lambda *_args: counted.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        return read(), len(counted)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)


def test_the_person_comes_with_their_programs_and_roles(app, make_program, make_member):
    first, second = make_program("First"), make_program("Second")
    person = make_member(first, Role.MENTOR)
    db.session.add(Membership(user_id=person.id, program_id=second.id, role=Role.COORDINATOR))
    db.session.commit()
    session_id = f"{person.id}:{person.session_version}"
    db.session.expire_all()  # as a new request finds it
    with app.test_request_context():
        user, statements = _statements(lambda: load_user(session_id))
        assert user.id == person.id and statements == 1
        held, statements = _statements(lambda: memberships_of(user))
        assert statements == 0
        assert {slug: roles for slug, (_p, roles) in held.by_slug.items()} == {
            first.slug: frozenset({Role.MENTOR}),
            second.slug: frozenset({Role.COORDINATOR}),
        }


def test_a_person_in_no_program_and_an_ended_session(app, make_user):
    person = make_user()
    with app.test_request_context():
        user = load_user(f"{person.id}:{person.session_version}")
        assert user.id == person.id and memberships_of(user).by_slug == {}
        assert load_user(f"{person.id}:{person.session_version + 1}") is None
        assert load_user("nobody:1") is None and load_user(f"{person.id + 999}:0") is None


def test_a_membership_written_in_the_request_is_read_again(app, make_program, make_member):
    first, second = make_program("First"), make_program("Second")
    person = make_member(first, Role.MENTOR)
    with app.test_request_context():
        user = load_user(f"{person.id}:{person.session_version}")
        db.session.add(Membership(user_id=person.id, program_id=second.id, role=Role.MENTOR))
        db.session.flush()
        assert set(memberships_of(user).by_slug) == {first.slug, second.slug}
        db.session.execute(delete(Membership).where(Membership.program_id == first.id))
        assert set(memberships_of(user).by_slug) == {second.slug}
