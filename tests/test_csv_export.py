import csv
import io

from vms.csv_export import safe_cell, to_csv


def test_formula_cells_are_defused_and_the_rest_kept():
    assert safe_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    for start in "+-@":
        assert safe_cell(start + "1").startswith("'")
    assert safe_cell("plain, with comma") == "plain, with comma"
    assert safe_cell(None) == "" and safe_cell(5) == "5"


def test_csv_round_trips_through_a_reader():
    text = to_csv(["name", "note"], [["Ann", 'says "hi", twice\nnew line'], ["=1+1", None]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["name", "note"], ["Ann", 'says "hi", twice\nnew line'], ["'=1+1", ""]]
