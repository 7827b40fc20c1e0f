"""Absolute links for emails, always built on BASE_URL.

Never from the request's Host header: a forged Host would otherwise put an
attacker's address into password-reset emails (host header poisoning).
"""

from flask import current_app, url_for


def email_link(endpoint: str, **values) -> str:
    base_url = current_app.config["BASE_URL"].rstrip("/")
    with current_app.test_request_context("/", base_url=base_url):
        return url_for(endpoint, _external=True, **values)
