"""The agreement's printable evidence as a PDF (pure: fpdf2, no Flask, no database).

The page carries the text, the one-page plan, every signature with its evidence, the text's
SHA-256, the audit trail and the verification code (printed, and as a QR code). The code is
also written into the PDF's keywords, so ``verify`` can read it back from a sealed copy.
DejaVu Sans (vendored in ``vms/data/fonts``, Bitstream Vera licence) is embedded so Spanish,
Greek, Cyrillic and most Latin names print; fpdf2 subsets it to the glyphs used.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from vms.agreements.document import AgreementDocument, Section, SignatureEvidence

FAMILY = "DejaVu"
#: Written into the PDF's keywords; ``verify.code_in`` reads it back.
CODE_KEYWORD = "vms-verification-code:"
QR_SIZE_MM = 32
LINE_MM = 5

#: Every label the PDF prints; the caller passes translated ones in ``document.labels``.
DEFAULT_LABELS = {
    "version": "Version",
    "status": "Status",
    "issued_at": "Issued",
    "text_sha256": "SHA-256 of the text",
    "agreement": "Agreement",
    "plan": "One-page plan",
    "signatures": "Signatures",
    "no_signatures": "No one has signed yet.",
    "name": "Name",
    "typed_name": "Typed name",
    "party": "Party",
    "signed_at": "Signed",
    "ip_address": "IP address",
    "user_agent": "User agent",
    "superseded": "Superseded: signed an earlier version of the text",
    "trail": "Audit trail",
    "when": "When",
    "what": "What",
    "who": "Who",
    "verification": "Verification",
    "verification_code": "Verification code",
    "verify_at": "Check this document at",
    "verify_hint": (
        "The PDF is sealed by this installation: a PDF reader shows whether it changed since it "
        "was issued. Upload it, or type the code, on the verification page."
    ),
    "page": "Page",
}


def render(document: AgreementDocument) -> bytes:
    """The agreement as PDF bytes, ready to be sealed."""
    labels = {**DEFAULT_LABELS, **document.labels}
    pdf = _AgreementPdf(document, labels)
    _write_head(pdf, document, labels)
    _write_sections(pdf, labels["agreement"], document.sections)
    if document.plan:
        pdf.add_page()
        _write_sections(pdf, labels["plan"], document.plan)
    _write_signatures(pdf, document, labels)
    _write_trail(pdf, document, labels)
    _write_verification(pdf, document, labels)
    return bytes(pdf.output())


def moment(at: datetime, zone: str) -> str:
    """A time in UTC with the reader's zone named beside it, e.g. for the trail."""
    utc = at.astimezone(UTC)
    text = utc.strftime("%Y-%m-%d %H:%M:%S UTC")
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return text
    if zone.upper() in ("UTC", "ETC/UTC"):
        return text
    return f"{text} ({at.astimezone(tz).strftime('%Y-%m-%d %H:%M')} {zone})"


class _AgreementPdf(FPDF):
    def __init__(self, document: AgreementDocument, labels: dict[str, str]) -> None:
        super().__init__(format="A4")
        self._footer_text = f"{document.title} · {document.verification_code}"
        self._page_label = labels["page"]
        fonts = resources.files("vms").joinpath("data/fonts")
        with resources.as_file(fonts) as folder:
            self.add_font(FAMILY, "", str(folder / "DejaVuSans.ttf"))
            self.add_font(FAMILY, "B", str(folder / "DejaVuSans-Bold.ttf"))
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_title(document.title)
        self.set_subject(document.program)
        self.set_author(document.program)
        self.set_creator("VMS")
        self.set_keywords(CODE_KEYWORD + document.verification_code)
        self.set_lang(document.language)
        self.set_creation_date(document.issued_at.astimezone(UTC))
        self.alias_nb_pages()
        self.add_page()

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(90)
        page = f"{self._page_label} {self.page_no()}/{{nb}}"
        self.cell(0, 5, f"{self._footer_text} · {page}", align="C")
        self.set_text_color(0)

    def paragraph(self, text: str, size: float = 10, bold: bool = False) -> None:
        """Text over the full width; long lines wrap, long words break, pages break."""
        self.set_font(FAMILY, "B" if bold else "", size)
        self.multi_cell(0, LINE_MM, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str, size: float = 13) -> None:
        # Keep a heading with at least a few lines of what follows it.
        if self.will_page_break(LINE_MM * 4):
            self.add_page()
        self.ln(3)
        self.paragraph(text, size=size, bold=True)
        self.ln(1)

    def field(self, label: str, value: str) -> None:
        self.paragraph(f"{label}: {value}", size=9)


