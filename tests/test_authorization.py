"""Who reaches what: every route is public or refuses anonymous users, and a
role × route matrix proves program B never reaches program A's objects.

Later features add their routes to ROUTES (or PUBLIC_ENDPOINTS); a test fails
while any route of the URL map is in neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from tests.agreements.agreement_world import CLIENT, sign_as
from tests.conftest import Auth, ProgramWorld
from tests.every_page_imports import grow_imports
from tests.every_page_peer import hold, rank_and_publish
from tests.onboarding.files.conftest import pdf_bytes, png_bytes
from tests.support import CONFIRMED
from vms.agreements import services as agreements
from vms.agreements.models import Agreement
from vms.auth.models import Role, User
from vms.cohorts.models import Venture
from vms.database import now_utc
from vms.evidence.surveys.models import Side, SubjectKind, SurveyInvitation, SurveyKind
from vms.extensions import db
from vms.mail.delivery import deliver_all
from vms.mail.models import OutboxEmail
from vms.onboarding.files import services as stored_files
from vms.onboarding.files.models import FilePurpose
from vms.onboarding.preparation import services as preparation
from vms.onboarding.preparation.models import StepWay
from vms.peer.choices import services as choices
from vms.peer.choices.models import PeerPair
from vms.peer.circles import dates
from vms.peer.circles import services as circles
from vms.peer.circles.models import CircleMeeting
from vms.peer.events import seating
from vms.peer.events import services as events
from vms.peer.events.timetable import SessionPlan
from vms.peer.live import clock
from vms.peer.models import PeerEvent
from vms.scheduling.models import Meeting

PUBLIC_ENDPOINTS = {
    "static",
    "site.index",
    # A visitor sees the program's public page with its applications; members their home.
    "site.program_home",
    "site.healthz",
    "site.readyz",
    "auth.sign_in",
    "auth.sign_up",
    "auth.sign_up_sent",
    # The signed link in the sign-up email (tests/auth/test_sign_up.py).
    "auth.finish_sign_up",
    "auth.forgot_password",
    "auth.reset_password",
    "auth.set_language",
    "cohorts.invitation",
    "screening.apply_as_mentor",
    "screening.mentor_thanks",
    "screening.applicant_status",
    "screening.apply_as_venture",
    "screening.venture_profile",
    "screening.edit_venture_profile",
    # The token in the path is the key (a wrong one is a 404: tests/scheduling/test_feeds.py).
    "scheduling.calendar_feed",
    # A signed link in the invitation email (tests/scheduling/test_rsvp.py).
    "scheduling.answer_by_link",
    # Anyone holding a PDF checks it; a wrong code or file gets a plain answer and names
    # nothing (tests/agreements/test_evidence_views.py: test_an_unknown_code_is_refused_plainly,
    # test_a_pdf_altered_by_one_byte_is_refused_with_the_reason).
    "agreements.verify",
    "agreements.verify_code",
    # RFC 8058 one-click unsubscribe: the signed token in the path is the only credential
    # (a forged or stale one is a 404: tests/notifications/test_unsubscribe.py).
    "notifications.confirm_unsubscribe",
    "notifications.unsubscribe",
    # A venture's files by the founders' private link, like the profile it belongs to (a
    # wrong token is a 404: tests/onboarding/files/test_venture_files.py).
    "files.by_link_show_file",
    "files.by_link_upload_file",
    "files.by_link_remove_file",
}

A_ROLES = ("mentor", "entrepreneur", "peer_mentor")
ANY_MEMBER = {
    "coordinator": 200,
    **dict.fromkeys(A_ROLES, 200),
    "b_coordinator": 404,
    "anonymous": 302,
}
COORDINATOR_ONLY = {
    "coordinator": 200,
    **dict.fromkeys(A_ROLES, 403),
    "b_coordinator": 404,
    "anonymous": 302,
}
COORDINATOR_ACTS = {**COORDINATOR_ONLY, "coordinator": 302}
SIGNED_IN = {
    "coordinator": 200,
    **dict.fromkeys(A_ROLES, 200),
    "b_coordinator": 200,
    "anonymous": 302,
}
ADMIN_ONLY = {
    "coordinator": 404,
    **dict.fromkeys(A_ROLES, 404),
    "b_coordinator": 404,
    "anonymous": 302,
}
B_NEVER = {"b_coordinator": 404}
MENTOR_ONLY = {**COORDINATOR_ONLY, "coordinator": 403, "mentor": 200}
INVALID_FORM = {**COORDINATOR_ONLY, "coordinator": 400}
MENTOR_MEETING = {**COORDINATOR_ONLY, "mentor": 200}
# The world's meeting invites A's mentor (the team's lead) and entrepreneur (the founder).
INVITED = {**ANY_MEMBER, "peer_mentor": 404}
TEAM_MEMBERS = {**MENTOR_ONLY, "entrepreneur": 200}
# The world's interview in A has A's coordinator and mentor as interviewers; the same two
# roles read (and mentors sign) the principles.
INTERVIEWERS = {**COORDINATOR_ONLY, "mentor": 200}
# The world's venture in A has A's entrepreneur as its founder; other members are told it is
# not there.
VENTURE_FOUNDERS = {**ANY_MEMBER, "mentor": 404, "peer_mentor": 404}
VENTURE_FOUNDERS_ACT = {**VENTURE_FOUNDERS, "coordinator": 302, "entrepreneur": 302}

# Peer mentoring: A's entrepreneur and peer mentor take part in A's events (mentors never
# do); the circle has them as member and facilitator. Coordinators do not take part.
TAKING_PART = {**ANY_MEMBER, "mentor": 404}
TAKING_PART_ONLY = {**TAKING_PART, "coordinator": 404}
EVENT = "/p/{a_slug}/peer/events/{a_event}"
HELD = "/p/{a_slug}/peer/events/{a_held_event}"
CIRCLE = "/p/{a_slug}/peer/circles/{a_circle}"
EVENT_FORM = {
    "cohort": "{a_cohort}", "title": "Autumn speed dating", "day": "{a_next_month}",
    "start": "18:00", "location": "Hall B", "conversation_minutes": "15", "change_minutes": "2",
    "tables": "", "group_size": "1", "choices": "3", "mentor_capacity": "1", "break_every": "0",
    "break_minutes": "0", "second_day": "", "second_start": "", "first_rounds": "",
}  # fmt: skip
CIRCLE_FORM = {
    "name": "Circle A", "facilitator_id": "{a_peer_mentor}", "members": "{a_entrepreneur}",
    "ordinal": "1", "weekday": "2", "start_time": "18:00", "duration_minutes": "90",
    "timezone": "America/New_York", "location": "Room 5",
}  # fmt: skip

# The evidence dashboard and its at-risk list (tests/evidence/): coordinators only; a wrong
# filter is answered 400 next to its field; a nudge of a team or pair that is not the
# program's is a 404 (the nudges themselves: tests/evidence/health/test_at_risk.py).
NOT_FOUND_FOR_COORDINATOR = {**COORDINATOR_ONLY, "coordinator": 404}
EVIDENCE_DASHBOARD_ROUTES = [
    ("dashboard.show_dashboard", "GET", "/p/{a_slug}/evidence", None, COORDINATOR_ONLY),
    ("dashboard.show_dashboard", "GET", "/p/{a_slug}/evidence?cohort={a_cohort}", None,
     COORDINATOR_ONLY),
    ("dashboard.show_dashboard", "GET",
     "/p/{a_slug}/evidence?starts_on=2027-03-10&ends_on=2027-03-01", None, INVALID_FORM),
    ("dashboard.export_measure", "GET", "/p/{a_slug}/evidence/export.csv?table=funnel", None,
     COORDINATOR_ONLY),
    ("dashboard.export_measure", "GET", "/p/{a_slug}/evidence/export.csv?table=none", None,
     NOT_FOUND_FOR_COORDINATOR),
    ("dashboard.mentor_ledger", "GET", "/p/{a_slug}/evidence/mentors?page=2", None,
     COORDINATOR_ONLY),
    ("dashboard.mentor_ledger", "GET", "/p/{a_slug}/evidence/mentors?ends_on=x", None,
     INVALID_FORM),
    ("dashboard.export_mentor_ledger", "GET", "/p/{a_slug}/evidence/mentors.csv", None,
     COORDINATOR_ONLY),
    ("dashboard.edit_measure_settings", "GET", "/p/{a_slug}/evidence/settings", None,
     COORDINATOR_ONLY),
    ("dashboard.edit_measure_settings", "POST", "/p/{a_slug}/evidence/settings",
     {"meaningful_meetings": "0"}, COORDINATOR_ONLY),
    ("dashboard.edit_measure_settings", "POST", "/p/{a_slug}/evidence/settings",
     {"meaningful_meetings": "4"}, COORDINATOR_ACTS),
    ("health.list_at_risk", "GET", "/p/{a_slug}/evidence/at-risk", None, COORDINATOR_ONLY),
    ("health.nudge_team", "POST", "/p/{a_slug}/evidence/at-risk/teams/999999/nudge", {},
     NOT_FOUND_FOR_COORDINATOR),
    ("health.nudge_team", "POST", "/p/{b_slug}/evidence/at-risk/teams/{a_team}/nudge", {},
     B_NEVER),
    ("health.nudge_pair", "POST", "/p/{a_slug}/evidence/at-risk/pairs/999999/nudge", {},
     NOT_FOUND_FOR_COORDINATOR),
]  # fmt: skip

# (endpoint, method, url template, form data, expected status per persona)
# Agreements (the ``agreements_a`` fixture): A's entrepreneur and peer mentor are the parties
# of an active agreement and of one out for signature; A's mentor is no party; A's
# coordinator sees both but does not sign. A refused action redirects to the agreement.
PARTIES = {**ANY_MEMBER, "mentor": 404}
PARTIES_ACT = {**PARTIES, **dict.fromkeys(("coordinator", "entrepreneur", "peer_mentor"), 302)}
SIGNERS = {**PARTIES, "coordinator": 404}
ACTIVE = "/p/{a_slug}/agreements/{a_active_agreement}"
WAITING = "/p/{a_slug}/agreements/{a_waiting_agreement}"
B_ACTIVE = "/p/{b_slug}/agreements/{a_active_agreement}"
CHECK_IN = {"went_well": "We met", "did_not": "Too short", "next_step": "Meet again"}
AGREEMENT_ROUTES = [
    ("agreements.list_agreements", "GET", "/p/{a_slug}/agreements", None, ANY_MEMBER),
    ("agreements.new_agreement", "GET", "/p/{a_slug}/agreements/new", None, ANY_MEMBER),
    # No subject chosen: the form is shown again.
    ("agreements.new_agreement", "POST", "/p/{a_slug}/agreements/new", {}, ANY_MEMBER),
    ("agreements.confirm_password", "GET", "/p/{a_slug}/agreements/confirm-password", None,
     ANY_MEMBER),
    ("agreements.confirm_password", "POST", "/p/{a_slug}/agreements/confirm-password", {},
     ANY_MEMBER),
    ("agreements.show_agreement", "GET", ACTIVE, None, PARTIES),
    ("agreements.show_agreement", "GET", WAITING, None, PARTIES),
    ("agreements.show_agreement", "GET", B_ACTIVE, None, B_NEVER),
    ("agreements.print_agreement", "GET", f"{ACTIVE}/print", None, PARTIES),
    ("agreements.print_agreement", "GET", f"{B_ACTIVE}/print", None, B_NEVER),
    ("agreements.edit_agreement", "GET", f"{WAITING}/edit", None, PARTIES),
    # Not a number: the form is shown again with the error.
    ("agreements.edit_agreement", "POST", f"{WAITING}/edit", {"hours_per_month": "x"}, PARTIES),
    # Once active, its text no longer changes: everyone who sees it is sent back to it.
    ("agreements.edit_agreement", "GET", f"{ACTIVE}/edit", None, PARTIES_ACT),
    ("agreements.edit_agreement", "GET", f"{B_ACTIVE}/edit", None, B_NEVER),
    ("agreements.end_agreement", "GET", f"{ACTIVE}/end", None, PARTIES),
    # No reason given: the form is shown again.
    ("agreements.end_agreement", "POST", f"{ACTIVE}/end", {}, PARTIES),
    ("agreements.end_agreement", "POST", f"{B_ACTIVE}/end", {"reason": "x"}, B_NEVER),
    ("agreements.sign_agreement", "GET", f"{WAITING}/sign", None, SIGNERS),
    # No name typed: the form is shown again.
    ("agreements.sign_agreement", "POST", f"{WAITING}/sign", {}, SIGNERS),
    ("agreements.sign_agreement", "GET", "/p/{b_slug}/agreements/{a_waiting_agreement}/sign",
     None, B_NEVER),
    # Already sent, not due to complete, not completed: refused, back to the agreement.
    ("agreements.send_agreement", "POST", f"{WAITING}/send", {}, PARTIES_ACT),
    ("agreements.send_agreement", "POST", f"{B_ACTIVE}/send", {}, B_NEVER),
    ("agreements.complete_agreement", "POST", f"{ACTIVE}/complete", {}, PARTIES_ACT),
    ("agreements.complete_agreement", "POST", f"{B_ACTIVE}/complete", {}, B_NEVER),
    ("agreements.renew_agreement", "POST", f"{ACTIVE}/renew", {}, PARTIES_ACT),
    ("agreements.renew_agreement", "POST", f"{B_ACTIVE}/renew", {}, B_NEVER),
    # Only the parties check in, and only on an active agreement.
    ("agreements.add_check_in", "POST", f"{ACTIVE}/check-ins", CHECK_IN,
     {**PARTIES_ACT, "coordinator": 400}),
    ("agreements.add_check_in", "POST", f"{WAITING}/check-ins", CHECK_IN,
     {**PARTIES, **dict.fromkeys(("coordinator", "entrepreneur", "peer_mentor"), 400)}),
    ("agreements.add_check_in", "POST", f"{B_ACTIVE}/check-ins", CHECK_IN, B_NEVER),
    ("agreements.remind_agreement", "POST", f"{WAITING}/remind", {}, COORDINATOR_ACTS),
    ("agreements.remind_agreement", "POST",
     "/p/{b_slug}/agreements/{a_waiting_agreement}/remind", {}, B_NEVER),
    ("agreements.download_pdf", "GET", f"{ACTIVE}/agreement.pdf", None, PARTIES),
    ("agreements.download_pdf", "GET", f"{B_ACTIVE}/agreement.pdf", None, B_NEVER),
]  # fmt: skip

# Evidence: goals and monthly updates (tests/evidence/). The world's team is a draft, so its
# goal and its venture's update are not there for anyone; its meeting is a team meeting, so
# it has no packet. The pages themselves are crawled with real objects by the every-page test.
NOT_THERE = {**dict.fromkeys(("coordinator", *A_ROLES, "b_coordinator"), 404), "anonymous": 302}
PACKET = "/p/{a_slug}/meetings/{a_meeting}/packet"
EVIDENCE_RECORD_ROUTES = [
    ("goals.state_team_goal", "GET", "/p/{a_slug}/goals/teams/{a_team}", None, NOT_THERE),
    ("goals.state_team_goal", "POST", "/p/{a_slug}/goals/teams/{a_team}", {"text": "x"},
     NOT_THERE),
    ("goals.state_pair_goal", "GET", "/p/{a_slug}/goals/pairs/999", None, NOT_THERE),
    ("updates.write_update", "GET", "/p/{a_slug}/ventures/{a_venture}/update", None, NOT_THERE),
    ("updates.write_update", "POST", "/p/{a_slug}/ventures/{a_venture}/update", {}, NOT_THERE),
    ("updates.list_updates", "GET", "/p/{a_slug}/updates", None, COORDINATOR_ONLY),
    ("updates.list_updates", "GET", "/p/{b_slug}/updates?month=2027-03", None,
     {"b_coordinator": 200}),
    ("updates.show_packet", "GET", PACKET, None, NOT_THERE),
    ("updates.print_packet", "GET", f"{PACKET}/print", None, NOT_THERE),
    ("updates.send_packet", "GET", f"{PACKET}/send", None,
     {**COORDINATOR_ONLY, "coordinator": 404}),
    ("updates.send_packet", "POST", f"{PACKET}/send", {}, {**COORDINATOR_ONLY, "coordinator": 404}),
]  # fmt: skip

# Imports and exports (issue 14): coordinators only; A's upload ``a_batch`` waits for its
# confirmation (tests/every_page_imports.py). An empty upload is shown again with its errors.
_EXPORTS = "/p/{a_slug}/evidence/exports"
CSV_ROUTES = [
    ("evidence_imports.upload_import", "GET", "/p/{a_slug}/evidence/import", None,
     COORDINATOR_ONLY),
    ("evidence_imports.upload_import", "POST", "/p/{a_slug}/evidence/import", {}, INVALID_FORM),
    ("evidence_imports.import_template", "GET", "/p/{a_slug}/evidence/import/template.csv",
     None, COORDINATOR_ONLY),
    ("evidence_imports.preview_import", "GET", "/p/{a_slug}/evidence/import/{a_batch}", None,
     COORDINATOR_ONLY),
    ("evidence_imports.preview_import", "GET", "/p/{b_slug}/evidence/import/{a_batch}", None,
     B_NEVER),
    ("evidence_imports.confirm_import", "POST", "/p/{a_slug}/evidence/import/{a_batch}/confirm",
     {"mode": "valid_rows"}, COORDINATOR_ACTS),
    ("evidence_imports.confirm_import", "POST", "/p/{b_slug}/evidence/import/{a_batch}/confirm",
     {"mode": "valid_rows"}, B_NEVER),
    *((f"evidence_exports.export_{name}", "GET", f"{_EXPORTS}/{name}.csv", None,
       COORDINATOR_ONLY) for name in ("people", "ventures", "teams", "meetings", "agreements")),
    ("evidence_exports.export_people", "GET", "/p/{b_slug}/evidence/exports/people.csv"
     "?cohort={a_cohort}", None, B_NEVER),
    *((f"evidence_exports.export_{name}", "GET",
       f"{_EXPORTS}/peer/events/{{a_held_event}}/{name}.csv", None, COORDINATOR_ONLY)
      for name in ("rankings", "pairs")),
    *((f"evidence_exports.export_{name}", "GET",
       f"/p/{{b_slug}}/evidence/exports/peer/events/{{a_held_event}}/{name}.csv", None, B_NEVER)
      for name in ("rankings", "pairs")),
]  # fmt: skip

# Onboarding (issue 17): A's venture has A's entrepreneur as its founder and a draft team, so
# its files are its founder's and the coordinators' (a published team's mentors would see
# them too: tests/onboarding/files/test_venture_files.py). Welcome pages are any member's.
VENTURE_FILE = "/p/{a_slug}/ventures/{a_venture}/files"
ONBOARDING_FILE_ROUTES = [
    ("files.show_file", "GET", VENTURE_FILE + "/{a_file}", None, VENTURE_FOUNDERS),
    ("files.show_file", "GET", "/p/{b_slug}/ventures/{a_venture}/files/{a_file}", None, B_NEVER),
    # No file chosen: refused with a reason, back to the profile.
    ("files.upload_file", "POST", VENTURE_FILE + "/logo", {}, VENTURE_FOUNDERS_ACT),
    ("files.remove_file", "POST", VENTURE_FILE + "/pitch_deck/remove", {}, VENTURE_FOUNDERS_ACT),
    ("files.remove_file", "POST", "/p/{b_slug}/ventures/{a_venture}/files/logo/remove", {},
     B_NEVER),
    ("welcome.show_welcome", "GET", "/p/{a_slug}/welcome", None, ANY_MEMBER),
    ("welcome.show_welcome_file", "GET", "/p/{a_slug}/welcome/files/{a_welcome_file}", None,
     ANY_MEMBER),
    ("welcome.show_welcome_file", "GET", "/p/{b_slug}/welcome/files/{a_welcome_file}", None,
     B_NEVER),
    ("welcome.preview_welcome", "GET", "/p/{a_slug}/welcome/preview?audience=mentors", None,
     COORDINATOR_ONLY),
    ("welcome.edit_welcome", "GET", "/p/{a_slug}/welcome/edit?audience=entrepreneurs", None,
     COORDINATOR_ONLY),
    # Both languages left empty: nothing to save, and saved.
    ("welcome.edit_welcome", "POST", "/p/{a_slug}/welcome/edit?audience=entrepreneurs", {},
     COORDINATOR_ACTS),
]  # fmt: skip

ROUTES = [
    # A visitor gets the program's public page (its applications, nothing of its members:
    # tests/site/test_home.py); members their home.
    ("site.program_home", "GET", "/p/{a_slug}/", None, {**ANY_MEMBER, "anonymous": 200}),
    ("cohorts.list_cohorts", "GET", "/p/{a_slug}/cohorts", None, COORDINATOR_ONLY),
    ("cohorts.create_cohort", "GET", "/p/{a_slug}/cohorts/new", None, COORDINATOR_ONLY),
    (
        "cohorts.create_cohort",
        "POST",
        "/p/{a_slug}/cohorts/new",
        {"name": "New", "starts_on": "2027-01-01", "ends_on": "2027-02-01"},
        COORDINATOR_ACTS,
    ),
    ("cohorts.show_cohort", "GET", "/p/{a_slug}/cohorts/{a_cohort}", None, COORDINATOR_ONLY),
    (
        "cohorts.invite",
        "POST",
        "/p/{a_slug}/cohorts/{a_cohort}/invitations",
        {"email": "fresh@example.org", "role": "mentor"},
        COORDINATOR_ACTS,
    ),
    (
        "cohorts.change_invitation",
        "POST",
        "/p/{a_slug}/cohorts/{a_cohort}/invitations/{a_invitation}/resend",
        {},
        COORDINATOR_ACTS,
    ),
    (
        "cohorts.change_invitation",
        "POST",
        "/p/{a_slug}/cohorts/{a_cohort}/invitations/{a_invitation}/revoke",
        {},
        COORDINATOR_ACTS,
    ),
    (
        "cohorts.invite_list",
        "GET",
        "/p/{a_slug}/cohorts/{a_cohort}/invitations/list",
        None,
        COORDINATOR_ONLY,
    ),
    (
        "cohorts.invite_list",
        "POST",
        "/p/{a_slug}/cohorts/{a_cohort}/invitations/list",
        {"addresses": "fresh@example.org, x", "role": "mentor", "op": "send"},
        COORDINATOR_ACTS,
    ),
    # B's coordinator reaching A's objects through B's own program or cohort:
    ("cohorts.show_cohort", "GET", "/p/{b_slug}/cohorts/{a_cohort}", None, B_NEVER),
    (
        "cohorts.invite_list",
        "POST",
        "/p/{b_slug}/cohorts/{a_cohort}/invitations/list",
        {"addresses": "x@example.org", "role": "mentor", "op": "send"},
        B_NEVER,
    ),
    (
        "cohorts.invite",
        "POST",
        "/p/{b_slug}/cohorts/{a_cohort}/invitations",
        {"email": "x@example.org", "role": "mentor"},
        B_NEVER,
    ),
    (
        "cohorts.change_invitation",
        "POST",
        "/p/{b_slug}/cohorts/{b_cohort}/invitations/{a_invitation}/revoke",
        {},
        B_NEVER,
    ),
    (
        "cohorts.change_invitation",
        "POST",
        "/p/{b_slug}/cohorts/{a_cohort}/invitations/{a_invitation}/resend",
        {},
        B_NEVER,
    ),
    ("screening.mentor_pipeline", "GET", "/p/{a_slug}/screening/mentors", None, COORDINATOR_ONLY),
    (
        "screening.export_mentor_applications",
        "GET",
        "/p/{a_slug}/screening/mentors.csv",
        None,
        COORDINATOR_ONLY,
    ),
    (
        "screening.show_mentor_application",
        "GET",
        "/p/{a_slug}/screening/mentors/{a_application}",
        None,
        COORDINATOR_ONLY,
    ),
    (
        "screening.show_mentor_application",
        "POST",
        "/p/{a_slug}/screening/mentors/{a_application}",
        {"target": "waitlisted", "note": "x"},
        COORDINATOR_ACTS,
    ),
    (
        "screening.bulk_move",
        "POST",
        "/p/{a_slug}/screening/mentors/bulk",
        {"ids": "{a_application}", "target": "declined"},
        COORDINATOR_ACTS,
    ),
    (
        "screening.schedule_interview",
        "GET",
        "/p/{a_slug}/screening/mentors/{a_application}/interview",
        None,
        COORDINATOR_ONLY,
    ),
    (
        "screening.schedule_interview",
        "GET",
        "/p/{b_slug}/screening/mentors/{a_application}/interview",
        None,
        B_NEVER,
    ),
    (
        "screening.score_interview",
        "GET",
        "/p/{a_slug}/screening/interviews/{a_interview}/score",
        None,
        INTERVIEWERS,
    ),
    (
        "screening.score_interview",
        "GET",
        "/p/{b_slug}/screening/interviews/{a_interview}/score",
        None,
        B_NEVER,
    ),
    ("screening.read_principles", "GET", "/p/{a_slug}/principles", None, INTERVIEWERS),
    ("screening.read_principles", "POST", "/p/{a_slug}/principles", {}, INTERVIEWERS),
    ("screening.manage_principles", "GET", "/p/{a_slug}/principles/manage", None, COORDINATOR_ONLY),
    (
        "screening.manage_principles",
        "POST",
        "/p/{a_slug}/principles/manage",
        {"text": "New"},
        COORDINATOR_ACTS,
    ),
    ("screening.mentor_conflicts", "GET", "/p/{a_slug}/conflicts", None, MENTOR_ONLY),
    ("screening.mentor_conflicts", "POST", "/p/{a_slug}/conflicts", {}, MENTOR_ONLY),
    ("screening.request_relationship", "POST", "/p/{a_slug}/conflicts/requests", {}, MENTOR_ONLY),
    ("screening.review_conflicts", "GET", "/p/{a_slug}/conflicts/review", None, COORDINATOR_ONLY),
    (
        "screening.decide_request",
        "POST",
        "/p/{a_slug}/conflicts/requests/999/decide",
        {"decision": "approve"},
        {**COORDINATOR_ONLY, "coordinator": 404},
    ),
    ("screening.venture_pipeline", "GET", "/p/{a_slug}/screening/ventures", None, COORDINATOR_ONLY),
    (
        "screening.venture_pipeline",
        "POST",
        "/p/{a_slug}/screening/ventures",
        {"threshold": "70"},
        COORDINATOR_ACTS,
    ),
    (
        "screening.show_venture",
        "GET",
        "/p/{a_slug}/screening/ventures/{a_venture}",
        None,
        COORDINATOR_ONLY,
    ),
    ("screening.show_venture", "GET", "/p/{b_slug}/screening/ventures/{a_venture}", None, B_NEVER),
    (
        "screening.send_venture_link",
        "POST",
        "/p/{a_slug}/screening/ventures/{a_venture}/link",
        {},
        COORDINATOR_ACTS,
    ),
    (
        "screening.send_venture_link",
        "POST",
        "/p/{b_slug}/screening/ventures/{a_venture}/link",
        {},
        B_NEVER,
    ),
    (
        "screening.my_venture_profile",
        "GET",
        "/p/{a_slug}/ventures/{a_venture}",
        None,
        VENTURE_FOUNDERS,
    ),
    ("screening.my_venture_profile", "GET", "/p/{b_slug}/ventures/{a_venture}", None, B_NEVER),
    (
        "screening.edit_my_venture",
        "GET",
        "/p/{a_slug}/ventures/{a_venture}/edit",
        None,
        VENTURE_FOUNDERS,
    ),
    ("screening.edit_my_venture", "GET", "/p/{b_slug}/ventures/{a_venture}/edit", None, B_NEVER),
    (
        "screening.renew_my_venture_link",
        "POST",
        "/p/{a_slug}/ventures/{a_venture}/link",
        {},
        VENTURE_FOUNDERS_ACT,
    ),
    (
        "screening.renew_my_venture_link",
        "POST",
        "/p/{b_slug}/ventures/{a_venture}/link",
        {},
        B_NEVER,
    ),
    (
        "screening.screening_settings",
        "GET",
        "/p/{a_slug}/screening/settings",
        None,
        COORDINATOR_ONLY,
    ),
    (
        "screening.set_venture_link_days",
        "POST",
        "/p/{a_slug}/screening/settings/venture-links",
        {"days": "30"},
        COORDINATOR_ACTS,
    ),
    (
        "screening.add_term",
        "POST",
        "/p/{a_slug}/screening/settings/terms",
        {"kind": "sector", "name": "X"},
        COORDINATOR_ACTS,
    ),
    (
        "screening.change_term",
        "POST",
        "/p/{a_slug}/screening/settings/terms/999999/rename",
        {"name": "X"},
        {**COORDINATOR_ONLY, "coordinator": 404},
    ),
    (
        "screening.add_criterion",
        "POST",
        "/p/{a_slug}/screening/settings/criteria",
        {"name": "X"},
        COORDINATOR_ACTS,
    ),
    (
        "screening.change_criterion",
        "POST",
        "/p/{a_slug}/screening/settings/criteria/999999/retire",
        {},
        NOT_FOUND_FOR_COORDINATOR,
    ),
    # B's coordinator reaching A's application through B's own program:
    (
        "screening.show_mentor_application",
        "GET",
        "/p/{b_slug}/screening/mentors/{a_application}",
        None,
        B_NEVER,
    ),
    (
        "screening.show_mentor_application",
        "POST",
        "/p/{b_slug}/screening/mentors/{a_application}",
        {"target": "declined"},
        B_NEVER,
    ),
    # Mentor teams: the coordinator's pages and actions, then B reaching A's team.
    ("cohorts.team_overview", "GET", "/p/{a_slug}/teams", None, COORDINATOR_ONLY),
    ("cohorts.propose_teams", "POST", "/p/{a_slug}/teams/propose", {}, INVALID_FORM),
    ("cohorts.show_team", "GET", "/p/{a_slug}/teams/{a_team}", None, COORDINATOR_ONLY),
    ("cohorts.show_team", "GET", "/p/{b_slug}/teams/{a_team}", None, B_NEVER),
    ("cohorts.add_team_member", "POST", "/p/{a_slug}/teams/{a_team}/members", {}, INVALID_FORM),
    ("cohorts.swap_team_member", "POST", "/p/{a_slug}/teams/{a_team}/swap", {}, INVALID_FORM),
    (
        "cohorts.set_meeting_day",
        "POST",
        "/p/{a_slug}/teams/{a_team}/day",
        {"weekday": "2"},
        COORDINATOR_ACTS,
    ),
    (
        "cohorts.change_team_member",
        "POST",
        "/p/{a_slug}/teams/{a_team}/members/{a_mentor}/lock",
        {},
        COORDINATOR_ACTS,
    ),
    (
        "cohorts.change_team_member",
        "POST",
        "/p/{b_slug}/teams/{a_team}/members/{a_mentor}/remove",
        {},
        B_NEVER,
    ),
    (
        "cohorts.team_action",
        "POST",
        "/p/{a_slug}/teams/{a_team}/publish",
        {"confirmed": "yes"},
        COORDINATOR_ACTS,
    ),
    ("cohorts.team_action", "POST", "/p/{b_slug}/teams/{a_team}/publish", {}, B_NEVER),
    ("cohorts.mentor_load", "GET", "/p/{a_slug}/teams/load", None, COORDINATOR_ONLY),
    (
        "cohorts.update_mentor_load",
        "POST",
        "/p/{a_slug}/teams/load/{a_mentor}",
        {},
        INVALID_FORM,
    ),
    (
        "cohorts.mentor_steps_off",
        "POST",
        "/p/{a_slug}/teams/load/{a_mentor}/step-off",
        {"confirmed": "yes"},
        COORDINATOR_ACTS,
    ),
    ("cohorts.mentor_steps_off", "POST", "/p/{b_slug}/teams/load/{a_mentor}/step-off", {}, B_NEVER),
    ("cohorts.my_teams", "GET", "/p/{a_slug}/my-teams", None, TEAM_MEMBERS),
    (
        "cohorts.volunteer",
        "POST",
        "/p/{a_slug}/docket/{a_venture}/volunteer",
        {"offer": "yes"},
        {**MENTOR_ONLY, "mentor": 302},
    ),
    # Meetings: coordinators and invitees see one; the lead organises; founders write the agenda.
    ("scheduling.list_meetings", "GET", "/p/{a_slug}/meetings", None, ANY_MEMBER),
    ("scheduling.meeting_rules", "POST", "/p/{a_slug}/meetings/rules", {}, INVALID_FORM),
    # The world's team is a draft: nobody is invited to anything before it is introduced.
    (
        "scheduling.schedule_meeting",
        "GET",
        "/p/{a_slug}/teams/{a_team}/meetings/new",
        None,
        {**COORDINATOR_ONLY, "coordinator": 404, "mentor": 404},
    ),
    (
        "scheduling.schedule_meeting",
        "GET",
        "/p/{b_slug}/teams/{a_team}/meetings/new",
        None,
        B_NEVER,
    ),
    ("scheduling.show_meeting", "GET", "/p/{a_slug}/meetings/{a_meeting}", None, INVITED),
    ("scheduling.show_meeting", "GET", "/p/{b_slug}/meetings/{a_meeting}", None, B_NEVER),
    ("scheduling.download_meeting", "GET", "/p/{a_slug}/meetings/{a_meeting}.ics", None, INVITED),
    (
        "scheduling.answer_meeting",
        "POST",
        "/p/{a_slug}/meetings/{a_meeting}/answer",
        {"response": "yes"},
        {**INVITED, "coordinator": 302, "mentor": 302, "entrepreneur": 302},
    ),
    (
        "scheduling.edit_meeting",
        "GET",
        "/p/{a_slug}/meetings/{a_meeting}/edit",
        None,
        {**INVITED, "entrepreneur": 403},
    ),
    (
        "scheduling.edit_agenda",
        "GET",
        "/p/{a_slug}/meetings/{a_meeting}/agenda",
        None,
        {**INVITED, "mentor": 403},
    ),
    ("scheduling.write_summary", "GET", "/p/{a_slug}/meetings/{a_meeting}/summary", None, INVITED),
    (
        "scheduling.record_attendance",
        "POST",
        "/p/{a_slug}/meetings/{a_meeting}/attendance",
        {},
        {**INVITED, "coordinator": 302, "mentor": 302, "entrepreneur": 403},
    ),
    (
        "scheduling.cancel_meeting",
        "POST",
        "/p/{a_slug}/meetings/{a_meeting}/cancel",
        {"confirmed": "yes"},
        {**INVITED, "coordinator": 302, "mentor": 302, "entrepreneur": 403},
    ),
    ("scheduling.cancel_meeting", "POST", "/p/{b_slug}/meetings/{a_meeting}/cancel", {}, B_NEVER),
    ("scheduling.mentor_meetings", "GET", "/p/{a_slug}/mentor-meetings", None, MENTOR_MEETING),
    # Only a mentor's own invitations are answered (tests/site/test_attention.py).
    (
        "scheduling.answer_dates",
        "POST",
        "/p/{a_slug}/mentor-meetings/answers",
        {},
        {**MENTOR_ONLY, "mentor": 302},
    ),
    (
        "scheduling.mentor_meetings",
        "POST",
        "/p/{a_slug}/mentor-meetings",
        {"title": "M"},
        {**MENTOR_MEETING, "mentor": 403},
    ),
    # The world's meeting is a team meeting: it has no docket.
    (
        "scheduling.set_docket",
        "POST",
        "/p/{a_slug}/meetings/{a_meeting}/docket",
        {},
        {**COORDINATOR_ONLY, "coordinator": 404},
    ),
    ("auth.settings", "GET", "/account", None, SIGNED_IN),
    ("scheduling.renew_feed", "POST", "/account/calendar", {}, dict.fromkeys(SIGNED_IN, 302)),
    ("auth.change_password", "POST", "/account/password", {}, SIGNED_IN),
    ("auth.sign_out", "POST", "/signout", {}, {**SIGNED_IN, **dict.fromkeys(SIGNED_IN, 302)}),
    ("admin.programs_page", "GET", "/admin/programs", None, ADMIN_ONLY),
    ("admin.show_program", "GET", "/admin/programs/{a_program}", None, ADMIN_ONLY),
    (
        "admin.show_program",
        "POST",
        "/admin/programs/{a_program}",
        {"email": "x@example.org"},
        ADMIN_ONLY,
    ),
    (
        "admin.programs_page",
        "POST",
        "/admin/programs",
        {"name": "X", "timezone": "UTC"},
        ADMIN_ONLY,
    ),
    (
        "admin.change_coordinator_invitation",
        "POST",
        "/admin/programs/{a_program}/invitations/{a_invitation}/revoke",
        {},
        ADMIN_ONLY,
    ),
    # Peer mentoring (the ``peer`` fixture): A's entrepreneur and peer mentor take part in A's
    # events; mentors never do; the circle has the entrepreneur as member and the peer mentor
    # as facilitator.
    ("peer.list_events", "GET", "/p/{a_slug}/peer/events", None, ANY_MEMBER),
    ("peer.new_event", "GET", "/p/{a_slug}/peer/events/new", None, COORDINATOR_ONLY),
    ("peer.new_event", "POST", "/p/{a_slug}/peer/events/new", EVENT_FORM, COORDINATOR_ACTS),
    ("peer.show_event", "GET", f"{EVENT}", None, TAKING_PART),
    ("peer.show_event", "GET", "/p/{b_slug}/peer/events/{a_event}", None, B_NEVER),
    ("peer.edit_event", "GET", f"{EVENT}/edit", None, COORDINATOR_ONLY),
    ("peer.edit_event", "POST", f"{EVENT}/edit", EVENT_FORM, COORDINATOR_ACTS),
    # Once started, its plan no longer changes.
    ("peer.edit_event", "GET", f"{HELD}/edit", None, {**COORDINATOR_ONLY, "coordinator": 404}),
    ("peer.edit_event", "POST", "/p/{b_slug}/peer/events/{a_event}/edit", EVENT_FORM, B_NEVER),
    ("peer.show_run_sheet", "GET", f"{EVENT}/run-sheet", None, COORDINATOR_ONLY),
    ("peer.show_run_sheet", "GET", "/p/{b_slug}/peer/events/{a_event}/run-sheet", None, B_NEVER),
    # A coordinator who does not take part is sent to the event page (the QR code leads here).
    ("peer.my_schedule", "GET", f"{EVENT}/schedule", None, {**TAKING_PART, "coordinator": 302}),
    (
        "peer.my_schedule",
        "GET",
        f"{EVENT}/schedule?person={{a_entrepreneur}}",
        None,
        {**TAKING_PART, "peer_mentor": 404},
    ),
    ("peer.my_schedule_ics", "GET", f"{EVENT}/schedule.ics", None, TAKING_PART_ONLY),
    (
        "peer.my_schedule_ics",
        "GET",
        f"{EVENT}/schedule.ics?person={{a_entrepreneur}}",
        None,
        {**TAKING_PART, "peer_mentor": 404},
    ),
    (
        "peer.mark_absent",
        "POST",
        f"{EVENT}/people/{{a_participant}}/absent",
        {},
        COORDINATOR_ACTS,
    ),
    # A participant of another event of the program is not this event's.
    (
        "peer.mark_absent",
        "POST",
        f"{EVENT}/people/{{a_held_participant}}/absent",
        {},
        {**COORDINATOR_ONLY, "coordinator": 404},
    ),
    (
        "peer.mark_absent",
        "POST",
        "/p/{b_slug}/peer/events/{a_event}/people/{a_participant}/absent",
        {},
        B_NEVER,
    ),
    (
        "peer.mark_present",
        "POST",
        f"{EVENT}/people/{{a_participant}}/present",
        {},
        COORDINATOR_ACTS,
    ),
    (
        "peer.add_participant",
        "POST",
        f"{EVENT}/people",
        {"person": "{a_outsider}"},
        COORDINATOR_ACTS,
    ),
    ("peer.send_schedules", "POST", f"{EVENT}/send-schedules", {}, COORDINATOR_ACTS),
    ("peer.event_mode", "GET", f"{EVENT}/live", None, COORDINATOR_ONLY),
    ("peer.event_mode", "GET", "/p/{b_slug}/peer/events/{a_event}/live", None, B_NEVER),
    ("peer.event_clock", "GET", f"{EVENT}/clock", None, TAKING_PART),
    (
        "peer.move_event_clock",
        "POST",
        f"{EVENT}/live/start",
        {"version": "{a_clock_version}", "phase": "{a_clock_phase}"},
        COORDINATOR_ACTS,
    ),
    ("peer.move_event_clock", "POST", f"{EVENT}/live/pause", {}, INVALID_FORM),
    # Choices, on A's held event: the entrepreneur ranks; peer mentors do not at this event.
    ("peer.rank_choices", "GET", f"{HELD}/choices", None, TAKING_PART_ONLY),
    (
        "peer.rank_choices",
        "POST",
        f"{HELD}/choices",
        {"choice_1": "{a_peer_mentor}"},
        {**TAKING_PART_ONLY, "entrepreneur": 302},
    ),
    ("peer.show_pairing", "GET", f"{HELD}/pairing", None, COORDINATOR_ONLY),
    ("peer.show_pairing", "GET", "/p/{b_slug}/peer/events/{a_held_event}/pairing", None, B_NEVER),
    # A deadline form with errors is shown again.
    ("peer.set_ranking_deadline", "POST", f"{HELD}/pairing/deadline", {}, COORDINATOR_ONLY),
    (
        "peer.set_ranking_deadline",
        "POST",
        f"{HELD}/pairing/deadline",
        {"day": "{a_next_month}", "time": "18:00"},
        COORDINATOR_ACTS,
    ),
    ("peer.run_pairing", "POST", f"{HELD}/pairing/run", {}, COORDINATOR_ACTS),
    ("peer.run_pairing", "POST", "/p/{b_slug}/peer/events/{a_held_event}/pairing/run", {}, B_NEVER),
    ("peer.remind_rankers", "POST", f"{HELD}/pairing/remind", {}, COORDINATOR_ACTS),
    (
        "peer.change_pair",
        "POST",
        f"{HELD}/pairing/members/{{a_entrepreneur}}",
        {"mentor": "{a_peer_mentor}"},
        COORDINATOR_ACTS,
    ),
    (
        "peer.change_pair",
        "POST",
        f"{HELD}/pairing/members/{{a_entrepreneur}}",
        {"mentor": "x"},
        INVALID_FORM,
    ),
    (
        "peer.lock_pair",
        "POST",
        f"{HELD}/pairing/members/{{a_entrepreneur}}/lock",
        {},
        COORDINATOR_ACTS,
    ),
    (
        "peer.unlock_pair",
        "POST",
        f"{HELD}/pairing/members/{{a_entrepreneur}}/unlock",
        {},
        COORDINATOR_ACTS,
    ),
    ("peer.publish_pairs", "POST", f"{HELD}/pairing/publish", {"confirm": "y"}, COORDINATOR_ACTS),
    (
        "peer.publish_pairs",
        "POST",
        "/p/{b_slug}/peer/events/{a_held_event}/pairing/publish",
        {"confirm": "y"},
        B_NEVER,
    ),
    # Circles.
    ("peer.list_circles", "GET", "/p/{a_slug}/peer/circles", None, COORDINATOR_ONLY),
    ("peer.new_circle", "GET", "/p/{a_slug}/peer/circles/new", None, COORDINATOR_ONLY),
    (
        "peer.new_circle",
        "POST",
        "/p/{a_slug}/peer/circles/new",
        {**CIRCLE_FORM, "name": "New circle"},
        COORDINATOR_ACTS,
    ),
    ("peer.edit_circle", "GET", f"{CIRCLE}/edit", None, COORDINATOR_ONLY),
    ("peer.edit_circle", "POST", f"{CIRCLE}/edit", CIRCLE_FORM, COORDINATOR_ACTS),
    ("peer.edit_circle", "POST", "/p/{b_slug}/peer/circles/{a_circle}/edit", CIRCLE_FORM, B_NEVER),
    ("peer.show_circle", "GET", CIRCLE, None, TAKING_PART),
    ("peer.show_circle", "GET", "/p/{b_slug}/peer/circles/{a_circle}", None, B_NEVER),
    ("peer.show_circle_meeting", "GET", f"{CIRCLE}/meetings/{{a_circle_date}}", None, TAKING_PART),
    # The facilitator and coordinators record a date; its members only read it.
    (
        "peer.show_circle_meeting",
        "POST",
        f"{CIRCLE}/meetings/{{a_circle_date}}",
        {
            "rows-0-user_id": "{a_entrepreneur}",
            "rows-0-present": "yes",
            "rows-0-commitment": "Call two customers",
        },
        {**TAKING_PART, "coordinator": 302, "peer_mentor": 302, "entrepreneur": 403},
    ),
    # Another meeting of the program (the team meeting) is not a date of the circle.
    (
        "peer.show_circle_meeting",
        "GET",
        f"{CIRCLE}/meetings/{{a_meeting}}",
        None,
        {**TAKING_PART, **dict.fromkeys(("coordinator", "entrepreneur", "peer_mentor"), 404)},
    ),
    ("peer.my_circle", "GET", "/p/{a_slug}/peer/my-circle", None, ANY_MEMBER),
    *AGREEMENT_ROUTES,
    *EVIDENCE_RECORD_ROUTES,
    *CSV_ROUTES,
    ("notifications.list_outbox", "GET", "/p/{a_slug}/outbox", None, COORDINATOR_ONLY),
    (
        "notifications.list_outbox",
        "GET",
        "/p/{a_slug}/outbox?status=failed&q=x&page=2",
        None,
        COORDINATOR_ONLY,
    ),
    # Resending an email that is not failed answers like a second click: nothing to do.
    (
        "notifications.resend_email",
        "POST",
        "/p/{a_slug}/outbox/{a_email}/resend",
        {},
        COORDINATOR_ACTS,
    ),
    ("notifications.resend_email", "POST", "/p/{b_slug}/outbox/{a_email}/resend", {}, B_NEVER),
    ("notifications.edit_nudges", "GET", "/p/{a_slug}/nudges", None, COORDINATOR_ONLY),
    # Refused (a number out of range) is shown again with what was typed: 200.
    (
        "notifications.edit_nudges",
        "POST",
        "/p/{a_slug}/nudges",
        {"rsvp_nudge_days": "99"},
        COORDINATOR_ONLY,
    ),
    (
        "notifications.edit_nudges",
        "POST",
        "/p/{a_slug}/nudges",
        {
            "rsvp_nudge_days": "5",
            "docket_days": "1",
            "principles_due_days": "30",
            "scorecard_after_hours": "24",
            "quiet_lead_days": "30",
            "quiet_coordinators_days": "45",
        },
        COORDINATOR_ACTS,
    ),
    ("notifications.edit_preferences", "GET", "/account/notifications", None, SIGNED_IN),
    # An empty form is refused and shown again (200); a valid one saves and redirects.
    ("notifications.edit_preferences", "POST", "/account/notifications", {}, SIGNED_IN),
    (
        "notifications.edit_preferences",
        "POST",
        "/account/notifications",
        {"reminders": "on", "nudges": "digest", "activity": "off", "hour_before": "on"},
        {**SIGNED_IN, **dict.fromkeys(("coordinator", "b_coordinator", *A_ROLES), 302)},
    ),
    *EVIDENCE_DASHBOARD_ROUTES,
    *ONBOARDING_FILE_ROUTES,
]

# Surveys (the ``surveys_a`` fixture): A's entrepreneur is asked the fit check about A's team;
# the survey is theirs alone (anyone else is told it is not there); answers are for
# coordinators only. Ending a team: A's team is a draft, so the coordinator is refused (302).
SURVEY = "/p/{a_slug}/surveys/{a_survey}"
OWN_SURVEY = {**ANY_MEMBER, **dict.fromkeys(("coordinator", "mentor", "peer_mentor"), 404)}
SURVEY_ROUTES = [
    ("surveys.my_surveys", "GET", "/p/{a_slug}/surveys", None, ANY_MEMBER),
    ("surveys.answer_survey", "GET", SURVEY, None, OWN_SURVEY),
    ("surveys.answer_survey", "POST", SURVEY, {}, {**OWN_SURVEY, "entrepreneur": 400}),
    ("surveys.answer_survey", "POST", SURVEY, {"fit": "yes"}, {**OWN_SURVEY, "entrepreneur": 302}),
    ("surveys.answer_survey", "GET", "/p/{b_slug}/surveys/{a_survey}", None, B_NEVER),
    ("surveys.survey_measures", "GET", "/p/{a_slug}/evidence/surveys", None, COORDINATOR_ONLY),
    ("surveys.list_fit_flags", "GET", "/p/{a_slug}/evidence/surveys/flags", None,
     COORDINATOR_ONLY),
    ("surveys.export_answers", "GET", "/p/{a_slug}/evidence/surveys/answers.csv", None,
     COORDINATOR_ONLY),
    ("surveys.export_measures", "GET", "/p/{a_slug}/evidence/surveys/measures.csv", None,
     COORDINATOR_ONLY),
    ("cohorts.end_team", "GET", "/p/{a_slug}/teams/{a_team}/end", None, COORDINATOR_ONLY),
    ("cohorts.end_team", "POST", "/p/{a_slug}/teams/{a_team}/end", CONFIRMED, COORDINATOR_ACTS),
    ("cohorts.end_team", "POST", "/p/{b_slug}/teams/{a_team}/end", {}, B_NEVER),
]  # fmt: skip
ROUTES += SURVEY_ROUTES

# Mentor preparation (the ``preparation_a`` fixture: A's step, confirmed by the mentor):
# coordinators define the steps and the requirement and mark steps done; mentors see their
# own preparation and confirm. B's coordinator never reaches A's steps.
STEP = "/p/{a_slug}/preparation/steps/{a_step}"
MENTOR_ACTS = {**MENTOR_ONLY, "mentor": 302}
PREPARATION_ROUTES = [
    ("preparation.manage_steps", "GET", "/p/{a_slug}/preparation/steps", None, COORDINATOR_ONLY),
    ("preparation.manage_steps", "POST", "/p/{a_slug}/preparation/steps", {}, INVALID_FORM),
    ("preparation.manage_steps", "POST", "/p/{a_slug}/preparation/steps",
     {"title": "Read the handbook", "way": "confirmed"}, COORDINATOR_ACTS),
    ("preparation.edit_step", "GET", STEP, None, COORDINATOR_ONLY),
    ("preparation.edit_step", "POST", STEP, {}, INVALID_FORM),
    ("preparation.edit_step", "GET", "/p/{b_slug}/preparation/steps/{a_step}", None, B_NEVER),
    ("preparation.move_step", "POST", f"{STEP}/move", {"position": "1"}, COORDINATOR_ACTS),
    ("preparation.move_step", "POST", "/p/{b_slug}/preparation/steps/{a_step}/move",
     {"position": "1"}, B_NEVER),
    ("preparation.retire_step", "POST", f"{STEP}/retire", CONFIRMED, COORDINATOR_ACTS),
    ("preparation.retire_step", "POST", "/p/{b_slug}/preparation/steps/{a_step}/retire",
     CONFIRMED, B_NEVER),
    ("preparation.restore_step", "POST", f"{STEP}/restore", {}, COORDINATOR_ACTS),
    ("preparation.set_requirement", "POST", "/p/{a_slug}/preparation/requirement",
     {"required": "on", **CONFIRMED}, COORDINATOR_ACTS),
    ("preparation.mentor_progress", "GET", "/p/{a_slug}/preparation/mentors", None,
     COORDINATOR_ONLY),
    ("preparation.mark_done", "POST", "/p/{a_slug}/preparation/mentors/{a_mentor}/steps/{a_step}",
     {}, COORDINATOR_ACTS),
    ("preparation.mark_done", "POST", "/p/{b_slug}/preparation/mentors/{a_mentor}/steps/{a_step}",
     {}, B_NEVER),
    ("preparation.my_preparation", "GET", "/p/{a_slug}/preparation", None, MENTOR_ONLY),
    # Another program's step confirmed by a mentor: tests/onboarding/preparation/test_steps.py.
    ("preparation.confirm_step", "POST", f"{STEP}/confirm", {}, MENTOR_ACTS),
]  # fmt: skip
ROUTES += PREPARATION_ROUTES
# Onboarding trials (tests/onboarding/trials/): coordinators only; A's running trial holds A's
# venture, its draft can be edited; a start refused (one running per audience) or a stop is
# a redirect with the reason; another program's address is a 404.
TRIALS = "/p/{a_slug}/evidence/trials"
TRIAL_FORM = {
    "audience": "ventures",
    "name": "Trial",
    "question": "Does it help?",
    "arms-0-name": "Welcome",
    "arms-0-treatment": "welcome",
    "arms-0-is_comparison": "y",
    "arms-1-name": "None",
    "arms-1-treatment": "nothing",
}
TRIAL_ROUTES = [
    ("trials.list_trials", "GET", TRIALS, None, COORDINATOR_ONLY),
    ("trials.new_trial", "GET", f"{TRIALS}/new", None, COORDINATOR_ONLY),
    ("trials.new_trial", "POST", f"{TRIALS}/new", TRIAL_FORM, COORDINATOR_ACTS),
    ("trials.new_trial", "POST", f"{TRIALS}/new", {"name": ""}, INVALID_FORM),
    ("trials.show_trial", "GET", TRIALS + "/{a_trial}", None, COORDINATOR_ONLY),
    ("trials.show_trial", "GET", "/p/{b_slug}/evidence/trials/{a_trial}", None, B_NEVER),
    ("trials.edit_trial", "GET", TRIALS + "/{a_draft_trial}/edit", None, COORDINATOR_ONLY),
    ("trials.edit_trial", "POST", TRIALS + "/{a_draft_trial}/edit", TRIAL_FORM,
     COORDINATOR_ACTS),
    ("trials.start_trial", "POST", TRIALS + "/{a_draft_trial}/start", CONFIRMED,
     COORDINATOR_ACTS),
    ("trials.stop_trial", "POST", TRIALS + "/{a_trial}/stop", CONFIRMED, COORDINATOR_ACTS),
    ("trials.stop_trial", "POST", "/p/{b_slug}/evidence/trials/{a_trial}/stop", CONFIRMED,
     B_NEVER),
    ("trials.export_trial_result", "GET", TRIALS + "/{a_trial}/result.csv?table=team", None,
     COORDINATOR_ONLY),
    ("trials.export_trial_result", "GET", TRIALS + "/{a_trial}/result.csv?table=none", None,
     NOT_FOUND_FOR_COORDINATOR),
]  # fmt: skip
ROUTES += TRIAL_ROUTES

# Personas last-to-first so the one who may change state (A's coordinator) goes last.
PERSONA_ORDER = (
    "anonymous",
    "b_coordinator",
    "mentor",
    "entrepreneur",
    "peer_mentor",
    "coordinator",
)


@dataclass
class PeerWorld:
    """A's peer objects, beside the world (which other tests share unchanged)."""

    #: Planned, in A's cohort: A's entrepreneur is a member, A's peer mentor a peer mentor.
    event: PeerEvent
    #: Held: the entrepreneur ranked the peer mentor and the pairing proposed them.
    held: PeerEvent
    circle_id: int
    #: A past date of the circle (the meeting's id), to be recorded.
    circle_date: int
    #: An entrepreneur of A in no cohort, event or circle.
    outsider: User


