"""A program's nudge delays, set by its coordinators."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.notifications import bp
from vms.notifications.forms import NudgeDelaysForm
from vms.notifications.nudges.delays import delays_for, save_delays


@bp.route("/p/<program_slug>/nudges", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def edit_nudges(program: Program):
    form = NudgeDelaysForm(obj=delays_for(program) if request.method == "GET" else None)
    if form.validate_on_submit():
        save_delays(program, form.values())
        db.session.commit()
        flash(_("The nudges' delays are saved."), "success")
        return redirect(url_for("notifications.edit_nudges", program_slug=program.slug))
    return render_template("notifications/nudges.html", program=program, form=form)
