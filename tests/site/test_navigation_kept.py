"""The program bar is rendered once per worker for each set of programs, roles and language,
and each person still sees their own: a coordinator and a mentor of one program see
different links, a renamed program (its name escaped) and a second program show at once,
and Spanish is Spanish."""

from vms.auth.models import Role
from vms.cohorts import services as cohort_services
from vms.extensions import db
from vms.site import navigation


def _bar(client, auth, person, program) -> str:
    auth.login(as_=person)
    page = client.get(f"/p/{program.slug}/").get_data(as_text=True)
    auth.logout()
    start = page.index('<nav class="program-nav"')
    return page[start : page.index("</nav>", start)]


def test_a_bar_is_rendered_once_and_each_role_sees_its_own(client, auth, make_program,
                                                           make_member):  # fmt: skip
    program = make_program("Harbor Mentoring")
    coordinator = make_member(program, Role.COORDINATOR)
    mentor = make_member(program, Role.MENTOR)
    navigation._bars.clear()

    first = _bar(client, auth, coordinator, program)
    assert len(navigation._bars) == 1 and "Mentor applications" in first
    assert _bar(client, auth, coordinator, program) == first and len(navigation._bars) == 1
    theirs = _bar(client, auth, mentor, program)
    assert "Mentor applications" not in theirs and "My preparation" in theirs
    assert len(navigation._bars) == 2


def test_a_renamed_program_a_second_program_and_spanish_show_at_once(client, auth, make_program,
                                                                     make_member):  # fmt: skip
    program = make_program("Harbor Mentoring")
    coordinator = make_member(program, Role.COORDINATOR)
    assert "Harbor Mentoring" in _bar(client, auth, coordinator, program)

    program.name = "Harbour <b>Mentoring</b>"
    db.session.commit()
    renamed = _bar(client, auth, coordinator, program)
    assert "Harbour &lt;b&gt;Mentoring&lt;/b&gt;" in renamed and "Harbor" not in renamed
    assert "<b>" not in renamed

    other = make_program("Second Program")
    cohort_services.add_member(coordinator, other, Role.MENTOR)
    db.session.commit()
    both = _bar(client, auth, coordinator, program)
    assert "Second Program" in both and 'class="program-switch"' in both

    coordinator.locale = "es"
    db.session.commit()
    spanish = _bar(client, auth, coordinator, program)
    assert "Inicio" in spanish and "Home" not in spanish
