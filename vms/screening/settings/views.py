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
from vms.states import IllegalTransition


def _back(program: Program):
    return redirect(url_for("screening.screening_settings", program_slug=program.slug))


def _clean_name(limit: int = 80) -> str | None:
    name = single_line(request.form.get("name", ""))
    return name if 0 < len(name) <= limit else None


@bp.route("/p/<program_slug>/screening/settings")
@program_view(Role.COORDINATOR)
def screening_settings(program: Program):
    return _page(program)


def _page(program: Program, status: int = 200, field: str = "", problem: str = ""):
    """The settings page; after a refused change, again with what was typed in ``field`` (an
    input's id) and the ``problem`` next to it."""
    db.session.rollback()  # nothing of a refused change may reach a later commit
    lists = {kind: taxonomy.terms(program, kind) for kind in TaxonomyKind}
    typed = {field: single_line(request.form.get("name", ""))} if field else {}
    if field:
        typed[f"{field}-description"] = single_line(request.form.get("description", ""))
    page = render_template(
        "screening/settings.html", program=program, lists=lists, typed=typed,
        problem_field=field, problem=problem, criteria=rubric.criteria(program.id),
        kinds=list(TaxonomyKind),
    )  # fmt: skip
    return page, status


@bp.route("/p/<program_slug>/screening/settings/terms", methods=["POST"])
@program_view(Role.COORDINATOR)
def add_term(program: Program):
    name, kind = _clean_name(), request.form.get("kind", "")
    if kind not in {k.value for k in TaxonomyKind}:  # not one of the page's forms
        flash(_("Give a name of 1 to 80 characters."), "error")
        return _back(program)
    field = f"new-{kind}"
    if name is None:
        return _page(program, 400, field, _("Give a name of 1 to 80 characters."))
    try:
        taxonomy.add_term(program, TaxonomyKind(kind), name)
    except taxonomy.DuplicateTerm:
        return _page(program, 400, field, _("“%(name)s” is already on this list.", name=name))
    db.session.commit()
    flash(_("“%(name)s” added.", name=name), "success")
    return _back(program)


TERM_URL = "/p/<program_slug>/screening/settings/terms/<int:term_id>"


@bp.route(TERM_URL + "/<any(rename, remove, retire, restore):action>", methods=["POST"])
@program_view(Role.COORDINATOR)
def change_term(program: Program, term_id: int, action: str):
    term = taxonomy.term_in_program(program, term_id) or abort(404)
    field, name = f"term-{term.id}", term.name
    try:
        if action == "rename":
            if (name := _clean_name()) is None:
                return _page(program, 400, field, _("Give a name of 1 to 80 characters."))
            taxonomy.rename_term(program, term, name)
        else:
            {"remove": taxonomy.remove_term, "retire": taxonomy.retire_term,
             "restore": taxonomy.restore_term}[action](term)  # fmt: skip
    except taxonomy.TermInUse:
        flash(_("“%(name)s” is in use by applications or ventures, so it stays. "
                "You can rename or retire it.", name=name), "error")  # fmt: skip
        return _back(program)
    except taxonomy.DuplicateTerm:
        return _page(program, 400, field, _("That name is already on this list."))
    except IllegalTransition:  # a second click: it already moved
        flash(_already(term.retired, name), "error")
        return _back(program)
    db.session.commit()
    flash(_TERM_DONE[action](name), "success")
    return _back(program)


_TERM_DONE = {
    "rename": lambda name: _("Renamed to “%(name)s”.", name=name),
    "remove": lambda name: _("“%(name)s” is removed.", name=name),
    "retire": lambda name: _("“%(name)s” is retired: new forms no longer offer it; past answers "
                             "keep it.", name=name),
    "restore": lambda name: _("“%(name)s” is offered again.", name=name),
}  # fmt: skip


_CRITERION_DONE = {
    "rename": _TERM_DONE["rename"],
    "retire": lambda name: _("“%(name)s” is retired: new scorecards no longer ask for it; past "
                             "scores keep it.", name=name),
    "restore": lambda name: _("“%(name)s” is scored again on new scorecards.", name=name),
}  # fmt: skip


def _already(retired: bool, name: str) -> str:
    if retired:
        return _("“%(name)s” is already retired.", name=name)
    return _("“%(name)s” is already in use on new forms.", name=name)


@bp.route("/p/<program_slug>/screening/settings/criteria", methods=["POST"])
@program_view(Role.COORDINATOR)
def add_criterion(program: Program):
    name = _clean_name()
    description = single_line(request.form.get("description", ""))[:300]
    if name is None:
        return _page(program, 400, "criterion", _("Give a name of 1 to 80 characters."))
    try:
        rubric.add_criterion(program, name, description)
    except rubric.DuplicateCriterion:
        return _page(program, 400, "criterion", _("“%(name)s” is already a criterion.", name=name))
    db.session.commit()
    flash(_("“%(name)s” added.", name=name), "success")
    return _back(program)


CRITERION_URL = "/p/<program_slug>/screening/settings/criteria/<int:criterion_id>"


@bp.route(CRITERION_URL + "/<any(rename, retire, restore):action>", methods=["POST"])
@program_view(Role.COORDINATOR)
def change_criterion(program: Program, criterion_id: int, action: str):
    criterion = rubric.criterion_in_program(program, criterion_id) or abort(404)
    field, name = f"criterion-{criterion.id}", criterion.name
    try:
        if action == "rename":
            if (name := _clean_name()) is None:
                return _page(program, 400, field, _("Give a name of 1 to 80 characters."))
            description = single_line(request.form.get("description", ""))[:300]
            rubric.rename_criterion(program, criterion, name, description)
        elif action == "retire":
            rubric.retire_criterion(program, criterion)
        else:
            rubric.restore_criterion(criterion)
    except rubric.DuplicateCriterion:
        return _page(program, 400, field, _("“%(name)s” is already a criterion.", name=name))
    except rubric.LastActiveCriterion:
        flash(_("“%(name)s” is the last criterion interviewers score, so it stays. Add another "
                "before retiring it.", name=name), "error")  # fmt: skip
        return _back(program)
    except IllegalTransition:
        flash(_already(criterion.retired, name), "error")
        return _back(program)
    db.session.commit()
    flash(_CRITERION_DONE[action](name), "success")
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
