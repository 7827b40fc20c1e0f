"""The minimal repair of one team, without an app."""

from vms.cohorts.teams import Mentor, Venture
from vms.cohorts.teams.builder.repair import repair_team


def mentor(mid, background="a", expertise=(), lead=False, capacity=1, slots=None):
    return Mentor(mid, background, frozenset(expertise), lead, capacity, slots)


VENTURE = Venture(1, frozenset({"legal", "sales"}), slot="tue")


def test_a_legal_team_needs_no_change():
    team = [mentor(1, lead=True), mentor(2), mentor(3)]
    repair = repair_team(VENTURE, team, 1, [mentor(9, expertise={"legal"})])
    assert repair.drop == () and repair.add == () and repair.lead == 1


def test_a_missing_member_is_replaced_by_the_candidate_who_adds_most():
    team = [mentor(1, lead=True), mentor(2)]
    candidates = [mentor(7, "a"), mentor(8, "b", {"sales"}), mentor(9, "b")]
    repair = repair_team(VENTURE, team, 1, candidates)
    assert repair.add == (8,) and repair.lead == 1 and not repair.impossible


def test_a_conflicted_lead_is_dropped_and_an_eligible_member_promoted():
    team = [mentor(1, lead=True), mentor(2, lead=True), mentor(3), mentor(4)]
    repair = repair_team(VENTURE, team, 1, [mentor(9, lead=True)], conflicts={(1, 1)})
    assert repair.drop == (1,) and repair.add == () and repair.lead == 2


def test_members_who_cannot_meet_or_left_are_dropped_and_candidates_filtered():
    team = [mentor(1, lead=True), mentor(2, slots=frozenset({"wed"})), mentor(3)]
    candidates = [mentor(6, slots=frozenset({"wed"})), mentor(7, capacity=0), mentor(8)]
    repair = repair_team(VENTURE, team, 1, candidates, gone={3})
    assert set(repair.drop) == {2, 3} and repair.impossible == "too_few"
    repair = repair_team(VENTURE, team, 1, [*candidates, mentor(9, "b")], gone={3})
    assert set(repair.drop) == {2, 3} and repair.add == (9, 8) and not repair.impossible


def test_no_lead_available_is_reported():
    team = [mentor(1, lead=True), mentor(2), mentor(3)]
    repair = repair_team(VENTURE, team, 1, [mentor(5)], conflicts={(1, 1)})
    assert repair.impossible == "no_lead" and repair.drop == (1,)
