"""Storing, replacing and removing files, and who may see a venture's.

Services flush; the view commits, then removes from disk what the service hands back (a
file still named by an uncommitted row must not vanish if the commit fails).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from vms.auth.models import Role, User
from vms.cohorts.models import Program, Venture
from vms.cohorts.teams.models import Team, TeamMember, TeamStatus
from vms.extensions import db
from vms.onboarding.files import storage
from vms.onboarding.files.checking import CheckedFile, check_upload
from vms.onboarding.files.models import FilePurpose, StoredFile
from vms.row_locks import lock


@dataclass(frozen=True)
class Stored:
    file: StoredFile
    #: Stored names to remove from disk once the commit is done (the replaced file).
    to_remove: list[str]


def check(purpose: FilePurpose, data: bytes, claimed_name: str) -> CheckedFile:
    """Raises ``checking.Refused``."""
    return check_upload(data, claimed_name, images=purpose.takes_images, pdfs=purpose.takes_pdfs)


def store(program: Program, venture: Venture | None, purpose: FilePurpose,
          checked: CheckedFile, user: User | None) -> Stored:  # fmt: skip
    """Write the file and its row; a venture's earlier file of this purpose is replaced."""
    if venture is not None:
        lock(venture)  # two uploads at once: the second waits, then replaces the first
    old = venture_file(venture, purpose) if venture is not None else None
    to_remove = []
    if old is not None:
        to_remove.append(old.stored_name)
        db.session.delete(old)
        db.session.flush()
    row = StoredFile(
        program_id=program.id, venture_id=venture.id if venture else None, purpose=purpose,
        display_name=checked.display_name, content_type=checked.content_type,
        size=len(checked.content), sha256=checked.sha256,
        stored_name=storage.write(checked.content), uploaded_by_id=user.id if user else None,
    )  # fmt: skip
    db.session.add(row)
    db.session.flush()
    return Stored(row, to_remove)


def remove(row: StoredFile) -> list[str]:
    """Delete the row; the stored name to remove from disk after the commit."""
    db.session.delete(row)
    db.session.flush()
    return [row.stored_name]


def venture_file(venture: Venture, purpose: FilePurpose) -> StoredFile | None:
    return db.session.scalar(
        select(StoredFile).where(StoredFile.venture_id == venture.id, StoredFile.purpose == purpose)
    )


def files_of(venture: Venture) -> dict[FilePurpose, StoredFile]:
    rows = db.session.scalars(select(StoredFile).where(StoredFile.venture_id == venture.id))
    return {row.purpose: row for row in rows}


def files_of_ventures(program: Program, venture_ids: list[int]) -> dict[int, dict]:
    """venture id -> {purpose: file}, for a page of ventures in one statement."""
    found: dict[int, dict] = {vid: {} for vid in venture_ids}
    if venture_ids:
        rows = db.session.scalars(
            select(StoredFile).where(
                StoredFile.program_id == program.id, StoredFile.venture_id.in_(venture_ids)
            )
        )
        for row in rows:
            found[row.venture_id][row.purpose] = row
    return found


def file_in_program(program: Program, file_id: int) -> StoredFile | None:
    return db.session.scalar(
        select(StoredFile).where(StoredFile.id == file_id, StoredFile.program_id == program.id)
    )


def may_see_venture(venture: Venture, user: User, roles: frozenset[Role]) -> bool:
    """Its founders, the program's coordinators and the mentors of its published team: those
    who see the venture's profile or its team today."""
    if Role.COORDINATOR in roles or any(f.user_id == user.id for f in venture.founders):
        return True
    if Role.MENTOR not in roles:
        return False
    on_team = (select(TeamMember.id).join(Team, Team.id == TeamMember.team_id)
               .where(Team.venture_id == venture.id, Team.status == TeamStatus.PUBLISHED,
                      TeamMember.mentor_id == user.id))  # fmt: skip
    return db.session.scalar(on_team.limit(1)) is not None
