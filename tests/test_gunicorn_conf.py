"""gunicorn's worker hook (gunicorn.conf.py) freezes what the built app holds."""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parent.parent / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_holds_once_the_app_is_built(app):
    hooks = runpy.run_path(str(CONF))
    assert gc.get_freeze_count() == 0
    try:
        hooks["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000  # the app, its modules and models
    finally:
        gc.unfreeze()
