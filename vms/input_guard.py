"""Refuse input no browser form sends: NUL characters.

PostgreSQL cannot store NUL in text, so one such character would otherwise
end in a database error; a clear 400 is the honest answer.
"""

from flask import Flask, abort, request
from werkzeug.routing import IntegerConverter


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_characters() -> None:
        if (
            "\x00" in request.path
            or _has_nul(request.args.values())
            or (request.method == "POST" and _has_nul(request.form.values()))
        ):
            abort(400)


class DatabaseIdConverter(IntegerConverter):
    """``<int:...>`` limited to what an INTEGER column can hold: larger ids are a 404."""

    def __init__(self, map, *args, **kwargs):  # noqa: A002 (werkzeug's signature)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(map, *args, **kwargs)


def install_converters(app: Flask) -> None:
    """Must run before any route is registered."""
    app.url_map.converters["int"] = DatabaseIdConverter
