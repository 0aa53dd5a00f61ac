"""The one input cleaner: which characters typed text cannot keep, and what each use does with them.

Controls are C0 (but tab, line feed and carriage return), DEL and C1: they cannot be typed on
purpose, break a page or a printout, and PostgreSQL refuses a NUL. Surrogates and noncharacters
are not text and make a page that shows them invalid. Everything else (format characters such
as a zero-width space, emoji, any script) is what a person typed and stays.
"""
from __future__ import annotations

import re
from typing import overload

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_NOT_TEXT = ("\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U0001fffe-\U0001ffff\U0002fffe-\U0002ffff"
             "\U0003fffe-\U0003ffff\U000efffe-\U000effff\U000ffffe-\U000fffff\U0010fffe-\U0010ffff")
_INVALID = re.compile(f"[{_CONTROLS}{_NOT_TEXT}]")
_LINE_BREAKS = re.compile(r"[\t\r\n]")


def has_invalid(text: str) -> bool:
    """Whether ``text`` holds a control character, a surrogate or a noncharacter."""
    return _INVALID.search(text) is not None


@overload
def without_invalid(value: str, *, lines: bool = True) -> str: ...
@overload
def without_invalid(value: object, *, lines: bool = True) -> object: ...
def without_invalid(value: object, *, lines: bool = True) -> object:
    """``value`` without the characters no page can show; tabs and line breaks too unless ``lines``.
    Anything but a string (None, a file) is returned as it is, so this serves as a form filter."""
    if not isinstance(value, str):
        return value
    text = _INVALID.sub("", value)
    return text if lines else _LINE_BREAKS.sub("", text)


def clean_text(value: str | None, multiline: bool = False) -> str:
    """Text as typed without invalid characters; lines joined unless ``multiline`` (carriage
    returns dropped); surrounding spaces removed."""
    text = without_invalid(value or "").replace("\r", "")
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def shown(value: object, replacement: str = "\ufffd") -> str:
    """``value`` as text with each invalid character replaced (a page shows where one was)."""
    return _INVALID.sub(replacement, "" if value is None else str(value))
