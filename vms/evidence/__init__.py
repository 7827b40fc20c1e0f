"""Program evidence: goals, updates, surveys, the health of teams and pairs, measures,
dashboards, and CSV in and out. Each part is a sub-package with its own blueprint."""
