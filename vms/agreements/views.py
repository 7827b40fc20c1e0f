"""Views (to be written)."""

from vms.agreements import bp  # noqa: F401
