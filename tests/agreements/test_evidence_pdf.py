"""The agreement's PDF (vms.agreements.pdf): parsed back, its texts, hash and code are there.

No PDF text extractor is installed, so ``pdf_text`` reads the pages' text through pyHanko's
reader: each line is one ``Tj`` of glyph ids, mapped back by the font's ToUnicode map.
"""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pyhanko.pdf_utils.reader import PdfFileReader

from vms.agreements import pdf
from vms.agreements.document import AgreementDocument, Section, SignatureEvidence, TrailEntry

SIGNED_AT = datetime(2026, 11, 30, 15, 0, tzinfo=UTC)
TEXT_SHA = "5f2b" * 16
OLD_SHA = "0a1b" * 16
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131"


def sample_document(**changes) -> AgreementDocument:
    document = AgreementDocument(
        program="Programa de Mentoría Peña",
        title="Peer mentoring agreement: María Núñez · Pat Peer",
        version=2,
        status="Active",
        sections=(
            Section("What the member seeks", "Help with pricing and the first hire."),
            Section("Boundaries", "No calls after 8 pm.\nNo financial interest in the venture."),
        ),
        plan=(
            Section("Goals for three years", "A shop in every town."),
            Section("Milestones for the next six months", "Open the second shop by June."),
        ),
        text_sha256=TEXT_SHA,
        signatures=(
            SignatureEvidence(
                "Member",
                "María Núñez",
                "María Núñez",
                SIGNED_AT,
                "203.0.113.7",
                USER_AGENT,
                TEXT_SHA,
            ),
            SignatureEvidence(
                "Peer mentor",
                "Pat Peer",
                "Pat Peer",
                SIGNED_AT - timedelta(days=3),
                "2001:db8::1",
                "curl/8.0",
                OLD_SHA,
                superseded=True,
            ),
        ),  # fmt: skip
        trail=(
            TrailEntry(SIGNED_AT - timedelta(days=5), "created", "Cora Coordinator"),
            TrailEntry(SIGNED_AT, "signed", "María Núñez", "203.0.113.7", USER_AGENT),
        ),
        verification_code="K7QZ4M2XPA9D",
        verification_url="https://vms.example.org/verify/K7QZ4M2XPA9D",
        issued_at=SIGNED_AT,
        zone="America/New_York",
        language="es",
    )
    return replace(document, **changes)


def _unescape(literal: bytes) -> bytes:
    """A PDF literal string's bytes (fpdf2 escapes backslash, parentheses and CR)."""
    out, i = bytearray(), 0
    simple = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(literal):
        byte = literal[i]
        if byte != 0x5C:
            out.append(byte)
            i += 1
            continue
        octal = re.match(rb"[0-7]{1,3}", literal[i + 1 : i + 4])
        if octal:
            out.append(int(octal.group(), 8) & 0xFF)
            i += 1 + len(octal.group())
        else:
            out.append(simple.get(literal[i + 1], literal[i + 1]))
            i += 2
    return bytes(out)


def _to_unicode(font) -> dict[int, str]:
    cmap = font["/ToUnicode"].data.decode("latin-1")
    mapping = {}
    for glyph, text in re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>\s*$", cmap, re.M):
        mapping[int(glyph, 16)] = bytes.fromhex(text).decode("utf-16-be")
    return mapping