def _participant_id(event: PeerEvent, user: User) -> int:
    return seating.participant_of(event, user.id).id


def _plan(a: ProgramWorld, title: str, starts_at) -> PeerEvent:
    details = events.EventDetails(cohort_id=a.cohort.id, title=title,
                                  sessions=(SessionPlan(starts_at),))  # fmt: skip
    return events.plan_event(a.program, details, starts_at - timedelta(days=1), a.coordinator)


@pytest.fixture
def peer(world, make_member) -> PeerWorld:
    """A's events (planned, and held with a proposed pair), A's circle with a past date, and
    an outsider, built through the services."""
    a = world["A"]
    evening = now_utc().replace(hour=22, minute=0, second=0, microsecond=0)
    event = _plan(a, "Speed dating A", evening + timedelta(days=10))
    held = _plan(a, "Held speed dating A", evening - timedelta(days=14))
    hold(held)
    member = seating.participant_of(held, a.entrepreneur.id)
    choices.save_ranking(held, member, [a.peer_mentor.id], [])
    choices.run_pairing(held)
    rule = circles.CircleDetails("Circle A", a.peer_mentor.id, 1, 2, time(18), 90,
                                 a.program.timezone, "Room 4")  # fmt: skip
    circle = circles.create_circle(a.program, rule, [a.entrepreneur.id],
                                   now=now_utc() - timedelta(days=40))  # fmt: skip
    dates.keep_ahead(circle)
    past = db.session.scalar(
        select(CircleMeeting.meeting_id).join(Meeting, Meeting.id == CircleMeeting.meeting_id)
        .where(CircleMeeting.circle_id == circle.id, Meeting.starts_at < now_utc())
    )  # fmt: skip
    db.session.commit()
    deliver_all()
    outsider = make_member(a.program, Role.ENTREPRENEUR, name="Outsider A")
    return PeerWorld(event, held, circle.id, past, outsider)


