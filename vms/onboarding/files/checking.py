"""What an uploaded file really is, decided by its content. Pure: no Flask, no database.

The name and the browser's content type are the sender's claims, so neither is read here.
Images are decoded with Pillow and re-encoded from their pixels alone (PNG, or JPEG for
photos): EXIF, comments, ICC chunks and anything appended after the image are dropped, so
nothing active survives. PDFs are parsed with pypdf and refused when they do not parse, are
encrypted, or carry JavaScript or actions that launch or import something.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

#: The longest side of a re-encoded image, in pixels (a logo or a photo needs no more).
MAX_SIDE = 1600
#: Pillow refuses to decode more pixels than this (a decompression bomb).
MAX_PIXELS = 40_000_000
#: Images Pillow may open: the formats people upload as logos and photos.
IMAGE_FORMATS = ("PNG", "JPEG", "GIF", "WEBP")
#: PDF names that run or fetch something when the file is opened.
ACTIVE_PDF_KEYS = {"/JS", "/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMedia",
                   "/EmbeddedFile", "/GoToE"}  # fmt: skip
#: How many PDF objects the scan visits at most: a deck has far fewer.
MAX_PDF_OBJECTS = 200_000


class Refused(Exception):
    """The file is not one we take; ``reason`` is a key the view turns into a sentence."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    #: Is it an image (shown inline) or a PDF.
    is_image: bool
    #: The name shown to people: the sender's, cleaned, with the extension of what it is.
    display_name: str
    sha256: str


def check_upload(data: bytes, claimed_name: str, *, images: bool, pdfs: bool) -> CheckedFile:
    """The file made safe to serve, or ``Refused`` ("empty", "image_only", "pdf_only",
    "not_allowed", "bomb", "bad_image", "bad_pdf", "encrypted_pdf", "active_pdf")."""
    if not data:
        raise Refused("empty")
    if data.startswith(b"%PDF-"):
        if not pdfs:
            raise Refused("image_only")
        return _checked(check_pdf(data), "application/pdf", False, claimed_name, "pdf")
    if not images:
        raise Refused("pdf_only" if pdfs else "not_allowed")
    content, kind = reencode_image(data)
    return _checked(content, f"image/{kind}", True, claimed_name, "jpg" if kind == "jpeg" else kind)


def _checked(content: bytes, content_type: str, is_image: bool, name: str, ext: str):
    sha = hashlib.sha256(content).hexdigest()
    return CheckedFile(content, content_type, is_image, display_name(name, ext), sha)


def reencode_image(data: bytes) -> tuple[bytes, str]:
    """(new bytes, "png" or "jpeg"): photos stay JPEG, everything else becomes PNG."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = _opened(data)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as bomb:
        raise Refused("bomb") from bomb
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as broken:
        raise Refused("not_allowed") from broken
    is_photo = image.format == "JPEG"
    image = _flattened(image, keep_alpha=not is_photo)
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if is_photo:
        image.save(out, "JPEG", quality=85, optimize=True)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue(), "jpeg" if is_photo else "png"


def _opened(data: bytes) -> Image.Image:
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # per call: a test may lower it, nothing else keeps it
    try:
        image = Image.open(io.BytesIO(data), formats=IMAGE_FORMATS)
        image.load()  # decode every pixel now: a truncated file fails here, not when served
        return image
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def _flattened(image: Image.Image, keep_alpha: bool) -> Image.Image:
    """A new image from the pixels alone (the first frame of an animation)."""
    image.seek(0)
    mode = (
        "RGBA"
        if keep_alpha and ("A" in image.getbands() or "transparency" in image.info)
        else "RGB"
    )
    return image.convert(mode)


def check_pdf(data: bytes) -> bytes:
    """The PDF as sent, once it parses, is not encrypted and holds nothing active."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=True)
            if reader.is_encrypted:
                raise Refused("encrypted_pdf")
            if len(reader.pages) == 0:
                raise Refused("bad_pdf")
            if _has_active_content(reader):
                raise Refused("active_pdf")
    except Refused:
        raise
    except Exception as broken:  # pypdf raises many kinds on a broken file
        raise Refused("bad_pdf") from broken
    if b"/JavaScript" in data or b"/JS" in data or b"/Launch" in data:
        # Also in streams the walk does not open (object streams are walked; this is the net).
        raise Refused("active_pdf")
    return data


def _has_active_content(reader: PdfReader) -> bool:
    """Walk every object reachable from the trailer, looking for an active key."""
    seen: set[tuple[int, int]] = set()
    todo: list = [reader.trailer]
    while todo:
        if len(seen) > MAX_PDF_OBJECTS:
            raise PdfReadError("too many objects")
        item = todo.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if any(str(k) in ACTIVE_PDF_KEYS for k in item):
                return True
            if item.get("/S") in ("/JavaScript", "/Launch", "/ImportData", "/SubmitForm"):
                return True
            todo.extend(item.values())
        elif isinstance(item, ArrayObject):
            todo.extend(item)
    return False


def display_name(claimed: str, ext: str) -> str:
    """The sender's name without any path, control characters or odd punctuation, ending in
    the extension of what the file turned out to be."""
    base = re.split(r"[\\/]", claimed or "")[-1]
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w .()-]+", "_", stem, flags=re.UNICODE).strip(" ._")[:80]
    return f"{stem or 'file'}.{ext}"
