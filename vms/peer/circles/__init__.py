"""Peer circles: group peer mentoring on a monthly rhythm, with a protocol."""
