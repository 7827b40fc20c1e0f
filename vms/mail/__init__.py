"""Outgoing email: recorded in the request's transaction, delivered after it commits."""
