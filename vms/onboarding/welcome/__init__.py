"""Welcome content (issue 17): a program's welcome page for new entrepreneurs and new mentors,
in each language, shown once their profile is complete (``services.welcome_for``)."""

from flask import Blueprint

bp = Blueprint("welcome", __name__)

from vms.onboarding.welcome import views as _views  # noqa: E402,F401
