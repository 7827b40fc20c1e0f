"""Welcome pages: written by coordinators in both languages, shown to a founder once the
venture's profile reaches the docket threshold (and to a mentor with a profile), opened once."""

import io

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from tests.onboarding.files.conftest import pdf_bytes
from vms.auth.models import Role
from vms.cohorts.models import MentorProfile, Venture, VentureFounder
from vms.extensions import db
from vms.onboarding.files.models import StoredFile
from vms.onboarding.trials import services as trials
from vms.onboarding.trials.models import Audience as TrialAudience
from vms.onboarding.trials.models import Treatment, TrialAssignment
from vms.onboarding.welcome import services
from vms.onboarding.welcome.models import Audience, WelcomeContent, WelcomeOpening

FILLED = {
    "en-title": "Welcome, founders", "en-text": "First paragraph.\n\nSecond <b>bold</b>.",
    "en-video_url": "https://video.example/ours", "en-agenda": "Introductions\nYour goal",
    "es-title": "Bienvenida", "es-text": "Hola.", "es-video_url": "", "es-agenda": "Presentaciones",
}  # fmt: skip


@pytest.fixture
def world(app, make_program, make_member):
    program = make_program("Welcome Program")
    program.docket_min_completeness = 10  # the description alone (10%) completes a profile here
    founder = make_member(program, Role.ENTREPRENEUR, name="Nia New")
    venture = Venture(program_id=program.id, name="Fresh Co", description="")
    venture.founders = [VentureFounder(user=founder, name=founder.name)]
    db.session.add(venture)
    db.session.commit()
    return program, founder, venture, make_member(program, Role.COORDINATOR)


def _edit(client, program, fields: dict, files: dict | None = None):
    sent = {**fields, **{k: FileStorage(io.BytesIO(d), n) for k, (d, n) in (files or {}).items()}}
    boundary, body = encode_multipart(sent)
    return client.post(f"/p/{program.slug}/welcome/edit?audience=entrepreneurs", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")  # fmt: skip


def test_shown_only_after_the_profile_is_complete_and_recorded_once(auth, client, world):
    program, founder, venture, coordinator = world
    auth.login(coordinator)
    assert _edit(client, program, FILLED).status_code == 302
    auth.logout()
    auth.login(founder)
    assert services.welcome_for(program, founder) is None  # no description yet: 0%
    assert "Welcome to the program" not in client.get(f"/p/{program.slug}/").get_data(as_text=True)
    venture.description = "Fresh food, delivered."
    db.session.commit()
    home = client.get(f"/p/{program.slug}/").get_data(as_text=True)
    assert "Welcome to the program" in home and "Welcome, founders" in home
    page = client.get(f"/p/{program.slug}/welcome").get_data(as_text=True)
    assert '<p class="prose">Second &lt;b&gt;bold&lt;/b&gt;.</p>' in page  # escaped, paragraphs
    assert 'href="https://video.example/ours"' in page and "<li>Your goal</li>" in page
    client.get(f"/p/{program.slug}/welcome")  # a second open
    assert db.session.query(WelcomeOpening).filter_by(user_id=founder.id).count() == 1
    assert "Welcome to the program" not in client.get(f"/p/{program.slug}/").get_data(as_text=True)


def test_each_person_reads_it_in_their_language(auth, client, world):
    program, founder, venture, coordinator = world
    venture.description = "Fresh"
    founder.locale = "es"
    db.session.commit()
    auth.login(coordinator)
    _edit(client, program, FILLED)
    auth.logout()
    auth.login(founder)
    page = client.get(f"/p/{program.slug}/welcome").get_data(as_text=True)
    assert "Bienvenida" in page and "Welcome, founders" not in page


def test_a_mentor_with_a_profile_gets_the_mentors_page(world, make_member):
    program, _founder, _venture, coordinator = world
    mentor = make_member(program, Role.MENTOR, name="Mo Mentor")
    if db.session.query(MentorProfile).filter_by(user_id=mentor.id).count() == 0:
        assert services.welcome_for(program, mentor) is None
        db.session.add(
            MentorProfile(
                program_id=program.id, user_id=mentor.id, industry="Software", function="Sales"
            )
        )
    services.save_content(program, Audience.MENTORS, "en",
                          services.ContentInput("Hello mentors", "", "", ""),
                          coordinator)  # fmt: skip
    db.session.commit()
    page = services.welcome_for(program, mentor)
    assert page.audience is Audience.MENTORS and page.content.title == "Hello mentors"


@pytest.mark.parametrize(("treatment", "shown"), [(Treatment.WELCOME, True),
                                                  (Treatment.NOTHING, False),
                                                  (Treatment.MESSAGE, False)])  # fmt: skip
def test_a_trial_arm_other_than_the_welcome_withholds_the_page(world, treatment, shown):
    program, founder, venture, coordinator = world
    venture.description = "Fresh"
    services.save_content(program, Audience.ENTREPRENEURS, "en",
                          services.ContentInput("Hi", "", "", ""), coordinator)  # fmt: skip
    db.session.commit()
    assert services.welcome_for(program, founder) is not None  # no trial: everyone sees it
    trial = trials.create_trial(program, trials.TrialInput(
        TrialAudience.VENTURES, "Welcome or not", "Does it help?",
        [trials.ArmInput("This arm", treatment, "Hello."),
         trials.ArmInput("The other", Treatment.NOTHING if treatment is Treatment.WELCOME
                         else Treatment.WELCOME, is_comparison=True)]))  # fmt: skip
    trials.start_trial(program, trial)
    db.session.add(TrialAssignment(trial_id=trial.id, arm_id=trial.arms[0].id,
                                   venture_id=venture.id))  # fmt: skip
    db.session.commit()
    assert (services.welcome_for(program, founder) is not None) is shown
    trials.stop_trial(trial)  # stopping keeps what each arm was given
    db.session.commit()
    assert (services.welcome_for(program, founder) is not None) is shown


def test_a_refused_file_keeps_what_was_typed(auth, client, world):
    program, _founder, _venture, coordinator = world
    auth.login(coordinator)
    response = _edit(client, program, FILLED, {"en-file": (b"<svg><script/></svg>", "v.pdf")})
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "not an image or a PDF we can read" in text
    assert 'value="Welcome, founders"' in text and "Presentaciones" in text
    assert db.session.query(WelcomeContent).count() == 0


def test_a_video_link_must_be_https_and_a_title_is_needed(auth, client, world):
    program, _founder, _venture, coordinator = world
    auth.login(coordinator)
    bad = {**FILLED, "en-video_url": "javascript:alert(1)", "es-title": ""}
    text = _edit(client, program, bad).get_data(as_text=True)
    assert "Give an https:// address" in text and "Give this language’s welcome a title." in text


def test_a_welcome_pdf_is_stored_previewed_and_replaced(auth, client, world):
    program, founder, venture, coordinator = world
    auth.login(coordinator)
    _edit(client, program, FILLED, {"en-file": (pdf_bytes(), "welcome.pdf")})
    first = db.session.query(StoredFile).one()
    preview = client.get(f"/p/{program.slug}/welcome/preview?audience=entrepreneurs&lang=en")
    assert "welcome.pdf" in preview.get_data(as_text=True)
    assert client.get(f"/p/{program.slug}/welcome/files/{first.id}").status_code == 200
    _edit(client, program, FILLED, {"en-file": (pdf_bytes("Two"), "second.pdf")})
    db.session.expire_all()
    assert [f.display_name for f in db.session.query(StoredFile)] == ["second.pdf"]
    assert client.get(f"/p/{program.slug}/welcome/files/{first.id}").status_code == 404
