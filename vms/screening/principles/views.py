"""Reading and signing the guiding principles; publishing new versions."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.screening import bp
from vms.screening.principles import services as principles
from vms.screening.principles.forms import PublishPrinciplesForm, SignPrinciplesForm


@bp.route("/p/<program_slug>/principles", methods=["GET", "POST"])
@program_view(Role.MENTOR, Role.COORDINATOR)
def read_principles(program: Program):
    version = principles.current_version(program) or abort(404)
    form = SignPrinciplesForm()
    if request.method == "GET":
        form.text_sha256.data = version.text_sha256
    if form.validate_on_submit():
        try:
            principles.sign(
                current_user, version, form.typed_name.data, form.consent.data,
                request.remote_addr or "", request.user_agent.string, form.text_sha256.data or "",
            )  # fmt: skip
        except principles.SignatureRefused as refusal:
            form.typed_name.errors.append(str(refusal))
        else:
            db.session.commit()
            flash(_("Thank you for signing the guiding principles."), "success")
            return redirect(url_for("site.program_home", program_slug=program.slug))
    signature = principles.latest_signature(current_user, version)
    return render_template(
        "screening/principles.html", program=program, version=version, form=form,
        signature=signature, due=principles.signature_due(current_user, program),
    )  # fmt: skip


@bp.route("/p/<program_slug>/principles/manage", methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def manage_principles(program: Program):
    form = PublishPrinciplesForm()
    if form.validate_on_submit():
        version = principles.publish(program, form.text.data, current_user)
        db.session.commit()
        flash(_("Version %(n)d published. Mentors are asked to sign it.", n=version.number),
              "success")  # fmt: skip
        return redirect(request.path)
    if not form.is_submitted():
        current = principles.current_version(program)
        form.text.data = current.text if current else ""
    return render_template(
        "screening/principles_manage.html", program=program, form=form,
        versions=principles.versions(program), signatures=principles.signature_counts(program),
        statuses=principles.mentors_status(program),
    )  # fmt: skip
