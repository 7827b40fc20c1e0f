"""Peer mentoring: speed-dating events, ranked choices, pairing and peer circles.

The pure modules come first: ``rotation`` (who sits where in each round of an event, in the
fewest rounds possible) and ``pairing`` (members to peer mentors, exactly optimal by rank).
"""
