"""The RSVP links in invitation emails: confirm on a page (GET), answer with a button (POST)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.cohorts.models import Program
from vms.extensions import db
from vms.i18n import read_in_timezone_of
from vms.scheduling import bp
from vms.scheduling.meetings import rsvp
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.services import MeetingRefused
from vms.scheduling.models import Response


def _someone_else(invitee) -> bool:
    """Signed in as another person: the link was not sent to them."""
    return current_user.is_authenticated and current_user.id != invitee.user_id


@bp.route("/rsvp/<token>", methods=["GET", "POST"])
def answer_by_link(token: str):
    invitee = rsvp.invitee_for_token(token) or abort(404)
    meeting = invitee.meeting
    program = db.session.get(Program, meeting.program_id)
    suggested = request.values.get("answer", "")
    if request.method == "POST" and not _someone_else(invitee):
        if suggested not in {r.value for r in Response}:
            abort(400)
        try:
            meetings.respond(meeting, invitee.user, Response(suggested))
        except MeetingRefused as refused:
            flash(str(refused), "error")
        else:
            db.session.commit()
            flash(_("Thank you: your answer is recorded (%(answer)s).",
                    answer=Response(suggested).label), "success")  # fmt: skip
        return redirect(url_for("scheduling.answer_by_link", token=token))
    status = 403 if request.method == "POST" else 200
    read_in_timezone_of(invitee.user.timezone or program.timezone)
    return render_template(
        "scheduling/rsvp.html", invitee=invitee, meeting=meeting, program=program, token=token,
        suggested=suggested, responses=list(Response), someone_else=_someone_else(invitee),
    ), status  # fmt: skip
