"""Views (to be written)."""

from vms.peer import bp  # noqa: F401