@dataclass
class AgreementsA:
    """A's agreements: both between A's entrepreneur and peer mentor, each for a pair of its
    own paired event."""

    #: Signed by both, with a check-in.
    active: Agreement
    #: Out for signature, signed by nobody.
    waiting: Agreement


def _agreement_for_a_new_pair(a: ProgramWorld, title: str, days_ago: int) -> Agreement:
    """A held event of A's cohort, ranked and paired (everyone emailed), and an agreement
    for its one pair, filled in and sent for signature."""
    now = now_utc()
    event = _plan(a, title, now.replace(hour=22, minute=0) - timedelta(days=days_ago))
    hold(event)
    rank_and_publish(event, now - timedelta(hours=1))
    pair = db.session.scalar(select(PeerPair).filter_by(event_id=event.id))
    agreement = agreements.make_for_pair(a.program, pair, a.coordinator, CLIENT, now)
    agreement.seeks, agreement.provides = "Help with pricing", "Ten years in retail"
    agreements.send_for_signature(agreement, a.coordinator, CLIENT, now)
    return agreement


@pytest.fixture
def agreements_a(world, peer) -> AgreementsA:
    """Built through the services; the peer fixture's events are left as they are."""
    a = world["A"]
    active = _agreement_for_a_new_pair(a, "Paired speed dating A", 21)
    waiting = _agreement_for_a_new_pair(a, "Second paired speed dating A", 28)
    for party in (a.entrepreneur, a.peer_mentor):
        sign_as(active, party, now_utc())
    agreements.add_check_in(active, a.entrepreneur, "Met twice", "Late once", "Prices",
                            now_utc())  # fmt: skip
    db.session.commit()
    deliver_all()
    return AgreementsA(active, waiting)


