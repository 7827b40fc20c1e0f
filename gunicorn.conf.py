"""gunicorn's settings for VMS: gunicorn reads this file from the directory it starts in (the
checkout, as the README's deployment and `make bench` start it)."""

import gc


def post_worker_init(worker) -> None:
    """Once a worker has built the app, what it holds (modules, models, translations, compiled
    code: ~300,000 objects) lives as long as the worker does. Frozen, the collector's full
    passes no longer walk it all; a page that loads many rows sets those passes off often
    (the teams overview: +17% requests per second, paired runs under load)."""
    gc.collect()
    gc.freeze()
