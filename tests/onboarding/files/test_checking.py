"""Files are judged by their content, never by their name (pure: no app)."""

import io

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from tests.onboarding.files.conftest import pdf_bytes, png_bytes, zip_bytes
from vms.onboarding.files import checking
from vms.onboarding.files.checking import Refused, check_upload

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><script>alert(document.cookie)</script></html>"


def _refused(data: bytes, name: str, images=True, pdfs=True) -> str:
    with pytest.raises(Refused) as refused:
        check_upload(data, name, images=images, pdfs=pdfs)
    return refused.value.reason


def test_html_named_png_svg_and_zip_named_pdf_are_refused_by_content():
    assert _refused(HTML, "logo.png") == "not_allowed"
    assert _refused(SVG, "logo.svg") == "not_allowed"
    assert _refused(zip_bytes(), "deck.pdf") == "not_allowed"
    # A logo takes images only; a deck takes PDFs only.
    assert _refused(pdf_bytes(), "logo.png", pdfs=False) == "image_only"
    assert _refused(png_bytes(), "deck.pdf", images=False) == "pdf_only"
    assert _refused(b"", "empty.png") == "empty"


def test_a_jpeg_is_reencoded_without_its_exif_and_named_for_what_it_is():
    sent = png_bytes(exif=True, fmt="JPEG")
    assert Image.open(io.BytesIO(sent)).getexif()  # the test's file really carries EXIF
    checked = check_upload(sent + b"<script>x</script>", "../../etc/My Logo.png", images=True,
                           pdfs=False)  # fmt: skip
    kept = Image.open(io.BytesIO(checked.content))
    assert kept.format == "JPEG" and not kept.getexif() and "exif" not in kept.info
    assert checked.content_type == "image/jpeg" and checked.display_name == "My Logo.jpg"
    assert b"<script>" not in checked.content and b"SpyCam" not in checked.content


def test_a_png_stays_png_and_a_large_one_is_capped():
    checked = check_upload(png_bytes((3000, 1500)), "wide.gif", images=True, pdfs=False)
    image = Image.open(io.BytesIO(checked.content))
    assert image.format == "PNG" and image.size == (1600, 800)
    assert checked.display_name == "wide.png" and checked.content_type == "image/png"


def test_a_decompression_bomb_is_refused(monkeypatch):
    # Lowered so the test's own "bomb" stays small: 1,000 × 1,000 against a limit of 200,000.
    monkeypatch.setattr(checking, "MAX_PIXELS", 200_000)
    assert _refused(png_bytes((1000, 1000)), "bomb.png") == "bomb"


def _pdf_with(extra: dict | None = None, password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    if extra:
        writer._root_object.update(extra)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_plain_pdf_passes_as_sent():
    sent = pdf_bytes()
    checked = check_upload(sent, "deck.PDF", images=False, pdfs=True)
    assert checked.content == sent and checked.content_type == "application/pdf"
    assert checked.display_name == "deck.pdf"


def test_encrypted_javascript_and_launch_pdfs_are_refused():
    assert _refused(_pdf_with(password="s3cret"), "deck.pdf") == "encrypted_pdf"
    script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                               NameObject("/JS"): TextStringObject("app.alert(1)")})  # fmt: skip
    assert _refused(_pdf_with({NameObject("/OpenAction"): script}), "deck.pdf") == "active_pdf"
    launch = DictionaryObject({NameObject("/S"): NameObject("/Launch"),
                               NameObject("/F"): TextStringObject("calc.exe")})  # fmt: skip
    assert _refused(_pdf_with({NameObject("/OpenAction"): launch}), "deck.pdf") == "active_pdf"


def test_a_pdf_that_does_not_parse_is_refused():
    assert _refused(b"%PDF-1.7\n this is not a pdf at all", "deck.pdf") == "bad_pdf"
    assert _refused(pdf_bytes()[:200], "deck.pdf") == "bad_pdf"
