"""Reference numbers residents can read over the phone.

Format ``SZ-ABCD-EFGH-K`` (4 + 4 body characters and a check character): 8 random characters from an alphabet without 0/O and 1/I
(32 symbols, about 10^12 values, so numbers are not guessable in sequence) and a check
character (position-weighted sum mod 31, a prime) that catches every single wrong character and
every swap of two neighbours, except between the two symbols 31 apart ("2" and "Z").
"""
from __future__ import annotations

import re
import secrets
from typing import Callable

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
PREFIX = "SZ"
_BODY = 8
_SHAPE = re.compile(r"^SZ-([2-9A-HJ-NP-Z]{4})-([2-9A-HJ-NP-Z]{4})-([2-9A-HJ-NP-Z])$")


def check_char(body: str) -> str:
    # Weights 1..8 are distinct and non-zero modulo the prime 31, so a substitution or a swap
    # changes the sum unless the two symbols' values differ by exactly 31.
    total = sum((i + 1) * ALPHABET.index(c) for i, c in enumerate(body))
    return ALPHABET[total % 31]


def new_reference(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    body = "".join(ALPHABET[randbelow(len(ALPHABET))] for _ in range(_BODY))
    return f"{PREFIX}-{body[:4]}-{body[4:]}-{check_char(body)}"


def normalise_reference(raw: str) -> str:
    """Accept lower case, spaces and missing hyphens."""
    text = re.sub(r"[\s\-_]", "", (raw or "").upper())
    if len(text) == 11 and text.startswith(PREFIX):
        return f"{text[:2]}-{text[2:6]}-{text[6:10]}-{text[10]}"
    return text


def is_valid_reference(raw: str) -> bool:
    match = _SHAPE.match(normalise_reference(raw))
    return match is not None and check_char(match.group(1) + match.group(2)) == match.group(3)
