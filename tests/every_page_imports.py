"""Imports for the every-page world (tests/every_page_world.py): in each program, three
uploads through the service: mentors waiting for their confirmation (a valid row and rows
with problems), ventures waiting too, and an upload whose preview has expired; and the
values that fill ``<batch_id>``."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from vms.auth.models import User
from vms.cohorts.models import Cohort, Program
from vms.database import now_utc
from vms.evidence.imports import services as imports
from vms.evidence.imports.models import ImportBatch
from vms.evidence.imports.rows import ImportKind
from vms.extensions import db


def mentors_file(slug: str) -> bytes:
    return (
        "name,email,cohort\n"
        f"Importada {slug},importada-{slug}@imports.example,\n"
        f"Sin correo {slug},,\n"
        f"Mal correo {slug},no-es-correo,Cohorte inexistente\n"
    ).encode()


def ventures_file(slug: str) -> bytes:
    return (
        "venture,founder_name,founder_email,needs\n"
        f"Empresa importada {slug},Fundadora {slug},fundadora-{slug}@imports.example,"
        "Fundraising: 2\n"
        f"Sin fundadora {slug},,,Magia: 9\n"
    ).encode()


def grow_imports(program: Program, coordinator: User) -> list[ImportBatch]:
    cohort = db.session.scalars(
        select(Cohort).where(Cohort.program_id == program.id).order_by(Cohort.id)
    ).first()
    made = [
        imports.start_batch(program, ImportKind.MENTORS, cohort, "mentores.csv",
                            mentors_file(program.slug), coordinator),
        imports.start_batch(program, ImportKind.VENTURES, None, "empresas.csv",
                            ventures_file(program.slug), coordinator),
    ]  # fmt: skip
    expired = imports.start_batch(program, ImportKind.MENTORS, cohort, "caducado.csv",
                                  mentors_file(program.slug), coordinator)  # fmt: skip
    expired.expires_at = now_utc() - timedelta(hours=1)
    db.session.flush()
    return [*made, expired]


def import_values(program: Program) -> dict[str, list]:
    ids = db.session.scalars(
        select(ImportBatch.id).where(ImportBatch.program_id == program.id).order_by(ImportBatch.id)
    ).all()
    return {"batch_id": list(ids)}
