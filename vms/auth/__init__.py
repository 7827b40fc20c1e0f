"""Accounts, sign-in, password reset, roles and memberships, and the access policy."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from vms.auth import views  # noqa: E402,F401
