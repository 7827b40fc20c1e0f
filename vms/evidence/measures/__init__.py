"""The program's measures, each a pure computation (dataclasses of facts in, figures out) fed
by ``queries`` in a fixed number of statements. Definitions live beside the dashboard that
shows them (``vms.evidence.dashboard.sections``)."""