TEXT_OPS = re.compile(rb"/(F\d+)\s+[\d.]+\s+Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.DOTALL)


def pages(data: bytes) -> list:
    reader = PdfFileReader(io.BytesIO(data))
    return [kid.get_object() for kid in reader.root["/Pages"]["/Kids"]]


def page_lines(page) -> list[str]:
    fonts = {name: _to_unicode(page["/Resources"]["/Font"][name]) for name in
             page["/Resources"]["/Font"]}  # fmt: skip
    lines, current = [], None
    for match in TEXT_OPS.finditer(page["/Contents"].data):
        if match.group(1):
            current = fonts["/" + match.group(1).decode()]
            continue
        raw = _unescape(match.group(2))
        ids = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
        lines.append("".join(current.get(glyph, "\ufffd") for glyph in ids))
    return lines


def pdf_text(data: bytes) -> str:
    return "\n".join(line for page in pages(data) for line in page_lines(page))


def squeezed(text: str) -> str:
    """Without whitespace: a phrase wrapped over two lines still matches."""
    return re.sub(r"\s+", "", text)


def assert_prints(data: bytes, *phrases: str) -> None:
    text = squeezed(pdf_text(data))
    for phrase in phrases:
        assert squeezed(phrase) in text, phrase


def test_the_pdf_carries_text_plan_signatures_hash_trail_and_code():
    data = pdf.render(sample_document())

    assert data.startswith(b"%PDF-")
    assert_prints(
        data, "Programa de Mentoría Peña", "Peer mentoring agreement: María Núñez · Pat Peer",
        "Version: 2", "Status: Active", "What the member seeks", "Help with pricing",
        "No financial interest in the venture.", "One-page plan", "A shop in every town.",
        "Open the second shop by June.", f"SHA-256 of the text: {TEXT_SHA}",
        "Typed name: María Núñez", "Party: Peer mentor", "IP address: 2001:db8::1",
        f"User agent: {USER_AGENT}", OLD_SHA, "Audit trail", "Cora Coordinator",
        "Verification code: K7QZ4M2XPA9D", "https://vms.example.org/verify/K7QZ4M2XPA9D",
    )  # fmt: skip


def test_only_the_superseded_signature_is_marked_superseded():
    document = sample_document()
    text = pdf_text(pdf.render(document))
    assert text.count("Superseded") == 1
    # The mark follows the peer mentor's heading, not the member's.
    assert text.index("Pat Peer — Peer mentor") < text.index("Superseded")
    assert text.index("María Núñez — Member") < text.index("Pat Peer — Peer mentor")

    none_superseded = document.signatures[:1]
    assert "Superseded" not in pdf_text(pdf.render(replace(document, signatures=none_superseded)))


def test_times_are_in_utc_with_the_readers_zone_named_beside():
    data = pdf.render(sample_document())

    assert_prints(data, "Signed: 2026-11-30 15:00:00 UTC (2026-11-30 10:00 America/New_York)")
    assert pdf.moment(SIGNED_AT, "UTC") == "2026-11-30 15:00:00 UTC"
    assert pdf.moment(SIGNED_AT, "Not/AZone") == "2026-11-30 15:00:00 UTC"


def test_spanish_and_other_scripts_survive():
    names = "Ñandú Muñoz-Güell ¿Qué? ¡Sí! Ζωή Ιωάννου Сергей Іванович ÅØÆ œ ß"
    document = sample_document(
        sections=(Section("Límites y confidencialidad", f"Acordado por {names}."),)
    )

    text = pdf_text(pdf.render(document))

    assert f"Acordado por {names}." in text
    assert "Límites y confidencialidad" in text
    assert "\ufffd" not in text


def test_a_glyph_the_font_lacks_does_not_stop_the_pdf():
    document = sample_document(title="Agreement: 李小龙 · Pat")
    assert pdf.render(document).startswith(b"%PDF-")


def test_long_texts_wrap_and_break_across_pages():
    paragraph = "Both parties keep what is said in their meetings confidential. " * 12
    endless_word = "x" * 400
    sections = tuple(Section(f"Clause {n}", paragraph) for n in range(1, 13))
    document = sample_document(sections=(*sections, Section("A long word", endless_word)))

    data = pdf.render(document)

    shown = pages(data)
    assert len(shown) >= 4
    lines = [line for page in shown for line in page_lines(page)]
    # 174 mm of A4 between the margins holds about 100 characters at 10 pt.
    assert max(len(line) for line in lines) < 120
    assert_prints(data, "Clause 12", paragraph, endless_word)
    assert "Page 1/" in pdf_text(data)


def test_labels_from_the_caller_replace_the_english_ones():
    labels = {"signatures": "Firmas", "typed_name": "Nombre escrito", "page": "Página"}

    text = pdf_text(pdf.render(sample_document(labels=labels)))

    assert "Firmas" in text and "Nombre escrito: María Núñez" in text and "Página 1/" in text
    assert "Signatures" not in text and "Typed name" not in text


def test_the_code_is_in_the_metadata_and_the_qr_code_is_an_image():
    data = pdf.render(sample_document())

    reader = PdfFileReader(io.BytesIO(data))
    info = reader.trailer["/Info"]
    assert str(info["/Keywords"]) == pdf.CODE_KEYWORD + "K7QZ4M2XPA9D"
    assert str(info["/Title"]) == "Peer mentoring agreement: María Núñez · Pat Peer"
    last = pages(data)[-1]
    images = [name for name, ref in last["/Resources"]["/XObject"].items()
              if ref.get_object()["/Subtype"] == "/Image"]  # fmt: skip
    assert len(images) == 1
    assert b"Do" in last["/Contents"].data
    assert pdf.qr_png("https://vms.example.org/verify/X").read(8) == b"\x89PNG\r\n\x1a\n"


def test_an_agreement_nobody_signed_says_so():
    document = sample_document(signatures=(), trail=())
    text = pdf_text(pdf.render(document))
    assert "No one has signed yet." in text
    assert "Audit trail" not in text
