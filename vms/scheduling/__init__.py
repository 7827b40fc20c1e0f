"""Meetings, agendas, RSVP, series and reminders; calendar files (ics.py)."""
