"""Landing page, role homes, and the health checks."""

from flask import abort, g, redirect, render_template, session, url_for
from flask_login import current_user
from sqlalchemy import text

from vms.agreements import home as agreements_home
from vms.auth.models import Role
from vms.auth.policy import member_programs, program_view
from vms.cohorts import queries as cohort_queries
from vms.cohorts import services as cohort_services
from vms.cohorts.models import Program
from vms.cohorts.teams import queries as team_queries
from vms.evidence.goals import home as goals_home
from vms.evidence.updates import home as updates_home
from vms.extensions import db
from vms.onboarding.preparation import home as preparation_home
from vms.onboarding.welcome import home as welcome_home
from vms.peer import home as peer_home
from vms.scheduling.meetings import queries as meeting_queries
from vms.scheduling.models import Response
from vms.screening.mentors import services as screening
from vms.screening.principles import services as screening_principles
from vms.site import attention, bp, homes
from vms.site.navigation import CURRENT_PROGRAM_KEY


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        return render_template("site/landing.html")
    programs = member_programs(current_user)
    if not programs:
        if current_user.is_admin:
            return redirect(url_for("admin.programs_page"))
        return render_template("site/no_program.html")
    chosen = homes.program_needing(current_user, programs, session.get(CURRENT_PROGRAM_KEY))
    return redirect(url_for("site.program_home", program_slug=chosen.slug))


@bp.route("/p/<program_slug>/")
def program_home(program_slug: str):
    """A member's home; a visitor who is not signed in gets the program's public page, with
    its applications, instead of a sign-in wall."""
    if current_user.is_authenticated:
        return _member_home(program_slug=program_slug)
    program = cohort_services.program_by_slug(program_slug) or abort(404)
    return render_template("site/program_public.html", program=program)


@program_view()
def _member_home(program: Program):
    session[CURRENT_PROGRAM_KEY] = program.slug
    roles = g.roles
    context = {
        "program": program,
        "my_cohorts": cohort_queries.cohorts_of(current_user, program),
        "summaries": cohort_queries.cohort_summaries(program) if Role.COORDINATOR in roles else [],
        "profile": cohort_queries.mentor_profile(current_user, program)
        if Role.MENTOR in roles
        else None,
        "to_score": screening.interviews_to_score(program, current_user)
        if roles & {Role.COORDINATOR, Role.MENTOR}
        else None,
        "principles_due": Role.MENTOR in roles
        and screening_principles.signature_due(current_user, program),
        "ventures": cohort_queries.ventures_of(current_user, program)
        if Role.ENTREPRENEUR in roles
        else [],
        "teams": team_queries.mentor_published_teams(program, current_user)
        if Role.MENTOR in roles
        else [],
        "peer": peer_home.home_for(program, current_user, roles),
        "preparation": preparation_home.home_for(program, current_user, roles),
        "agreements": agreements_home.home_for(program, current_user)
        if roles & {Role.ENTREPRENEUR, Role.PEER_MENTOR, Role.MENTOR}
        else None,
        "goal_prompts": goals_home.prompts_for(program, current_user)
        if Role.ENTREPRENEUR in roles
        else [],
        "update_prompts": updates_home.prompts_for(program, current_user)
        if Role.ENTREPRENEUR in roles
        else [],
        "repairs": team_queries.repairs_needed(program) if Role.COORDINATOR in roles else None,
        "attention": attention.coordinator_attention(program)
        if Role.COORDINATOR in roles
        else None,
        **_what_comes(program, roles),
        "welcome": welcome_home.home_for(program, current_user, roles),
    }
    return render_template("site/home.html", **context)


def _what_comes(program: Program, roles) -> dict:
    """A mentor's or founder's coming team meetings, and a mentor's next monthly date."""
    meets = roles & {Role.MENTOR, Role.ENTREPRENEUR}
    dates = (meeting_queries.coming_mentor_meetings(program, current_user)
             if Role.MENTOR in roles else [])  # fmt: skip
    return {
        "coming_meetings": homes.coming_team_meetings(program, current_user) if meets else [],
        "next_dates": [d for d in dates if d.meeting.status.value == "scheduled"][:1],
        "responses": list(Response),
    }


@bp.route("/healthz")
def healthz():
    """The process answers (no database involved)."""
    return {"status": "ok"}


@bp.route("/readyz")
def readyz():
    """The database answers too."""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any driver error means "not ready"
        db.session.rollback()
        return {"status": "unavailable", "error": type(error).__name__}, 503
    return {"status": "ok"}
