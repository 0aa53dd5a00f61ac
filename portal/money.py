"""The one reading of an amount of money a person types: yuan, to the fen.

Full-width digits (１２３．５), thousands separators (1,234 / 1 234 / 1'234), a yuan sign or word
(¥ 800, 3000元, 800 yuan, RMB 800) are read as people write them; exponents, "NaN" and more than
two decimals are not. Each form keeps its own limits and messages; this says what was typed.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

FEN = Decimal("0.01")
_NOISE = re.compile(r"[\s,_'’¥元]|yuan|CNY|RMB", re.IGNORECASE)
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def parse_yuan(raw: str | None, *, allow_negative: bool = False) -> tuple[Decimal | None, str | None]:
    """(amount, None) or (None, problem): ``empty``, ``format``, ``negative`` or ``precision``."""
    # NFKC turns full-width digits and signs (１２３．５，￥) into ASCII.
    text = _NOISE.sub("", unicodedata.normalize("NFKC", raw or ""))
    if not text:
        return None, "empty"
    if not _NUMBER.match(text):
        return None, "format"
    amount = Decimal(text)
    if amount < 0 and not allow_negative:
        return None, "negative"
    if amount != amount.quantize(FEN):
        return None, "precision"
    return amount, None