@pytest.fixture
def surveys_a(world) -> int:
    """A fit check of A's team asked of A's entrepreneur (its founder): the invitation's id."""
    a = world["A"]
    invitation = SurveyInvitation(program_id=a.program.id, kind=SurveyKind.FIT,
                                  subject_kind=SubjectKind.TEAM, subject_id=a.team_id,
                                  venture_id=a.venture_id, user_id=a.entrepreneur.id,
                                  side=Side.FOUNDER)  # fmt: skip
    db.session.add(invitation)
    db.session.commit()
    return invitation.id


@pytest.fixture
def preparation_a(world) -> int:
    """A step of A's, done by the mentor's button: its id."""
    step = preparation.add_step(
        world["A"].program, preparation.StepDetails("Handbook A", "", StepWay.CONFIRMED)
    )
    db.session.commit()
    return step.id


@pytest.fixture
def files_a(world) -> dict:
    """A logo of A's venture and a welcome file of A's (made through the real checks)."""
    a = world["A"]
    venture = db.session.get(Venture, a.venture_id)
    logo = stored_files.check(FilePurpose.LOGO, png_bytes(), "logo.png")
    welcome = stored_files.check(FilePurpose.WELCOME, pdf_bytes(), "welcome.pdf")
    made = {"a_file": stored_files.store(a.program, venture, FilePurpose.LOGO, logo, None),
            "a_welcome_file": stored_files.store(a.program, None, FilePurpose.WELCOME, welcome,
                                                 None)}  # fmt: skip
    db.session.commit()
    return {name: stored.file.id for name, stored in made.items()}


