"""Coordinators import mentors and ventures: upload, preview, confirm."""

from __future__ import annotations

from contextlib import closing

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from vms.auth.models import Role
from vms.auth.policy import program_view
from vms.cohorts.models import Program
from vms.csv_export import csv_response
from vms.database import now_utc
from vms.evidence.imports import bp, services
from vms.evidence.imports.forms import ConfirmForm, UploadForm
from vms.evidence.imports.messages import ROW_PROBLEMS, file_problem
from vms.evidence.imports.models import BatchStatus, ImportMode
from vms.evidence.imports.rows import HEADERS, FileRefused, ImportKind
from vms.extensions import db

_BASE = "/p/<program_slug>/evidence/import"


@bp.route(_BASE, methods=["GET", "POST"])
@program_view(Role.COORDINATOR)
def upload_import(program: Program):
    form = UploadForm(program)
    if form.validate_on_submit():
        cohort = next((c for c in program.cohorts if c.id == form.cohort.data), None)
        upload = form.document.data
        with closing(upload):  # a large upload is spooled to a temporary file: let it go now
            data = upload.read()
        try:
            kind = ImportKind(form.kind.data)
            batch = services.start_batch(
                program, kind, cohort, upload.filename or "", data, current_user
            )
        except FileRefused as refused:
            form.document.errors.append(file_problem(refused.problem, refused.detail))
        else:
            db.session.commit()
            return redirect(url_for("evidence_imports.preview_import", program_slug=program.slug,
                                    batch_id=batch.id))  # fmt: skip
    status = 400 if request.method == "POST" else 200
    return render_template("evidence/imports/upload.html", program=program, form=form,
                           headers=HEADERS, kinds=ImportKind), status  # fmt: skip


@bp.route(f"{_BASE}/template.csv")
@program_view(Role.COORDINATOR)
def import_template(program: Program):
    chosen = request.args.get("kind", "")
    kind = ImportKind(chosen) if chosen in {k.value for k in ImportKind} else ImportKind.MENTORS
    return csv_response(f"{kind.value}-import-template.csv", *services.template_table(kind))


def _batch_or_404(program: Program, batch_id: int):
    return services.batch_in_program(program, batch_id) or abort(404)


def _render_preview(program: Program, batch, form: ConfirmForm, status: int = 200):
    valid = sum(1 for row in batch.rows if row.is_valid)
    return render_template(
        "evidence/imports/preview.html", program=program, batch=batch, form=form,
        columns=[c for c in HEADERS[batch.kind] if any(c in r.cells for r in batch.rows)],
        valid=valid, invalid=len(batch.rows) - valid, state=batch.state(now_utc()),
        states=BatchStatus, row_problems={p.value: text for p, text in ROW_PROBLEMS.items()},
    ), status  # fmt: skip


@bp.route(f"{_BASE}/<int:batch_id>")
@program_view(Role.COORDINATOR)
def preview_import(program: Program, batch_id: int):
    return _render_preview(program, _batch_or_404(program, batch_id), ConfirmForm())


@bp.route(f"{_BASE}/<int:batch_id>/confirm", methods=["POST"])
@program_view(Role.COORDINATOR)
def confirm_import(program: Program, batch_id: int):
    batch = _batch_or_404(program, batch_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _render_preview(program, batch, form, 400)
    here = url_for("evidence_imports.preview_import", program_slug=program.slug, batch_id=batch_id)
    try:
        result = services.confirm(program, batch, ImportMode(form.mode.data), current_user)
    except services.AlreadyImported:
        flash(_("This file was already imported; nothing was imported again."), "error")
    except services.BatchExpired:
        flash(_("This preview has expired. Upload the file again."), "error")
    except services.RowsInvalid as refused:
        flash(ngettext("Nothing was imported: %(num)d row has problems. Correct it, or import "
                       "the valid rows only.", "Nothing was imported: %(num)d rows have "
                       "problems. Correct them, or import the valid rows only.",
                       refused.invalid), "error")  # fmt: skip
    else:
        db.session.commit()
        flash(ngettext("%(num)d row imported; each person is invited by email.",
                       "%(num)d rows imported; each person is invited by email.",
                       result.imported), "success")  # fmt: skip
    return redirect(here)
