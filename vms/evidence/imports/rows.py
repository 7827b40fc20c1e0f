"""Reading an uploaded CSV of mentors or ventures and checking each row: pure, typed.

Bytes in, rows out, each with the problems that keep it from being imported. What the
program already holds (its cohorts, need areas, members, open invitations, ventures) comes
in as ``Known``, so the same checks run at the preview and again at the confirmation.
Problems are codes; the pages translate them.
"""

from __future__ import annotations

import csv
import enum
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

#: Larger uploads are refused before they are read (a program imports a cohort, not a city).
MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
#: A cell longer than this is refused (names, addresses and titles are short).
MAX_CELL = 300


class ImportKind(enum.Enum):
    MENTORS = "mentors"
    VENTURES = "ventures"


#: The header of each kind's file, in the order of the downloadable template.
HEADERS: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.MENTORS: ("name", "email", "cohort"),
    ImportKind.VENTURES: (
        "venture", "founder_name", "founder_email", "cohort", "stage", "website",
        "description", "goal", "needs",
    ),
}  # fmt: skip
#: Columns a file must have (the others may be left out).
REQUIRED: dict[ImportKind, frozenset[str]] = {
    ImportKind.MENTORS: frozenset({"name", "email"}),
    ImportKind.VENTURES: frozenset({"venture", "founder_name", "founder_email"}),
}
STAGES = ("idea", "pre_revenue", "revenue", "growth")
#: Cells that hold long text; every other cell is one line of at most MAX_CELL characters.
LONG_CELLS = frozenset({"description", "goal", "needs"})


class FileProblem(enum.Enum):
    """Why a whole file is refused (nothing is shown row by row)."""

    NOT_UTF8 = "not_utf8"
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    TOO_MANY_ROWS = "too_many_rows"
    MISSING_COLUMNS = "missing_columns"
    NOT_CSV = "not_csv"


class RowProblem(enum.Enum):
    MISSING_NAME = "missing_name"
    MISSING_EMAIL = "missing_email"
    BAD_EMAIL = "bad_email"
    DUPLICATE_IN_FILE = "duplicate_in_file"
    ALREADY_MEMBER = "already_member"
    ALREADY_INVITED = "already_invited"
    NO_COHORT = "no_cohort"
    UNKNOWN_COHORT = "unknown_cohort"
    MISSING_VENTURE = "missing_venture"
    VENTURE_EXISTS = "venture_exists"
    UNKNOWN_STAGE = "unknown_stage"
    UNKNOWN_NEED = "unknown_need"
    BAD_STRENGTH = "bad_strength"
    TOO_LONG = "too_long"


class FileRefused(Exception):
    def __init__(self, problem: FileProblem, detail: str = ""):
        super().__init__(f"{problem.value}: {detail}" if detail else problem.value)
        self.problem, self.detail = problem, detail


@dataclass(frozen=True)
class Known:
    """What the program holds, with names and addresses in lower case."""

    #: cohort name -> id
    cohorts: dict[str, int]
    #: need area name -> the area's name as the program spells it
    need_areas: dict[str, str]
    #: (email, cohort id) of the people who are mentors of that cohort
    mentors: frozenset[tuple[str, int]] = frozenset()
    #: (email, cohort id) of the open mentor invitations
    invited: frozenset[tuple[str, int]] = frozenset()
    ventures: frozenset[str] = frozenset()
    #: The cohort of rows whose cohort cell is empty (the one chosen on upload), if any.
    default_cohort: int | None = None


@dataclass
class CheckedRow:
    #: The line of the file (the header is line 1), for the coordinator to find it.
    line: int
    values: dict[str, str]
    problems: list[RowProblem] = field(default_factory=list)
    #: The column each problem is about (same order as ``problems``).
    columns: list[str] = field(default_factory=list)
    cohort_id: int | None = None

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def refuse(self, problem: RowProblem, column: str) -> None:
        self.problems.append(problem)
        self.columns.append(column)


