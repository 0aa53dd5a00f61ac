"""Plain-language sentences for every reason and change code of ``portal.domain.describe``,
translated: the message ids are defined once, beside each code's English, in
``portal.domain.reason_texts``.

Placeholders are the codes' parameters, already formatted (money in yuan, people by
position and relation, lists joined) by ``portal.eligibility_texts.params``. A test checks
that the keys here are exactly ``REASON_TEXTS`` and ``CHANGE_TEXTS`` and that every
placeholder can be filled.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.domain.reason_texts import CHANGE_SENTENCES, REASON_SENTENCES

REASONS = {code: _l(page) for code, (_, page) in REASON_SENTENCES.items()}
CHANGES = {code: _l(page) for code, (_, page) in CHANGE_SENTENCES.items()}
