"""Searching a pipeline stays on the chosen stage, and a search that finds nothing says so."""

import html
import re
from urllib.parse import parse_qs, urlsplit

from tests.conftest import application_input
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureStatus
from vms.extensions import db
from vms.screening.mentors import services
from vms.screening.mentors.models import MentorStatus

SHARE = "Share the public application form"


def _current_tab(page: str) -> str:
    found = re.search(r'<a href="[^"]*" aria-current="page">([^<]+)<span', page)
    return found.group(1).strip() if found else ""


def _link(page: str, text: str) -> dict[str, list[str]]:
    """The query of the link whose text starts with ``text``."""
    found = re.search(r'<a href="([^"]+)"[^>]*>\s*' + re.escape(text), page)
    assert found, f"no link {text!r}"
    return parse_qs(urlsplit(html.unescape(found.group(1))).query)


def _search_form_keeps(page: str, status: str) -> bool:
    form = page[page.index('role="search"') :]
    return f'name="status" value="{status}"' in form[: form.index("</form>")]


def test_a_mentor_search_stays_on_its_stage_and_an_empty_one_says_so(
    client, auth, make_program, make_member
):
    program = make_program()
    for label in ("Ann", "Bo"):
        services.submit_mentor_application(program, application_input(program, label))
    declined = services.submit_mentor_application(program, application_input(program, "Cy"))
    declined.move_to(MentorStatus.DECLINED, None)
    db.session.commit()
    auth.login(as_=make_member(program, Role.COORDINATOR))
    base = f"/p/{program.slug}/screening/mentors"

    found = client.get(f"{base}?status=declined&q=cy").get_data(as_text=True)
    assert _current_tab(found) == "Declined" and "Applicant Cy" in found
    assert "Applicant Ann" not in found and _search_form_keeps(found, "declined")
    # Another stage's tab keeps the search.
    assert _link(found, "Submitted") == {"status": ["submitted"], "q": ["cy"]}
    assert _link(found, "All") == {"q": ["cy"]}

    empty = client.get(f"{base}?status=declined&q=nobody").get_data(as_text=True)
    assert _current_tab(empty) == "Declined" and _search_form_keeps(empty, "declined")
    assert "No applications match your search." in empty and SHARE not in empty
    assert _link(empty, "Clear the search") == {"status": ["declined"]}
    quiet = client.get(f"{base}?status=accepted").get_data(as_text=True)
    assert "No applications are at this stage." in quiet and SHARE not in quiet


def test_a_pipeline_with_no_applications_still_points_to_the_public_form(
    client, auth, make_program, make_member
):
    program = make_program()
    auth.login(as_=make_member(program, Role.COORDINATOR))
    for path in ("mentors", "ventures"):
        page = client.get(f"/p/{program.slug}/screening/{path}").get_data(as_text=True)
        assert SHARE in page and "Clear the search" not in page


def test_a_venture_search_stays_on_its_stage_and_an_empty_one_says_so(
    client, auth, make_program, make_member
):
    program = make_program()
    db.session.add_all([
        Venture(program_id=program.id, name="Solar Kits", description="Panels."),
        Venture(program_id=program.id, name="Wind Farm", description="Turbines.",
                status=VentureStatus.DECLINED),
    ])  # fmt: skip
    db.session.commit()
    auth.login(as_=make_member(program, Role.COORDINATOR))
    base = f"/p/{program.slug}/screening/ventures"

    found = client.get(f"{base}?status=declined&q=wind").get_data(as_text=True)
    assert _current_tab(found) == "Declined" and "Wind Farm" in found
    assert "Solar Kits" not in found and _search_form_keeps(found, "declined")
    assert _link(found, "All") == {"q": ["wind"]}

    empty = client.get(f"{base}?status=declined&q=solar").get_data(as_text=True)
    assert _current_tab(empty) == "Declined" and _search_form_keeps(empty, "declined")
    assert "No ventures match your search." in empty and SHARE not in empty
    assert _link(empty, "Clear the search") == {"status": ["declined"]}
    quiet = client.get(f"{base}?status=graduated").get_data(as_text=True)
    assert "No ventures are at this stage." in quiet and SHARE not in quiet
