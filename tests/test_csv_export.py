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


def test_numbers_are_not_taken_for_formulas():
    assert safe_cell(-3) == "-3" and safe_cell(-0.5) == "-0.5"
    assert safe_cell("-3") == "'-3"


def test_a_download_starts_with_a_byte_order_mark_and_reads_back(app):
    from vms.csv_export import csv_response

    with app.test_request_context():
        response = csv_response("x.csv", ["name"], [["Peña"], ["=cmd"]])
    body = response.get_data().decode("utf-8")
    assert body.startswith("\ufeff") and response.mimetype == "text/csv"
    assert 'filename="x.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))
    assert rows == [["name"], ["Peña"], ["'=cmd"]]
