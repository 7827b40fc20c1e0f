"""The agreements' tables (to be written)."""