@pytest.fixture
def trials_a(world) -> dict:
    """A's running venture trial, with A's venture assigned, and a draft beside it."""
    from tests.onboarding.trials.conftest import make_trial
    from vms.cohorts.models import Venture
    from vms.onboarding.trials.intake import assign_venture

    a = world["A"]
    running = make_trial(a.program)
    assign_venture(db.session.get(Venture, a.venture_id))
    draft = make_trial(a.program, start=False, name="Draft")
    return {"a_trial": running.id, "a_draft_trial": draft.id}


def _agreement_values(agreements_a: AgreementsA | None) -> dict:
    if agreements_a is None:
        return {}
    return {"a_active_agreement": agreements_a.active.id,
            "a_waiting_agreement": agreements_a.waiting.id}  # fmt: skip


def _values(world, peer: PeerWorld, agreements_a: AgreementsA | None = None) -> dict:
    a, b = world["A"], world["B"]
    now = clock.live(peer.event)
    return {
        **_agreement_values(agreements_a),
        "a_batch": _waiting_batch(a),
        "a_slug": a.program.slug,
        "b_slug": b.program.slug,
        "a_program": a.program.id,
        "a_cohort": a.cohort.id,
        "b_cohort": b.cohort.id,
        "a_invitation": a.invitation_id,
        "a_application": a.application_id,
        "a_interview": a.interview_id,
        "a_venture": a.venture_id,
        "a_team": a.team_id,
        "a_mentor": a.mentor.id,
        "a_meeting": a.meeting_id,
        "a_entrepreneur": a.entrepreneur.id,
        "a_peer_mentor": a.peer_mentor.id,
        "a_outsider": peer.outsider.id,
        "a_event": peer.event.id,
        "a_participant": _participant_id(peer.event, a.entrepreneur),
        "a_held_event": peer.held.id,
        "a_held_participant": _participant_id(peer.held, a.entrepreneur),
        "a_clock_version": now.version,
        "a_clock_phase": now.shown_phase,
        "a_next_month": (date.today() + timedelta(days=30)).isoformat(),
        "a_circle": peer.circle_id,
        "a_circle_date": peer.circle_date,
        "a_email": db.session.scalar(
            select(OutboxEmail.id).where(OutboxEmail.program_id == a.program.id).limit(1)
        ),
    }


