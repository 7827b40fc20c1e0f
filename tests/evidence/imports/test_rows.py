"""Reading and checking an import file, without an app."""

from __future__ import annotations

import pytest

from vms.evidence.imports.rows import (
    FileProblem,
    FileRefused,
    ImportKind,
    Known,
    Need,
    RowProblem,
    check_rows,
    parse_needs,
    read_table,
)

KNOWN = Known(
    cohorts={"spring": 1, "otoño": 2},
    need_areas={"fundraising": "Fundraising", "sales": "Sales"},
    mentors=frozenset({("member@example.org", 1)}),
    invited=frozenset({("invited@example.org", 1)}),
    ventures=frozenset({"old venture"}),
)


def problems(rows) -> list[list[RowProblem]]:
    return [row.problems for row in rows]


def test_a_byte_order_mark_and_semicolons_are_read_as_excel_writes_them():
    data = "\ufeffname;email;cohort\r\nJosé Núñez;JOSE@example.org;Otoño\r\n".encode()
    assert read_table(data, ImportKind.MENTORS) == [
        {"name": "José Núñez", "email": "JOSE@example.org", "cohort": "Otoño"}
    ]


def test_commas_quotes_and_a_missing_optional_column():
    data = b'Email,Name\n"a@example.org","Smith, Ann"\n\n'
    assert read_table(data, ImportKind.MENTORS) == [
        {"name": "Smith, Ann", "email": "a@example.org"}
    ]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"name,email\n", FileProblem.EMPTY),
        (b"name,cohort\nAna,Spring\n", FileProblem.MISSING_COLUMNS),
        ("name,email\nJosé,j@example.org\n".encode("latin-1"), FileProblem.NOT_UTF8),
        (b"x" * (1024 * 1024 + 1), FileProblem.TOO_LARGE),
        (("name,email\n" + "a,a@example.org\n" * 2001).encode(), FileProblem.TOO_MANY_ROWS),
    ],
)
def test_a_file_that_cannot_be_imported_is_refused_whole(data, problem):
    with pytest.raises(FileRefused) as refused:
        read_table(data, ImportKind.MENTORS)
    assert refused.value.problem is problem


def test_the_missing_columns_are_named():
    with pytest.raises(FileRefused) as refused:
        read_table(b"venture,cohort\nX,Spring\n", ImportKind.VENTURES)
    assert refused.value.detail == "founder_email, founder_name"


def test_each_mentor_row_gets_its_own_problems():
    table = [
        {"name": "Ana", "email": "ana@example.org", "cohort": "Spring"},  # valid
        {"name": "", "email": "not-an-address", "cohort": "Spring"},  # two problems
        {"name": "Ana again", "email": "ANA@example.org", "cohort": "Spring"},  # same address
        {"name": "Mem", "email": "member@example.org", "cohort": "spring"},
        {"name": "Inv", "email": "invited@example.org", "cohort": "Spring"},
        {"name": "Lost", "email": "lost@example.org", "cohort": "Winter"},
        {"name": "Nowhere", "email": "nowhere@example.org", "cohort": ""},
        {"name": "Inv elsewhere", "email": "invited@example.org", "cohort": "Otoño"},  # valid
    ]
    rows = check_rows(ImportKind.MENTORS, table, KNOWN)
    assert problems(rows) == [
        [], [RowProblem.MISSING_NAME, RowProblem.BAD_EMAIL], [RowProblem.DUPLICATE_IN_FILE],
        [RowProblem.ALREADY_MEMBER], [RowProblem.ALREADY_INVITED], [RowProblem.UNKNOWN_COHORT],
        [RowProblem.NO_COHORT], [],
    ]  # fmt: skip
    assert [row.line for row in rows] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert rows[1].columns == ["name", "email"]
    assert rows[0].cohort_id == 1 and rows[7].cohort_id == 2


def test_an_empty_cohort_takes_the_files_cohort():
    known = Known(cohorts={"spring": 1}, need_areas={}, default_cohort=1)
    rows = check_rows(ImportKind.MENTORS, [{"name": "A", "email": "a@example.org"}], known)
    assert rows[0].is_valid and rows[0].cohort_id == 1


def test_each_venture_row_gets_its_own_problems():
    base = {"venture": "Solar Café", "founder_name": "Ana", "founder_email": "ana@example.org"}
    table = [
        {**base, "needs": "Fundraising: 2; sales:5", "stage": "Pre-revenue"},  # valid
        {**base, "venture": "solar café"},  # the same name again
        {**base, "venture": "Old Venture", "stage": "unicorn"},
        {**base, "venture": "Needy", "needs": "Magic: 2; Sales: 9"},
        {"venture": "", "founder_name": "", "founder_email": ""},
        {**base, "venture": "Fine", "cohort": "Winter"},
    ]
    rows = check_rows(ImportKind.VENTURES, table, KNOWN)
    assert problems(rows) == [
        [], [RowProblem.DUPLICATE_IN_FILE],
        [RowProblem.VENTURE_EXISTS, RowProblem.UNKNOWN_STAGE],
        [RowProblem.UNKNOWN_NEED, RowProblem.BAD_STRENGTH],
        [RowProblem.MISSING_VENTURE, RowProblem.MISSING_NAME, RowProblem.MISSING_EMAIL],
        [RowProblem.UNKNOWN_COHORT],
    ]  # fmt: skip
    assert rows[0].cohort_id is None  # a venture may have no cohort


def test_needs_are_areas_with_a_strength():
    areas = {"fundraising": "Fundraising", "sales": "Sales"}
    assert parse_needs("fundraising: 2, Sales:4", areas) == (
        [Need("Fundraising", 2), Need("Sales", 4)],
        [],
    )
    assert parse_needs("Sales", areas) == ([], [RowProblem.BAD_STRENGTH])
    assert parse_needs("", areas) == ([], [])


def test_a_multi_line_name_and_an_overlong_cell_are_refused():
    table = [{"name": "Ana\nBel", "email": "a@example.org", "cohort": "Spring"},
             {"name": "x" * 301, "email": "b@example.org", "cohort": "Spring"}]  # fmt: skip
    assert problems(check_rows(ImportKind.MENTORS, table, KNOWN)) == [
        [RowProblem.TOO_LONG],
        [RowProblem.TOO_LONG],
    ]
