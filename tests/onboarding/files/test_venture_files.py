"""Founders upload, replace and remove a venture's files; only those who may see the venture
are served them; the meter counts a logo and a deck."""

import io
import os

from PIL import Image
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.onboarding.files.conftest import pdf_bytes, png_bytes
from vms.cohorts.models import Venture
from vms.extensions import db
from vms.onboarding.files import storage
from vms.onboarding.files.models import FilePurpose, StoredFile
from vms.screening.ventures import services as ventures


def _base(world) -> str:
    return f"/p/{world.program.slug}/ventures/{world.venture.id}"


def multipart(fields: dict) -> dict:
    """The body encoded here, in memory: the test client would spool a large one to a
    temporary file that it never closes."""
    boundary, body = encode_multipart(
        {name: FileStorage(io.BytesIO(data), filename) for name, (data, filename) in fields.items()}
    )
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def _upload(client, world, purpose: str, data: bytes, name: str, **kwargs):
    return client.post(f"{_base(world)}/files/{purpose}", follow_redirects=True,
                       **multipart({"file": (data, name)}), **kwargs)  # fmt: skip


def _stored(purpose: FilePurpose) -> StoredFile | None:
    db.session.expire_all()
    return db.session.query(StoredFile).filter_by(purpose=purpose).one_or_none()


def test_a_founder_uploads_a_logo_and_a_deck_and_the_meter_counts_them(auth, client, files_world):
    venture = files_world.venture
    before = ventures.profile_completeness(venture, ventures.area_count(files_world.program))
    auth.login(files_world.founder)
    page = _upload(client, files_world, "logo", png_bytes(exif=True, fmt="JPEG"), "me.jpg")
    assert page.status_code == 200 and "Logo or photo saved." in page.get_data(as_text=True)
    page = _upload(client, files_world, "pitch_deck", pdf_bytes(), "deck.pdf")
    assert "Pitch deck saved." in page.get_data(as_text=True)
    after = ventures.profile_completeness(db.session.get(Venture, venture.id),
                                          ventures.area_count(files_world.program))  # fmt: skip
    # The description (10) was there; a logo adds 10 and a deck 5.
    assert (before.percent, after.percent) == (10, 25)
    logo = _stored(FilePurpose.LOGO)
    assert logo.content_type == "image/jpeg" and logo.uploaded_by_id == files_world.founder.id
    served = client.get(f"{_base(files_world)}/files/{logo.id}")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    assert served.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served.headers["Content-Security-Policy"]
    assert not Image.open(io.BytesIO(served.data)).getexif()  # re-encoded: no EXIF
    deck = client.get(f"{_base(files_world)}/files/{_stored(FilePurpose.PITCH_DECK).id}")
    assert deck.mimetype == "application/pdf"
    assert deck.headers["Content-Disposition"].startswith("attachment")


def test_a_file_that_lies_about_its_name_is_refused_with_a_reason(auth, client, files_world):
    auth.login(files_world.founder)
    page = _upload(client, files_world, "logo", b"<html><script>x</script></html>", "logo.png")
    assert "not an image or a PDF we can read" in page.get_data(as_text=True)
    page = _upload(client, files_world, "pitch_deck", b"PK\x03\x04zip", "deck.pdf")
    assert "must be a PDF" in page.get_data(as_text=True)
    assert db.session.query(StoredFile).count() == 0
    assert os.listdir(storage.upload_dir()) == []


def test_a_replaced_file_is_gone_from_disk_and_a_removed_one_too(auth, client, files_world):
    auth.login(files_world.founder)
    _upload(client, files_world, "logo", png_bytes(), "one.png")
    first = _stored(FilePurpose.LOGO).stored_name
    _upload(client, files_world, "logo", png_bytes((50, 50)), "two.png")
    second = _stored(FilePurpose.LOGO)
    assert second.stored_name != first and second.display_name == "two.png"
    assert os.listdir(storage.upload_dir()) == [second.stored_name]
    remove = f"{_base(files_world)}/files/logo/remove"
    assert "removed." in client.post(remove, follow_redirects=True).get_data(as_text=True)
    assert os.listdir(storage.upload_dir()) == [] and _stored(FilePurpose.LOGO) is None
    # The second of two identical clicks: nothing left to remove, said plainly.
    again = client.post(remove, follow_redirects=True)
    assert again.status_code == 200 and "already removed" in again.get_data(as_text=True)


