"""Ranked choices after an event, and pairing members with peer mentors."""
