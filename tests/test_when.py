"""``when`` (``_macros/time.html``) writes what Flask-Babel's three filters wrote, faster."""

from __future__ import annotations

from datetime import UTC, datetime

import flask_babel
import pytest

from vms.i18n import when_html

#: What the macro was: the filters one after the other.
FILTERS = (
    "<time datetime=\"{{ moment.isoformat() }}\">{{ moment|dateformat('full') }}, "
    "{{ moment|timeformat('short') }} <span class=\"hint\">({{ moment|datetimeformat('zzzz') }})"
    "</span></time>"
)
MACRO = '{% from "_macros/time.html" import when %}{{ when(moment) }}'


@pytest.mark.parametrize("locale", ["en", "es"])
@pytest.mark.parametrize("zone", ["America/New_York", "Europe/Madrid", "Asia/Kolkata"])
def test_when_matches_the_filters_in_every_language_and_zone(app, locale, zone):
    app.config["BABEL_DEFAULT_TIMEZONE"] = zone
    # Winter and summer (daylight saving names its zone differently), and a moment twice.
    moments = [datetime(2027, 1, 14, 6, 30, tzinfo=UTC), datetime(2027, 7, 1, 23, 5, tzinfo=UTC)]
    with app.test_request_context(), flask_babel.force_locale(locale):
        flask_babel.refresh()
        for moment in [*moments, moments[0]]:
            expected = app.jinja_env.from_string(FILTERS).render(moment=moment)
            assert app.jinja_env.from_string(MACRO).render(moment=moment) == expected
            assert str(when_html(moment)) == expected


def test_when_escapes_nothing_it_should_not_and_names_the_zone(app):
    app.config["BABEL_DEFAULT_TIMEZONE"] = "America/New_York"
    with app.test_request_context(), flask_babel.force_locale("en"):
        flask_babel.refresh()
        html = str(when_html(datetime(2027, 1, 14, 15, 0, tzinfo=UTC)))
    assert html.startswith('<time datetime="2027-01-14T15:00:00+00:00">Thursday, January 14, 2027')
    assert "10:00" in html and "Eastern Standard Time" in html
