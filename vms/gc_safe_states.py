"""A work-around for a use-after-free in CPython 3.11 that SQLAlchemy's ORM sets off.

CPython 3.11 keeps an instance's attributes in "inline values" and builds a real ``__dict__``
only when an attribute name does not fit the class's shared keys. Building that dict allocates,
the allocation may run the garbage collector, and a weakref callback run by that collection can
set attributes on the very object whose dict is being built: the callback's store frees the inline
values that the interrupted store then goes on using. SQLAlchemy's ``InstanceState`` is such an
object: it holds its mapped object through ``weakref.ref(obj, self._cleanup)``, and ``_cleanup``
sets ``session_id`` and ``_strong_obj`` on the state. When a mapped object sits in a garbage cycle
(a team and its members, say) while a query or ``Session.close`` adds a new name to its state,
the process can crash. The team overview at scale crashed a fresh process within ~25 requests
(valgrind: ``free_values`` in ``dictresize`` under ``handle_weakrefs`` under
``make_dict_from_instance_attributes``); CPython 3.12 stores instance attributes differently and
does not crash.

The cure: give every state its real dict when it is made, before the weakref and its callback
exist. Later stores go into an ordinary dict, whose growth never allocates a tracked object and so
never runs the collector midway. It costs one small dict per loaded row, only on 3.11.
"""

from __future__ import annotations

import sys

from sqlalchemy.orm.state import InstanceState

NEEDED = sys.version_info < (3, 12)


def install() -> None:
    """Make every ``InstanceState`` build its ``__dict__`` first (once; only where needed)."""
    if not NEEDED or getattr(InstanceState.__init__, "materialises_dict", False):
        return
    original = InstanceState.__init__

    def __init__(self, obj, manager):
        self.__dict__  # noqa: B018 -- reading it builds it, while no callback can run on us
        original(self, obj, manager)

    __init__.materialises_dict = True
    __init__.__wrapped__ = original
    InstanceState.__init__ = __init__
