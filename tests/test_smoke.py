def test_health(client):
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ok"}


def test_world_builds(world, smtp):
    assert world["A"].program.id != world["B"].program.id
    # Each program: one invitation and one application confirmation.
    assert sorted(m["To"] for m in smtp.messages) == [
        "applicant-a@example.org",
        "applicant-b@example.org",
        "invitee-a@example.org",
        "invitee-b@example.org",
    ]
