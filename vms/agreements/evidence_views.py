"""Views of the evidence: the PDF download and the public verification page (to be written)."""

from vms.agreements import bp  # noqa: F401
