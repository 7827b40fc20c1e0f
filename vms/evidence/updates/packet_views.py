"""The packet of a monthly mentor meeting: the coordinators and the mentors who said yes read
it (others are told it is not there); the coordinators send it, after a confirmation."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.forms import ActionForm
from vms.cohorts.models import Program
from vms.evidence.updates import bp, queries
from vms.evidence.updates.packets import send_packet as queue_packet
from vms.evidence.updates.packets import sent_to
from vms.extensions import db

_PACKET = "/p/<program_slug>/meetings/<int:meeting_id>/packet"


def _readable(program: Program, meeting_id: int):
    meeting = queries.mentor_meeting(program, meeting_id) or abort(404)
    if Role.COORDINATOR not in g.roles and not queries.said_yes(meeting, current_user.id):
        abort(404)
    return meeting


@bp.route(_PACKET)
@program_view()
def show_packet(program: Program, meeting_id: int):
    packet = queries.packet_of(program, _readable(program, meeting_id))
    return render_template("evidence/updates/packet.html", program=program, packet=packet)


@bp.route(f"{_PACKET}/print")
@program_view()
def print_packet(program: Program, meeting_id: int):
    packet = queries.packet_of(program, _readable(program, meeting_id))
    return render_template("evidence/updates/packet_print.html", program=program, packet=packet)


@bp.route(f"{_PACKET}/send", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def send_packet(program: Program, meeting_id: int):
    """A confirmation first (it emails other people); the POST sends."""
    meeting = queries.mentor_meeting(program, meeting_id) or abort(404)
    form, mentors = ActionForm(), queries.mentors_who_said_yes(meeting)
    if not form.validate_on_submit():
        return _confirmation(program, meeting, form, mentors)
    if not mentors:
        flash(_("No mentor has said yes to this date yet: nothing was sent."), "error")
        return _confirmation(program, meeting, form, mentors, 400)
    sent = queue_packet(program, queries.packet_of(program, meeting))
    db.session.commit()
    flash(ngettext("The packet is on its way to %(num)d mentor.",
                   "The packet is on its way to %(num)d mentors.", sent) if sent
          else _("Every mentor who said yes already has the packet."), "success")  # fmt: skip
    return redirect(url_for("updates.show_packet", program_slug=program.slug,
                            meeting_id=meeting.id))  # fmt: skip


def _confirmation(program: Program, meeting, form: ActionForm, mentors: list, status: int = 200):
    return render_template(
        "evidence/updates/packet_send.html", program=program, form=form, meeting=meeting,
        packet=queries.packet_of(program, meeting), mentors=mentors, sent=sent_to(meeting),
    ), status  # fmt: skip
