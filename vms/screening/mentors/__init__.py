"""Mentor applications: the public form, the pipeline, interviews, the rubric and scores."""