def _waiting_batch(a: ProgramWorld) -> int:
    """An upload of A's waiting for its confirmation (a new one for each route)."""
    batch = grow_imports(a.program, a.coordinator)[0]
    db.session.commit()
    return batch.id


def _person(world, persona):
    if persona == "b_coordinator":
        return world["B"].coordinator
    return getattr(world["A"], persona)


@pytest.mark.parametrize(
    ("endpoint", "method", "template", "data", "expected"),
    ROUTES,
    ids=[f"{method} {template}" for _e, method, template, _d, _x in ROUTES],
)
def test_role_route_matrix(app, request, world, peer, endpoint, method, template, data,
                           expected):  # fmt: skip
    # Only the agreements' routes pay for building A's agreements.
    made = request.getfixturevalue("agreements_a") if endpoint.startswith("agreements.") else None
    values = _values(world, peer, made)
    if endpoint.startswith("surveys."):
        values["a_survey"] = request.getfixturevalue("surveys_a")
    if endpoint.startswith("preparation."):
        values["a_step"] = request.getfixturevalue("preparation_a")
    if endpoint.startswith(("files.", "welcome.")):
        values.update(request.getfixturevalue("files_a"))
    if endpoint.startswith("trials."):
        values |= request.getfixturevalue("trials_a")
    url = template.format(**values)
    data = {key: value.format(**values) for key, value in data.items()} if data else data
    for persona in (p for p in PERSONA_ORDER if p in expected):
        client = app.test_client()
        if persona != "anonymous":
            Auth(client).login(as_=_person(world, persona))
        response = client.open(url, method=method, data=data)
        assert response.status_code == expected[persona], (persona, method, url)
        if expected[persona] == 302 and persona == "anonymous":
            assert response.location.startswith("/signin?next=")


