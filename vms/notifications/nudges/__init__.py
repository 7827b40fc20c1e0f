"""The nudges that keep mentoring alive (issue 13), each a sweep of due work or a handler of
another feature's signal, each through ``vms.notifications.services.notify`` (exactly once):

- ``meetings``: the monthly mentor meeting's RSVP nudge and docket, the one-hour reminder;
- ``people``: guiding principles unsigned or due, interview scorecards not submitted;
- ``teams``: teams with no meeting for a while, to the lead and then the coordinators;
- ``activity``: a conflict or a commercial request filed, an agenda posted.

Each program sets its delays (``delays``, the ``nudge_settings`` row).
"""
