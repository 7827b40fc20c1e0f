"""The coordinators' outbox page and its resend button."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.mail.models import EmailStatus
from vms.notifications import bp, outbox
from vms.paging import requested_page

_BASE = "/p/<program_slug>/outbox"


@bp.route(_BASE)
@program_view(Role.COORDINATOR)
def list_outbox(program: Program):
    chosen = outbox.OutboxFilter.from_args(request.args)
    counts = outbox.status_counts(program)
    found = outbox.outbox_page(program, chosen, requested_page(request.args.get("page")), counts)
    return render_template("notifications/outbox.html", program=program, found=found,
                           chosen=chosen, counts=counts, statuses=list(EmailStatus))  # fmt: skip


@bp.route(f"{_BASE}/<int:email_id>/resend", methods=["POST"])
@program_view(Role.COORDINATOR)
def resend_email(program: Program, email_id: int):
    email = outbox.email_in_program(program, email_id) or abort(404)
    if outbox.resend(email):
        db.session.commit()
        flash(_("The email to %(address)s is queued again.", address=email.to_address),
              "success")  # fmt: skip
    else:
        flash(_("The email to %(address)s is no longer failed: nothing to resend.",
                address=email.to_address))  # fmt: skip
    return redirect(url_for("notifications.list_outbox", program_slug=program.slug))
