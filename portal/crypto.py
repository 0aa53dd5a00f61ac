"""Encryption at rest for personal data, and keyed hashes for look-ups.

DATA_KEY is one secret or a comma-separated list, newest first: values are encrypted with
the first and decrypted with any (rotation: add a new key in front, re-encrypt with
`flask data rotate-keys`, then drop the old one). Fernet is authenticated encryption
(AES-128-CBC + HMAC-SHA256), so a tampered value fails to decrypt instead of reading wrong.
Look-up hashes use a key derived from the first secret only; rotating it means recomputing them.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import current_app
from sqlalchemy import Text, TypeDecorator


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"social-assistance-portal", info=purpose).derive(secret.encode())


@lru_cache(maxsize=8)
def _keys(data_key: str) -> tuple[MultiFernet, bytes]:
    secrets_ = [part.strip() for part in data_key.split(",") if part.strip()]
    if not secrets_:
        raise RuntimeError("DATA_KEY is empty")
    fernets = [Fernet(base64.urlsafe_b64encode(_derive(s, b"encryption"))) for s in secrets_]
    return MultiFernet(fernets), _derive(secrets_[0], b"lookup")


def _current() -> tuple[MultiFernet, bytes]:
    return _keys(current_app.config["DATA_KEY"])


def encrypt(text: str) -> str:
    return _current()[0].encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _current()[0].decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError("personal data could not be decrypted with the configured DATA_KEY") from exc


def rotate(token: str) -> str:
    """Re-encrypt with the newest key."""
    return _current()[0].rotate(token.encode("ascii")).decode("ascii")


def lookup_hash(value: str, purpose: str = "id") -> str:
    """A keyed hash to find or de-duplicate a value without storing it in clear."""
    key = _current()[1]
    return hmac.new(key, f"{purpose}:{value}".encode("utf-8"), hashlib.sha256).hexdigest()


class EncryptedText(TypeDecorator):
    """A string column stored encrypted."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return None if value is None else encrypt(str(value))

    def process_result_value(self, value, dialect):
        return None if value is None else decrypt(value)


class EncryptedJSON(TypeDecorator):
    """A JSON document stored encrypted as one blob (answers, event data)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect):
        return None if value is None else encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))

    def process_result_value(self, value, dialect):
        return None if value is None else json.loads(decrypt(value))
