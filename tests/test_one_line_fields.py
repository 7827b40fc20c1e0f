"""Names, titles and places stay on one line, so a line break typed (or scripted) into one
never reaches an email header: the venture's name is in its founders' subject, the
applicant's in the interview invitation's."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from wtforms import Form, StringField
from wtforms.fields.core import UnboundField

import vms
from tests.screening.test_mentor_applications import _form as mentor_form
from tests.screening.test_ventures import _form as venture_form
from vms.auth.models import Role
from vms.cohorts.models import Venture
from vms.extensions import db
from vms.form_fields import one_line
from vms.mail.models import EmailStatus, OutboxEmail
from vms.screening.mentors import rubric
from vms.screening.mentors.models import MentorApplication
from vms.screening.settings.models import TaxonomyKind
from vms.screening.settings.taxonomy import terms
from vms.single_line import single_line

INJECTED = "\r\nBcc: x@evil.example"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Acme\r\nBcc: x@evil.example", "Acme Bcc: x@evil.example"),
        ("  Ada \t\t Lovelace \n", "Ada Lovelace"),
        ("a\x0bb\x0cc\x1cd\x85e\u2028f\u2029g\x7fh", "a b c d e f g h"),
        ("\r\n\t ", ""),
        ("Zoë\u00a0Núñez 😀", "Zoë Núñez 😀"),  # letters and emoji untouched
    ],
)
def test_single_line_turns_every_run_of_whitespace_or_control_characters_into_one_space(
    typed, kept
):
    assert single_line(typed) == kept
    assert one_line(typed) == kept
    assert one_line(None) is None  # a field the browser did not send


def _form_classes():
    for module_info in pkgutil.walk_packages(vms.__path__, "vms."):
        if module_info.name.rsplit(".", 1)[-1].endswith("forms"):
            module = importlib.import_module(module_info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, Form) and cls.__module__ == module.__name__:
                    yield cls


def test_every_single_line_text_field_of_every_form_is_kept_on_one_line():
    plain_text_fields = []
    for cls in _form_classes():
        for name in dir(cls):
            field = getattr(cls, name)
            # TextAreaField, EmailField and URLField subclass StringField: only the plain one.
            if isinstance(field, UnboundField) and field.field_class is StringField:
                plain_text_fields.append(f"{cls.__name__}.{name}")
                assert one_line in field.kwargs.get("filters", ()), f"{cls.__name__}.{name}"
    assert len(plain_text_fields) > 15  # the walk found the forms


def _assert_one_line_subject_and_no_bcc(smtp, address: str, expected_subject: str) -> None:
    message = smtp.last_to(address)
    assert message["Subject"] == expected_subject
    assert message["Bcc"] is None
    assert smtp.to("x@evil.example") == []
    statuses = db.session.scalars(select(OutboxEmail.status)).all()
    assert statuses and set(statuses) == {EmailStatus.SENT}


def test_a_venture_named_with_a_line_break_is_stored_on_one_line_and_its_email_goes(
    client, smtp, make_program
):
    program = make_program()
    data = venture_form(program, name="Acme" + INJECTED, **{"founders-0-name": "Ana\r\nLima"})
    response = client.post(f"/p/{program.slug}/apply/venture", data=data)
    assert response.status_code == 302
    venture = db.session.scalar(select(Venture))
    assert venture.name == "Acme Bcc: x@evil.example"
    assert sorted(f.name for f in venture.founders) == ["Ana Lima", "Tom Berg"]
    _assert_one_line_subject_and_no_bcc(
        smtp, "ana@sunbox.example", "We received Acme Bcc: x@evil.example's application"
    )


def test_an_applicant_named_with_a_line_break_gets_the_interview_invitation(
    client, auth, smtp, make_program, make_member
):
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    data = mentor_form(program, name="Ann" + INJECTED, heard_from="a\nfriend")
    assert client.post(f"/p/{program.slug}/apply/mentor", data=data).status_code == 302
    application = db.session.scalar(select(MentorApplication))
    assert (application.name, application.heard_from) == ("Ann Bcc: x@evil.example", "a friend")
    auth.login(as_=coordinator)
    day = (datetime.now(UTC) + timedelta(days=30)).date().isoformat()
    response = client.post(
        f"/p/{program.slug}/screening/mentors/{application.id}/interview",
        data={"day": day, "start": "10:00", "duration_minutes": "45",
              "location": "Room\r\n4", "interviewers": [coordinator.id]},
    )  # fmt: skip
    assert response.status_code == 302
    _assert_one_line_subject_and_no_bcc(
        smtp, "grace@example.org", "Mentor interview: Ann Bcc: x@evil.example"
    )


def test_a_persons_name_in_settings_and_a_coordinators_list_term_stay_on_one_line(
    client, auth, make_program, make_member
):
    program = make_program()
    coordinator = make_member(program, Role.COORDINATOR)
    auth.login(as_=coordinator)
    client.post("/account", data={"name": "Casey\r\nBcc: x", "timezone": "UTC", "locale": "en"})
    db.session.refresh(coordinator)
    assert coordinator.name == "Casey Bcc: x"
    client.post(
        f"/p/{program.slug}/screening/settings/terms",
        data={"name": "Deep\r\n\ttech", "kind": TaxonomyKind.INDUSTRY.value},
    )
    assert "Deep tech" in [t.name for t in terms(program, TaxonomyKind.INDUSTRY)]
    client.post(f"/p/{program.slug}/screening/settings/criteria", data={"name": "Grit\nand\rgo"})
    assert "Grit and go" in [c.name for c in rubric.criteria(program.id)]
