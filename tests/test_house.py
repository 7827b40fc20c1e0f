"""The house keeps its shape: no import circles, small modules, pure modules that stay pure,
and dependencies that point one way (issue 10). Read from the source, nothing is run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VMS = ROOT / "vms"
MAX_LINES = 400
#: Algorithms and formats: typed, unit-tested without an app (DESIGN.md, house rule 6).
PURE = (
    "vms.cohorts.teams.builder",
    "vms.screening.mentors.scoring",
    "vms.screening.ventures.completeness",
    "vms.scheduling.calendars.ics",
    "vms.scheduling.calendars.feed_ics",
    "vms.scheduling.series.recurrence",
    "vms.single_line",
    "vms.peer.rotation",
    "vms.peer.pairing",
    "vms.onboarding.trials.statistics",
    "vms.onboarding.trials.randomise",
    "vms.peer.b_matching",
    "vms.peer.events.timetable",
    "vms.peer.events.schedule_ics",
    "vms.peer.live.phases",
    "vms.agreements.document",
    "vms.mail.backoff",
    "vms.notifications.categories",
    "vms.evidence.health.rules",
    "vms.evidence.measures.ventures",
    "vms.evidence.measures.activity",
    "vms.evidence.measures.scope",
)
WEB_OR_DATABASE = ("flask", "flask_", "werkzeug", "sqlalchemy", "wtforms", "jinja2")
#: The core: programs, cohorts, memberships, invitations and ventures' records.
CORE = ("vms.cohorts.models", "vms.cohorts.services", "vms.cohorts.queries",
        "vms.cohorts.forms", "vms.cohorts.views")  # fmt: skip
FEATURES = ("vms.cohorts.teams", "vms.screening", "vms.scheduling", "vms.admin", "vms.site",
            "vms.peer", "vms.agreements", "vms.notifications", "vms.evidence")  # fmt: skip


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(path): path for path in VMS.rglob("*.py")}


def _imports(name: str) -> Iterator[tuple[str, bool]]:
    """(imported module, takes only a blueprint) for every import of the module, those
    inside functions and under TYPE_CHECKING included."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, False
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: none today, but count them right
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1]
                                + ([base] if base else []))  # fmt: skip
            for alias in node.names:
                child = f"{base}.{alias.name}"
                yield (child if child in MODULES else base), alias.name == "bp"


def _graph() -> dict[str, set[str]]:
    """Edges between vms modules; a module taking its package's blueprint is no edge."""
    return {
        name: {target for target, blueprint in _imports(name)
               if target in MODULES and target != name and not blueprint}
        for name in MODULES
    }  # fmt: skip


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_no_import_circles():
    assert _circles(_graph()) == []


def test_the_circle_finder_finds_circles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(graph) == [["a", "b", "c"]]


def test_no_module_is_over_400_lines():
    long = {name: n for name, path in MODULES.items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}  # fmt: skip
    assert long == {}


def test_pure_modules_and_what_they_import_use_neither_flask_nor_the_database():
    graph = _graph()
    pure = [name for name in MODULES if _within(name, PURE)]
    assert len(pure) >= 12, pure
    seen, todo, offenders = set(), list(pure), []
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        offenders += [f"{name} imports {target}" for target, _bp in _imports(name)
                      if _within(target.split(".")[0], WEB_OR_DATABASE)
                      or target.startswith(WEB_OR_DATABASE)]  # fmt: skip
        todo += graph[name]
    assert offenders == []


def test_the_core_imports_no_feature():
    graph = _graph()
    assert {name: sorted(t for t in graph[name] if _within(t, FEATURES))
            for name in MODULES if _within(name, CORE)
            if any(_within(t, FEATURES) for t in graph[name])} == {}  # fmt: skip


def test_views_are_imported_only_to_register_them():
    """Features call each other's services, never views; a package's __init__ imports its
    views so their routes join the blueprint."""
    takers = {
        f"{name} imports {target}"
        for name in MODULES
        for target in _graph()[name]
        if _is_views(target) and MODULES[name].name != "__init__.py"
    }
    assert takers == set()


def _is_views(module: str) -> bool:
    last = module.rpartition(".")[2]
    return last == "views" or last.endswith("_views")


def test_the_builder_stays_importable_from_the_team_wing():
    from vms.cohorts.teams import Mentor, Venture, form_teams

    plan = form_teams(
        [Venture("v", frozenset({"legal"}))],
        [Mentor(f"m{n}", f"b{n}", frozenset({"legal"}), lead_eligible=True) for n in range(3)],
    )
    assert len(plan.teams["v"].members) == 3
