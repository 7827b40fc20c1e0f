"""Reading an uploaded file from a request, the sentences for a refusal, and sending a stored
file back: shared by the venture files' views and the welcome pages' views."""

from __future__ import annotations

import io

from flask import abort, send_file

from vms.i18n import lazy_gettext as _l
from vms.onboarding.files import services, storage
from vms.onboarding.files.checking import Refused
from vms.onboarding.files.limits import megabytes
from vms.onboarding.files.models import FilePurpose, StoredFile

REFUSALS = {
    "empty": _l("Choose a file to upload."),
    "too_large": _l("The file is larger than %(n)d MB."),
    "image_only": _l("A logo or photo must be an image (PNG, JPEG, GIF or WebP)."),
    "pdf_only": _l("This document must be a PDF."),
    "not_allowed": _l("This file is not an image or a PDF we can read, whatever its name "
                      "says. Upload a PNG, JPEG, GIF, WebP or PDF."),
    "bomb": _l("This image has far too many pixels. Save it at a smaller size."),
    "bad_image": _l("This image could not be read."),
    "bad_pdf": _l("This PDF could not be read. Export it again and upload the new file."),
    "encrypted_pdf": _l("This PDF is protected by a password. Upload one without protection."),
    "active_pdf": _l("This PDF contains scripts or actions, which we do not accept. Export or "
                     "print it to a plain PDF and upload that."),
}  # fmt: skip


def refusal_text(reason: str) -> str:
    return (
        str(REFUSALS[reason]) % {"n": megabytes()}
        if reason == "too_large"
        else str(REFUSALS[reason])
    )


def read_file_field(upload, purpose: FilePurpose):
    """The checked file of an upload (raises ``Refused``); None when no file was chosen."""
    if upload is None or not getattr(upload, "filename", ""):
        return None
    limit = megabytes() * 1024 * 1024
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise Refused("too_large")
    return services.check(purpose, data, upload.filename)


def send_stored(row: StoredFile):
    """The bytes with the type we decided; PDFs download, in a sandbox if opened anyway."""
    try:
        # Read whole (at most UPLOAD_MAX_BYTES): no file handle outlives the request.
        with open(storage.path_of(row.stored_name), "rb") as stored:
            content = stored.read()
    except FileNotFoundError:
        abort(404)
    response = send_file(io.BytesIO(content), mimetype=row.content_type,
                         as_attachment=not row.is_image, download_name=row.display_name,
                         etag=row.sha256, max_age=0)  # fmt: skip
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response
