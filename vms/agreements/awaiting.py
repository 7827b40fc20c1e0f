"""pyHanko's work is asynchronous: finish it from plain code, in whatever thread we are in.

pyHanko's synchronous wrappers call ``asyncio.run``, which refuses to start in a thread whose
event loop is already running (under an ASGI server, or in the tests beside Playwright's sync
API). There the coroutine runs on its own loop in a short-lived worker thread instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

Result = TypeVar("Result")


def finish(start: Callable[[], Coroutine[Any, Any, Result]]) -> Result:
    """Run the coroutine that ``start()`` makes to its end and return its result."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(start())
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(lambda: asyncio.run(start())).result()
