"""The monthly mentor meeting: a series on the program's local clock (``recurrence``, pure),
its dates a year ahead with answers and a docket (``services``, ``views``)."""
