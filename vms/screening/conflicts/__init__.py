"""Conflicts of interest: declarations, requests to invest or work, decisions, recusals."""
