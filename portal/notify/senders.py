"""SMS senders. Configured by SMS_SENDER: "console" or "package.module:ClassName".

A sender has one method, ``send(phone, text) -> bool``. The console sender logs the text
with the phone number masked; messages never carry personal data (see notify.outbox).
"""
from __future__ import annotations

import importlib
import logging

from portal.domain.ids import mask_phone

log = logging.getLogger("portal.sms")


class ConsoleSender:
    """Development: prints the message, so a developer can read a sign-in code."""

    def send(self, phone: str, text: str) -> bool:
        print(f"[SMS to {mask_phone(phone)}] {text}", flush=True)
        return True


class NullSender:
    """Tests: keeps messages in the outbox only."""

    def send(self, phone: str, text: str) -> bool:
        return True


def load_sender(spec: str):
    if spec == "console":
        return ConsoleSender()
    if spec == "null":
        return NullSender()
    module_name, _, class_name = spec.partition(":")
    if not class_name:
        raise ValueError("SMS_SENDER must be 'console', 'null' or 'package.module:ClassName'")
    return getattr(importlib.import_module(module_name), class_name)()
