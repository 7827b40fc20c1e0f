"""Answering from an email: a signed link names the invitation; a GET shows a confirmation
page and only a POST records the answer, so mail scanners that follow links answer for nobody.

The link signs the invitation's own random key with the person and the meeting, never just
a row id: SQLite gives a deleted row's id to the next row, and a mentor swapped off a team
must not answer, with his old email, for the one who took his place.
"""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from vms.extensions import db
from vms.scheduling.models import Invitee

#: A new salt: links of the id-only format (salt "vms-rsvp") no longer verify.
_SALT = "vms-rsvp-invitation-key"


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def token_for(invitee: Invitee) -> str:
    """The link's token; the invitee must be flushed (its key is given on insert)."""
    if invitee.rsvp_key is None:
        raise ValueError("an invitee gets its RSVP key when it is flushed")
    return _signer().dumps([invitee.meeting_id, invitee.user_id, invitee.rsvp_key])


def invitee_for_token(token: str) -> Invitee | None:
    """The invitation the link was sent for, if it still exists and is still that person's."""
    if len(token) > 200:
        return None
    try:
        signed = _signer().loads(token)
    except BadSignature:
        return None
    if not (isinstance(signed, list) and len(signed) == 3 and isinstance(signed[2], str)):
        return None
    meeting_id, user_id, key = signed
    invitee = db.session.scalar(select(Invitee).where(Invitee.rsvp_key == key))
    if invitee is None or (invitee.meeting_id, invitee.user_id) != (meeting_id, user_id):
        return None
    return invitee
