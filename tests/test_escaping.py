"""User data interpolated into translated text is escaped in pages (issue 9, finding 2).

Flask-Babel's lazy strings declare themselves HTML, so a coordinator's expertise area or rubric
criterion named with markup reached the public venture application and the scorecard raw.
"""

from __future__ import annotations

import ast
from pathlib import Path

from markupsafe import escape

from tests.conftest import Auth
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.screening.mentors import rubric
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind

PLANTED = '<meta http-equiv="refresh" content="0;url=https://evil.example/">'
LINK = '<a href="https://evil.example/">click</a>'
VMS = Path(__file__).resolve().parent.parent / "vms"
#: Widgets build HTML like WTForms' own, every value escaped (read the module before adding).
#: The only modules that build Markup: the select widget (every value escaped as WTForms does),
#: the QR code (segno escapes its title; the rest is path data) and the kept program bar (an
#: autoescaped template's own output).
BUILDS_MARKUP = {Path("form_fields.py"), Path("peer/events/qr.py"), Path("site/navigation.py")}


def test_a_lazy_translation_escapes_what_it_was_filled_with(app):
    with app.test_request_context():
        label = _l("Notes on %(criterion)s", criterion=PLANTED)
        assert str(label) == f"Notes on {PLANTED}"  # text stays text (emails, CSV, logs)
        assert "<meta" not in escape(label) and "&lt;meta" in escape(label)


def test_an_expertise_area_named_with_markup_is_text_on_the_public_venture_form(app, world):
    program = world["A"].program
    taxonomy.add_term(program, TaxonomyKind.EXPERTISE, PLANTED)
    db.session.commit()
    page = app.test_client().get(f"/p/{program.slug}/apply/venture").get_data(as_text=True)
    assert "We want help with" in page
    assert PLANTED not in page and "&lt;meta http-equiv" in page


def test_a_rubric_criterion_named_with_markup_is_text_on_the_scorecard(app, world):
    a = world["A"]
    rubric.add_criterion(a.program, LINK, "")
    db.session.commit()
    client = app.test_client()
    Auth(client).login(as_=a.coordinator)
    page = client.get(f"/p/{a.program.slug}/screening/interviews/{a.interview_id}/score")
    text = page.get_data(as_text=True)
    assert "Notes on" in text
    assert LINK not in text and "&lt;a href=" in text


def test_no_module_takes_flask_babels_lazy_gettext_directly():
    """The safe way is the only way: every ``_l`` comes from vms.i18n."""
    offenders = []
    for path in VMS.rglob("*.py"):
        if path.name == "i18n.py" and path.parent == VMS:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flask_babel"):
                names = {alias.name for alias in node.names}
                if names & {"lazy_gettext", "lazy_ngettext", "lazy_pgettext", "LazyString"}:
                    offenders.append(str(path.relative_to(VMS)))
            builds_markup = isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Markup"
            if builds_markup and path.relative_to(VMS) not in BUILDS_MARKUP:
                offenders.append(f"{path.relative_to(VMS)}: Markup(...)")
    assert offenders == []


def test_the_qr_code_escapes_its_title():
    from vms.peer.events.qr import qr_svg

    svg = str(qr_svg("https://vms.example/p/x/peer/events/1/mine", 'Your <b>schedule</b> & "q"'))
    assert svg.startswith("<svg") and "<b>" not in svg and "&lt;b&gt;schedule" in svg
