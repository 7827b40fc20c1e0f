"""Which language and timezone a request is shown in."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, date, datetime, time
from functools import cache, lru_cache
from importlib import resources
from zoneinfo import ZoneInfo

import flask_babel
import pytz
from babel import dates as babel_dates
from babel.dates import format_date, format_time
from flask import current_app, g, has_request_context, request, session
from flask_babel import gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user
from markupsafe import Markup, escape

LOCALE_SESSION_KEY = "locale"


class EscapedLazyString(LazyString):
    """A lazy translation that HTML-escapes itself in a page.

    Flask-Babel's LazyString tells markupsafe it *is* HTML (``__html__`` returns it as it is),
    so ``lazy_gettext("Notes on %(criterion)s", criterion=name)`` put a coordinator's ``name``
    into the page unescaped, in labels, choices and flashes alike. Translations here are
    plain text, so the whole string, placeholders and all, is escaped on the way into HTML.
    """

    def __html__(self) -> Markup:
        return escape(str(self))


def lazy_gettext(string: str, **variables) -> EscapedLazyString:
    """The only ``_l`` of VMS: like Flask-Babel's, but safe to fill with user data."""
    return EscapedLazyString(gettext, string, **variables)


def select_locale() -> str:
    """The signed-in person's choice, else the visitor's, else the browser's."""
    languages = list(current_app.config["LANGUAGES"])
    if not has_request_context():  # emails choose theirs with force_locale
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    chosen = session.get(LOCALE_SESSION_KEY)
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or languages[0]


#: ``g`` key: the timezone a page about one person is read in (``read_in_timezone_of``).
_PAGE_TIMEZONE = "vms_page_timezone"


def select_timezone() -> str:
    if has_request_context() and g.get(_PAGE_TIMEZONE):
        return g.get(_PAGE_TIMEZONE)
    if has_request_context() and current_user.is_authenticated:
        return current_user.timezone
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def read_in_timezone_of(zone: str | None) -> None:
    """Show the rest of this request in ``zone``: a page opened from a person's emailed link
    (often signed out, on a phone) shows times as their email did, not in UTC."""
    if zone:
        g.setdefault(_PAGE_TIMEZONE, zone)
        flask_babel.refresh()


@cache
def _zone_tables() -> tuple[tuple[str, ...], dict[str, str]]:
    """The zones of today's places, as the tz database's ``zone.tab`` lists them (one per
    region of a country: Europe/Kyiv, not its old name Europe/Kiev nor an alias such as
    US/Eastern or Africa/Asmera), with UTC; and each old or alias name -> the zone it now
    links to (the database's ``L`` lines). Read from the tzdata package the app depends on,
    so every machine offers the same list; only names pytz knows too (Flask-Babel formats
    with pytz)."""
    data = resources.files("tzdata") / "zoneinfo"
    places = {
        line.split("\t")[2]
        for line in (data / "zone.tab").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    links = {}
    for line in (data / "tzdata.zi").read_text(encoding="utf-8").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = target
    known = zoneinfo.available_timezones() & pytz.all_timezones_set
    return tuple(sorted((places | {"UTC"}) & known)), links


def timezone_names() -> tuple[str, ...]:
    """The zones people choose from, sorted (see ``_zone_tables``)."""
    return _zone_tables()[0]


def current_zone(name: str) -> str:
    """Today's name of a zone given by an old or alias name (US/Eastern: America/New_York);
    a name that is already current, or unknown, as it is."""
    names, links = _zone_tables()
    for _ in range(5):  # links point at zones, rarely at another link; never loop
        if name in names or name not in links:
            break
        name = links[name]
    return "UTC" if name in ("Etc/UTC", "Etc/GMT") else name


def zone_label(name: str) -> str:
    """A zone as people write it, the same everywhere: America/New York."""
    return name.replace("_", " ")


def format_in_timezone(moment: datetime, timezone: str, locale: str) -> str:
    """A date and time as read in ``timezone``, with the zone named (for emails)."""
    local = moment.astimezone(ZoneInfo(timezone))
    day = format_date(local, "full", locale=locale)
    time = format_time(local, "short", tzinfo=local.tzinfo, locale=locale)
    return f"{day}, {time} ({zone_label(timezone)})"


def wall_clock_to_utc(day: date, start: time, timezone: str) -> datetime:
    """A date and time on the clocks of ``timezone``, as an aware UTC datetime."""
    return datetime.combine(day, start, tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def wall_clock(moment: datetime, timezone: str) -> tuple[date, time]:
    """The date and time (to the minute) the clocks of ``timezone`` show at ``moment``."""
    local = moment.astimezone(ZoneInfo(timezone))
    return local.date(), local.time().replace(second=0, microsecond=0)


def when_html(moment: datetime) -> Markup:
    """``_macros/time.html``'s ``when``: the moment in the viewer's language and timezone,
    the zone named, in a ``<time>`` element. The same three Babel formats the filters wrote
    (``dateformat('full')``, ``timeformat('short')``, ``datetimeformat('zzzz')``), with the
    locale, zone and conversion looked up once instead of three times (a list of 50 meetings
    spent ~4 ms here), and a moment seen again on the page (a monthly series) formatted once."""
    tzinfo = flask_babel.get_timezone()
    return _when_html(moment, str(flask_babel.get_locale()), tzinfo)


@lru_cache(maxsize=2048)
def _when_html(moment: datetime, locale: str, tzinfo) -> Markup:
    local = tzinfo.normalize((moment if moment.tzinfo else moment.replace(tzinfo=UTC))
                             .astimezone(tzinfo))  # fmt: skip
    day = babel_dates.format_date(local, "full", locale=locale)
    clock = babel_dates.format_time(local, "short", tzinfo=tzinfo, locale=locale)
    zone = babel_dates.format_datetime(local, "zzzz", tzinfo=tzinfo, locale=locale)
    return Markup('<time datetime="{}">{}, {} <span class="hint">({})</span></time>').format(
        moment.isoformat(), day, clock, zone
    )
