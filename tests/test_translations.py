"""Every user-facing message has a Spanish translation with the same placeholders."""

import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
SPANISH = ROOT / "vms/translations/es/LC_MESSAGES/messages.po"
METHODS = [
    ("vms/**.py", "python"),
    ("vms/templates/**.html", "jinja2"),
    ("vms/templates/**.txt", "jinja2"),
]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _source_messages() -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    found = set()
    # Babel skips folders starting with "_" by default; templates/_partials and _macros
    # hold messages too (the Makefile's extraction passes --ignore-dirs for the same reason).
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), METHODS, keywords=keywords,
        directory_filter=lambda path: not Path(path).name.startswith("."),
    ):  # fmt: skip
        found.add(message if isinstance(message, str) else message[0])
    return found


def _catalog():
    with SPANISH.open("rb") as handle:
        return read_po(handle)


def test_every_message_has_a_spanish_translation():
    catalog = _catalog()
    missing = []
    for msgid in sorted(_source_messages()):
        entry = catalog.get(msgid)
        strings = entry.string if entry else None
        if isinstance(strings, tuple):
            strings = all(strings)
        if not entry or not strings or entry.fuzzy:
            missing.append(msgid)
    assert not missing, (
        f"{len(missing)} messages lack Spanish (run `make extract-messages`): {missing[:10]}"
    )


def test_spanish_placeholders_match():
    wrong = []
    for entry in _catalog():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        expected = set(PLACEHOLDER.findall(ids[-1]))
        for translated in strings:
            if set(PLACEHOLDER.findall(translated)) != expected:
                wrong.append(entry.id)
    assert not wrong


def test_spanish_pages_render(client):
    client.post("/language", data={"locale": "es"})
    page = client.get("/signin").get_data(as_text=True)
    assert "Iniciar sesión" in page and "Sign in" not in page.replace("signin", "")
