def test_health(client):
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ok"}


def test_world_builds(world, smtp):
    assert world["A"].program.id != world["B"].program.id
    # Each program: an invitation, an application confirmation, and an interview invitation
    # for the applicant and the two interviewers.
    for label in "ab":
        assert len([m for m in smtp.messages if m["To"] == f"applicant-{label}@example.org"]) == 2
        assert len(smtp.to(f"invitee-{label}@example.org")) == 1
    assert len(smtp.messages) == 2 * (1 + 2 + 2)
