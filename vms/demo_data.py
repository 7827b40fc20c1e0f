"""A realistic demo: a VMS-style program with mentors, ventures, founders and a peer cohort.

Every record is found-or-created by a natural key, so loading twice adds nothing
and later features can extend the demo.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from vms import demo_activity, demo_peer, demo_screening
from vms.agreements import demo as demo_agreements
from vms.auth.models import Role, User
from vms.auth.passwords import hash_password
from vms.cohorts import queries as cohort_queries
from vms.cohorts import services as cohorts
from vms.cohorts.models import (
    Affiliation,
    Cohort,
    MentorProfile,
    Program,
    Venture,
    VentureEvent,
    VentureFounder,
    VentureNeed,
    VentureStage,
    VentureStatus,
)
from vms.evidence.dashboard import demo as demo_evidence
from vms.evidence.goals import demo as demo_goals
from vms.evidence.surveys import demo as demo_surveys
from vms.evidence.updates import demo as demo_updates
from vms.extensions import db
from vms.onboarding.files import demo as demo_files
from vms.onboarding.preparation import demo as demo_preparation
from vms.onboarding.trials import demo as demo_trials
from vms.onboarding.welcome import demo as demo_welcome
from vms.screening.mentors import rubric
from vms.screening.principles import services as principles
from vms.screening.principles.models import Signature
from vms.screening.settings import taxonomy
from vms.screening.settings.models import TaxonomyKind
from vms.tokens import new_token

DEMO_PASSWORD = "mentoring-demo-2026"
DOMAIN = "demo.vms.example"

# (name, industry, function, expertise, years)
MENTORS = [
    ("Alice Moreno", "Software", "Engineering", ["technology", "product", "team"], 22),
    ("Ben Okafor", "Finance", "Venture capital", ["fundraising", "finance", "strategy"], 18),
    ("Carla Jensen", "Healthcare", "Regulatory affairs", ["legal", "operations"], 25),
    ("David Chen", "Consumer goods", "Marketing", ["marketing", "sales", "strategy"], 15),
    ("Elena Rossi", "Law", "Intellectual property", ["legal", "strategy"], 20),
    ("Farid Haddad", "Manufacturing", "Operations", ["operations", "product"], 30),
    ("Grace Liu", "Software", "Sales", ["sales", "marketing"], 12),
    ("Hiro Tanaka", "Energy", "Business development", ["sales", "strategy", "fundraising"], 17),
    ("Ines Duarte", "Biotech", "Research", ["technology", "product", "fundraising"], 14),
    ("Jamal Carter", "Finance", "Accounting", ["finance", "operations"], 26),
    ("Katrin Vogel", "Software", "Product management", ["product", "team", "marketing"], 11),
    ("Luis Ortega", "Retail", "General management", ["strategy", "team", "operations"], 28),
    ("Maya Patel", "Healthcare", "Clinical", ["product", "legal"], 19),
    ("Noah Williams", "Media", "Marketing", ["marketing", "sales"], 9),
    ("Olga Ivanova", "Finance", "Corporate finance", ["finance", "fundraising"], 21),
    ("Pedro Santos", "Hardware", "Engineering", ["technology", "operations", "product"], 24),
    ("Quinn Murphy", "Software", "Founder", ["fundraising", "team", "strategy"], 16),
    ("Rosa Delgado", "Education", "Partnerships", ["sales", "strategy"], 13),
    ("Sam Goldberg", "Law", "Corporate law", ["legal", "fundraising"], 27),
    ("Tara Singh", "Consumer goods", "Supply chain", ["operations", "finance"], 18),
    ("Umar Farouk", "Energy", "Engineering", ["technology", "product"], 20),
    ("Vera Novak", "Software", "Design", ["product", "marketing"], 10),
    ("Wes Anderson", "Finance", "Angel investing", ["fundraising", "strategy", "finance"], 31),
    ("Xin Zhao", "Biotech", "Business development", ["sales", "fundraising", "legal"], 15),
    ("Yara Haddad", "Healthcare", "Operations", ["operations", "team"], 12),
    ("Zoe Turner", "Media", "Communications", ["marketing", "team"], 8),
    ("Aaron Blake", "Hardware", "Manufacturing", ["operations", "technology"], 23),
    ("Bianca Costa", "Retail", "E-commerce", ["sales", "marketing", "technology"], 11),
    ("Colin Byrne", "Software", "Human resources", ["team", "legal"], 19),
    ("Dana Kim", "Finance", "Banking", ["finance", "fundraising", "strategy"], 25),
]

# (venture, description, needs, founder names)
VENTURES = [
    (
        "GreenGrid",
        "Software that balances neighbourhood solar batteries.",
        ["fundraising", "sales", "technology"],
        ["Ana Lima"],
    ),
    (
        "CellSense",
        "A paper test that reads blood markers at home.",
        ["legal", "fundraising", "product"],
        ["Marcus Reed", "Priya Nair"],
    ),
    (
        "TutorLoop",
        "Peer tutoring marketplace for high schools.",
        ["marketing", "sales", "team"],
        ["Jonas Berg"],
    ),
    (
        "FarmFresh Logistics",
        "Cold-chain delivery for small farms.",
        ["operations", "finance"],
        ["Lucia Gomez"],
    ),
    (
        "Quietly",
        "Noise-cancelling panels for open offices.",
        ["product", "operations", "sales"],
        ["Ethan Walsh"],
    ),
    (
        "LedgerLite",
        "Bookkeeping for one-person businesses.",
        ["marketing", "finance", "technology"],
        ["Sara Ahmed", "Tom Fischer"],
    ),
    (
        "OpenDose",
        "Open-source insulin pump firmware.",
        ["legal", "technology", "fundraising"],
        ["Kenji Mori"],
    ),
    (
        "Wearwell",
        "Rental clothing for growing children.",
        ["operations", "marketing", "strategy"],
        ["Nadia Petrova"],
    ),
    (
        "HydroLoop",
        "Water recycling for breweries.",
        ["sales", "fundraising", "operations"],
        ["Oscar Lindqvist"],
    ),
    ("Spoke", "Scheduling for bike repair shops.", ["product", "sales", "team"], ["Mei Wong"]),
]

# (name, industry, function, expertise, path through the pipeline)
#: Seasoned mentors of last year's cohort (the evidence dashboard's year of history), two
#: ventures each, so its teams keep the rules without taking this year's mentors' places.
ALUMNI_MENTORS = [
    ("Ruth Adeyemi", "Software", "Product management", ["product", "technology"], 24),
    ("Tomás Vidal", "Finance", "Corporate finance", ["finance", "fundraising"], 27),
    ("Ingrid Holm", "Healthcare", "Clinical operations", ["operations", "legal"], 21),
    ("Kwame Mensah", "Energy", "Project finance", ["fundraising", "strategy"], 30),
    ("Mei Tanaka", "Consumer goods", "Brand marketing", ["marketing", "sales"], 22),
    ("Omar Farouk", "Logistics", "Supply chain", ["operations", "sales"], 26),
    ("Sara Lindqvist", "Law", "Corporate law", ["legal", "team"], 23),
    ("Victor Duarte", "Software", "Engineering leadership", ["technology", "team"], 25),
    ("Zara Okoye", "Media", "Growth", ["marketing", "strategy"], 20),
]  # fmt: skip


_V = VentureStatus
#: Where the demo ventures stand: most are on the docket, some still being screened.
VENTURE_DEMO_PATHS = [
    [_V.ACCEPTED, _V.DOCKETED], [_V.ACCEPTED, _V.DOCKETED], [_V.ACCEPTED, _V.DOCKETED],
    [_V.ACCEPTED, _V.DOCKETED], [_V.ACCEPTED, _V.DOCKETED], [_V.ACCEPTED, _V.DOCKETED],
    [_V.ACCEPTED], [_V.ACCEPTED], [], [],
]  # fmt: skip

PEER_MENTORS = [
    "Ruth Abara",
    "Felix Wagner",
    "Hana Sato",
    "Diego Ruiz",
    "Amara Okeke",
    "Lena Kowalski",
]


def load_demo() -> bool:
    """Create whatever part of the demo is missing. True if anything was added."""
    before = db.session.scalar(select(Program.id).where(Program.slug == "demo"))
    users = _UserMaker(hash_password(DEMO_PASSWORD))
    program = _program("Venture Mentoring Demo", "demo", "America/New_York")
    sister = _program("Sister Program Demo", "sister-demo", "Europe/Madrid", locale="es")
    for each in (program, sister):
        taxonomy.ensure_defaults(each)
        rubric.ensure_default_criteria(each)
        principles.ensure_first_version(each)
    ventures_cohort = _cohort(
        program, "Ventures — Spring 2027", date(2027, 1, 15), date(2027, 6, 30)
    )
    peer_cohort = _cohort(program, "Peer mentoring — 2027", date(2027, 2, 1), date(2027, 7, 31))
    users.make("admin", "Site Administrator").is_admin = True
    coordinator = users.make("coordinator", "Casey Coordinator")
    cohorts.add_member(coordinator, program, Role.COORDINATOR)
    cohorts.add_member(users.make("coordinator2", "Sofía Coordinadora"), sister, Role.COORDINATOR)
    mentors = _mentors(users, program, sister, ventures_cohort)
    _ventures(users, program, ventures_cohort, peer_cohort, coordinator)
    for n, name in enumerate(PEER_MENTORS, start=1):
        cohorts.add_member(users.make(f"peer{n}", name), program, Role.PEER_MENTOR, peer_cohort)
    _signatures(program, mentors)
    demo_peer.peer_mentoring(program, peer_cohort, coordinator)
    demo_activity.teams(program, mentors, coordinator)
    demo_activity.meetings(program, coordinator)
    demo_agreements.agreements(program, coordinator)
    demo_surveys.surveys(program, coordinator)
    # Last year's mentors join after this year's teams are built, on last year's teams only.
    alumni = _alumni_mentors(users, program)
    _signatures(program, [*alumni, *mentors])
    demo_evidence.history(program, alumni, coordinator)
    demo_trials.finished_trial(program)
    demo_goals.goals(program)
    demo_updates.updates(program, [m.id for m in mentors])
    demo_preparation.preparation(program, mentors, alumni, coordinator)
    demo_screening.applicants(program, DOMAIN, [coordinator, mentors[1]])
    demo_files.venture_files(program)
    demo_welcome.welcome_pages(program, coordinator)
    db.session.flush()
    return before is None


def _mentors(users, program, sister, cohort) -> list[User]:
    """Thirty mentors with profiles; the first is in the sister program too."""
    mentors = []
    for n, (name, industry, function, expertise, years) in enumerate(MENTORS, start=1):
        mentor = users.make(f"mentor{n}", name)
        cohorts.add_member(mentor, program, Role.MENTOR, cohort)
        _mentor_profile(program, mentor, industry, function, expertise, years)
        mentors.append(mentor)
    cohorts.add_member(mentors[0], sister, Role.MENTOR)
    return mentors


def _alumni_mentors(users, program) -> list[User]:
    alumni = []
    for n, (name, industry, function, expertise, years) in enumerate(ALUMNI_MENTORS, start=1):
        mentor = users.make(f"alumni{n}", name)
        cohorts.add_member(mentor, program, Role.MENTOR)
        _mentor_profile(program, mentor, industry, function, expertise, years, capacity=2)
        alumni.append(mentor)
    return alumni


def _ventures(users, program, ventures_cohort, peer_cohort, coordinator) -> None:
    """Ten ventures with their founders, who are also in the peer cohort."""
    for n, (venture_name, description, needs, founders) in enumerate(VENTURES, start=1):
        people = [
            users.make(f"founder{n}" + ("" if i == 0 else f"-{i + 1}"), f)
            for i, f in enumerate(founders)
        ]
        for person in people:
            cohorts.add_member(person, program, Role.ENTREPRENEUR, ventures_cohort)
            cohorts.add_member(person, program, Role.ENTREPRENEUR, peer_cohort)
        _venture(program, ventures_cohort, n, venture_name, description, needs, people,
                 coordinator)  # fmt: skip


class _UserMaker:
    def __init__(self, password_hash: str):
        self.password_hash = password_hash

    def make(self, local_part: str, name: str) -> User:
        email = f"{local_part}@{DOMAIN}"
        user = db.session.scalar(select(User).where(User.email == email))
        if user is None:
            user = User(
                email=email,
                name=name,
                password_hash=self.password_hash,
                timezone="America/New_York",
                locale="en",
            )
            db.session.add(user)
            db.session.flush()
        return user


def _program(name: str, slug: str, timezone: str, locale: str = "en") -> Program:
    program = db.session.scalar(select(Program).where(Program.slug == slug))
    if program is None:
        program = Program(name=name, slug=slug, timezone=timezone, default_locale=locale)
        db.session.add(program)
        db.session.flush()
    return program


def _cohort(program: Program, name: str, starts_on: date, ends_on: date) -> Cohort:
    cohort = db.session.scalar(
        select(Cohort).where(Cohort.program_id == program.id, Cohort.name == name)
    )
    return cohort or cohorts.create_cohort(program, name, starts_on, ends_on)


def _mentor_profile(program, user, industry, function, expertise, years, capacity=None) -> None:
    """A profile in the program's own words: expertise as its taxonomy names the areas."""
    if cohort_queries.mentor_profile(user, program) is not None:
        return
    areas = {term.name.lower().split()[0]: term.name
             for term in taxonomy.terms(program, TaxonomyKind.EXPERTISE)}  # fmt: skip
    db.session.add(
        MentorProfile(
            program_id=program.id,
            user_id=user.id,
            industry=industry,
            function=function,
            expertise=[areas.get(area, area) for area in expertise],
            years_experience=years,
            # Seasoned mentors lead; a few take two ventures; some meet only mid-week.
            lead_eligible=years >= 20,
            capacity=capacity or (2 if user.id % 4 == 0 else 1),
            days_per_month=1 + user.id % 2,
            weekdays=[2, 3, 4] if user.id % 3 == 0 else [],
        )  # fmt: skip
    )


