"""No input a browser can send ends in a 500, and nothing is written by a refused form."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import encode_multipart

from tests.conftest import Auth, application_input
from vms.auth.models import Role
from vms.cohorts.models import MentorProfile, Venture, VentureStatus
from vms.cohorts.teams.models import Team, TeamMember
from vms.database import now_utc
from vms.extensions import db
from vms.scheduling.models import Invitee, Meeting, MeetingKind
from vms.screening.mentors.services import submit_mentor_application

# Text a person (or a hostile script) could type: any unicode, long runs, NULs, markup.
TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=500, max_size=5000),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "9" * 40,
            "2027-02-30",
            "-1",
            "😀" * 200,
            "a@b",
            "Europe/Nowhere",
        ]
    ),
)

FORMS = {
    "/signup": ["name", "email", "timezone", "locale"],
    "/signin": ["email", "password", "remember"],
    "/password/forgot": ["email"],
    "/language": ["locale", "next"],
    "/account": ["name", "timezone", "locale"],
    "/account/password": ["current_password", "new_password"],
    "/p/{slug}/cohorts/new": ["name", "starts_on", "ends_on"],
    "/p/{slug}/cohorts/{cohort}/invitations": ["email", "role"],
    "/invitations/{token}": ["name", "email", "password", "timezone", "locale"],
    "/p/{slug}/apply/mentor": ["name", "email", "industry", "years_experience", "bio"],
    "/p/{slug}/apply/venture": ["name", "description", "stage", "founders-0-name", "website"],
    "/p/{slug}/screening/ventures": ["threshold", "q", "status"],
    "/p/{slug}/screening/mentors/bulk": ["ids", "target", "note"],
    "/p/{slug}/screening/mentors/{application}": ["target", "note"],
    "/p/{slug}/screening/mentors/{application}/interview": [
        "day",
        "start",
        "duration_minutes",
        "location",
        "interviewers",
    ],
    "/p/{slug}/teams/propose": ["venture_ids", "x", "y", "z", "w"],
    "/p/{slug}/teams/{team}/members": ["mentor_id"],
    "/p/{slug}/teams/{team}/swap": ["out_id", "in_id"],
    "/p/{slug}/teams/{team}/day": ["weekday"],
    "/p/{slug}/teams/load/{mentor}": ["m{mentor}-capacity", "m{mentor}-lead_eligible"],
    "/p/{slug}/teams/{team}/meetings/new": [
        "day",
        "start",
        "duration_minutes",
        "timezone",
        "notes",
    ],
    "/p/{slug}/meetings/{meeting}/edit": [
        "day",
        "start",
        "duration_minutes",
        "timezone",
        "video_url",
    ],
    "/p/{slug}/meetings/{meeting}/agenda": ["items-0-title", "items-0-minutes", "items-9-title"],
    "/p/{slug}/meetings/{meeting}/summary": ["summary", "actions-0-due_on", "actions-0-text"],
    "/p/{slug}/meetings/{meeting}/answer": ["response"],
    "/p/{slug}/meetings/rules": ["agenda_due_days", "summary_due_hours"],
    "/p/{slug}/meetings/{meeting}/attendance": ["attended"],
}

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@FUZZ
@given(values=st.lists(TEXT, min_size=5, max_size=5))
def test_forms_never_fail_with_500(app, make_program, make_cohort, make_member, values):
    program = _program(app, make_program, make_cohort, make_member)
    signed_in = app.test_client()
    Auth(signed_in).login(as_=program["coordinator"])
    anonymous = app.test_client()
    for template, fields in FORMS.items():
        url = template.format(**program["values"])
        data = dict(zip([f.format(**program["values"]) for f in fields], values, strict=False))
        for client in (anonymous, signed_in):
            response = client.post(url, data=data)
            assert response.status_code < 500, (url, data)


@FUZZ
@given(segment=TEXT, number=st.integers(min_value=-(2**70), max_value=2**70))
def test_urls_never_fail_with_500(app, make_program, make_cohort, make_member, segment, number):
    program = _program(app, make_program, make_cohort, make_member)
    client = app.test_client()
    Auth(client).login(as_=program["coordinator"])
    slug = program["values"]["slug"]
    for url in (
        f"/p/{segment}/",
        f"/p/{slug}/cohorts/{number}",
        f"/invitations/{segment}",
        f"/password/reset/{segment}",
        f"/signin?next={segment}",
        f"/p/{slug}/cohorts/{number}/invitations/{number}/revoke",
        f"/p/{slug}/teams/{number}",
        f"/p/{slug}/teams/{number}/members/{number}/{segment}",
        f"/p/{slug}/teams/load/{number}",
        f"/p/{slug}/docket/{number}/volunteer",
        f"/p/{slug}/meetings/{number}",
        f"/p/{slug}/meetings?page={segment}&when={segment}",
        f"/calendar/{segment}.ics",
    ):
        for method in ("GET", "POST"):
            assert client.open(url, method=method).status_code < 500, (method, url)


_cache: dict = {}


def _program(app, make_program, make_cohort, make_member) -> dict:
    """One program per test function (hypothesis reruns the body, not the fixtures)."""
    key = id(app)
    if key not in _cache:
        _cache.clear()
        program = make_program("Fuzz Program")
        cohort = make_cohort(program)
        coordinator = make_member(program, Role.COORDINATOR)
        application = submit_mentor_application(program, application_input(program))
        mentor = make_member(program, Role.MENTOR)
        venture = Venture(program_id=program.id, name="Fuzz venture", needs=["Legal"],
                          status=VentureStatus.DOCKETED)  # fmt: skip
        db.session.add_all([venture, MentorProfile(program_id=program.id, user_id=mentor.id,
                                                   industry="Law", function="")])  # fmt: skip
        team = Team(
            program_id=program.id, venture=venture, members=[TeamMember(mentor_id=mentor.id)]
        )
        db.session.add(team)
        db.session.flush()
        start = now_utc() + timedelta(days=3)
        meeting = Meeting(program_id=program.id, kind=MeetingKind.TEAM, team_id=team.id,
                          title="Fuzz", starts_at=start, ends_at=start + timedelta(hours=1),
                          timezone=program.timezone,
                          invitees=[Invitee(user_id=mentor.id)])  # fmt: skip
        db.session.add(meeting)
        db.session.commit()
        _cache[key] = {
            "coordinator": coordinator,
            "values": {
                "slug": program.slug,
                "cohort": cohort.id,
                "token": "x",
                "application": application.id,
                "team": team.id,
                "mentor": mentor.id,
                "meeting": meeting.id,
            },
        }
    return _cache[key]


def test_oversized_request_is_refused_with_413_in_the_layout(client):
    response = client.post("/signin", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Too large" in response.get_data(as_text=True)


def test_nul_characters_get_a_clear_400(client):
    response = client.post("/signup", data={"name": "a\x00b"})
    assert response.status_code == 400
    assert "Bad request" in response.get_data(as_text=True)
    assert client.get("/p/%00/").status_code == 400


def test_wrong_method_and_unknown_page_use_the_layout(client):
    assert "Not allowed" in client.get("/signout").get_data(as_text=True)
    page = client.get("/nothing/here")
    assert page.status_code == 404 and "Page not found" in page.get_data(as_text=True)


FIELD_LIMIT = 500 * 1024  # MAX_FORM_MEMORY_SIZE, in bytes of the field's text
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _status_of_post(client, content_type: str, data: dict) -> int:
    if content_type == "multipart/form-data":
        # Encoded here, in memory: the test client would spool a large body to a temporary
        # file that it never closes.
        boundary, body = encode_multipart(data)
        data, content_type = body, f"{content_type}; boundary={boundary}"
    response = client.post("/signin", data=data, content_type=content_type)
    if response.status_code == 413:
        assert "Too large" in response.get_data(as_text=True)
    return response.status_code


def test_one_form_field_over_500_kib_gets_413_urlencoded_or_multipart(client):
    for content_type in FORM_TYPES:
        for value in ("x" * (FIELD_LIMIT + 1), "é" * (FIELD_LIMIT // 2 + 1)):  # bytes, not chars
            assert _status_of_post(client, content_type, {"email": value}) == 413, content_type
        # A name that large is no better than a value.
        assert _status_of_post(client, content_type, {"x" * (FIELD_LIMIT + 1): "a"}) == 413
        # At the limit itself, the form answers as usual.
        assert _status_of_post(client, content_type, {"email": "x" * FIELD_LIMIT}) == 200


def test_a_request_over_2_mib_gets_413_even_when_each_field_is_small(client):
    fields = {f"f{n}": "x" * (400 * 1024) for n in range(6)}  # 2.4 MiB in all
    for content_type in FORM_TYPES:
        assert _status_of_post(client, content_type, fields) == 413, content_type


def test_the_field_limit_holds_before_the_csrf_check_reads_the_form(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    with app.app_context():
        assert _status_of_post(app.test_client(), FORM_TYPES[0], {"email": "x" * 600_000}) == 413
