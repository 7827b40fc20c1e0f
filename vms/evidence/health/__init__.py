"""The health of every team and pair: the rules (``rules``, pure), the facts they read
(``queries``, a fixed number of statements), their words (``words``), and the coordinators'
at-risk list with its one-click nudges (``views``, ``services``)."""

from flask import Blueprint

bp = Blueprint("health", __name__)

from vms.evidence.health import views as _views  # noqa: E402,F401
