"""Programs: list, create, and appoint a coordinator by invitation."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.admin import bp
from vms.admin.forms import CoordinatorForm, ProgramForm
from vms.auth.models import Role
from vms.auth.policy import admin_view
from vms.cohorts import queries as cohort_queries
from vms.cohorts import services as programs
from vms.cohorts.forms import ActionForm
from vms.cohorts.models import InvitationError, Program
from vms.database import now_utc
from vms.extensions import db


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
    rows = cohort_queries.programs_with_coordinator_counts()
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
        action_form=ActionForm(),
        invitations=cohort_queries.program_wide_invitations(program),
        now=now_utc(),
    )


@bp.route(
    "/programs/<int:program_id>/invitations/<int:invitation_id>/<any(resend, revoke):action>",
    methods=["POST"],
)
@admin_view
def change_coordinator_invitation(program_id: int, invitation_id: int, action: str):
    program = db.session.get(Program, program_id) or abort(404)
    invitation = programs.program_wide_invitation_or_none(program, invitation_id) or abort(404)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        message = programs.change_invitation(invitation, action)
    except InvitationError:
        flash(programs.invitation_closed_message(), "error")
    else:
        db.session.commit()
        flash(message, "success")
    return redirect(url_for("admin.show_program", program_id=program.id))
