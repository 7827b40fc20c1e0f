"""The survey measures on a hand-made program (pure: no app), every answer worked out here.

The program: six people asked the exit survey, four answered; three asked the fit check, one
answered.

    exit  side     answered rating goal    held  att.(rec/came) to team  stage        since
    a     founder  yes      5      yes     6     4/4            20       revenue      180
    b     mentor   yes      4      partly  6     4/3            20       revenue      180
    c     founder  yes      2      no      2     2/1            40       pre_revenue   90
    d     founder  yes      3      partly  4     0/0            -        -            120
    e     founder  no       -      -       1     2/0            60       idea          30
    f     mentor   no       -      -       1     0/0            60       idea          30
"""

from __future__ import annotations

import pytest

from vms.evidence.surveys import measures
from vms.evidence.surveys.measures import Invited


def _exit(side, answered, rating=None, goal=None, held=0, rec=0, came=0, to_team=None,
          stage=None, since=None, before=None, after=None) -> Invited:  # fmt: skip
    return Invited(survey="exit", side=side, answered=answered, rating=rating, goal=goal,
                   meetings_held=held, attendance_recorded=rec, attended=came,
                   days_to_team=to_team, stage=stage, days_since_start=since,
                   needs_before=before or {}, needs_after=after or {})  # fmt: skip


WORLD = [
    _exit("founder", True, 5, "yes", 6, 4, 4, 20, "revenue", 180,
          {"Finance": 2, "Sales": 3}, {"Finance": 4, "Sales": 3}),
    _exit("mentor", True, 4, "partly", 6, 4, 3, 20, "revenue", 180),
    _exit("founder", True, 2, "no", 2, 2, 1, 40, "pre_revenue", 90,
          {"Finance": 3, "Legal": 4}, {"Finance": 2, "Legal": 5}),
    # Rated only after the intake (no "before"): not counted in the change.
    _exit("founder", True, 3, "partly", 4, 0, 0, None, None, 120, {}, {"Finance": 5}),
    _exit("founder", False, held=1, rec=2, came=0, to_team=60, stage="idea", since=30,
          before={"Finance": 1}),
    _exit("mentor", False, held=1, to_team=60, stage="idea", since=30),
    Invited(survey="fit", side="founder", answered=True, fit="no", reminders=1),
    Invited(survey="fit", side="mentor", answered=False, reminders=2),
    Invited(survey="fit", side="mentor", answered=False, reminders=0),
]  # fmt: skip


def test_response_rates_and_when_they_are_too_low_to_trust():
    exit_rate, fit_rate = (measures.response_rate(s, WORLD) for s in ("exit", "fit"))
    # Exit: 4 of 6 answered (67%: over half), but 4 < 10 answers.
    assert (exit_rate.invited, exit_rate.answered, exit_rate.reminded) == (6, 4, 0)
    assert exit_rate.rate == pytest.approx(4 / 6)
    assert exit_rate.warnings == ("few_answers",)
    # Fit: 1 of 3 (33%: under half), and one answer.
    assert (fit_rate.invited, fit_rate.answered, fit_rate.reminded) == (3, 1, 2)
    assert fit_rate.warnings == ("low_rate", "few_answers")
    assert not fit_rate.trusted


def test_a_rate_is_trusted_with_half_answering_and_ten_answers():
    twenty = [Invited("exit", "founder", answered=n < 10) for n in range(20)]
    assert measures.response_rate("exit", twenty).trusted  # 10 of 20: exactly the thresholds
    nineteen = [Invited("exit", "founder", answered=n < 9) for n in range(18)]
    assert measures.response_rate("exit", nineteen).warnings == ("few_answers",)  # 9 of 18
    assert measures.response_rate("fit", twenty).rate is None  # nobody asked: no warning
    assert measures.response_rate("fit", twenty).warnings == ()


def test_the_answered_and_the_unanswered_compared():
    c = measures.compare("exit", WORLD)
    # Answered a–d: held (6+6+2+4)/4 = 4.5; attendance (4+3+1+0)/(4+4+2+0) = 8/10;
    # to team (20+20+40)/3 = 26.67 (d has none); since (180+180+90+120)/4 = 142.5.
    assert c.answered.count == 4
    assert c.answered.meetings_held == pytest.approx(4.5)
    assert c.answered.attendance == pytest.approx(0.8)
    assert c.answered.days_to_team == pytest.approx(80 / 3)
    assert c.answered.days_since_start == pytest.approx(142.5)
    assert c.answered.stages == {"pre_revenue": 1, "revenue": 2}
    # Unanswered e–f: held 1; attendance 0 of 2; to team 60; since 30; both at "idea".
    assert (c.unanswered.count, c.unanswered.meetings_held) == (2, 1)
    assert c.unanswered.attendance == 0
    assert (c.unanswered.days_to_team, c.unanswered.days_since_start) == (60, 30)
    assert c.unanswered.stages == {"idea": 2}
    # The fit check's unanswered have no facts at all: averages are unknown, not zero.
    fit = measures.compare("fit", WORLD)
    assert fit.unanswered.attendance is None and fit.unanswered.days_to_team is None


def test_average_rating_and_the_goal_reached():
    rating = measures.rating_of(WORLD)
    assert (rating.count, rating.average) == (4, pytest.approx((5 + 4 + 2 + 3) / 4))
    assert rating.spread == {1: 0, 2: 1, 3: 1, 4: 1, 5: 1}
    goals = measures.goals_of(WORLD)
    # Founders only (the mentor's "partly" is left out): yes a, no c, partly d.
    assert (goals.yes, goals.partly, goals.no, goals.count) == (1, 1, 1, 3)
    assert goals.share_reached == pytest.approx(1 / 3)


def test_the_change_in_each_need():
    found = {n.area: n for n in measures.need_changes(WORLD)}
    # Finance: a 2→4, c 3→2 (d has no "before", e did not answer): before 2.5, after 3.
    finance = found["Finance"]
    assert (finance.count, finance.before, finance.after) == (2, 2.5, 3)
    assert finance.change == pytest.approx(0.5)
    assert (finance.better, finance.same, finance.worse) == (1, 0, 1)
    assert (found["Legal"].count, found["Legal"].change) == (1, 1)
    assert (found["Sales"].same, found["Sales"].change) == (1, 0)
    assert list(found) == ["Finance", "Legal", "Sales"]


def test_everything_at_once_and_the_fit_answers():
    found = measures.measure(WORLD)
    assert [r.survey for r in found.rates] == ["fit", "exit"]
    assert found.fit_answers == {"yes": 0, "too_early": 0, "no": 1}
    assert found.rating.count == 4 and found.goals.count == 3 and len(found.needs) == 3
