"""Mentor preparation: the program's orientation steps (``models``, ``services``), who has
done what (``progress``: SQL the team pages add to their statements, so the team builder and
the edit pages can treat an unprepared mentor like an unsigned one when the program requires
it), the coordinators' and mentors' pages (``views``, ``queries``) and the mentor's home card
(``home``)."""

from flask import Blueprint

bp = Blueprint("preparation", __name__)

from vms.onboarding.preparation import views as _views  # noqa: E402,F401
