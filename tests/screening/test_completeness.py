from dataclasses import replace

from vms.screening.ventures.completeness import ITEMS, ProfileFacts, completeness

FULL = ProfileFacts(
    has_description=True, has_stage=True, has_sector=True, has_website=True, goal_words=30,
    founders=2, founders_with_affiliation=2, areas_rated=10, areas_total=10, areas_wanting_help=3,
    has_image=True, has_deck=True,
)  # fmt: skip


def test_a_full_profile_is_complete():
    assert completeness(FULL).percent == 100 and completeness(FULL).missing == ()
    assert sum(weight for _key, weight in ITEMS) == 100


def test_each_gap_is_named_and_costs_its_weight():
    gaps = replace(FULL, goal_words=5, areas_rated=7, has_website=False)
    result = completeness(gaps)
    assert result.missing == ("goal", "self_assessment", "website")
    assert result.percent == 100 - 20 - 20 - 5
    assert result.meets(55) and not result.meets(56)


def test_founders_need_affiliations_and_someone_must_want_help():
    result = completeness(replace(FULL, founders_with_affiliation=1, areas_wanting_help=0))
    assert result.missing == ("help_wanted", "founders")


def test_a_logo_and_a_deck_count_and_a_full_profile_without_them_still_reaches_the_docket():
    # Photos and documents connect more (MicroMentor): a logo weighs 10, a deck 5.
    result = completeness(replace(FULL, has_image=False, has_deck=False))
    assert result.missing == ("image", "deck") and result.percent == 85
    assert result.meets(80)  # the default docket threshold


def test_an_empty_profile():
    empty = ProfileFacts(False, False, False, False, 0, 0, 0, 0, 10, 0)
    assert completeness(empty).percent == 0 and len(completeness(empty).missing) == len(ITEMS)
