"""Speed-dating events: planning, rotation, run sheets, personal schedules and event mode."""
