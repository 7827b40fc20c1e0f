"""Mentor teams: the coordinator proposes, edits and publishes; mentors and founders see theirs."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts import bp
from vms.cohorts.forms import ActionForm
from vms.cohorts.models import Program
from vms.cohorts.teams import queries as team_queries
from vms.cohorts.teams import services as team_services
from vms.cohorts.teams.candidates import SHOWN as CANDIDATES_SHOWN
from vms.cohorts.teams.forms import (
    AddMemberForm,
    CandidateSearchForm,
    MeetingDayForm,
    MentorLoadForm,
    ProposeForm,
    SwapForm,
)
from vms.cohorts.teams.load import load_page
from vms.cohorts.teams.models import TeamStatus
from vms.cohorts.teams.pool import Pool
from vms.cohorts.teams.queries import Listing
from vms.cohorts.teams.services import TeamRuleBroken
from vms.confirmation import unconfirmed, was_confirmed
from vms.extensions import db
from vms.paging import requested_page
from vms.screening.conflicts.services import venture_in_program


def _overview(program: Program):
    """The overview with the list and page the query string asks for (``?needs=repair``, the
    address the homes and emails used before there were lists, still shows that list)."""
    chosen = request.args.get("show") or ("repair" if request.args.get("needs") == "repair" else "")
    shown = next((listing for listing in Listing if listing.value == chosen), None)
    return team_queries.overview(program, shown, requested_page(request.args.get("page")))


@bp.route("/p/<program_slug>/teams")
@program_view(Role.COORDINATOR)
def team_overview(program: Program):
    overview = _overview(program)
    return render_template("cohorts/team_overview.html", program=program, overview=overview,
                           form=ProposeForm(overview.docket), action=ActionForm())  # fmt: skip


@bp.route("/p/<program_slug>/teams/propose", methods=["POST"])
@program_view(Role.COORDINATOR)
def propose_teams(program: Program):
    form = ProposeForm(team_services.docket_choices(program))
    if not form.validate_on_submit():
        overview = _overview(program)
        return render_template("cohorts/team_overview.html", program=program, overview=overview,
                               form=form, action=ActionForm()), 400  # fmt: skip
    teams = team_services.propose(program, form.venture_ids.data)
    db.session.commit()
    teamed = sum(1 for t in teams if t.members)
    flash(ngettext("Proposed %(teamed)d of %(num)d team. Review and edit it before publishing.",
                   "Proposed %(teamed)d of %(num)d teams. Review and edit them before publishing.",
                   len(teams), teamed=teamed), "success")  # fmt: skip
    return redirect(url_for("cohorts.team_overview", program_slug=program.slug))


def _team_page(program: Program, team, add_form=None, swap_form=None, day_form=None, status=200):
    """The team page; its candidate search (``?q=``) is kept in the add and swap forms'
    addresses, so a refused edit comes back with the same results."""
    search = CandidateSearchForm(request.args)
    shown = team_queries.team_page(team, search.q.data or "")
    day_form = day_form or MeetingDayForm(weekday=team.venture.meeting_weekday or "")
    return render_template(
        "cohorts/team_show.html", program=program, card=shown.card, search=search,
        candidates=shown.candidates, shown=CANDIDATES_SHOWN, day_form=day_form,
        add_form=(add_form or AddMemberForm()).offer(shown.candidates),
        swap_form=(swap_form or SwapForm()).offer(team, shown.candidates),
        action=ActionForm(), repair=shown.repair, mentors=shown.mentors,
    ), status  # fmt: skip


def _team(program: Program, team_id: int):
    return team_services.team_in_program(program, team_id) or abort(404)


@bp.route("/p/<program_slug>/teams/<int:team_id>")
@program_view(Role.COORDINATOR)
def show_team(program: Program, team_id: int):
    return _team_page(program, _team(program, team_id))


@bp.route("/p/<program_slug>/teams/<int:team_id>/members", methods=["POST"])
@program_view(Role.COORDINATOR)
def add_team_member(program: Program, team_id: int):
    team = _team(program, team_id)
    form = AddMemberForm()
    if form.validate_on_submit():
        try:
            member = team_services.add_member(team, form.mentor_id.data)
        except TeamRuleBroken as refused:
            form.mentor_id.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("%(name)s joined the team.", name=member.mentor.name), "success")
            return redirect(
                url_for("cohorts.show_team", program_slug=program.slug, team_id=team.id)
            )
    return _team_page(program, team, add_form=form, status=400)


@bp.route("/p/<program_slug>/teams/<int:team_id>/swap", methods=["POST"])
@program_view(Role.COORDINATOR)
def swap_team_member(program: Program, team_id: int):
    team = _team(program, team_id)
    form = SwapForm()
    if form.validate_on_submit():
        try:
            member = team_services.swap_member(team, form.out_id.data, form.in_id.data)
        except TeamRuleBroken as refused:
            form.in_id.errors.append(str(refused))
        else:
            db.session.commit()
            flash(_("%(name)s took the place.", name=member.mentor.name), "success")
            return redirect(
                url_for("cohorts.show_team", program_slug=program.slug, team_id=team.id)
            )
    return _team_page(program, team, swap_form=form, status=400)


@bp.route("/p/<program_slug>/teams/<int:team_id>/day", methods=["POST"])
@program_view(Role.COORDINATOR)
def set_meeting_day(program: Program, team_id: int):
    team = _team(program, team_id)
    form = MeetingDayForm()
    if not form.validate_on_submit():
        return _team_page(program, team, day_form=form, status=400)
    team.venture.meeting_weekday = form.weekday.data
    db.session.commit()
    flash(_("The meeting day is saved."), "success")
    return redirect(url_for("cohorts.show_team", program_slug=program.slug, team_id=team.id))


MEMBER_ACTIONS = {
    "lead": (team_services.make_lead, lambda _r: _("The team has a new lead.")),
    "lock": (team_services.toggle_lock,
             lambda locked: _("Locked: re-runs keep this mentor.") if locked
             else _("Unlocked: re-runs may replace this mentor.")),
    "remove": (team_services.remove_member, lambda _r: _("The mentor left the team.")),
}  # fmt: skip


@bp.route("/p/<program_slug>/teams/<int:team_id>/members/<int:mentor_id>/<action>",
          methods=["POST"])  # fmt: skip
@program_view(Role.COORDINATOR)
def change_team_member(program: Program, team_id: int, mentor_id: int, action: str):
    team = _team(program, team_id)
    if action not in MEMBER_ACTIONS:
        abort(404)
    change, message = MEMBER_ACTIONS[action]
    back = url_for("cohorts.show_team", program_slug=program.slug, team_id=team.id)
    if action == "remove" and team.status is TeamStatus.PUBLISHED and not was_confirmed():
        return unconfirmed(back)  # the mentor and the founders are told
    try:
        result = change(team, mentor_id)
    except TeamRuleBroken as refused:
        flash(str(refused), "error")
    else:
        db.session.commit()
        flash(message(result), "success")
    return redirect(back)


@bp.route("/p/<program_slug>/teams/<int:team_id>/<any(publish, rerun, repair):action>",
          methods=["POST"])  # fmt: skip
@program_view(Role.COORDINATOR)
def team_action(program: Program, team_id: int, action: str):
    team = _team(program, team_id)
    back = url_for("cohorts.show_team", program_slug=program.slug, team_id=team.id)
    if action == "publish" and not was_confirmed():
        return unconfirmed(back)  # everyone on the team gets an introduction
    try:
        message = _act(program, team, action)
    except TeamRuleBroken as refused:
        flash(_("Not done: %(reason)s", reason=refused), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(back)


def _act(program: Program, team, action: str) -> str:
    if action == "publish":
        team_services.publish(team, current_user)
        return _("Published: the mentors and founders have their introduction.")
    if action == "repair":
        team_services.apply_repair(team)
        return _("Repaired with the smallest change the rules allow.")
    if not team_services.proposable_ventures(program, [team.venture_id]):
        raise TeamRuleBroken(_("A published team is edited, not proposed again."))
    team_services.propose(program, [team.venture_id])
    return _("Proposed again around the locked mentors.")


@bp.route("/p/<program_slug>/teams/<int:team_id>/end", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def end_team(program: Program, team_id: int):
    """Confirmed first (the team page's confirmation, or this page for a direct link):
    ending a team changes its mentors' and founders' plans."""
    team = _team(program, team_id)
    form = ActionForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_template("cohorts/team_end.html", program=program, team=team, form=form)
    if not was_confirmed():
        return unconfirmed(url_for("cohorts.end_team", program_slug=program.slug, team_id=team.id))
    try:
        team_services.end(team, current_user)
    except TeamRuleBroken as refused:
        flash(_("Not done: %(reason)s", reason=refused), "error")
    else:
        db.session.commit()
        flash(_("The team has ended; its members are asked for their exit survey."), "success")
    return redirect(url_for("cohorts.show_team", program_slug=program.slug, team_id=team.id))


@bp.route("/p/<program_slug>/teams/load")
@program_view(Role.COORDINATOR)
def mentor_load(program: Program):
    return _load_page(program)


def _load_where() -> dict[str, str | int | None]:
    """The load page's page and filter (``?page=``, ``?show=``), kept by its forms' actions."""
    return {"page": requested_page(request.args.get("page")),
            "show": request.args.get("show", "")[:20] or None}  # fmt: skip


def _load_page(program: Program, failed: MentorLoadForm | None = None, failed_id: int = 0):
    """A page of the load table; a form that failed is shown again with what was typed."""
    where = _load_where()
    found = load_page(program, where["page"], where["show"] or "")
    # Only a form that failed is a WTForms form on the page; the others are written by the
    # template from the profiles (the same fields: MentorLoadForm reads what they send).
    forms = {failed_id: failed} if failed is not None else {}
    where = {"page": found.rows.number if found.rows.number > 1 else None,
             "show": found.show or None}  # fmt: skip
    return render_template("cohorts/mentor_load.html", program=program, found=found,
                           forms=forms, where=where, action=ActionForm(),
                           ), (400 if failed else 200)  # fmt: skip


def _mentor(program: Program, mentor_id: int):
    return Pool(program, mentor_ids=[mentor_id]).mentors.get(mentor_id) or abort(404)


@bp.route("/p/<program_slug>/teams/load/<int:mentor_id>", methods=["POST"])
@program_view(Role.COORDINATOR)
def update_mentor_load(program: Program, mentor_id: int):
    entry = _mentor(program, mentor_id)
    form = MentorLoadForm(prefix=f"m{mentor_id}")
    if not form.validate_on_submit():
        return _load_page(program, form, mentor_id)
    entry.profile.lead_eligible = form.lead_eligible.data
    entry.profile.capacity = form.capacity.data
    db.session.commit()
    flash(_("Saved for %(name)s.", name=entry.user.name), "success")
    return redirect(url_for("cohorts.mentor_load", program_slug=program.slug, **_load_where()))


@bp.route("/p/<program_slug>/teams/load/<int:mentor_id>/step-off", methods=["POST"])
@program_view(Role.COORDINATOR)
def mentor_steps_off(program: Program, mentor_id: int):
    entry = _mentor(program, mentor_id)
    back = url_for("cohorts.mentor_load", program_slug=program.slug, **_load_where())
    if not was_confirmed():
        return unconfirmed(back)
    left = team_services.step_off(program, mentor_id)
    db.session.commit()
    flash(ngettext("%(name)s left %(num)d team; it is listed for repair.",
                   "%(name)s left %(num)d teams; they are listed for repair.",
                   len(left), name=entry.user.name), "success")  # fmt: skip
    return redirect(back)


@bp.route("/p/<program_slug>/my-teams")
@program_view(Role.MENTOR, Role.ENTREPRENEUR)
def my_teams(program: Program):
    mentoring, founding = team_queries.my_teams(program, current_user)
    return render_template(
        "cohorts/my_teams.html", program=program, action=ActionForm(), mentoring=mentoring,
        founding=founding, docket=team_queries.docket_for_mentor(program, current_user)
        if Role.MENTOR in g.roles else [],
    )  # fmt: skip


@bp.route("/p/<program_slug>/docket/<int:venture_id>/volunteer", methods=["POST"])
@program_view(Role.MENTOR)
def volunteer(program: Program, venture_id: int):
    venture = venture_in_program(program, venture_id) or abort(404)
    offering = request.form.get("offer") == "yes"
    if offering and venture not in team_services.proposable_ventures(program, [venture.id]):
        flash(_("%(name)s is not on the docket any more.", name=venture.name), "error")
        return redirect(url_for("cohorts.my_teams", program_slug=program.slug))
    team_services.set_volunteer(program, venture, current_user, offering)
    db.session.commit()
    flash(_("Thank you: the coordinators will see your offer.") if offering
          else _("Your offer is withdrawn."), "success")  # fmt: skip
    return redirect(url_for("cohorts.my_teams", program_slug=program.slug))
