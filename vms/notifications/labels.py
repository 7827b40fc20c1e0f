"""What each category is called, in the reader's language."""

from vms.i18n import lazy_gettext as _l
from vms.notifications.categories import Category

CATEGORY_LABELS = {
    Category.REMINDERS: _l("Reminders (meetings, agendas, summaries, rankings, agreements)"),
    Category.NUDGES: _l("Nudges (answers, principles, scorecards, quiet teams)"),
    Category.ACTIVITY: _l("Activity (agendas posted, requests filed, dockets)"),
    Category.HOUR_BEFORE: _l("A reminder one hour before each meeting"),
}
CATEGORY_NAMES = {
    Category.REMINDERS: _l("reminders"),
    Category.NUDGES: _l("nudges"),
    Category.ACTIVITY: _l("activity emails"),
    Category.HOUR_BEFORE: _l("one-hour reminders"),
}
