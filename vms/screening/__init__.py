"""Screening and intake, one sub-package for what each part does.

``mentors/`` (applications, interviews, the rubric), ``ventures/`` (intake and profiles),
``principles/`` (the guiding principles and signatures), ``conflicts/`` (declarations,
requests, recusals) and ``settings/`` (the program's lists and the settings page) share this
blueprint.
"""

from flask import Blueprint

bp = Blueprint("screening", __name__)

from vms.screening.conflicts import views as _conflicts  # noqa: E402,F401
from vms.screening.mentors import views as _mentors  # noqa: E402,F401
from vms.screening.principles import views as _principles  # noqa: E402,F401
from vms.screening.settings import views as _settings  # noqa: E402,F401
from vms.screening.ventures import views as _ventures  # noqa: E402,F401
