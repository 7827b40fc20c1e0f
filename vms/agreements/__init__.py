"""Agreements: versioned templates, agreements every party signs, their evidence and check-ins.

``models`` (templates, agreements, plans, signatures, the audit trail, check-ins), ``services``,
``forms``, ``views`` and ``queries`` are the web's side; ``pdf`` (the printable document),
``seal`` (the installation's PAdES signature, pyHanko) and ``verify`` are the evidence.
"""

from flask import Blueprint

bp = Blueprint("agreements", __name__)

from vms.agreements import evidence_views as _evidence  # noqa: E402,F401
from vms.agreements import views as _views  # noqa: E402,F401
