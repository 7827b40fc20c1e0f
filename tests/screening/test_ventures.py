"""Venture intake: the application, the private profile with its meter, and the pipeline."""

from sqlalchemy import func, select

from tests.conftest import Auth
from tests.support import link_in, text_of
from vms.auth.models import Role
from vms.cohorts.models import Venture, VentureStatus
from vms.extensions import db
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind


def _form(program, rate_all=True, **changes):
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    sector = taxonomy.terms(program, TaxonomyKind.INDUSTRY)[4]
    data = {
        "name": "SunBox", "description": "Solar batteries for apartment blocks.",
        "stage": "pre_revenue", "sector": str(sector.id), "website": "https://sunbox.example",
        "goal_statement": "We want to close a seed round, hire a first salesperson and sign "
                          "three pilot buildings in the next six months with the right advice.",
        "founders-0-name": "Ana Lima", "founders-0-email": "ana@sunbox.example",
        "founders-0-affiliation": "alumni",
        "founders-1-name": "Tom Berg", "founders-1-email": "tom@sunbox.example",
        "founders-1-affiliation": "student",
    }  # fmt: skip
    for n, area in enumerate(areas if rate_all else areas[:3]):
        data[f"strength_{area.id}"] = str(1 + n % 5)
        if area.name in ("Fundraising", "Sales"):
            data[f"help_{area.id}"] = "y"
    data.update(changes)
    return data


def test_a_venture_applies_and_sees_its_profile_chart_and_meter(client, app, smtp, make_program):
    program = make_program("Harbor VMS")
    page = client.get(f"/p/{program.slug}/apply/venture").get_data(as_text=True)
    assert "Self-assessment" in page and "We want help with Fundraising" in page
    response = client.post(f"/p/{program.slug}/apply/venture", data=_form(program))
    assert response.status_code == 302 and response.location.startswith("/ventures/")
    venture = db.session.scalar(select(Venture))
    assert venture.status is VentureStatus.SUBMITTED and len(venture.founders) == 2
    assert sorted(venture.needs) == ["Fundraising", "Sales"]
    assert len(venture.assessment) == len(taxonomy.terms(program, TaxonomyKind.EXPERTISE))
    profile = client.get(response.location).get_data(as_text=True)
    # Everything but a logo (10) and a deck (5), which the application form cannot carry.
    assert "<strong>85%</strong>" in profile and "<svg" in profile
    assert 'class="chart-bar help"' in profile
    for founder in ("ana@sunbox.example", "tom@sunbox.example"):
        assert link_in(smtp.last_to(founder), "/ventures/") == response.location
    assert "SunBox" in text_of(smtp.last_to("ana@sunbox.example"))


def test_an_incomplete_profile_says_what_is_missing_and_can_be_completed(client, make_program):
    program = make_program()
    response = client.post(
        f"/p/{program.slug}/apply/venture",
        data=_form(program, rate_all=False, website="", goal_statement="Money."),
    )
    profile_url = response.location
    page = client.get(profile_url).get_data(as_text=True)
    assert "Rate every area of the self-assessment." in page
    # Missing: the goal (20), the self-assessment (20), the website (5), a logo (10), a deck (5).
    assert "Write your goal for the next six months" in page and "<strong>40%</strong>" in page
    edit = client.get(f"{profile_url}/edit").get_data(as_text=True)
    assert 'value="SunBox"' in edit and "Tom Berg" in edit
    client.post(f"{profile_url}/edit", data=_form(program))
    assert "<strong>85%</strong>" in client.get(profile_url).get_data(as_text=True)


def test_duplicates_and_bad_input_keep_what_was_typed(client, make_program):
    program = make_program()
    client.post(f"/p/{program.slug}/apply/venture", data=_form(program))
    page = client.post(
        f"/p/{program.slug}/apply/venture", data=_form(program, name="sunbox ")
    ).get_data(as_text=True)
    assert "A venture with this name has already applied here." in page
    page = client.post(
        f"/p/{program.slug}/apply/venture",
        data=_form(program, name="Other", **{"founders-0-name": "", "founders-1-name": "",
                   "founders-1-email": "", "founders-0-email": "", "founders-0-affiliation": "",
                   "founders-1-affiliation": "", "website": "ftp://x", "stage": "unicorn"}),
    ).get_data(as_text=True)  # fmt: skip
    assert "Name at least one founder." in page and 'id="website-error"' in page
    assert 'id="stage-error"' in page and 'value="Other"' in page
    assert db.session.scalar(select(func.count(Venture.id))) == 1
    assert client.get("/ventures/not-a-token").status_code == 404


def test_the_docket_needs_a_complete_enough_profile_and_moves_are_recorded(
    client, app, auth, make_program, make_member
):
    program = make_program()
    profile_url = client.post(
        f"/p/{program.slug}/apply/venture", data=_form(program, rate_all=False, website="")
    ).location  # 60% complete: no full self-assessment (20), website (5), logo (10) or deck (5)
    venture = db.session.scalar(select(Venture))
    coordinator = make_member(program, Role.COORDINATOR, name="Casey")
    staff = app.test_client()
    Auth(staff).login(as_=coordinator)
    pipeline = staff.get(f"/p/{program.slug}/screening/ventures").get_data(as_text=True)
    assert "SunBox" in pipeline and 'Submitted <span class="tag">1</span>' in pipeline
    url = f"/p/{program.slug}/screening/ventures/{venture.id}"
    assert staff.post(url, data={"target": "accepted", "note": "Strong team"}).status_code == 302
    refused = staff.post(url, data={"target": "docketed"}).get_data(as_text=True)
    assert "The profile is 60% complete; the docket needs 80%." in refused
    staff.post(f"/p/{program.slug}/screening/ventures", data={"threshold": "50"})
    assert staff.post(url, data={"target": "docketed"}).status_code == 302
    illegal = staff.post(url, data={"target": "graduated"}).get_data(as_text=True)
    assert 'id="target-error"' in illegal
    db.session.refresh(venture)
    assert venture.status is VentureStatus.DOCKETED
    assert [e.to_status for e in venture.events] == [
        VentureStatus.SUBMITTED,
        VentureStatus.ACCEPTED,
        VentureStatus.DOCKETED,
    ]
    assert venture.events[1].actor_id == coordinator.id and venture.events[1].note == "Strong team"
    assert "On the docket" in client.get(profile_url).get_data(as_text=True)


def test_help_ticked_on_an_unrated_area_is_refused_next_to_it(client, make_program):
    program = make_program()
    legal = next(t for t in taxonomy.terms(program, TaxonomyKind.EXPERTISE) if t.name == "Legal")
    data = _form(program)
    data.pop(f"strength_{legal.id}")
    data[f"help_{legal.id}"] = "y"
    page = client.post(f"/p/{program.slug}/apply/venture", data=data).get_data(as_text=True)
    assert "Rate this area to ask for help with it." in page
    assert f'id="strength_{legal.id}-error"' in page
    assert db.session.scalar(select(func.count(Venture.id))) == 0
