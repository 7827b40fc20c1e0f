"""Screening and intake: applications, interviews, rubric, principles and conflicts."""
