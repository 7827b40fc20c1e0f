"""The CPython 3.11 work-around is in place wherever the app's rows are loaded."""

from __future__ import annotations

import gc
import sys

from sqlalchemy import select
from sqlalchemy.orm.state import InstanceState

from vms import gc_safe_states
from vms.auth.models import User
from vms.extensions import db


def _dict_was_built_before_it_was_read(state: InstanceState) -> bool:
    # An object whose attributes are still inline values shows the values to the collector, not
    # a dict; reading ``__dict__`` afterwards would build a new one, absent from the referents.
    referents = gc.get_referents(state)
    return any(r is state.__dict__ for r in referents)


def test_a_loaded_rows_state_has_its_dict_from_the_start(app, make_user):
    make_user(email="someone@example.org")
    db.session.expunge_all()
    user = db.session.scalar(select(User).where(User.email == "someone@example.org"))
    state = user._sa_instance_state
    if sys.version_info < (3, 12):
        assert _dict_was_built_before_it_was_read(state)
    else:  # the interpreter's own layout is safe: nothing is patched
        assert not getattr(InstanceState.__init__, "materialises_dict", False)


def test_installing_twice_wraps_once():
    gc_safe_states.install()
    gc_safe_states.install()
    init = InstanceState.__init__
    if gc_safe_states.NEEDED:
        assert not getattr(init.__wrapped__, "materialises_dict", False)
