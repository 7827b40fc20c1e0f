"""The coordinators' at-risk list and its one-click nudges."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.evidence.dashboard.forms import EvidenceFilterForm
from vms.evidence.health import bp, services
from vms.evidence.health.rules import Verdict
from vms.evidence.health.words import VERDICT_LABELS, reason_words
from vms.extensions import db
from vms.paging import PAGE_SIZE, Page, requested_page


@bp.route("/p/<program_slug>/evidence/at-risk")
@program_view(Role.COORDINATOR)
def list_at_risk(program: Program):
    form = EvidenceFilterForm(request.args).offer(program.cohorts)
    valid = form.validate()
    cohort_id = form.cohort.data if valid else None
    everyone = services.health_of_program(program, now_utc(), cohort_id)
    at_risk = [h for h in everyone if h.verdict not in (Verdict.ON_TRACK, Verdict.TOO_EARLY)]
    page = _page(at_risk, requested_page(request.args.get("page")))
    return render_template(
        "evidence/health/at_risk.html", program=program, form=form, page=page,
        pager_args={"program_slug": program.slug, "cohort": cohort_id},
        counts={v: sum(h.verdict is v for h in everyone) for v in Verdict},
        labels=VERDICT_LABELS, reason_words=reason_words,
    ), 200 if valid else 400  # fmt: skip


@bp.post("/p/<program_slug>/evidence/at-risk/teams/<int:team_id>/nudge")
@program_view(Role.COORDINATOR)
def nudge_team(program: Program, team_id: int):
    team = services.team_in(program, team_id) or abort(404)
    outcome = services.nudge_team(program, team, now_utc())
    db.session.commit()
    _say(outcome, team.venture.name)
    return redirect(url_for("health.list_at_risk", program_slug=program.slug))


@bp.post("/p/<program_slug>/evidence/at-risk/pairs/<int:pair_id>/nudge")
@program_view(Role.COORDINATOR)
def nudge_pair(program: Program, pair_id: int):
    pair = services.pair_in(program, pair_id) or abort(404)
    outcome = services.nudge_pair(program, pair, now_utc())
    db.session.commit()
    _say(outcome, f"{pair.member.name} · {pair.mentor.name}")
    return redirect(url_for("health.list_at_risk", program_slug=program.slug))


def _page(rows: list, number: int) -> Page:
    """One page of the judged list (judged whole: worst first needs every verdict)."""
    last = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(number, last)
    return Page(rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], number, len(rows))


def _say(outcome: services.Nudged, name: str) -> None:
    if outcome is services.Nudged.SENT:
        flash(_("%(name)s: nudged by email.", name=name), "success")
    elif outcome is services.Nudged.ALREADY_TODAY:
        flash(_("%(name)s was already nudged today.", name=name), "notice")
    else:
        flash(_("%(name)s: nobody to write to (no lead mentor, no founder with an account).",
                name=name), "error")  # fmt: skip
