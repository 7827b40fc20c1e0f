"""The meetings' team (tests/scheduling/conftest.py) and the agreements' world with its
published peer pair (tests/agreements/conftest.py) serve the notifications' tests too."""

from tests.agreements.conftest import aw  # noqa: F401
from tests.scheduling.conftest import team  # noqa: F401
