"""Stating a day-one goal: only the founders of the team's venture, or the pair's member;
anyone else is told it is not there."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.evidence.goals import bp, queries, services
from vms.evidence.goals.forms import GoalForm
from vms.extensions import db


@bp.route("/p/<program_slug>/goals/teams/<int:team_id>", methods=["GET", "POST"])
@program_view()
def state_team_goal(program: Program, team_id: int):
    team = services.published_team(program, team_id)
    if team is None or current_user.id not in services.founder_ids(team):
        abort(404)
    goal = queries.goal_for_team(team.id)
    form = GoalForm(obj=goal)
    if form.validate_on_submit():
        services.state_team_goal(team, form.text.data, current_user)
        db.session.commit()
        flash(_("Your goal is saved: your mentors will read it."), "success")
        return redirect(url_for("cohorts.my_teams", program_slug=program.slug))
    return render_template("evidence/goals/state.html", program=program, form=form, goal=goal,
                           about=team.venture.name), 400 if form.errors else 200  # fmt: skip


@bp.route("/p/<program_slug>/goals/pairs/<int:pair_id>", methods=["GET", "POST"])
@program_view()
def state_pair_goal(program: Program, pair_id: int):
    pair = services.published_pair(program, pair_id)
    if pair is None or pair.member_id != current_user.id:
        abort(404)
    goal = queries.goal_for_pair(pair.id)
    form = GoalForm(obj=goal)
    if form.validate_on_submit():
        services.state_pair_goal(program, pair, form.text.data, current_user)
        db.session.commit()
        flash(_("Your goal is saved: your peer mentor will read it."), "success")
        return redirect(url_for("site.program_home", program_slug=program.slug))
    about = _("Peer mentoring with %(name)s", name=pair.mentor.name)
    return render_template("evidence/goals/state.html", program=program, form=form, goal=goal,
                           about=about), 400 if form.errors else 200  # fmt: skip
