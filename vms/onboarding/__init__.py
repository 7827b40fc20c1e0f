"""Onboarding: prepared mentors, prepared ventures, welcome content and trials (issue 17)."""
