"""The app under gunicorn on 127.0.0.1, people signed in to it, and a small load generator.

The load generator is a few threads, each with its own HTTP connection (kept alive where the
server allows it; gunicorn's sync workers close it after each answer, and http.client then
opens a new one), sending the same GET for a fixed number of seconds. Everything is bounded:
a request count, a time limit, and a timeout on every socket.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"
#: No run sends more than this many requests, however fast the page.
MAX_REQUESTS = 200_000
#: How long in-flight requests may take to finish once the time is up.
DRAIN_SECONDS = 120
#: Sent with every request: Flask-Login ties a session to the browser that signed in.
USER_AGENT = "vms-scale-benchmark"
_CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, secret_key: str, log_path: Path, workers: int = 2):
    """gunicorn serving ``vms:create_app()`` in production mode; stopped on the way out."""
    port = free_port()
    env = {**os.environ, "VMS_ENV": "production", "VMS_SECRET_KEY": secret_key,
           "VMS_DATABASE_URL": database_url, "VMS_SESSION_COOKIE_SECURE": "false",
           "VMS_REMEMBER_COOKIE_SECURE": "false", "VMS_MAIL_BACKEND": '"log"',
           "VMS_INSTANCE_PATH": str(log_path.parent)}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind",
               f"{HOST}:{port}", "--timeout", "300", "vms:create_app()"]  # fmt: skip
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            base = f"http://{HOST}:{port}"
            _wait_until_up(base, process, log_path)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_until_up(base: str, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as reply:
                if reply.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base: str, email: str, password: str) -> str:
    """Sign in as a browser does (the form's CSRF token included); the Cookie header to send."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirects)
    opener.addheaders = [("User-Agent", USER_AGENT)]
    with opener.open(base + "/signin", timeout=60) as reply:
        match = _CSRF.search(reply.read().decode())
    if match is None:
        raise RuntimeError("the sign-in page has no csrf_token")
    form = urllib.parse.urlencode({"email": email, "password": password,
                                   "csrf_token": match.group(1)}).encode()  # fmt: skip
    try:
        opener.open(base + "/signin", data=form, timeout=60).close()
        raise RuntimeError(f"sign-in as {email} did not redirect")
    except urllib.error.HTTPError as answer:
        if answer.code != 302:
            raise RuntimeError(f"sign-in as {email} answered {answer.code}") from answer
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in jar)


@dataclass(frozen=True)
class Rate:
    requests: int
    seconds: float
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(base: str, path: str, cookie: str, seconds: float, threads: int) -> Rate:
    """GET ``path`` from ``threads`` connections for ``seconds``; finished requests per second
    (a request still running when the time is up is waited for and counted)."""
    port = int(base.rsplit(":", 1)[1])
    headers = {"User-Agent": USER_AGENT, **({"Cookie": cookie} if cookie else {})}
    done, errors, lock = [0], [0], threading.Lock()
    began = time.monotonic()
    stop_at = began + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=DRAIN_SECONDS)
        try:
            while time.monotonic() < stop_at:
                with lock:
                    if done[0] + errors[0] >= MAX_REQUESTS:
                        return
                try:
                    connection.request("GET", path, headers=headers)
                    reply = connection.getresponse()
                    reply.read()
                    ok = reply.status == 200
                except (OSError, http.client.HTTPException):
                    connection.close()
                    ok = False
                with lock:
                    (done if ok else errors)[0] += 1
        finally:
            connection.close()

    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=seconds + DRAIN_SECONDS)
    return Rate(done[0], time.monotonic() - began, errors[0])
