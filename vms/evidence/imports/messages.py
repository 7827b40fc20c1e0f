"""What the import pages say about each problem (``rows`` names them by code)."""

from __future__ import annotations

from vms.evidence.imports.rows import MAX_ROWS, FileProblem, RowProblem
from vms.i18n import lazy_gettext as _l

ROW_PROBLEMS = {
    RowProblem.MISSING_NAME: _l("The name is missing."),
    RowProblem.MISSING_EMAIL: _l("The email address is missing."),
    RowProblem.BAD_EMAIL: _l("This does not look like an email address."),
    RowProblem.DUPLICATE_IN_FILE: _l("An earlier row of the file has the same entry."),
    RowProblem.ALREADY_MEMBER: _l("Already a mentor of this cohort."),
    RowProblem.ALREADY_INVITED: _l(
        "Already invited to this cohort; resend the invitation instead."
    ),
    RowProblem.NO_COHORT: _l("No cohort: name one in the row, or choose one for the file."),
    RowProblem.UNKNOWN_COHORT: _l("The program has no cohort of this name."),
    RowProblem.MISSING_VENTURE: _l("The venture's name is missing."),
    RowProblem.VENTURE_EXISTS: _l("The program already has a venture of this name."),
    RowProblem.UNKNOWN_STAGE: _l("The stage is one of idea, pre_revenue, revenue, growth."),
    RowProblem.UNKNOWN_NEED: _l("An area is not one of the program's need areas."),
    RowProblem.BAD_STRENGTH: _l("Give each area a strength from 1 to 5, as in “Sales: 2”."),
    RowProblem.TOO_LONG: _l("Too long, or more than one line."),
}


def file_problem(problem: FileProblem, detail: str) -> str:
    """Why the whole file was refused; ``detail`` names the missing columns (file text, so
    it is interpolated into a plain string, never into a lazy one)."""
    texts = {
        FileProblem.NOT_UTF8: _l("The file is not UTF-8 text. Save it as “CSV UTF-8” and "
                                 "upload it again."),
        FileProblem.EMPTY: _l("The file has no rows under its header."),
        FileProblem.TOO_LARGE: _l("The file is larger than 1 MB."),
        FileProblem.TOO_MANY_ROWS: _l("The file has more than %(n)d rows: split it.", n=MAX_ROWS),
        FileProblem.NOT_CSV: _l("The file cannot be read as CSV."),
        FileProblem.MISSING_COLUMNS: _l("The header lacks these columns:"),
    }  # fmt: skip
    text = str(texts[problem])
    return f"{text} {detail}" if detail else text
