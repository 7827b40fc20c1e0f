"""Mentors declare conflicts and ask for commercial relationships; coordinators decide."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.paging import requested_page
from vms.screening import bp
from vms.screening.conflicts import services as conflicts
from vms.screening.conflicts.forms import CommercialRequestForm, ConflictForm, DecisionForm
from vms.screening.conflicts.models import ConflictKind, RelationshipKind
from vms.states import IllegalTransition


def _render_mentor_page(program: Program, conflict_form, request_form):
    declarations, requests = conflicts.mentor_records(program, current_user)
    return render_template(
        "screening/conflicts_mentor.html", program=program, conflict_form=conflict_form,
        request_form=request_form, declarations=declarations, requests=requests,
    )  # fmt: skip


@bp.route("/p/<program_slug>/conflicts", methods=["GET", "POST"])
@program_view(Role.MENTOR)
def mentor_conflicts(program: Program):
    ventures = conflicts.program_ventures(program)
    form = ConflictForm(ventures, prefix="conflict")
    if form.validate_on_submit():
        venture = conflicts.venture_in_program(program, form.venture.data)
        kind = ConflictKind(form.kind.data)
        conflicts.declare(program, current_user, kind, venture if kind is ConflictKind.VENTURE
                          else None, form.subject.data or "", form.details.data or "")  # fmt: skip
        db.session.commit()
        flash(_("Thank you: your conflict is declared."), "success")
        return redirect(request.path)
    return _render_mentor_page(program, form, CommercialRequestForm(ventures, prefix="deal"))


@bp.route("/p/<program_slug>/conflicts/requests", methods=["POST"])
@program_view(Role.MENTOR)
def request_relationship(program: Program):
    ventures = conflicts.program_ventures(program)
    form = CommercialRequestForm(ventures, prefix="deal")
    # The venture choices are this program's ventures, so a valid form names one of them.
    if form.validate_on_submit():
        venture = conflicts.venture_in_program(program, form.venture.data) or abort(404)
        conflicts.request_relationship(
            program, current_user, venture, RelationshipKind(form.kind.data), form.details.data
        )
        db.session.commit()
        flash(_("Your request is sent to the coordinators."), "success")
        return redirect(url_for("screening.mentor_conflicts", program_slug=program.slug))
    return _render_mentor_page(program, ConflictForm(ventures, prefix="conflict"), form)


@bp.route("/p/<program_slug>/conflicts/review")
@program_view(Role.COORDINATOR)
def review_conflicts(program: Program):
    pages = conflicts.ReviewPages(*(requested_page(request.args.get(param))
                                    for param in REVIEW_PAGE_PARAMS))  # fmt: skip
    return render_template(
        "screening/conflicts_review.html", program=program, review=conflicts.review(program, pages),
        form=DecisionForm(), kind_labels=_kind_labels(),
    )  # fmt: skip


#: The page arguments of the review's three lists (requests, declarations, recusals).
REVIEW_PAGE_PARAMS = ("requests_page", "declarations_page", "recusals_page")


def _kind_labels() -> dict:
    """Each kind's label, translated once per page rather than once per row."""
    return {kind: kind.label for kinds in (ConflictKind, RelationshipKind) for kind in kinds}


@bp.route("/p/<program_slug>/conflicts/requests/<int:request_id>/decide", methods=["POST"])
@program_view(Role.COORDINATOR)
def decide_request(program: Program, request_id: int):
    found = conflicts.request_in_program(program, request_id) or abort(404)
    form = DecisionForm()
    if not form.validate_on_submit():
        flash(_("Choose approve or decline."), "error")
    else:
        try:
            conflicts.decide(found, form.decision.data == "approve", current_user,
                             form.note.data or "")  # fmt: skip
        except IllegalTransition:
            flash(_("This request was already decided."), "error")
        else:
            db.session.commit()
            flash(_("Decision recorded."), "success")
    # Back to the pages the coordinator was on.
    kept = {param: requested_page(request.args.get(param)) for param in REVIEW_PAGE_PARAMS}
    return redirect(url_for("screening.review_conflicts", program_slug=program.slug,
                            **{param: n for param, n in kept.items() if n > 1}))  # fmt: skip
