"""The documents panel of a venture's profile: each purpose, its file and where to act on it.

The same panel serves the founders' link page and the signed-in pages (founders and
coordinators); only the addresses differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for

from vms.cohorts.models import Program, Venture
from vms.onboarding.files import services
from vms.onboarding.files.models import VENTURE_PURPOSES, FilePurpose, StoredFile


@dataclass(frozen=True)
class FileRow:
    purpose: FilePurpose
    file: StoredFile | None
    view_url: str | None
    upload_url: str
    remove_url: str | None
    #: What the file input accepts (a hint to the browser; the content decides).
    accept: str


def _accept(purpose: FilePurpose) -> str:
    return (
        "image/png,image/jpeg,image/gif,image/webp" if purpose.takes_images else "application/pdf"
    )


def _view_url(prefix: str, stored: StoredFile, purpose: FilePurpose, where: dict) -> str:
    if "token" in where:  # by purpose; the version in the query so a new file is fetched anew
        return url_for(prefix + "show_file", purpose=purpose.value, v=stored.sha256[:12], **where)
    return url_for(prefix + "show_file", file_id=stored.id, **where)


def rows_for(venture: Venture, *, program: Program | None = None, token: str | None = None
             ) -> list[FileRow]:  # fmt: skip
    """For the signed-in pages give ``program``; for the founders' link page, ``token``."""
    if token is not None:
        where: dict = {"token": token}
        prefix = "files.by_link_"
    else:
        where = {"program_slug": program.slug, "venture_id": venture.id}
        prefix = "files."
    return _rows(services.files_of(venture), where, prefix)


def _rows(found: dict, where: dict, prefix: str) -> list[FileRow]:
    rows = []
    for purpose in VENTURE_PURPOSES:
        stored = found.get(purpose)
        rows.append(FileRow(
            purpose, stored,
            _view_url(prefix, stored, purpose, where) if stored else None,
            url_for(prefix + "upload_file", purpose=purpose.value, **where),
            url_for(prefix + "remove_file", purpose=purpose.value, **where) if stored else None,
            _accept(purpose),
        ))  # fmt: skip
    return rows


def shown_rows(venture_ids: list[int]) -> dict[int, list[FileRow]]:
    """For the template global ``venture_files_of``: the signed-in rows of the current
    program's ventures, read in one statement."""
    from flask import g

    found = services.files_of_ventures(g.program, venture_ids)
    return {vid: _rows(found[vid], {"program_slug": g.program.slug, "venture_id": vid}, "files.")
            for vid in venture_ids}  # fmt: skip
