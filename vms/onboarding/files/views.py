"""Upload, replace, remove and serve a venture's files; serve a program's welcome file.

Two ways in, as for the profile itself: signed in (founders and coordinators act; the mentors
of the venture's published team may look), and the founders' private link.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from vms.auth.policy import program_view
from vms.cohorts.models import Program, Venture
from vms.database import now_utc
from vms.extensions import db
from vms.onboarding.files import bp, services, storage
from vms.onboarding.files.checking import Refused
from vms.onboarding.files.limits import accepts_upload, too_large_page
from vms.onboarding.files.models import FilePurpose
from vms.onboarding.files.uploads import read_file_field, refusal_text, send_stored
from vms.screening.ventures import services as ventures

PURPOSES = "any(logo, pitch_deck, one_pager)"

bp.register_error_handler(413, too_large_page)


# -- a venture's files, signed in ---------------------------------------------------------------


def _venture_to_edit(program: Program, venture_id: int) -> Venture:
    found = ventures.venture_for_founder_or_coordinator(program, venture_id, current_user, g.roles)
    return found or abort(404)


def _profile_of(program: Program, venture: Venture) -> str:
    if any(f.user_id == current_user.id for f in venture.founders):
        return url_for("screening.my_venture_profile", program_slug=program.slug,
                       venture_id=venture.id)  # fmt: skip
    return url_for("screening.show_venture", program_slug=program.slug, venture_id=venture.id)


@bp.route("/p/<program_slug>/ventures/<int:venture_id>/files/<int:file_id>")
@program_view()
def show_file(program: Program, venture_id: int, file_id: int):
    venture = ventures.venture_in_program(program, venture_id) or abort(404)
    row = services.file_in_program(program, file_id)
    if row is None or row.venture_id != venture.id:
        abort(404)
    if not services.may_see_venture(venture, current_user, g.roles):
        abort(404)
    return send_stored(row)


@bp.route(f"/p/<program_slug>/ventures/<int:venture_id>/files/<{PURPOSES}:purpose>",
          methods=["POST"])  # fmt: skip
@accepts_upload
@program_view()
def upload_file(program: Program, venture_id: int, purpose: str):
    venture = _venture_to_edit(program, venture_id)
    return upload(
        program, venture, FilePurpose(purpose), _profile_of(program, venture), current_user
    )


@bp.route(f"/p/<program_slug>/ventures/<int:venture_id>/files/<{PURPOSES}:purpose>/remove",
          methods=["POST"])  # fmt: skip
@program_view()
def remove_file(program: Program, venture_id: int, purpose: str):
    venture = _venture_to_edit(program, venture_id)
    return remove(venture, FilePurpose(purpose), _profile_of(program, venture))


# -- a venture's files, by the founders' private link -------------------------------------------


def _venture_by_link(token: str) -> Venture:
    venture = ventures.venture_for_token(token)
    if venture is None or not venture.link_is_live(now_utc()):
        abort(404)  # the profile page itself explains an expired link
    return venture


@bp.route(f"/ventures/<token>/files/<{PURPOSES}:purpose>")
def by_link_show_file(token: str, purpose: str):
    """By purpose, not id: the link names the venture, and its file of each purpose is one."""
    row = services.venture_file(_venture_by_link(token), FilePurpose(purpose))
    return send_stored(row or abort(404))


@bp.route(f"/ventures/<token>/files/<{PURPOSES}:purpose>", methods=["POST"])
@accepts_upload
def by_link_upload_file(token: str, purpose: str):
    venture = _venture_by_link(token)
    program = db.session.get(Program, venture.program_id)
    return upload(program, venture, FilePurpose(purpose),
                  url_for("screening.venture_profile", token=token), user=None)  # fmt: skip


@bp.route(f"/ventures/<token>/files/<{PURPOSES}:purpose>/remove", methods=["POST"])
def by_link_remove_file(token: str, purpose: str):
    venture = _venture_by_link(token)
    return remove(venture, FilePurpose(purpose), url_for("screening.venture_profile", token=token))


# -- the shared steps ---------------------------------------------------------------------------


def upload(program: Program, venture: Venture, purpose: FilePurpose, back: str, user):
    try:
        checked = read_file_field(request.files.get("file"), purpose)
        if checked is None:
            raise Refused("empty")
    except Refused as refused:
        flash(_("%(what)s not saved: %(why)s", what=purpose.label,
                why=refusal_text(refused.reason)), "error")  # fmt: skip
        return redirect(back)
    stored = services.store(program, venture, purpose, checked, user)
    try:
        db.session.commit()
    except IntegrityError:  # a second upload at the same moment won; keep it
        db.session.rollback()
        storage.remove([stored.file.stored_name])
        flash(_("Another upload was saved at the same moment. Look at it below."), "notice")
        return redirect(back)
    storage.remove(stored.to_remove)
    flash(_("%(what)s saved.", what=purpose.label), "success")
    return redirect(back)


def remove(venture: Venture, purpose: FilePurpose, back: str):
    row = services.venture_file(venture, purpose)
    if row is None:  # a second click: already gone
        flash(_("%(what)s was already removed.", what=purpose.label), "notice")
        return redirect(back)
    names = services.remove(row)
    db.session.commit()
    storage.remove(names)
    flash(_("%(what)s removed.", what=purpose.label), "success")
    return redirect(back)


@bp.app_template_global("venture_files_of")
def venture_files_of(venture_ids: list[int]) -> dict:
    """venture id -> its file rows, for the ventures of a page at once (My teams)."""
    from vms.onboarding.files.panel import shown_rows

    return shown_rows(venture_ids)
