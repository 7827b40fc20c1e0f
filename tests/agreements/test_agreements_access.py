"""Who gets what from each agreements route, for a peer pair's agreement out for signature: the
coordinator and the two parties get the pages; a mentor of the program who is no party, and
another program's coordinator, get 404; the anonymous are sent to sign in."""

from __future__ import annotations

import pytest

from tests.agreements.agreement_world import peer_agreement
from vms.auth.models import Role

ROUTES = [  # (method, tail, data, {persona: status})
    ("GET", "", None, {"coordinator": 200, "member": 200, "peer": 200, "mentor": 200,
                       "other": 404, "anonymous": 302}),
    ("GET", "/new", None, {"coordinator": 200, "member": 200, "peer": 200, "mentor": 200,
                           "other": 404, "anonymous": 302}),
    ("GET", "/confirm-password", None, {"coordinator": 200, "member": 200, "mentor": 200,
                                        "other": 404, "anonymous": 302}),
    ("GET", "/{id}", None, {"coordinator": 200, "member": 200, "peer": 200, "mentor": 404,
                            "other": 404, "anonymous": 302}),
    ("GET", "/{id}/print", None, {"coordinator": 200, "member": 200, "mentor": 404,
                                  "other": 404, "anonymous": 302}),
    ("GET", "/{id}/edit", None, {"coordinator": 200, "peer": 200, "mentor": 404, "other": 404,
                                 "anonymous": 302}),
    ("GET", "/{id}/sign", None, {"coordinator": 404, "member": 200, "peer": 200, "mentor": 404,
                                 "other": 404, "anonymous": 302}),
    ("GET", "/{id}/end", None, {"coordinator": 200, "member": 200, "mentor": 404, "other": 404,
                                "anonymous": 302}),
    ("POST", "/{id}/send", {}, {"coordinator": 302, "member": 302, "mentor": 404, "other": 404,
                                "anonymous": 302}),
    ("POST", "/{id}/complete", {}, {"coordinator": 302, "peer": 302, "mentor": 404,
                                    "other": 404, "anonymous": 302}),
    ("POST", "/{id}/renew", {}, {"coordinator": 302, "peer": 302, "mentor": 404, "other": 404,
                                 "anonymous": 302}),
    ("POST", "/{id}/check-ins", {}, {"coordinator": 400, "member": 400, "mentor": 404,
                                     "other": 404, "anonymous": 302}),
    ("POST", "/{id}/remind", {}, {"coordinator": 302, "member": 403, "peer": 403, "mentor": 403,
                                  "other": 404, "anonymous": 302}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "tail", "data", "expected"), ROUTES)
def test_route_by_persona(client, auth, aw, make_program, make_member, method, tail, data,
                          expected):  # fmt: skip
    agreement = peer_agreement(aw)
    other = make_member(make_program("Other Program"), Role.COORDINATOR)
    people = {"coordinator": aw.coordinator, "member": aw.member, "peer": aw.peer,
              "mentor": aw.mentors[0], "other": other}  # fmt: skip
    url = f"/p/{aw.program.slug}/agreements" + tail.replace("{id}", str(agreement.id))
    for persona, status in expected.items():
        if persona != "anonymous":
            auth.login(as_=people[persona])
        response = client.open(url, method=method, data=data)
        assert response.status_code == status, (persona, method, url)
        if persona != "anonymous":
            auth.logout()
