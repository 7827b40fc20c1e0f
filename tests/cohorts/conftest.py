"""Fixtures shared by the team tests."""

from tests.cohorts.test_team_scale import crowd  # noqa: F401  (a program of many mentors)
