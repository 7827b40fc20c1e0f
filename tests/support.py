"""Test plumbing shared by fixtures: a real SMTP sink, free ports, CI strictness, the SQL a
block runs."""

from __future__ import annotations

import email
import email.policy
import http.cookiejar
import os
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from typing import TypeVar

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import event

from vms.extensions import db

T = TypeVar("T")

IN_CI = os.environ.get("CI") == "true"
#: A secret key production mode accepts (16+ characters, not the development key).
PRODUCTION_KEY = "a-production-secret-key-for-tests"


def skip_or_fail(reason: str) -> None:
    """Outside CI a missing component skips; in CI it fails, so nothing is silently untested."""
    if IN_CI:
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    # aiosmtpd's Controller(port=0) does not work: pick a free port first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Collector:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"


class SmtpSink:
    """A real SMTP server on 127.0.0.1 that keeps what it receives.

    Web requests only write the outbox; the scheduler's delivery loop sends it within seconds.
    A test reads the mailbox as a person would, a little later: ``dispatcher`` (the app fixture
    sets it to the real dispatcher, ``vms.mail.delivery.deliver_all``) runs first.
    """

    def __init__(self) -> None:
        self.port = free_port()
        self._collector = _Collector()
        self._controller = Controller(self._collector, hostname="127.0.0.1", port=self.port)
        self.dispatcher: Callable[[], object] | None = None

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()

    def _dispatch(self) -> None:
        if self.dispatcher is not None:
            self.dispatcher()

    @property
    def messages(self) -> list[Message]:
        self._dispatch()
        return self.received

    @property
    def received(self) -> list[Message]:
        """What the server holds now, without running the dispatcher."""
        with self._collector.lock:
            return list(self._collector.messages)

    def clear(self) -> None:
        """Forget what was sent (and what was due, delivered first, as before the change)."""
        self._dispatch()
        with self._collector.lock:
            self._collector.messages.clear()

    def to(self, address: str) -> list[Message]:
        return [m for m in self.messages if m["To"] == address]

    def last_to(self, address: str) -> Message:
        found = self.to(address)
        assert found, f"no email to {address}; got {[m['To'] for m in self.messages]}"
        return found[-1]


def text_of(message: Message) -> str:
    return message.get_body(("plain",)).get_content()


def link_in(message: Message, path_part: str) -> str:
    """The first link in the email's text that contains ``path_part``, as a path."""
    match = re.search(r"https?://[^/\s]+(\S*?" + re.escape(path_part) + r"\S*)", text_of(message))
    assert match, f"no link with {path_part!r} in:\n{text_of(message)}"
    return match.group(1)


def calendar_in(message):
    """(method, calendar, first VEVENT) of an email's inline text/calendar part, parsed back."""
    from icalendar import Calendar

    part = next(
        p for p in message.walk()
        if p.get_content_type() == "text/calendar" and p.get_content_disposition() is None
    )  # fmt: skip
    content = part.get_content()
    calendar = Calendar.from_ical(content if isinstance(content, bytes) else content.encode())
    return part.get_param("method"), calendar, calendar.walk("VEVENT")[0]


@contextmanager
def serving(app) -> Iterator[str]:
    """``app`` served on 127.0.0.1 by a threaded Werkzeug server: requests run in parallel,
    each in its own thread with its own database session, as under several workers."""
    from werkzeug.serving import make_server

    port = free_port()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="vms-live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass(frozen=True)
class Reply:
    status: int
    text: str
    location: str = ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 comes back as it is, so a test sees what each request did


class WebSession:
    """One person's cookies against a live server (a browser without the browser)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirects
        )

    def get(self, path: str) -> Reply:
        return self._open(urllib.request.Request(self.base_url + path))

    def post(self, path: str, data: dict | list | None = None) -> Reply:
        body = urllib.parse.urlencode(data or {}, doseq=True).encode()
        return self._open(urllib.request.Request(self.base_url + path, data=body))

    def sign_in(self, email: str, password: str) -> WebSession:
        reply = self.post("/signin", {"email": email, "password": password})
        assert reply.status == 302, f"sign-in failed for {email}: {reply.status}"
        return self

    def _open(self, request: urllib.request.Request) -> Reply:
        try:
            with self._opener.open(request, timeout=60) as response:
                return Reply(response.status, response.read().decode(), "")
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read().decode(), error.headers.get("Location", ""))


def at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run the calls in parallel threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], T]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except BaseException as error:  # re-raised below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    if errors:
        raise errors[0]
    return results


#: What the confirmation of an action that changes others' plans sends (vms/confirmation.py).
CONFIRMED = {"confirmed": "yes"}


@contextmanager
def statements_run(holding: str = "") -> Iterator[list[str]]:
    """The SQL statements the block runs (those whose text holds ``holding``), as they run."""
    found: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if holding in statement:
            found.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield found
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
