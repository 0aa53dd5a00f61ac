"""`flask translate extract|update|compile|fill|check`.

English message ids in the code; Simplified Chinese written by people; Traditional Chinese
converted from the Simplified text (OpenCC s2twp: characters and common phrases)
unless a translation gives it explicitly; the English catalogue repeats the ids.
Compiled .mo files are built by the setup (make), never committed.
"""
from __future__ import annotations

import fcntl
import json

# Reviewed (B404): runs Babel with a fixed argument list, never a shell
import subprocess  # nosec B404
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from portal.config import PROJECT_ROOT
from portal.i18n import LOCALES

TRANSLATIONS = PROJECT_ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=PROJECT_ROOT,  # nosec B603
                   stdout=subprocess.DEVNULL)


@contextmanager
def _locked():
    """Several people (or helpers) may update catalogues at once: one at a time."""
    TRANSLATIONS.mkdir(exist_ok=True)
    with open(TRANSLATIONS / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def po_path(locale: str) -> Path:
    return TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"


def extract() -> None:
    _pybabel("-q", "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
             "-k", "msgid",  # message ids the domain marks without translating (portal.domain.reason_texts)
             "--no-location",
             "--sort-output", "--omit-header", "-o", str(POT), ".")


def update() -> None:
    extract()
    for locale in LOCALES:
        if po_path(locale).exists():
            _pybabel("-q", "update", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale, "--no-fuzzy-matching",
                     "--ignore-obsolete")
        else:
            _pybabel("-q", "init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", locale)
    fill({})


def compile_all() -> None:
    for locale in LOCALES:
        if po_path(locale).exists():
            _pybabel("-q", "compile", "-d", str(TRANSLATIONS), "-l", locale)


# OpenCC's Taiwan phrase table rewrites some terms wrongly for social assistance: a service
# window (窗口) is not a computer window (視窗), and signing is 簽, not 籤 (a lot, a tag).
_TRADITIONAL_FIXES = {"社群": "社區", "稽核": "審核", "程式碼": "代碼", "視窗": "窗口", "籤署": "簽署",
                      "籤字": "簽字", "籤了字": "簽了字", "籤名": "簽名"}


def _to_traditional(text: str) -> str:
    # a translation tool (requirements-test), not a runtime requirement
    import opencc

    converted = opencc.OpenCC("s2twp").convert(text)
    for wrong, right in _TRADITIONAL_FIXES.items():
        converted = converted.replace(wrong, right)
    return converted


def fill(translations: dict) -> dict[str, int]:
    """Apply {msgid: "简体" | {"zh_Hans": .., "zh_Hant": ..}}; fill English ids; derive Traditional.

    Returns the number of entries still missing per locale.
    """
    # a translation tool (requirements-test), not a runtime requirement
    import polib

    missing = {}
    for locale in LOCALES:
        path = po_path(locale)
        if not path.exists():
            continue
        catalogue = polib.pofile(str(path), wrapwidth=0)
        for entry in catalogue:
            if entry.obsolete:
                continue
            given = translations.get(entry.msgid)
            hans = given.get("zh_Hans") if isinstance(given, dict) else given
            hant = given.get("zh_Hant") if isinstance(given, dict) else None
            if locale == "en":
                text = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
            elif locale == "zh_Hans":
                text = [hans] if hans else None
            else:
                if hant:
                    text = [hant]
                elif hans:
                    text = [_to_traditional(hans)]
                else:
                    text = None
            if text:
                if entry.msgid_plural:
                    entry.msgstr_plural = {i: t for i, t in enumerate(text)}
                else:
                    entry.msgstr = text[0]
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
            elif locale == "zh_Hant" and not _translated(entry):
                # No Traditional given: derive it from the Simplified catalogue's current text.
                pass
        if locale == "zh_Hant":
            hans_catalogue = polib.pofile(str(po_path("zh_Hans")), wrapwidth=0) if po_path("zh_Hans").exists() else []
            hans_by_id = {e.msgid: e for e in hans_catalogue}
            for entry in catalogue:
                source = hans_by_id.get(entry.msgid)
                if not _translated(entry) and source is not None and _translated(source):
                    if entry.msgid_plural:
                        entry.msgstr_plural = {0: _to_traditional(source.msgstr_plural[0])}
                    else:
                        entry.msgstr = _to_traditional(source.msgstr)
        catalogue.save(str(path))
        missing[locale] = sum(1 for e in catalogue if not e.obsolete and not _translated(e))
    return missing


def _translated(entry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def untranslated(locale: str) -> list[str]:
    # a translation tool (requirements-test), not a runtime requirement
    import polib

    catalogue = polib.pofile(str(po_path(locale)))
    return [e.msgid for e in catalogue if not e.obsolete and (not _translated(e) or "fuzzy" in e.flags)]


@click.group("translate")
def translate_group():
    """Translation catalogues."""


@translate_group.command("extract")
def extract_command():
    """Collect messages from the code and templates into translations/messages.pot."""
    with _locked():
        extract()


@translate_group.command("update")
def update_command():
    """Extract, then merge new messages into every catalogue (creating missing ones)."""
    with _locked():
        update()
    for locale in LOCALES:
        click.echo(f"{locale}: {len(untranslated(locale))} untranslated")


@translate_group.command("compile")
def compile_command():
    """Build the .mo files Flask-Babel reads."""
    compile_all()


@translate_group.command("fill")
@click.argument("json_file", type=click.Path(exists=True, dir_okay=False))
def fill_command(json_file: str):
    """Update catalogues, then apply translations from a JSON file {msgid: 简体 or {zh_Hans, zh_Hant}}."""
    data = json.loads(Path(json_file).read_text(encoding="utf-8"))
    with _locked():
        update()
        missing = fill(data)
    for locale, count in missing.items():
        click.echo(f"{locale}: {count} untranslated")


@translate_group.command("missing")
@click.argument("locale", default="zh_Hans")
def missing_command(locale: str):
    """Print the message ids still without a translation, as a JSON skeleton to fill."""
    click.echo(json.dumps({msgid: "" for msgid in untranslated(locale)}, ensure_ascii=False, indent=1))
