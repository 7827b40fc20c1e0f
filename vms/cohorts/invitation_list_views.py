"""Inviting a pasted list of addresses to a cohort: the form, the preview, the one send."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts import bp, invitation_lists, services
from vms.cohorts.address_list import Problem
from vms.cohorts.forms import InvitationListForm
from vms.cohorts.models import Program
from vms.extensions import db
from vms.i18n import lazy_gettext as _l

#: What the preview says next to an address that will not be invited.
PROBLEMS = {
    Problem.NOT_AN_ADDRESS: _l("Not an email address."),
    Problem.REPEATED: _l("A duplicate: it is already higher in the list."),
    Problem.ALREADY_MEMBER: _l("Already a member of this cohort with this role."),
    Problem.ALREADY_INVITED: _l("Already invited: the invitation is waiting for an answer."),
}


@bp.route("/p/<program_slug>/cohorts/<int:cohort_id>/invitations/list", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def invite_list(program: Program, cohort_id: int):
    cohort = services.cohort_or_none(program, cohort_id) or abort(404)
    form = InvitationListForm()
    op = request.form.get("op", "preview")
    if request.method == "GET" or op == "edit":
        return _page(program, cohort, form)
    if not form.validate_on_submit():
        return _page(program, cohort, form, status=400)
    ask = invitation_lists.ListInvitation(
        program, cohort, Role(form.role.data), form.addresses.data, form.message.data or ""
    )
    if op != "send":
        entries = invitation_lists.preview(ask)
        return render_template("cohorts/invitation_list_preview.html", program=program,
                               cohort=cohort, form=form, entries=entries, ask=ask,
                               problems=PROBLEMS, valid=sum(e.valid for e in entries))  # fmt: skip
    outcome = invitation_lists.send(ask, current_user)
    db.session.commit()
    _say(outcome)
    return redirect(url_for("cohorts.show_cohort", program_slug=program.slug, cohort_id=cohort.id))


def _page(program: Program, cohort, form: InvitationListForm, status: int = 200):
    page = render_template("cohorts/invitation_list.html", program=program, cohort=cohort,
                           form=form)  # fmt: skip
    return page, status


def _say(outcome: invitation_lists.Sent) -> None:
    """What was sent, and each address not sent with its reason (a second click: all of them
    "already invited")."""
    if outcome.sent:
        flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.",
                       len(outcome.sent)), "success")  # fmt: skip
    for problem, label in PROBLEMS.items():
        addresses = [e.email or e.typed for e in outcome.refused if e.problem is problem]
        if addresses:
            flash(_("Not sent: %(problem)s %(addresses)s", problem=label,
                    addresses=", ".join(addresses)), "error")  # fmt: skip
