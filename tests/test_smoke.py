def test_health(client):
    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ok"}


def test_world_builds(world, smtp):
    assert world["A"].program.id != world["B"].program.id
    assert len(smtp.messages) == 2