def read_table(data: bytes, kind: ImportKind) -> list[dict[str, str]]:
    """The rows of the file as column -> text (UTF-8 with or without a byte-order mark;
    comma- or semicolon-separated, as Excel writes it where the decimal mark is a comma)."""
    if len(data) > MAX_BYTES:
        raise FileRefused(FileProblem.TOO_LARGE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(FileProblem.NOT_UTF8) from error
    if "\x00" in text:
        raise FileRefused(FileProblem.NOT_CSV)
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        raise FileRefused(FileProblem.EMPTY)
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = [row for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        raise FileRefused(FileProblem.NOT_CSV) from error
    header = [cell.strip().lower() for cell in table[0]]
    missing = sorted(REQUIRED[kind] - set(header))
    if missing:
        raise FileRefused(FileProblem.MISSING_COLUMNS, ", ".join(missing))
    if len(table) - 1 > MAX_ROWS:
        raise FileRefused(FileProblem.TOO_MANY_ROWS)
    wanted = [name for name in HEADERS[kind] if name in header]
    return [{name: _cell(row, header.index(name)) for name in wanted} for row in table[1:]]


def _cell(row: Sequence[str], index: int) -> str:
    return row[index].strip() if index < len(row) else ""


def check_rows(kind: ImportKind, table: list[dict[str, str]], known: Known) -> list[CheckedRow]:
    """Each row with its problems; a row repeating an earlier one (the same address and
    cohort, or for ventures the same name) is refused as a duplicate within the file."""
    rows = [CheckedRow(line=n + 2, values=values) for n, values in enumerate(table)]
    seen: set[str] = set()
    for row in rows:
        _check_lengths(row)
        row.cohort_id = _cohort(row, known, required=kind is ImportKind.MENTORS)
        if kind is ImportKind.MENTORS:
            key, column = _check_mentor(row, known), "email"
        else:
            key, column = _check_venture(row, known), "venture"
        if key and key in seen:
            row.refuse(RowProblem.DUPLICATE_IN_FILE, column)
        seen.add(key)
    return rows


def _check_lengths(row: CheckedRow) -> None:
    for name, value in row.values.items():
        too_long = len(value) > (5000 if name in LONG_CELLS else MAX_CELL)
        if too_long or (name not in LONG_CELLS and ("\n" in value or "\r" in value)):
            row.refuse(RowProblem.TOO_LONG, name)


def _cohort(row: CheckedRow, known: Known, required: bool) -> int | None:
    name = row.values.get("cohort", "")
    if not name:
        if known.default_cohort is None and required:
            row.refuse(RowProblem.NO_COHORT, "cohort")
        return known.default_cohort
    found = known.cohorts.get(name.lower())
    if found is None:
        row.refuse(RowProblem.UNKNOWN_COHORT, "cohort")
    return found


def _email(row: CheckedRow, column: str) -> str:
    """The address in lower case, or "" after refusing the row."""
    value = row.values.get(column, "")
    if not value:
        row.refuse(RowProblem.MISSING_EMAIL, column)
        return ""
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        row.refuse(RowProblem.BAD_EMAIL, column)
        return ""
    return value.lower()


def _check_mentor(row: CheckedRow, known: Known) -> str:
    """The row's key: one invitation per address and cohort (two cohorts are two rows)."""
    if not row.values.get("name"):
        row.refuse(RowProblem.MISSING_NAME, "name")
    email = _email(row, "email")
    if email and row.cohort_id is not None:
        if (email, row.cohort_id) in known.mentors:
            row.refuse(RowProblem.ALREADY_MEMBER, "email")
        elif (email, row.cohort_id) in known.invited:
            row.refuse(RowProblem.ALREADY_INVITED, "email")
    return f"{email} {row.cohort_id}" if email else ""


def _check_venture(row: CheckedRow, known: Known) -> str:
    name = row.values.get("venture", "")
    if not name:
        row.refuse(RowProblem.MISSING_VENTURE, "venture")
    elif name.lower() in known.ventures:
        row.refuse(RowProblem.VENTURE_EXISTS, "venture")
    if not row.values.get("founder_name"):
        row.refuse(RowProblem.MISSING_NAME, "founder_name")
    _email(row, "founder_email")
    stage = stage_of(row.values.get("stage", ""))
    if stage and stage not in STAGES:
        row.refuse(RowProblem.UNKNOWN_STAGE, "stage")
    _check_needs(row, known)
    return name.lower()


@dataclass(frozen=True)
class Need:
    area: str
    #: How strong the venture is in the area today, 1 (weak) to 5.
    strength: int


def parse_needs(text: str, need_areas: dict[str, str]) -> tuple[list[Need], list[RowProblem]]:
    """``"Fundraising: 2; Sales: 3"``: the areas the venture wants help with, each with its
    strength today (1–5), as in the application's self-assessment."""
    needs, problems = [], []
    for part in (p.strip() for p in text.replace(",", ";").split(";")):
        if not part:
            continue
        area, colon, strength = part.rpartition(":")
        if not colon:
            area, strength = part, ""
        area, strength = area.strip(), strength.strip()
        name = need_areas.get(area.lower())
        if name is None:
            problems.append(RowProblem.UNKNOWN_NEED)
        elif not strength.isdigit() or not 1 <= int(strength) <= 5:
            problems.append(RowProblem.BAD_STRENGTH)
        else:
            needs.append(Need(name, int(strength)))
    return needs, problems


def _check_needs(row: CheckedRow, known: Known) -> None:
    _needs, problems = parse_needs(row.values.get("needs", ""), known.need_areas)
    for problem in dict.fromkeys(problems):  # one of each kind is enough to say
        row.refuse(problem, "needs")


def stage_of(text: str) -> str | None:
    """The stage value (one of STAGES) a valid row's cell names, or None when it is empty."""
    stage = text.lower().replace("-", "_").replace(" ", "_")
    return stage or None
