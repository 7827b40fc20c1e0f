"""The team flow's world (tests/cohorts/test_team_flow.py: a docket to publish) and the
agreements' world with its published peer pair and team (tests/agreements/conftest.py)
serve the goals' and updates' tests."""

from tests.agreements.conftest import aw  # noqa: F401
from tests.cohorts.test_team_flow import tw  # noqa: F401