def _venture(program, cohort, n, name, description, needs, founders, coordinator) -> None:
    """A venture with a full profile and self-assessment, moved along the pipeline."""
    exists = db.session.scalar(
        select(Venture.id).where(Venture.program_id == program.id, Venture.name == name)
    )
    if exists is not None:
        return
    areas = taxonomy.terms(program, TaxonomyKind.EXPERTISE)
    sectors = taxonomy.terms(program, TaxonomyKind.INDUSTRY)
    wanted = {need.lower() for need in needs}
    venture = Venture(
        program_id=program.id, cohort_id=cohort.id, name=name, description=description,
        status=VentureStatus.SUBMITTED, stage=list(VentureStage)[n % 4],
        sector=sectors[n % len(sectors)], website=f"https://{name.lower().replace(' ', '')}.org",
        goal_statement=f"In the next six months we want help with {', '.join(needs)}, so that we "
        "reach our next milestone with a clear plan and the right people around us.",
        access_token_hash=new_token()[1], needs=[a.name for a in areas if a.name.lower() in wanted],
    )  # fmt: skip
    venture.founders = [
        VentureFounder(user=f, name=f.name, email=f.email, affiliation=Affiliation.ALUMNI)
        for f in founders
    ]
    venture.assessment = [
        VentureNeed(term_id=area.id, wants_help=area.name.lower() in wanted,
                    strength=2 if area.name.lower() in wanted else 3 + (i + n) % 3)
        for i, area in enumerate(areas)
    ]  # fmt: skip
    venture.events = [VentureEvent(from_status=None, to_status=VentureStatus.SUBMITTED)]
    for status in VENTURE_DEMO_PATHS[(n - 1) % len(VENTURE_DEMO_PATHS)]:
        venture.move_to(status, coordinator)
    db.session.add(venture)


def _signatures(program, mentors) -> None:
    """Most mentors signed the current principles; the last six have not yet."""
    version = principles.current_version(program)
    for mentor in mentors[:-6]:
        if principles.latest_signature(mentor, version) is None:
            db.session.add(Signature(
                version=version, user_id=mentor.id, typed_name=mentor.name, consented=True,
                ip_address="127.0.0.1", user_agent="demo data", text_sha256=version.text_sha256,
            ))  # fmt: skip
