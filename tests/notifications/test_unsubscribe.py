"""Each person's choice (issue 13): RFC 8058 one-click unsubscribe, as a mail provider sends it,
and the preferences page. Essential emails always go out and carry no unsubscribe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import select

from tests.support import text_of
from vms.extensions import db
from vms.notifications import preferences
from vms.notifications.categories import Category, Choice
from vms.notifications.models import Delivery, Notification
from vms.notifications.unsubscribe import unsubscribe_token
from vms.scheduling import jobs
from vms.scheduling.meetings import services as meetings
from vms.scheduling.meetings.services import MeetingDetails

START = datetime(2027, 3, 2, 15, 0, tzinfo=UTC)


def _remind(team, start=START) -> None:
    lead = team.members[0].mentor
    meetings.schedule_team_meeting(team, MeetingDetails(start, 60, "Room 4"), lead, "UTC")
    db.session.commit()
    jobs.send_meeting_reminders(start - timedelta(hours=20))


def _reminders_to(smtp, address: str) -> list:
    return [m for m in smtp.to(address) if m["Subject"].startswith(("Reminder", "Recordatorio"))]


def test_a_reminder_carries_one_click_unsubscribe_headers_with_an_https_link(app, team, smtp):
    app.config["BASE_URL"] = "https://mentoring.example.org"  # as in production
    founder = team.venture.founders[0].user
    _remind(team)
    (message,) = _reminders_to(smtp, founder.email)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message["List-Unsubscribe"]
    assert link.startswith("<https://mentoring.example.org/unsubscribe/") and link.endswith(">")
    assert link[1:-1] in text_of(message)  # the footer offers it too


def test_the_providers_post_needs_no_session_nor_csrf_and_stops_the_category(
    make_app, app, team, smtp
):
    founder = team.venture.founders[0].user
    _remind(team)
    link = _reminders_to(smtp, founder.email)[0]["List-Unsubscribe"][1:-1]
    provider = make_app(WTF_CSRF_ENABLED=True).test_client()  # no cookies, no token
    answer = provider.post(urlsplit(link).path, data="List-Unsubscribe=One-Click",
                           content_type="application/x-www-form-urlencoded")  # fmt: skip
    assert answer.status_code == 200
    # RFC 8058 allows the same body as multipart/form-data; a provider may send it twice.
    again = provider.post(urlsplit(link).path, data={"List-Unsubscribe": "One-Click"},
                          content_type="multipart/form-data")  # fmt: skip
    assert again.status_code == 200
    db.session.expire_all()
    assert preferences.choices_for(founder)[Category.REMINDERS] is Choice.OFF
    smtp.clear()
    _remind(team, START + timedelta(days=7))
    assert _reminders_to(smtp, founder.email) == []
    assert _reminders_to(smtp, team.members[0].mentor.email), "the others are still reminded"
    skipped = db.session.scalar(
        select(Notification).where(Notification.recipient_id == founder.id,
                                   Notification.occasion.like("2027-03-09%"))
    )  # fmt: skip
    assert skipped.delivery is Delivery.SKIPPED


def test_the_get_only_asks_and_changes_nothing(client, team):
    founder = team.venture.founders[0].user
    page = client.get(f"/unsubscribe/{unsubscribe_token(founder, Category.NUDGES)}")
    assert page.status_code == 200
    assert "Stop sending nudges" in page.get_data(as_text=True)
    assert preferences.choices_for(founder)[Category.NUDGES] is Choice.ON


def test_a_forged_or_stale_token_is_refused(client, team):
    founder = team.venture.founders[0].user
    token = unsubscribe_token(founder, Category.REMINDERS)
    assert client.post(f"/unsubscribe/{token[:-2]}xx").status_code == 404
    assert client.get("/unsubscribe/not-a-token").status_code == 404
    founder.email = "new-address@example.org"  # the token named the old address
    db.session.commit()
    assert client.post(f"/unsubscribe/{token}").status_code == 404
    assert preferences.choices_for(founder)[Category.REMINDERS] is Choice.ON


def test_essential_emails_carry_no_unsubscribe(client, team, smtp):
    founder = team.venture.founders[0].user
    client.post("/password/forgot", data={"email": founder.email})
    message = smtp.last_to(founder.email)
    assert message["List-Unsubscribe"] is None and message["List-Unsubscribe-Post"] is None


def test_the_preferences_page_saves_each_category_and_keeps_a_refused_form(client, auth, team):
    mentor = team.members[1].mentor
    auth.login(as_=mentor)
    page = client.get("/account/notifications").get_data(as_text=True)
    assert "always reach you" in page
    saved = client.post("/account/notifications", data={
        "reminders": "digest", "nudges": "off", "activity": "on", "hour_before": "on"})  # fmt: skip
    assert saved.status_code == 302
    assert preferences.choices_for(mentor) == {
        Category.REMINDERS: Choice.DIGEST, Category.NUDGES: Choice.OFF,
        Category.ACTIVITY: Choice.ON, Category.HOUR_BEFORE: Choice.ON}  # fmt: skip
    typed = {"reminders": "off", "nudges": "sometimes", "activity": "digest", "hour_before": "off"}
    refused = client.post("/account/notifications", data=typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Not a valid choice" in page
    assert '<option selected value="digest">' in page or 'value="digest" selected' in page
    assert preferences.choices_for(mentor)[Category.REMINDERS] is Choice.DIGEST


def test_the_one_hour_reminder_is_by_email_or_off_never_in_a_digest(client, auth, team):
    mentor = team.members[1].mentor
    auth.login(as_=mentor)
    typed = {"reminders": "on", "nudges": "on", "activity": "on", "hour_before": "digest"}
    refused = client.post("/account/notifications", data=typed)
    assert refused.status_code == 200 and "Not a valid choice" in refused.get_data(as_text=True)
    assert preferences.choices_for(mentor)[Category.HOUR_BEFORE] is Choice.OFF
