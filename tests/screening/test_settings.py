"""Coordinators edit the program's lists and rubric; terms in use are kept."""

from sqlalchemy import select

from vms.extensions import db
from vms.screening.mentors import rubric
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind, TaxonomyTerm


def test_add_rename_and_remove_terms(client, auth, world):
    a = world["A"]
    auth.login(as_=a.coordinator)
    base = f"/p/{a.program.slug}/screening/settings"
    assert "Areas of expertise and needs" in client.get(base).get_data(as_text=True)
    client.post(f"{base}/terms", data={"kind": "expertise", "name": "Regulatory"})
    names = [t.name for t in taxonomy.terms(a.program, TaxonomyKind.EXPERTISE)]
    assert names[-1] == "Regulatory"
    duplicate = client.post(f"{base}/terms", data={"kind": "expertise", "name": "regulatory"},
                            follow_redirects=True).get_data(as_text=True)  # fmt: skip
    assert "already on this list" in duplicate
    term = db.session.scalar(select(TaxonomyTerm).filter_by(name="Regulatory"))
    client.post(f"{base}/terms/{term.id}/rename", data={"name": "Regulation"})
    db.session.refresh(term)
    assert term.name == "Regulation"
    client.post(f"{base}/terms/{term.id}/remove")
    assert db.session.get(TaxonomyTerm, term.id) is None
    assert a.program.slug and taxonomy.terms(world["B"].program, TaxonomyKind.EXPERTISE)


def test_terms_in_use_stay_and_other_programs_terms_are_out_of_reach(client, auth, world):
    a, b = world["A"], world["B"]
    auth.login(as_=a.coordinator)
    used = taxonomy.terms(a.program, TaxonomyKind.EXPERTISE)[0]  # the world's applicant chose it
    page = client.post(
        f"/p/{a.program.slug}/screening/settings/terms/{used.id}/remove", follow_redirects=True
    ).get_data(as_text=True)
    assert "is in use" in page and db.session.get(TaxonomyTerm, used.id) is not None
    foreign = taxonomy.terms(b.program, TaxonomyKind.EXPERTISE)[0]
    url = f"/p/{a.program.slug}/screening/settings/terms/{foreign.id}/rename"
    assert client.post(url, data={"name": "Hijacked"}).status_code == 404
    blank = client.post(
        f"/p/{a.program.slug}/screening/settings/terms",
        data={"kind": "industry", "name": "   "},
        follow_redirects=True,
    )
    assert "Give a name of 1 to 80 characters." in blank.get_data(as_text=True)


def test_add_a_rubric_criterion(client, auth, world):
    a = world["A"]
    auth.login(as_=a.coordinator)
    url = f"/p/{a.program.slug}/screening/settings/criteria"
    client.post(url, data={"name": "Network", "description": "Knows people who can help"})
    assert rubric.criteria(a.program.id)[-1].name == "Network"
    again = client.post(url, data={"name": "network"}, follow_redirects=True)
    assert "already a criterion" in again.get_data(as_text=True)
