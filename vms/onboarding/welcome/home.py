"""The welcome card of a person's home: there until they open their welcome page."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from flask_babel import get_locale

from vms.auth.models import Role, User
from vms.cohorts.models import Program
from vms.onboarding.welcome import services


@dataclass(frozen=True)
class WelcomeCard:
    title: str
    url: str


def home_for(program: Program, user: User, roles: frozenset[Role]) -> WelcomeCard | None:
    if not roles & {Role.ENTREPRENEUR, Role.MENTOR}:
        return None
    page = services.welcome_for(program, user, str(get_locale()))
    if page is None or page.opened:
        return None
    return WelcomeCard(
        page.content.title, url_for("welcome.show_welcome", program_slug=program.slug)
    )
