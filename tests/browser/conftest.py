"""Browser fixtures: a live VMS on a Werkzeug thread, and Debian's Chromium driven by Playwright.

The machine has no internet: Playwright must never download a browser, so we
launch /usr/bin/chromium through ``executable_path``. A missing Chromium or
Playwright skips locally and fails in CI (``skip_or_fail``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from flask import Flask

from tests.support import free_port, skip_or_fail

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Never let Playwright reach for the network to fetch its own browsers.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


@dataclass
class LiveServer:
    url: str
    app: Flask


@pytest.fixture
def live_server(app, make_app) -> Iterator[LiveServer]:
    """VMS with the demo data, CSRF on, served on 127.0.0.1 from a daemon thread.

    Depends on ``app`` so the shared database is emptied after the test (``app``
    tears down after this fixture, once the server has stopped).
    """
    from werkzeug.serving import make_server

    from vms.demo_data import load_demo
    from vms.extensions import db

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    live_app = make_app(WTF_CSRF_ENABLED=True, BASE_URL=url)
    with live_app.app_context():
        load_demo()
        db.session.commit()
        db.session.remove()
    server = make_server("127.0.0.1", port, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="vms-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(url, live_app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        with live_app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        skip_or_fail(f"playwright cannot be imported: {error}")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as error:  # e.g. a Chromium too old for this Playwright
        playwright.stop()
        skip_or_fail(f"Chromium does not start under Playwright: {error}")
    try:
        yield browser
    finally:
        browser.close()
        playwright.stop()


@dataclass
class Contexts:
    """Opens browser contexts on the live server; remembers them to close at teardown.

    ``console_errors`` collects uncaught page errors and console errors (CSP
    violations show up there) from every page of every context.
    """

    browser: object
    base_url: str
    opened: list = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def new(self, **options):
        options.setdefault("base_url", self.base_url)
        options.setdefault("locale", "en-US")
        context = self.browser.new_context(**options)
        context.set_default_timeout(10_000)
        context.on("page", self._watch)
        self.opened.append(context)
        return context

    def new_page(self, **options):
        return self.new(**options).new_page()

    def _watch(self, page) -> None:
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: self._console(page, message))

    def _console(self, page, message) -> None:
        if message.type != "error":
            return
        # Chromium asks for /favicon.ico on its own; VMS has none (a 404 nobody sees).
        if message.location.get("url", "").endswith("/favicon.ico"):
            return
        self.console_errors.append(f"{page.url}: {message.text} ({message.location.get('url')})")

    def close(self) -> None:
        for context in self.opened:
            context.close()
        self.opened.clear()


@pytest.fixture
def contexts(browser, live_server) -> Iterator[Contexts]:
    made = Contexts(browser, live_server.url)
    try:
        yield made
    finally:
        made.close()


@pytest.fixture
def page(contexts):
    """A page in a fresh browser context (its own cookies) on the live server."""
    return contexts.new_page()


@pytest.fixture
def sign_in() -> Callable:
    """Sign in through the form, as a person would; waits for the page after it."""
    from playwright.sync_api import expect

    def do(page, email: str, password: str | None = None):
        from vms.demo_data import DEMO_PASSWORD

        page.goto("/signin")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password or DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        return page

    return do
