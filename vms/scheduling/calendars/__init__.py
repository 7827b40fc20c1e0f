"""Calendar files and feeds: ``ics`` and ``feed_ics`` write them (pure), ``feeds`` keeps each
person's private subscription, ``views`` serves it."""
