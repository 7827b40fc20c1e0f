"""Why an event needs the rounds it takes, in words ("13 rounds: each peer mentor must meet
13 pods"), from the reason codes of the pure ``rotation.fewest_rounds``."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext

from vms.peer import rotation
from vms.peer.rotation import FewestRounds


def in_words(bound: FewestRounds, group_size: int) -> str:
    """The number of rounds and the bound that sets it, as one translated sentence."""
    num, meetings, tables = bound.rounds, bound.meetings, bound.tables
    pods = group_size > 1
    if bound.reason == rotation.NO_MEETINGS:
        return _("No rounds: nobody has anyone left to meet.")
    if bound.reason == rotation.MENTOR_MEETS_EVERY_POD:
        if pods:
            return ngettext("%(num)d round: each peer mentor must meet %(meetings)d pod.",
                            "%(num)d rounds: each peer mentor must meet %(meetings)d pods.",
                            num, meetings=meetings)  # fmt: skip
        return ngettext("%(num)d round: each peer mentor must meet %(meetings)d member.",
                        "%(num)d rounds: each peer mentor must meet %(meetings)d members.",
                        num, meetings=meetings)  # fmt: skip
    if bound.reason == rotation.POD_MEETS_EVERY_MENTOR:
        if pods:
            return ngettext("%(num)d round: each pod must meet %(meetings)d peer mentor.",
                            "%(num)d rounds: each pod must meet %(meetings)d peer mentors.",
                            num, meetings=meetings)  # fmt: skip
        return ngettext("%(num)d round: each member must meet %(meetings)d peer mentor.",
                        "%(num)d rounds: each member must meet %(meetings)d peer mentors.",
                        num, meetings=meetings)  # fmt: skip
    if bound.reason in (rotation.BUSIEST_MENTOR, rotation.BUSIEST_POD):
        return ngettext("%(num)d round: someone still has %(meetings)d conversation to hold.",
                        "%(num)d rounds: someone still has %(meetings)d conversations to hold.",
                        num, meetings=meetings)  # fmt: skip
    return ngettext(
        "%(num)d round: %(meetings)d conversations, at most %(tables)d at a time.",
        "%(num)d rounds: %(meetings)d conversations, at most %(tables)d at a time.",
        num, meetings=meetings, tables=tables,
    )  # fmt: skip
