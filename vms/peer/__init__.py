"""Peer mentoring: speed-dating events, ranked choices, pairing and peer circles.

The pure modules: ``rotation`` (who sits where in each round of an event, in the fewest rounds
possible), ``pairing`` and ``b_matching`` (members to peer mentors, exactly optimal by rank).
``models`` holds the event, its sessions, people and seats; the sub-packages are the web's side:
``events/`` (planning, the run sheet, personal schedules, event mode), ``choices/`` (rankings
and pairing) and ``circles/`` (group peer mentoring). They share this blueprint.
"""

from flask import Blueprint

bp = Blueprint("peer", __name__)

from vms.peer.choices import views as _choices  # noqa: E402,F401
from vms.peer.circles import views as _circles  # noqa: E402,F401
from vms.peer.events import views as _events  # noqa: E402,F401
from vms.peer.live import views as _event_mode  # noqa: E402,F401
