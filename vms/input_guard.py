"""Refuse input no browser form sends: NUL characters, and form fields over the size limit.

PostgreSQL cannot store NUL in text, so one such character would otherwise
end in a database error; a clear 400 is the honest answer. A field larger than
``MAX_FORM_MEMORY_SIZE`` is a 413, like a request larger than ``MAX_CONTENT_LENGTH``.
"""

from flask import Flask, Request, abort, current_app, request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.routing import IntegerConverter

URLENCODED = "application/x-www-form-urlencoded"


class FieldLimitedFormParser(FormDataParser):
    """Holds ``MAX_FORM_MEMORY_SIZE`` for urlencoded fields as well as multipart ones.

    Werkzeug 3.1.9 stopped applying the limit to urlencoded bodies (it reads them whole, so
    it cannot stop early); without this, any field up to ``MAX_CONTENT_LENGTH`` passed.
    """

    def parse(self, stream, mimetype, content_length, options=None):
        parsed = super().parse(stream, mimetype, content_length, options)
        limit = self.max_form_memory_size
        if mimetype == URLENCODED and limit is not None:
            _stream, form, _files = parsed
            for name, value in form.items(multi=True):
                if max(len(name.encode()), len(value.encode())) > limit:
                    raise RequestEntityTooLarge()
        return parsed


class GuardedRequest(Request):
    form_data_parser_class = FieldLimitedFormParser

    @property
    def max_content_length(self) -> int | None:
        """A view marked ``accepts_upload`` (vms/onboarding/files/limits.py) takes a file up to
        ``UPLOAD_MAX_BYTES``; decided here, because the CSRF check reads the form first."""
        view = current_app.view_functions.get(self.endpoint) if self.endpoint else None
        if self._max_content_length is None and getattr(view, "accepts_upload", False):
            return (
                current_app.config["UPLOAD_MAX_BYTES"] + current_app.config["MAX_FORM_MEMORY_SIZE"]
            )
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def init_app(app: Flask) -> None:
    # At parse time, so the limit holds whoever reads the form first (the CSRF check does).
    app.request_class = GuardedRequest

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