def test_every_route_is_public_or_in_the_matrix(app):
    covered = {endpoint for endpoint, *_ in ROUTES}
    missing = {rule.endpoint for rule in app.url_map.iter_rules()} - covered - PUBLIC_ENDPOINTS
    assert not missing, f"add these routes to the authorization matrix: {sorted(missing)}"


def _fill(rule, values) -> str:
    defaults = {
        "program_slug": values["a_slug"],
        "cohort_id": values["a_cohort"],
        "invitation_id": values["a_invitation"],
        "program_id": values["a_program"],
        "application_id": values["a_application"],
        "interview_id": values["a_interview"],
        "request_id": 1,
        "venture_id": values["a_venture"],
        "term_id": 1,
        "criterion_id": 1,
        "token": "not-a-token",
        "team_id": values["a_team"],
        "mentor_id": values["a_mentor"],
        "meeting_id": values["a_meeting"],
        "event_id": values["a_event"],
        "participant_id": values["a_participant"],
        "member_id": values["a_entrepreneur"],
        "move": "start",
        "circle_id": values["a_circle"],
        "agreement_id": values["a_active_agreement"],
        "code": "NOTACODE",
        "action": _action(rule),
        "filename": "css/app.css",
        "email_id": values["a_email"],
        "survey_id": values.get("a_survey", 1),
        "trial_id": values.get("a_trial", 1),
        # A peer pair's nudge (vms/evidence/health): refused before the pair is looked up.
        "pair_id": 1,
        "batch_id": values["a_batch"],
        "step_id": values.get("a_step", 1),
        "user_id": values["a_mentor"],
        "file_id": 1,
        "purpose": "logo",
    }
    return rule.build({name: defaults[name] for name in rule.arguments}, append_unknown=False)[1]


