"""Outgoing email: ``services`` records it in the request's transaction (the outbox);
``delivery`` is the scheduler's dispatcher that sends it, with back-off (``backoff``, pure)."""
