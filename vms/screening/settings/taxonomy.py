"""The program-editable lists: industries, functions and areas of expertise."""

from __future__ import annotations

from flask_babel import force_locale
from sqlalchemy import func, select, union

from vms.cohorts.models import Program
from vms.extensions import db
from vms.i18n import lazy_gettext as _l
from vms.screening.settings.models import TaxonomyKind, TaxonomyTerm

#: Seeded in the program's language when a program is created; coordinators edit them after.
DEFAULT_TERMS = {
    TaxonomyKind.EXPERTISE: [
        _l("Marketing"), _l("Sales"), _l("Finance"), _l("Fundraising"), _l("Legal"),
        _l("Product"), _l("Technology"), _l("Operations"), _l("Team and hiring"), _l("Strategy"),
    ],
    TaxonomyKind.INDUSTRY: [
        _l("Software"), _l("Hardware"), _l("Healthcare"), _l("Biotech"), _l("Energy"),
        _l("Financial services"), _l("Consumer goods"), _l("Retail"), _l("Education"),
        _l("Media"), _l("Manufacturing"), _l("Legal services"), _l("Other"),
    ],
    TaxonomyKind.FUNCTION: [
        _l("Founder or CEO"), _l("General management"), _l("Engineering"),
        _l("Product management"), _l("Marketing"), _l("Sales"), _l("Finance"),
        _l("Operations"), _l("Legal"), _l("Human resources"), _l("Investing"), _l("Research"),
    ],
}  # fmt: skip


class DuplicateTerm(Exception):
    pass


def ensure_defaults(program: Program) -> None:
    """Give a program the default lists, once (a list it already has is left alone)."""
    existing = set(
        db.session.scalars(
            select(TaxonomyTerm.kind).where(TaxonomyTerm.program_id == program.id).distinct()
        )
    )
    with force_locale(program.default_locale):
        for kind, names in DEFAULT_TERMS.items():
            if kind in existing:
                continue
            for position, name in enumerate(names):
                db.session.add(
                    TaxonomyTerm(
                        program_id=program.id, kind=kind, name=str(name), position=position
                    )
                )
    db.session.flush()


def terms(program: Program, kind: TaxonomyKind) -> list[TaxonomyTerm]:
    return list(
        db.session.scalars(
            select(TaxonomyTerm)
            .where(TaxonomyTerm.program_id == program.id, TaxonomyTerm.kind == kind)
            .order_by(TaxonomyTerm.position, TaxonomyTerm.name)
        )
    )


def offered_terms(
    program: Program, kind: TaxonomyKind, keep: frozenset[int] = frozenset()
) -> list[TaxonomyTerm]:
    """What a form offers: the active terms, and the retired ones in ``keep`` (those the
    record being edited already chose, so that saving it again does not lose them)."""
    return [t for t in terms(program, kind) if not t.retired or t.id in keep]


def filter_terms(program: Program, kind: TaxonomyKind) -> list[TaxonomyTerm]:
    """What a filter offers: the active terms, and the retired ones past data still uses."""
    found = terms(program, kind)
    used = _in_use([t.id for t in found if t.retired])
    return [t for t in found if not t.retired or t.id in used]


def terms_by_id(program: Program, ids: list[int]) -> list[TaxonomyTerm]:
    """Only this program's terms: an id from another program is silently not found."""
    if not ids:
        return []
    return list(
        db.session.scalars(
            select(TaxonomyTerm).where(
                TaxonomyTerm.program_id == program.id, TaxonomyTerm.id.in_(ids)
            )
        )
    )


def add_term(program: Program, kind: TaxonomyKind, name: str) -> TaxonomyTerm:
    name = name.strip()
    taken = db.session.scalar(
        select(TaxonomyTerm.id).where(
            TaxonomyTerm.program_id == program.id,
            TaxonomyTerm.kind == kind,
            func.lower(TaxonomyTerm.name) == name.lower(),
        )
    )
    if taken is not None:
        raise DuplicateTerm(name)
    last = db.session.scalar(
        select(func.max(TaxonomyTerm.position)).where(
            TaxonomyTerm.program_id == program.id, TaxonomyTerm.kind == kind
        )
    )
    term = TaxonomyTerm(program_id=program.id, kind=kind, name=name, position=(last or 0) + 1)
    db.session.add(term)
    db.session.flush()
    return term


class TermInUse(Exception):
    pass


def term_in_program(program: Program, term_id: int) -> TaxonomyTerm | None:
    return db.session.scalar(
        select(TaxonomyTerm).where(
            TaxonomyTerm.id == term_id, TaxonomyTerm.program_id == program.id
        )
    )


def rename_term(program: Program, term: TaxonomyTerm, name: str) -> None:
    name = name.strip()
    taken = db.session.scalar(
        select(TaxonomyTerm.id).where(
            TaxonomyTerm.program_id == program.id,
            TaxonomyTerm.kind == term.kind,
            func.lower(TaxonomyTerm.name) == name.lower(),
            TaxonomyTerm.id != term.id,
        )
    )
    if taken is not None:
        raise DuplicateTerm(name)
    term.name = name
    db.session.flush()


def retire_term(term: TaxonomyTerm) -> None:
    """Hidden from new forms; what applications and ventures chose keeps it (marked retired).
    Raises IllegalTransition when it is already retired."""
    term.retire()
    db.session.flush()


def restore_term(term: TaxonomyTerm) -> None:
    """Offered again. Raises IllegalTransition when it is not retired."""
    term.restore()
    db.session.flush()


def remove_term(term: TaxonomyTerm) -> None:
    """Only an unused term can go: applications and profiles keep what they chose."""
    if _in_use([term.id]):
        raise TermInUse(term.name)
    db.session.delete(term)
    db.session.flush()


def _in_use(term_ids: list[int]) -> set[int]:
    """Which of these terms an application or a venture chose (one query)."""
    if not term_ids:
        return set()
    from vms.cohorts.models import Venture, VentureNeed
    from vms.screening.mentors.models import MentorApplication, mentor_application_expertise

    columns = [
        MentorApplication.industry_id, MentorApplication.function_id,
        mentor_application_expertise.c.term_id, VentureNeed.term_id, Venture.sector_id,
    ]  # fmt: skip
    uses = union(*(select(column).where(column.in_(term_ids)) for column in columns))
    return set(db.session.scalars(uses))