def test_files_are_served_to_the_team_but_not_to_others(auth, client, files_world, make_app):
    auth.login(files_world.founder)
    _upload(client, files_world, "logo", png_bytes(), "logo.png")
    url = f"{_base(files_world)}/files/{_stored(FilePurpose.LOGO).id}"
    auth.logout()
    assert client.get(url).status_code in (302, 401)  # the public: sign in first
    for person, status in (
        (files_world.coordinator, 200),
        (files_world.team_mentor, 200),
        (files_world.lone_mentor, 404),
        (files_world.other_coordinator, 404),
    ):
        auth.login(person)
        assert client.get(url).status_code == status, person.name
        auth.logout()
    # Another program's address with this file: 404 even for its coordinator.
    auth.login(files_world.other_coordinator)
    foreign = url.replace(files_world.program.slug, files_world.other.slug)
    assert client.get(foreign).status_code == 404


def test_only_founders_and_coordinators_upload(auth, client, files_world):
    for person in (files_world.team_mentor, files_world.other_coordinator):
        auth.login(person)
        response = client.post(f"{_base(files_world)}/files/logo",
                               data={"file": (io.BytesIO(png_bytes()), "x.png")},
                               content_type="multipart/form-data")  # fmt: skip
        assert response.status_code == 404
        auth.logout()
    assert db.session.query(StoredFile).count() == 0


def test_an_oversized_upload_gets_the_friendly_413_page(auth, client, files_world, app):
    app.config["UPLOAD_MAX_BYTES"] = 1024 * 1024
    auth.login(files_world.founder)
    profile = f"http://localhost{_base(files_world)}"
    big = b"\x89PNG" + b"0" * (2 * 1024 * 1024)
    response = client.post(f"{_base(files_world)}/files/logo", headers={"Referer": profile},
                           **multipart({"file": (big, "big.png")}))  # fmt: skip
    text = response.get_data(as_text=True)
    assert response.status_code == 413 and "at most 1 MB" in text
    assert f'href="{profile}"' in text  # the way back to the profile


def test_a_file_under_the_upload_limit_but_over_the_site_limit_is_taken(auth, client, files_world):
    """3 MB: more than an ordinary request may carry (2 MiB), less than a file (5 MiB)."""
    auth.login(files_world.founder)
    noisy = Image.frombytes("RGB", (1100, 1000), os.urandom(1100 * 1000 * 3))
    out = io.BytesIO()
    noisy.save(out, "PNG")
    assert out.tell() > 2 * 1024 * 1024
    page = _upload(client, files_world, "logo", out.getvalue(), "noise.png")
    assert "Logo or photo saved." in page.get_data(as_text=True)


def test_the_founders_link_uploads_and_serves_too(client, files_world):
    token = ventures.renew_link(files_world.program, files_world.venture)
    db.session.commit()
    response = client.post(f"/ventures/{token}/files/one_pager",
                           data={"file": (io.BytesIO(pdf_bytes()), "one.pdf")},
                           content_type="multipart/form-data", follow_redirects=True)  # fmt: skip
    assert "One-pager saved." in response.get_data(as_text=True)
    row = _stored(FilePurpose.ONE_PAGER)
    assert row is not None
    assert client.get(f"/ventures/{token}/files/one_pager").status_code == 200
    assert client.get(f"/ventures/{token}/files/logo").status_code == 404  # none uploaded
    assert client.get("/ventures/not-a-token/files/one_pager").status_code == 404
