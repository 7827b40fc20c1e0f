"""Programs: list, create, and appoint a coordinator by invitation."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from vms.admin import bp
from vms.admin.forms import CoordinatorForm, ProgramForm
from vms.auth.models import Membership, Role
from vms.auth.policy import admin_view
from vms.cohorts import services as programs
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db


def _programs_with_coordinator_counts():
    return db.session.execute(
        select(Program, func.count(Membership.id))
        .outerjoin(
            Membership,
            (Membership.program_id == Program.id) & (Membership.role == Role.COORDINATOR),
        )
        .group_by(Program.id)
        .order_by(Program.name)
    ).all()


@bp.route("/programs", methods=["GET", "POST"])
@admin_view
def programs_page():
    form = ProgramForm()
    if not form.is_submitted():
        form.timezone.data = "UTC"
    if form.validate_on_submit():
        program = programs.create_program(
            form.name.data, form.timezone.data, form.default_locale.data
        )
        db.session.commit()
        flash(
            _("Program “%(name)s” created. Appoint its first coordinator.", name=program.name),
            "success",
        )
        return redirect(url_for("admin.show_program", program_id=program.id))
    rows = _programs_with_coordinator_counts()
    return render_template("admin/program_list.html", rows=rows, form=form)


@bp.route("/programs/<int:program_id>", methods=["GET", "POST"])
@admin_view
def show_program(program_id: int):
    program = db.session.get(Program, program_id) or abort(404)
    form = CoordinatorForm()
    if form.validate_on_submit():
        try:
            programs.invite(program, None, form.email.data, Role.COORDINATOR, current_user)
        except (programs.DuplicateInvitation, programs.AlreadyMember):
            form.email.errors.append(
                _("This person is already a coordinator or has an open invitation.")
            )
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("admin.show_program", program_id=program.id))
    return render_template(
        "admin/program_show.html",
        program=program,
        form=form,
        invitations=programs.program_wide_invitations(program),
        now=now_utc(),
    )
