"""A speed-dating event's rankings (each person's 1st, 2nd, 3rd… choice) and its pairs."""

from __future__ import annotations

from collections.abc import Sequence

from vms.auth.models import User
from vms.peer.choices.models import PeerPair, PeerRanking

RANKING_HEADER = ["ranker", "ranker_email", "rank", "ranked", "ranked_email", "saved_at"]
PAIR_HEADER = ["member", "member_email", "peer_mentor", "peer_mentor_email", "choice_rank",
               "locked", "published_at"]  # fmt: skip


def rankings_table(
    rankings: Sequence[PeerRanking], people: dict[int, User]
) -> tuple[list[str], list[list[object]]]:
    """``people``: user id -> user, for the rankers (a ranking names only its ranker's id)."""
    rows = [
        [people[r.ranker_id].name, people[r.ranker_id].email, r.rank, r.ranked.name,
         r.ranked.email, r.saved_at.isoformat()]
        for r in rankings
    ]  # fmt: skip
    return RANKING_HEADER, rows


def pairs_table(pairs: Sequence[PeerPair]) -> tuple[list[str], list[list[object]]]:
    rows = [
        [p.member.name, p.member.email, p.mentor.name, p.mentor.email, p.rank,
         "yes" if p.locked else "no", p.published_at.isoformat() if p.published_at else ""]
        for p in pairs
    ]  # fmt: skip
    return PAIR_HEADER, rows
