"""Signals that let capabilities react to each other without importing each other.

Receivers run inside the sender's transaction: whatever they add is committed with it.
"""
from blinker import Namespace

_signals = Namespace()

# sender: the Application, just submitted (status "submitted", requests created, reference set).
application_submitted = _signals.signal("application-submitted")
# sender: the AssistanceRequest; kwargs: event (the Event row), transition (the domain Transition).
request_changed = _signals.signal("request-changed")
