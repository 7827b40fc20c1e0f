"""What every page's layout needs: the person's programs and the current one."""

from flask import Flask, g, has_request_context
from flask_babel import get_locale
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import member_programs

CURRENT_PROGRAM_KEY = "program_slug"


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
