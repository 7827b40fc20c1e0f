"""How complete a venture's profile is, and what is missing. Pure: no Flask, no database.

Complete profiles connect more (MicroMentor's evidence), so each missing item
comes with what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ProfileFacts:
    has_description: bool
    has_stage: bool
    has_sector: bool
    has_website: bool
    goal_words: int
    founders: int
    founders_with_affiliation: int
    areas_rated: int
    areas_total: int
    areas_wanting_help: int
    #: A logo or photo, and a pitch deck (vms/onboarding/files): profiles with photos and
    #: documents connect more (MicroMentor).
    has_image: bool = False
    has_deck: bool = False


@dataclass(frozen=True)
class Completeness:
    percent: int
    #: Keys of what is missing, in the order a founder should fix them.
    missing: tuple[str, ...]

    def meets(self, threshold: int) -> bool:
        return self.percent >= threshold


#: (key, weight): the self-assessment and the goal weigh most — they drive matching; a photo
#: and a deck come next (a full profile without them is 85%, above the default docket's 80%).
ITEMS = (
    ("goal", 20),
    ("self_assessment", 20),
    ("help_wanted", 10),
    ("image", 10),
    ("description", 10),
    ("founders", 10),
    ("stage", 5),
    ("sector", 5),
    ("deck", 5),
    ("website", 5),
)
GOAL_MIN_WORDS = 15


def completeness(facts: ProfileFacts) -> Completeness:
    done = {
        "goal": facts.goal_words >= GOAL_MIN_WORDS,
        # At least: a venture's answers on areas retired since still count among its ratings.
        "self_assessment": facts.areas_total > 0 and facts.areas_rated >= facts.areas_total,
        "help_wanted": facts.areas_wanting_help > 0,
        "description": facts.has_description,
        "stage": facts.has_stage,
        "sector": facts.has_sector,
        "founders": facts.founders > 0 and facts.founders_with_affiliation == facts.founders,
        "website": facts.has_website,
        "image": facts.has_image,
        "deck": facts.has_deck,
    }
    earned = sum(weight for key, weight in ITEMS if done[key])
    total = sum(weight for _key, weight in ITEMS)
    return Completeness(round(100 * earned / total), tuple(k for k, _w in ITEMS if not done[k]))
