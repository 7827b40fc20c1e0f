"""The demo's welcome pages, for new entrepreneurs and new mentors, in English and Spanish."""

from __future__ import annotations

from sqlalchemy import select

from vms.cohorts.models import Program
from vms.extensions import db
from vms.onboarding.welcome import services
from vms.onboarding.welcome.models import Audience, WelcomeContent

VIDEO = "https://www.youtube.com/watch?v=vms-demo-welcome"
PAGES = {
    (Audience.ENTREPRENEURS, "en"): services.ContentInput(
        "Welcome: how a first meeting with your team goes",
        "Your profile is complete, so mentors can now see who you are and what you need.\n\n"
        "Watch a founder and her team in their first meeting: she sent the agenda three days "
        "before, and the team came prepared. Then write to your team.",
        VIDEO, "Introductions (10 minutes)\nOur goal for the next six months\n"
        "The one decision we need help with\nWhat we do before the next meeting"),
    (Audience.ENTREPRENEURS, "es"): services.ContentInput(
        "Bienvenida: así es una primera reunión con su equipo",
        "Su perfil está completo: los mentores ya pueden ver quiénes son y qué necesitan.\n\n"
        "Vean a una fundadora y su equipo en su primera reunión: envió el orden del día tres "
        "días antes y el equipo llegó preparado. Después, escriban a su equipo.",
        VIDEO, "Presentaciones (10 minutos)\nNuestro objetivo para los próximos seis meses\n"
        "La decisión en la que necesitamos ayuda\nQué haremos antes de la próxima reunión"),
    (Audience.MENTORS, "en"): services.ContentInput(
        "Welcome, mentor: what a good first meeting looks like",
        "The entrepreneur sets the agenda; you listen first, then ask.\n\n"
        "Read the example agenda below: it is what a founder should send you.",
        "", "Introductions\nThe venture's goal\nWhere the team can help\nNext steps"),
    (Audience.MENTORS, "es"): services.ContentInput(
        "Bienvenida, mentora o mentor: cómo es una buena primera reunión",
        "El emprendedor fija el orden del día; primero se escucha, después se pregunta.\n\n"
        "Lea el ejemplo de orden del día: es lo que debería enviarle un fundador.",
        "", "Presentaciones\nEl objetivo de la empresa\nDónde puede ayudar el equipo\n"
        "Próximos pasos"),
}  # fmt: skip


def welcome_pages(program: Program, coordinator) -> None:
    if db.session.scalar(select(WelcomeContent.id).where(WelcomeContent.program_id == program.id)):
        return
    for (audience, locale), given in PAGES.items():
        services.save_content(program, audience, locale, given, coordinator)
