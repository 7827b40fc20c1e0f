"""A coordinator downloads an export, then imports mentors from a file with valid and invalid
rows: the preview shows each row's problems next to it, the valid rows go in on
confirmation, and their invitations arrive. axe finds nothing serious on the import pages."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.browser.test_accessibility import assert_accessible, axe  # noqa: F401 (a fixture)
from tests.support import link_in

try:
    from playwright.sync_api import expect
except ImportError:  # the ``browser`` fixture skips, or fails in CI, saying why
    expect = None

pytestmark = pytest.mark.browser

COORDINATOR = "coordinator@demo.vms.example"
COHORT = "Ventures — Spring 2027"
NEW = ("noemi.import@example.org", "ramon.import@example.org")
FILE = (
    "\ufeffname;email;cohort\n"  # as Excel saves "CSV UTF-8" where the decimal mark is a comma
    f"Noemí Ibáñez;{NEW[0]};\n"
    "Sin Correo;;\n"
    "Mal Correo;not-an-email;\n"
    f"Ramón Ugarte;{NEW[1]};{COHORT}\n"
    "Perdida;perdida@example.org;No such cohort\n"
)


def test_export_then_import_mentors_who_are_invited(
    contexts,
    sign_in,
    smtp,
    axe,  # noqa: F811 (the axe fixture)
):
    page = contexts.new_page()
    sign_in(page, COORDINATOR)
    page.goto("/p/demo/cohorts")

    # The people of the program, as a spreadsheet reads them.
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Export CSV").click()
    text = Path(downloading.value.path()).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["name", "email", "role", "cohorts", "member_since"]
    assert [COORDINATOR, "coordinator"] in [row[1:3] for row in rows]

    page.get_by_role("link", name="Import mentors or ventures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import mentors or ventures")
    assert_accessible(axe, page)

    # No file chosen: refused, the choices kept.
    page.get_by_label("What the file lists").select_option(label="Ventures")
    page.get_by_label("Cohort").select_option(label=COHORT)
    page.get_by_role("button", name="Upload and preview").click()
    # Next to the field, and listed at the top of the form with a link to it.
    expect(page.locator("#document-error")).to_have_text("Choose the CSV file to import.")
    expect(page.locator(".error-summary").get_by_role("link", name="CSV file")).to_be_visible()
    expect(page.get_by_label("What the file lists")).to_have_value("ventures")
    assert_accessible(axe, page)

    page.get_by_label("What the file lists").select_option(label="Mentors")
    page.get_by_label("CSV file").set_input_files(
        {"name": "mentores.csv", "mimeType": "text/csv", "buffer": FILE.encode()}
    )
    page.get_by_role("button", name="Upload and preview").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import preview")
    expect(page.get_by_text("2 valid rows")).to_be_visible()
    expect(page.get_by_text("3 rows with problems")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="not-an-email")
    expect(row).to_contain_text("This does not look like an email address.")
    row = page.get_by_role("row").filter(has_text="Perdida")
    expect(row).to_contain_text("The program has no cohort of this name.")
    expect(page.get_by_role("row").filter(has_text="Noemí Ibáñez")).to_contain_text("Valid")
    assert smtp.to(NEW[0]) == []  # nothing happens before the confirmation
    assert_accessible(axe, page)

    page.get_by_label("Import the valid rows, leave the others out").check()
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("status")).to_contain_text("2 rows imported")
    expect(page.get_by_text("Imported 2 rows")).to_be_visible()
    for address in NEW:
        assert "/invitations/" in link_in(smtp.last_to(address), "/invitations/")
    assert smtp.to("perdida@example.org") == []
