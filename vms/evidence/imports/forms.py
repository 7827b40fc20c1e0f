"""The upload and the confirmation of an import."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import RadioField, SelectField
from wtforms.fields.choices import SelectChoice

from vms.cohorts.models import Program
from vms.evidence.imports.models import ImportMode
from vms.evidence.imports.rows import ImportKind
from vms.form_fields import optional_int
from vms.i18n import lazy_gettext as _l


class UploadForm(FlaskForm):
    kind = SelectField(_l("What the file lists"), validate_choice=True)
    cohort = SelectField(
        _l("Cohort"), coerce=optional_int, validate_choice=True,
        description=_l("For the rows whose cohort column is empty."),
    )  # fmt: skip
    document = FileField(
        _l("CSV file"),
        description=_l("UTF-8, separated by commas or semicolons, at most 1 MB."),
        validators=[FileRequired(message=_l("Choose the CSV file to import."))],
    )

    def __init__(self, program: Program, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [SelectChoice(ImportKind.MENTORS.value, _l("Mentors")),
                             SelectChoice(ImportKind.VENTURES.value, _l("Ventures"))]  # fmt: skip
        self.cohort.choices = [SelectChoice("", _l("No cohort")),
                               *(SelectChoice(c.id, c.name) for c in program.cohorts)]  # fmt: skip


class ConfirmForm(FlaskForm):
    mode = RadioField(
        _l("Which rows"),
        choices=[SelectChoice(ImportMode.VALID_ROWS.value,
                              _l("Import the valid rows, leave the others out")),
                 SelectChoice(ImportMode.ALL_OR_NOTHING.value,
                              _l("All or nothing: import only if every row is valid"))],
        default=ImportMode.VALID_ROWS.value, validate_choice=True,
    )  # fmt: skip
