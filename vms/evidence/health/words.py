"""A health verdict in words, in the reader's language: "Needs a check-in: no meeting for 35
days, last summary late". The rules (``rules.py``) stay free of translations."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from vms.evidence.health.rules import Health, Reason, Subject, Verdict
from vms.i18n import lazy_gettext as _l

VERDICT_LABELS = {
    Verdict.ON_TRACK: _l("On track"),
    Verdict.NEEDS_CHECK_IN: _l("Needs a check-in"),
    Verdict.NEEDS_REPAIR: _l("Needs repair"),
    Verdict.TOO_EARLY: _l("Too early to tell"),
}

_FIXED = {
    "summary_late": _l("last summary late"),
    "summary_missing": _l("last summary missing"),
    "agenda_late": _l("last agenda late"),
    "agenda_missing": _l("last meeting had no agenda"),
    "fit_no": _l("someone answered the fit check “no”"),
}


def reason_words(reason: Reason, subject: Subject) -> str:
    if reason.code == "no_contact" and subject is Subject.PAIR:
        return ngettext("no check-in for %(num)d day", "no check-in for %(num)d days",
                        reason.number)  # fmt: skip
    if reason.code == "no_contact":
        return ngettext("no meeting for %(num)d day", "no meeting for %(num)d days",
                        reason.number)  # fmt: skip
    if reason.code == "low_attendance":
        return _("attendance %(percent)d%%", percent=reason.number)
    return str(_FIXED[reason.code])


def health_words(health: Health) -> str:
    """The verdict and its reasons in one sentence."""
    label = str(VERDICT_LABELS[health.verdict])
    if not health.reasons:
        return label
    reasons = ", ".join(reason_words(r, health.facts.subject) for r in health.reasons)
    return _("%(verdict)s: %(reasons)s", verdict=label, reasons=reasons)
