"""Event mode: a speed-dating event as it happens, on the coordinator's phone or a projector.

``phases`` is the pure clock (conversation, change tables, break, paused, its moves);
``models`` keeps one clock per event; ``clock`` reads and moves it under the event's lock;
``views`` serve the live page, its JSON clock and the coordinator's controls.
"""
