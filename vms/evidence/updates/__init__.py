"""Monthly venture updates: written by a founder (``services``, ``views``), nudged once a
month (``jobs``), listed for the coordinators, and compiled into the packet of a monthly
mentor meeting (``queries.packet_of``) that coordinators send to the mentors who said yes
(``packets``)."""

from flask import Blueprint

bp = Blueprint("updates", __name__)

from vms.evidence.updates import packet_views as _packet_views  # noqa: E402,F401
from vms.evidence.updates import views as _views  # noqa: E402,F401
