"""A founder writes this month's update; the coordinators read the program's, month by month."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.evidence.updates import bp, queries, services
from vms.evidence.updates.forms import UpdateForm
from vms.evidence.updates.months import month_ends_at, month_key, parse_month
from vms.extensions import db
from vms.paging import requested_page


@bp.route("/p/<program_slug>/ventures/<int:venture_id>/update", methods=["GET", "POST"])
@program_view()
def write_update(program: Program, venture_id: int):
    venture = services.founded_teamed_venture(program, venture_id, current_user) or abort(404)
    month = services.current_month(program)
    update = services.update_of(venture.id, month)
    form = UpdateForm(obj=update)
    if form.validate_on_submit():
        services.write_update(program, venture, form.parts, current_user)
        db.session.commit()
        flash(_("Your update for %(venture)s is saved; you can change it until the month "
                "ends.", venture=venture.name), "success")  # fmt: skip
        return redirect(url_for("updates.write_update", program_slug=program.slug,
                                venture_id=venture.id))  # fmt: skip
    return render_template(
        "evidence/updates/write.html", program=program, venture=venture, form=form,
        update=update, month=month, ends_at=month_ends_at(month, program.timezone),
        history=queries.history_of(venture, month),
    ), 400 if form.errors else 200  # fmt: skip


@bp.route("/p/<program_slug>/updates")
@program_view(Role.COORDINATOR)
def list_updates(program: Program):
    month = parse_month(request.args.get("month"))
    page = queries.updates_page(program, month, requested_page(request.args.get("page")))
    return render_template(
        "evidence/updates/list.html", program=program, page=page, month=month,
        month_arg=month_key(month) if month else "",
        this_month=month_key(services.current_month(program)),
    )  # fmt: skip
