"""What every page's layout needs: the person's programs and the current one, and the bar of
links to them.

The program bar is the same for everyone with the same programs, roles and language: a
coordinator's holds 22 links and 28 translated labels, ~1.5 ms of every page they open. So
each worker keeps the bar it rendered, by everything the bar reads.
"""

from collections.abc import Hashable, Iterable
from threading import Lock

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup

from vms.auth.models import Role
from vms.auth.policy import member_programs
from vms.cohorts.models import Program

CURRENT_PROGRAM_KEY = "program_slug"
#: Bars kept at most (kinds of bar: programs x roles x languages); beyond it, they are
#: forgotten all at once and rendered again.
BARS_KEPT = 512

_bars: dict[Hashable, Markup] = {}
_lock = Lock()


def register_template_context(app: Flask) -> None:
    @app.context_processor
    def navigation():
        # Emails are rendered outside requests too: no person, no navigation.
        signed_in = has_request_context() and current_user.is_authenticated
        programs = member_programs(current_user) if signed_in else []
        return {
            "nav_programs": programs,
            "current_program": g.get("program"),
            "current_roles": g.get("roles", frozenset()),
            "Role": Role,
            "get_locale": get_locale,
        }

    app.jinja_env.globals["program_nav"] = program_nav


def program_nav(programs: Iterable[Program], current: Program | None, roles) -> Markup:
    """The program bar (``_partials/program_nav.html``), rendered once per worker for each
    set of programs, current program, roles, language and mount point (where the app is
    served from: the links are paths)."""
    programs = list(programs)
    key = (
        request.script_root,
        str(get_locale()),
        tuple((p.id, p.slug, p.name) for p in programs),
        (current.id, current.slug, current.name) if current is not None else None,
        frozenset(roles),
    )
    found = _bars.get(key)
    if found is not None:
        return found
    template = current_app.jinja_env.get_template("_partials/program_nav.html")
    bar = Markup(template.render(nav_programs=programs, current_program=current,
                                 current_roles=roles, Role=Role))  # fmt: skip
    if not current_app.jinja_env.auto_reload:  # a template being edited is read again
        with _lock:
            if len(_bars) >= BARS_KEPT:
                _bars.clear()
            _bars[key] = bar
    return bar
