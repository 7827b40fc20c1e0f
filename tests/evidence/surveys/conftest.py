"""The agreements' world (a program with a published peer pair and a published venture team
of three mentors: tests/agreements/conftest.py) serves the surveys' tests."""

from tests.agreements.conftest import _purge_signatures, aw  # noqa: F401
