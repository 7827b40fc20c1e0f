"""Team meetings: scheduling and changes (``services``), the agenda, summary and attendance
(``records``), answers by emailed link (``rsvp``), who may see and organise them
(``access``), read-only lists (``queries``) and meetings that follow their team
(``team_sync``)."""
