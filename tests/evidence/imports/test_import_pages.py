"""The import pages: upload, preview, confirm; nothing changes before the confirmation."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.support import link_in, text_of
from vms.auth.models import Role
from vms.cohorts import services as cohort_services
from vms.cohorts.models import Invitation, Venture, VentureFounder, VentureNeed, VentureStatus
from vms.database import now_utc
from vms.evidence.imports import rows
from vms.evidence.imports.models import ImportBatch, ImportRow
from vms.extensions import db
from vms.mail.models import OutboxEmail

MENTORS = (
    "name,email,cohort\n"
    "Inés Pérez,ines@example.org,\n"  # valid: the file's cohort
    "No Address,,\n"  # no address
    "Bad,not-an-email,Spring\n"  # bad address
    "Inés again,INES@example.org,\n"  # duplicate within the file
    "Already,member@example.org,Spring\n"  # already a mentor of Spring
    "Invited,invited@example.org,Spring\n"  # already invited
    "Lost,lost@example.org,Winter\n"  # unknown cohort
    "Ren Ito,ren@example.org,Spring\n"  # valid
)


@pytest.fixture
def program_setup(make_program, make_cohort, make_member, auth):
    program = make_program("River Valley VMS")
    cohort = make_cohort(program, "Spring")
    coordinator = make_member(program, Role.COORDINATOR, cohort)
    make_member(program, Role.MENTOR, cohort, email="member@example.org")
    cohort_services.invite(program, cohort, "invited@example.org", Role.MENTOR, coordinator)
    db.session.commit()
    auth.login(as_=coordinator)
    return program, cohort, coordinator


def upload(client, program, text: str, kind="mentors", cohort="", encoding="utf-8-sig"):
    data = {"kind": kind, "cohort": str(cohort),
            "document": (io.BytesIO(text.encode(encoding)), "people.csv")}  # fmt: skip
    return client.post(f"/p/{program.slug}/evidence/import", data=data,
                       content_type="multipart/form-data")  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Invitation, Venture, VentureFounder, OutboxEmail)}  # fmt: skip


def test_a_file_with_valid_and_invalid_rows_changes_nothing_until_confirmed(
    client, smtp, program_setup
):
    program, cohort, _coordinator = program_setup
    smtp.clear()
    before = counts()
    uploaded = upload(client, program, MENTORS, cohort=cohort.id)
    assert uploaded.status_code == 302
    page = client.get(uploaded.location).get_data(as_text=True)
    assert counts() == before and smtp.messages == []
    assert "2 valid rows" in page and "6 rows with problems" in page
    for problem in ("The email address is missing.", "This does not look like an email address.",
                    "An earlier row of the file has the same entry.",
                    "Already a mentor of this cohort.", "Already invited to this cohort",
                    "The program has no cohort of this name."):  # fmt: skip
        assert problem in page
    assert "Inés Pérez" in page  # what the row said, next to its problems

    confirmed = client.post(uploaded.location + "/confirm", data={"mode": "valid_rows"})
    assert confirmed.status_code == 302
    after = counts()
    assert after["Invitation"] == before["Invitation"] + 2
    invited = db.session.scalars(select(Invitation.email).where(
        Invitation.created_at > now_utc() - timedelta(minutes=1),
        Invitation.email.in_(["ines@example.org", "ren@example.org"]))).all()  # fmt: skip
    assert sorted(invited) == ["ines@example.org", "ren@example.org"]
    for address in ("ines@example.org", "ren@example.org"):
        message = smtp.last_to(address)
        assert "River Valley VMS" in message["Subject"]
        assert "/invitations/" in link_in(message, "/invitations/")
    assert {m["To"] for m in smtp.messages} == {"ines@example.org", "ren@example.org"}
    page = client.get(uploaded.location).get_data(as_text=True)
    assert "Imported 2 rows" in page and "Confirm the import" not in page


def test_a_second_confirmation_imports_nothing_again(client, smtp, program_setup):
    program, cohort, _coordinator = program_setup
    location = upload(client, program, MENTORS, cohort=cohort.id).location
    client.post(location + "/confirm", data={"mode": "valid_rows"})
    before = counts()
    again = client.post(location + "/confirm", data={"mode": "valid_rows"})
    assert again.status_code == 302
    assert counts() == before
    assert "already imported" in client.get(location).get_data(as_text=True)


def test_all_or_nothing_refuses_a_file_with_problems_and_imports_a_clean_one(
    client, smtp, program_setup
):
    program, cohort, _coordinator = program_setup
    location = upload(client, program, MENTORS, cohort=cohort.id).location
    before = counts()
    refused = client.post(location + "/confirm", data={"mode": "all_or_nothing"})
    assert refused.status_code == 302 and counts() == before
    page = client.get(location).get_data(as_text=True)
    assert "Nothing was imported: 6 rows have problems." in page
    assert "Confirm the import" in page  # still waiting: the valid rows can still go in

    clean = "name;email;cohort\nAda;ada@example.org;Spring\nBo;bo@example.org;spring\n"
    location = upload(client, program, clean, encoding="utf-8").location
    assert client.post(location + "/confirm", data={"mode": "all_or_nothing"}).status_code == 302
    assert counts()["Invitation"] == before["Invitation"] + 2
    assert smtp.last_to("bo@example.org")


def test_a_row_invited_meanwhile_is_left_out_at_the_confirmation(client, smtp, program_setup):
    program, cohort, coordinator = program_setup
    location = upload(client, program, MENTORS, cohort=cohort.id).location
    cohort_services.invite(program, cohort, "ren@example.org", Role.MENTOR, coordinator)
    db.session.commit()
    client.post(location + "/confirm", data={"mode": "valid_rows"})
    batch = db.session.scalars(select(ImportBatch)).one()
    assert batch.imported_count == 1
    assert [row.line for row in batch.rows if row.imported] == [2]


def test_a_failed_upload_keeps_the_choices_and_says_why(client, program_setup):
    program, cohort, _coordinator = program_setup
    refused = upload(client, program, "venture,cohort\nX,Spring\n", kind="ventures",
                     cohort=cohort.id)  # fmt: skip
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert "The header lacks these columns: founder_email, founder_name" in page
    assert '<option selected value="ventures">' in page
    assert f'<option selected value="{cohort.id}">' in page
    latin = upload(client, program, "name,email\nJosé,j@example.org\n", encoding="latin-1")
    assert latin.status_code == 400 and "not UTF-8" in latin.get_data(as_text=True)
    missing = client.post(f"/p/{program.slug}/evidence/import", data={"kind": "mentors"})
    assert missing.status_code == 400
    assert "Choose the CSV file to import." in missing.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(ImportBatch)) == 0


def test_ventures_are_recorded_accepted_and_their_founders_invited(client, smtp, program_setup):
    program, cohort, _coordinator = program_setup
    text = (
        "venture,founder_name,founder_email,cohort,stage,website,description,goal,needs\n"
        "Café Solar,Ana Núñez,ana@example.org,Spring,idea,https://solar.example,Sun coffee,"
        "Open a shop,Fundraising: 2; Sales: 4\n"
        "Bad Needs,Bo,bo@example.org,Spring,,,,,Magic: 2\n"
    )
    location = upload(client, program, text, kind="ventures").location
    assert db.session.scalar(select(func.count()).select_from(Venture)) == 0
    client.post(location + "/confirm", data={"mode": "valid_rows"})
    venture = db.session.scalars(select(Venture)).one()
    assert (venture.name, venture.status, venture.cohort_id) == (
        "Café Solar",
        VentureStatus.ACCEPTED,
        cohort.id,
    )
    assert venture.stage.value == "idea" and venture.goal_statement == "Open a shop"
    assert [(f.name, f.email) for f in venture.founders] == [("Ana Núñez", "ana@example.org")]
    needs = {(n.term.name, n.strength, n.wants_help) for n in
             db.session.scalars(select(VentureNeed))}  # fmt: skip
    assert needs == {("Fundraising", 2, True), ("Sales", 4, True)}
    assert sorted(venture.needs) == ["Fundraising", "Sales"]
    invitation = db.session.scalars(select(Invitation).filter_by(email="ana@example.org")).one()
    assert (invitation.role, invitation.cohort_id) == (Role.ENTREPRENEUR, cohort.id)
    subjects = sorted(m["Subject"] for m in smtp.to("ana@example.org"))
    assert any("invited" in s for s in subjects) and any("Café Solar" in s for s in subjects)
    assert smtp.to("bo@example.org") == []
    assert any("/invitations/" in text_of(m) for m in smtp.to("ana@example.org"))


def test_the_templates_have_the_expected_header(client, program_setup):
    program, _cohort, _coordinator = program_setup
    got = client.get(f"/p/{program.slug}/evidence/import/template.csv?kind=ventures")
    header = got.get_data(as_text=True).lstrip("\ufeff").splitlines()[0]
    assert header == ("venture,founder_name,founder_email,cohort,stage,website,description,"
                      "goal,needs")  # fmt: skip
    got = client.get(f"/p/{program.slug}/evidence/import/template.csv")
    assert got.get_data(as_text=True).lstrip("\ufeff").startswith("name,email,cohort")


def test_another_programs_batch_is_404(client, auth, program_setup, make_program, make_member):
    program, cohort, _coordinator = program_setup
    location = upload(client, program, MENTORS, cohort=cohort.id).location
    other = make_program("Elsewhere")
    auth.logout()
    auth.login(as_=make_member(other, Role.COORDINATOR))
    batch_id = location.rsplit("/", 1)[1]
    assert client.get(f"/p/{other.slug}/evidence/import/{batch_id}").status_code == 404
    assert client.post(f"/p/{other.slug}/evidence/import/{batch_id}/confirm",
                       data={"mode": "valid_rows"}).status_code == 404  # fmt: skip
    assert db.session.scalar(select(func.count()).select_from(ImportRow)) == 8


def test_an_imported_founder_who_joins_is_the_ventures_founder(app, client, smtp, program_setup):
    program, _cohort, _coordinator = program_setup
    text = "venture,founder_name,founder_email\nLuz Norte,Luz Ortega,luz@example.org\n"
    location = upload(client, program, text, kind="ventures").location
    client.post(location + "/confirm", data={"mode": "valid_rows"})
    invitation = next(m for m in smtp.to("luz@example.org") if "/invitations/" in text_of(m))
    path = link_in(invitation, "/invitations/")
    newcomer = app.test_client()
    joined = newcomer.post(path, data={"name": "Luz Ortega", "password": "a long passphrase here",
                                       "timezone": "UTC", "locale": "es",
                                       "email": "luz@example.org"})  # fmt: skip
    assert joined.status_code == 302
    founder = db.session.scalars(select(VentureFounder)).one()
    db.session.refresh(founder)
    assert founder.user is not None and founder.user.email == "luz@example.org"


def test_an_expired_preview_imports_nothing(client, program_setup):
    program, cohort, _coordinator = program_setup
    location = upload(client, program, MENTORS, cohort=cohort.id).location
    batch = db.session.scalars(select(ImportBatch)).one()
    batch.expires_at = now_utc() - timedelta(minutes=1)
    db.session.commit()
    before = counts()
    client.post(location + "/confirm", data={"mode": "valid_rows"})
    assert counts() == before
    page = client.get(location).get_data(as_text=True)
    assert "This preview has expired. Upload the file again." in page
    assert "Confirm the import" not in page


def test_a_file_over_the_limit_is_refused_with_the_reason(client, program_setup, monkeypatch):
    # A smaller limit than 1 MB: Werkzeug's test client leaves a large body's temporary file
    # open (a ResourceWarning); the limit itself is the same code.
    monkeypatch.setattr(rows, "MAX_BYTES", 100)
    program, _cohort, _coordinator = program_setup
    refused = upload(client, program, "name,email\n" + "x" * 101)
    assert refused.status_code == 400
    assert "The file is larger than 1 MB." in refused.get_data(as_text=True)


def test_a_venture_the_program_has_is_refused_whatever_its_accents(client, program_setup):
    program, _cohort, _coordinator = program_setup
    db.session.add(Venture(program_id=program.id, name="Ñandú Labs"))
    db.session.commit()
    text = "venture,founder_name,founder_email\nÑANDÚ LABS,Eva,eva@example.org\n"
    location = upload(client, program, text, kind="ventures").location
    page = client.get(location).get_data(as_text=True)
    assert "The program already has a venture of this name." in page
    assert client.post(location + "/confirm", data={"mode": "valid_rows"}).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Venture)) == 1
