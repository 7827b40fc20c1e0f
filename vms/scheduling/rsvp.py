"""Answering from an email: a signed link names the invitee; a GET shows a confirmation page
and only a POST records the answer, so mail scanners that follow links answer for nobody."""

from __future__ import annotations

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from vms.extensions import db
from vms.scheduling.models import Invitee

_SALT = "vms-rsvp"


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def token_for(invitee: Invitee) -> str:
    return _signer().dumps(invitee.id)


def invitee_for_token(token: str) -> Invitee | None:
    if len(token) > 200:
        return None
    try:
        invitee_id = _signer().loads(token)
    except BadSignature:
        return None
    if not isinstance(invitee_id, int) or not 0 < invitee_id < 2**31:
        return None
    return db.session.get(Invitee, invitee_id)