def _action(rule) -> str:
    if "term_id" in rule.arguments or "criterion_id" in rule.arguments:
        return "rename"
    if "mentor_id" in rule.arguments:
        return "lock"
    return "publish" if "team_id" in rule.arguments else "resend"


def test_every_non_public_route_refuses_anonymous_users(app, world, peer, agreements_a):
    client = app.test_client()
    values = _values(world, peer, agreements_a)
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        url = _fill(rule, values)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            assert response.status_code == 302, (method, url)
            assert response.location.startswith("/signin?next="), (method, url)


def test_people_outside_an_event_or_a_circle_are_told_it_is_not_there(app, world, peer):
    """An entrepreneur of A who takes part in nothing: each event and circle page is a 404,
    and A's lists of events and circles do not name them."""
    values = _values(world, peer)
    client = app.test_client()
    Auth(client).login(as_=peer.outsider)
    hidden = [
        EVENT, f"{EVENT}/schedule", f"{EVENT}/schedule.ics", f"{EVENT}/clock",
        f"{EVENT}/schedule?person={{a_entrepreneur}}", f"{HELD}/choices", CIRCLE,
        f"{CIRCLE}/meetings/{{a_circle_date}}",
    ]  # fmt: skip
    for template in hidden:
        url = template.format(**values)
        assert client.get(url).status_code == 404, url
    assert client.post(f"{HELD}/choices".format(**values), data={}).status_code == 404
    for url, names in (("/p/{a_slug}/peer/events", ("Speed dating A", "Held speed dating A")),
                       ("/p/{a_slug}/peer/my-circle", ("Circle A",))):  # fmt: skip
        page = client.get(url.format(**values))
        assert page.status_code == 200
        assert not [name for name in names if name in page.get_data(as_text=True)], url
