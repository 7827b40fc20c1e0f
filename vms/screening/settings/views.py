"""The program's screening settings: its lists (industries, functions, expertise), rubric
and how long ventures' private links last."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.screening import bp
from vms.screening.mentors import rubric
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.screening.ventures import services as ventures
from vms.single_line import single_line


def _back(program: Program):
    return redirect(url_for("screening.screening_settings", program_slug=program.slug))


def _clean_name(limit: int = 80) -> str | None:
    name = single_line(request.form.get("name", ""))
    return name if 0 < len(name) <= limit else None


@bp.route("/p/<program_slug>/screening/settings")
@program_view(Role.COORDINATOR)
def screening_settings(program: Program):
    lists = {kind: taxonomy.terms(program, kind) for kind in TaxonomyKind}
    return render_template(
        "screening/settings.html", program=program, lists=lists,
        criteria=rubric.criteria(program.id), kinds=list(TaxonomyKind),
    )  # fmt: skip


@bp.route("/p/<program_slug>/screening/settings/terms", methods=["POST"])
@program_view(Role.COORDINATOR)
def add_term(program: Program):
    name, kind = _clean_name(), request.form.get("kind", "")
    if name is None or kind not in {k.value for k in TaxonomyKind}:
        flash(_("Give a name of 1 to 80 characters."), "error")
        return _back(program)
    try:
        taxonomy.add_term(program, TaxonomyKind(kind), name)
    except taxonomy.DuplicateTerm:
        flash(_("“%(name)s” is already on this list.", name=name), "error")
    else:
        db.session.commit()
        flash(_("“%(name)s” added.", name=name), "success")
    return _back(program)


@bp.route(
    "/p/<program_slug>/screening/settings/terms/<int:term_id>/<any(rename, remove):action>",
    methods=["POST"],
)
@program_view(Role.COORDINATOR)
def change_term(program: Program, term_id: int, action: str):
    term = taxonomy.term_in_program(program, term_id) or abort(404)
    try:
        if action == "remove":
            taxonomy.remove_term(term)
        elif (name := _clean_name()) is None:
            flash(_("Give a name of 1 to 80 characters."), "error")
            return _back(program)
        else:
            taxonomy.rename_term(program, term, name)
    except taxonomy.TermInUse:
        flash(_("“%(name)s” is in use by applications or ventures, so it stays. "
                "You can rename it.", name=term.name), "error")  # fmt: skip
    except taxonomy.DuplicateTerm:
        flash(_("That name is already on this list."), "error")
    else:
        db.session.commit()
        flash(_("The list is updated."), "success")
    return _back(program)


@bp.route("/p/<program_slug>/screening/settings/criteria", methods=["POST"])
@program_view(Role.COORDINATOR)
def add_criterion(program: Program):
    name = _clean_name()
    description = single_line(request.form.get("description", ""))[:300]
    if name is None:
        flash(_("Give a name of 1 to 80 characters."), "error")
        return _back(program)
    try:
        rubric.add_criterion(program, name, description)
    except rubric.DuplicateCriterion:
        flash(_("“%(name)s” is already a criterion.", name=name), "error")
    else:
        db.session.commit()
        flash(_("“%(name)s” added.", name=name), "success")
    return _back(program)


@bp.route("/p/<program_slug>/screening/settings/venture-links", methods=["POST"])
@program_view(Role.COORDINATOR)
def set_venture_link_days(program: Program):
    days = request.form.get("days", "").strip()
    if not days.isdigit() or not 1 <= int(days) <= 365:
        flash(_("A number of days from 1 to 365."), "error")
        return _back(program)
    ventures.set_link_days(program, int(days))
    db.session.commit()
    flash(ngettext("Links sent to ventures from now on work for %(num)d day.",
                   "Links sent to ventures from now on work for %(num)d days.", int(days)),
          "success")  # fmt: skip
    return _back(program)
