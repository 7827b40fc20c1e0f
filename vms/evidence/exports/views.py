"""The export routes: coordinator-only; another program's list is a 404."""

from vms.evidence.exports import bp  # noqa: F401
