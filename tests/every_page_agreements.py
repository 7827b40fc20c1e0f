"""Agreements for the every-page world (tests/every_page_world.py), through the services.

The demo has an active peer agreement with both signatures and check-ins, one waiting for a
signature and a team engagement out for signature (vms/agreements/demo.py). The sister
program gets its own from the pairs of its paired speed-dating event: an active one with a
check-in, one ended early, and one signed by one side; so that every agreement page
and every verification code of both programs has a real object to show.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.agreements import services
from vms.agreements.models import Agreement, AgreementTemplate
from vms.agreements.services import Client, SignInput
from vms.auth.models import User
from vms.cohorts.models import Program
from vms.database import now_utc
from vms.extensions import db
from vms.peer.choices.models import PeerPair
from vms.peer.models import PeerEvent

_WORLD = Client("127.0.0.1", "every-page world")


def grow_sister_agreements(sister: Program, coordinator: User) -> None:
    """For the paired event's first pair, an active agreement with a check-in; for its
    second, one ended early and the next one, signed by one side."""
    first, second = db.session.scalars(
        select(PeerPair).join(PeerEvent)
        .where(PeerEvent.program_id == sister.id, PeerPair.published_at.is_not(None))
        .order_by(PeerPair.id).limit(2)
    ).all()  # fmt: skip
    when = now_utc() - timedelta(days=30)
    active = _sent(sister, first, coordinator, when)
    for person in (first.member, first.mentor):
        _sign(active, person, when + timedelta(days=1))
    services.add_check_in(active, first.member, "Fijamos precios.", "Faltó tiempo.",
                          "Probar con tres tiendas.", when + timedelta(days=20))  # fmt: skip
    ended = _sent(sister, second, coordinator, when)
    services.end_early(ended, second.member, "Otro horario.", _WORLD, when + timedelta(days=2))
    waiting = _sent(sister, second, coordinator, when + timedelta(days=3))
    _sign(waiting, second.mentor, when + timedelta(days=4))
    db.session.flush()


def _sent(program: Program, pair: PeerPair, coordinator: User, when) -> Agreement:
    agreement = services.make_for_pair(program, pair, coordinator, _WORLD, when)
    agreement.seeks = "Alguien que haya puesto precio a un producto."
    agreement.provides = "Ocho años con una tienda pequeña."
    agreement.cadence, agreement.hours_per_month = "cada dos semanas", 2
    services.send_for_signature(agreement, coordinator, _WORLD, when)
    return agreement


def _sign(agreement: Agreement, user: User, when) -> None:
    version = agreement.current_version
    given = SignInput(user.name, True, version.number, version.text_sha256)
    services.sign(agreement, user, given, _WORLD, when)


def agreement_values(program: Program) -> dict[str, list]:
    """Every agreement of the program, and the verification code of each one sent."""
    found = db.session.scalars(
        select(Agreement).filter_by(program_id=program.id).order_by(Agreement.id)
    ).all()  # fmt: skip
    return {
        "agreement_id": [agreement.id for agreement in found],
        "code": [a.verification_code for a in found if a.current_version is not None],
    }


def agreement_titles(program: Program) -> set[str]:
    """The titles of the texts the program's agreements follow (for the leak check)."""
    return set(db.session.scalars(
        select(AgreementTemplate.title).join(Agreement, Agreement.template_id
                                             == AgreementTemplate.id)
        .where(Agreement.program_id == program.id)
    ))  # fmt: skip
