"""Ventures' intake: the public application, the private profile and its completeness."""
