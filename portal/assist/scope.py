"""What a mandate (委托书) allows a helper to do for the resident, and the one place that says so.

Filing (filling in the resident's draft) is what every mandate is for. Uploading documents,
submitting the application, receiving the office's notices, and after submission withdrawing a
request, reporting a change and answering a periodic review for the resident are each allowed
only when the resident agreed to it; the printed mandate lists what is ticked, and every route
that does one of these asks ``Mandate.allows_to`` first (the pages after submission:
portal.assist.views_acting).
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

CHOSEN = ("file", "upload", "submit", "notices", "withdraw", "change", "review")

ALLOW_LABELS = {
    "file": _l("Fill in the application with the resident"),
    "upload": _l("Upload the resident's documents"),
    "submit": _l("Submit the application for the resident"),
    "notices": _l("Receive the office's notices for the resident"),
    "withdraw": _l("Withdraw a request or the application for the resident"),
    "change": _l("Report changes in the resident's household, income, assets or address"),
    "review": _l("Answer the periodic review for the resident"),
}


def labels(allows: str) -> list[str]:
    """What a mandate allows, in the user's language, in a fixed order."""
    chosen = (allows or "").split(",")
    return [str(ALLOW_LABELS[key]) for key in CHOSEN if key in chosen]