def _write_head(pdf: _AgreementPdf, document: AgreementDocument, labels: dict[str, str]) -> None:
    pdf.paragraph(document.program, size=11)
    pdf.paragraph(document.title, size=17, bold=True)
    pdf.ln(2)
    pdf.field(labels["version"], str(document.version))
    pdf.field(labels["status"], document.status)
    pdf.field(labels["issued_at"], moment(document.issued_at, document.zone))
    pdf.field(labels["text_sha256"], document.text_sha256)
    pdf.field(labels["verification_code"], document.verification_code)


def _write_sections(pdf: _AgreementPdf, title: str, sections: tuple[Section, ...]) -> None:
    pdf.heading(title, size=14)
    for section in sections:
        pdf.heading(section.heading, size=11)
        pdf.paragraph(section.body)


def _write_signatures(
    pdf: _AgreementPdf, document: AgreementDocument, labels: dict[str, str]
) -> None:
    pdf.heading(labels["signatures"], size=14)
    if not document.signatures:
        pdf.paragraph(labels["no_signatures"])
    for signature in document.signatures:
        _write_signature(pdf, signature, document.zone, labels)


def _write_signature(
    pdf: _AgreementPdf, signature: SignatureEvidence, zone: str, labels: dict[str, str]
) -> None:
    pdf.heading(f"{signature.name} — {signature.party}", size=10)
    if signature.superseded:
        pdf.paragraph(labels["superseded"], size=9, bold=True)
    pdf.field(labels["name"], signature.name)
    pdf.field(labels["typed_name"], signature.typed_name)
    pdf.field(labels["party"], signature.party)
    pdf.field(labels["signed_at"], moment(signature.signed_at, zone))
    pdf.field(labels["ip_address"], signature.ip_address)
    pdf.field(labels["user_agent"], signature.user_agent)
    pdf.field(labels["text_sha256"], signature.text_sha256)


def _write_trail(pdf: _AgreementPdf, document: AgreementDocument, labels: dict[str, str]) -> None:
    if not document.trail:
        return
    pdf.heading(labels["trail"], size=14)
    pdf.set_font(FAMILY, "", 8)
    heads = (labels["when"], labels["what"], labels["who"], labels["ip_address"],
             labels["user_agent"])  # fmt: skip
    with pdf.table(col_widths=(34, 20, 32, 24, 64), text_align="LEFT", line_height=4) as table:
        table.row(heads)
        for entry in document.trail:
            table.row((moment(entry.at, document.zone), entry.what, entry.who,
                       entry.ip_address, entry.user_agent))  # fmt: skip


def _write_verification(
    pdf: _AgreementPdf, document: AgreementDocument, labels: dict[str, str]
) -> None:
    if pdf.will_page_break(QR_SIZE_MM + LINE_MM * 6):
        pdf.add_page()
    pdf.heading(labels["verification"], size=14)
    top = pdf.get_y()
    pdf.image(qr_png(document.verification_url), x=pdf.l_margin, y=top, w=QR_SIZE_MM,
              alt_text=document.verification_url)  # fmt: skip
    pdf.set_left_margin(pdf.l_margin + QR_SIZE_MM + 6)
    pdf.set_xy(pdf.l_margin, top)
    pdf.field(labels["verification_code"], document.verification_code)
    pdf.field(labels["verify_at"], document.verification_url)
    pdf.ln(1)
    pdf.paragraph(labels["verify_hint"], size=9)
    pdf.set_left_margin(pdf.l_margin - QR_SIZE_MM - 6)
    pdf.set_y(max(pdf.get_y(), top + QR_SIZE_MM))


def qr_png(url: str) -> io.BytesIO:
    """The QR code of ``url`` as PNG bytes in memory (segno needs no imaging library)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=2)
    out.seek(0)
    return out
