"""Coordinators write the welcome pages (a page per audience, both languages, a preview);
new entrepreneurs and mentors open theirs."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.extensions import db
from vms.onboarding.files import services as files
from vms.onboarding.files import storage
from vms.onboarding.files.checking import Refused
from vms.onboarding.files.limits import accepts_upload
from vms.onboarding.files.models import FilePurpose
from vms.onboarding.files.uploads import read_file_field, refusal_text, send_stored
from vms.onboarding.welcome import bp, services
from vms.onboarding.welcome.forms import WelcomeForm
from vms.onboarding.welcome.models import Audience, WelcomeContent


def _audience() -> Audience:
    """``?audience=mentors`` (a query, not a path: the same two pages in every program)."""
    chosen = request.args.get("audience", "")
    return Audience(chosen) if chosen in {a.value for a in Audience} else Audience.ENTREPRENEURS


@bp.route("/p/<program_slug>/welcome")
@program_view()
def show_welcome(program: Program):
    """The person's own welcome page; opening it is recorded (once)."""
    page = services.welcome_for(program, current_user, str(get_locale()))
    if page is not None:
        services.record_opening(program, current_user, page.audience)
        db.session.commit()
    return render_template("onboarding/welcome/show.html", program=program,
                           content=page.content if page else None, preview=False)  # fmt: skip


@bp.route("/p/<program_slug>/welcome/files/<int:file_id>")
@program_view()
def show_welcome_file(program: Program, file_id: int):
    row = files.file_in_program(program, file_id)
    if row is None or row.purpose is not FilePurpose.WELCOME:
        abort(404)
    return send_stored(row)


@bp.route("/p/<program_slug>/welcome/preview")
@program_view(Role.COORDINATOR)
def preview_welcome(program: Program):
    audience = _audience()
    locale = request.args.get("lang", "en")
    shown = services.content(program, audience, locale if locale in services.LOCALES
                             else "en")  # fmt: skip
    return render_template("onboarding/welcome/show.html", program=program, content=shown,
                           preview=True, audience=audience)  # fmt: skip


@bp.route("/p/<program_slug>/welcome/edit", methods=["GET", "POST"])
@accepts_upload
@program_view(Role.COORDINATOR)
def edit_welcome(program: Program):
    chosen = _audience()
    saved = services.contents(program, chosen)
    form = WelcomeForm()
    if request.method == "GET":
        for locale, row in saved.items():
            _fill(form[locale].form, row)
    if form.validate_on_submit():
        checked = _checked_files(form)
        if checked is not None:
            to_remove = _save(program, chosen, form, checked)
            db.session.commit()
            storage.remove(to_remove)
            flash(_("The welcome page for %(who)s is saved.", who=chosen.label), "success")
            return redirect(
                url_for("welcome.edit_welcome", program_slug=program.slug, audience=chosen.value)
            )
    status = 422 if request.method == "POST" else 200
    return render_template(
        "onboarding/welcome/edit.html",
        program=program,
        form=form,
        audience=chosen,
        saved=saved,
        audiences=list(Audience),
    ), status


def _fill(block, row: WelcomeContent) -> None:
    block.title.data, block.text.data = row.title, row.text
    block.video_url.data, block.agenda.data = row.video_url, row.agenda


def _checked_files(form: WelcomeForm) -> dict | None:
    """locale -> the checked new file (or None); None when a file was refused (its error is
    next to its field, and everything typed stays)."""
    found, refused = {}, False
    for locale in services.LOCALES:
        field = form[locale].form.file
        try:
            found[locale] = read_file_field(field.data, FilePurpose.WELCOME)
        except Refused as why:
            field.errors = [*field.errors, refusal_text(why.reason)]
            refused = True
    return None if refused else found


def _save(program: Program, audience: Audience, form: WelcomeForm, checked: dict) -> list[str]:
    """Each language with a title; returns the stored names to remove after the commit."""
    to_remove: list[str] = []
    for locale in services.LOCALES:
        block = form[locale].form
        if not block.title.data:
            continue
        given = services.ContentInput(
            block.title.data,
            block.text.data or "",
            block.video_url.data or "",
            block.agenda.data or "",
        )
        row = services.save_content(program, audience, locale, given, current_user)
        old = row.file
        if checked[locale] is not None:
            row.file = files.store(program, None, FilePurpose.WELCOME, checked[locale],
                                   current_user).file  # fmt: skip
        elif block.remove_file.data:
            row.file = None
        if old is not None and row.file is not old:
            to_remove += files.remove(old)
    return to_remove


@bp.app_template_global("welcome_paragraphs")
def welcome_paragraphs(text: str) -> list[str]:
    return services.paragraphs(text or "")
