"""The meetings' team (tests/scheduling/conftest.py) serves the notifications' tests too."""

from tests.scheduling.conftest import team  # noqa: F401
