"""Tracking codes: 80 random bits from `secrets`, written as 16 characters of Crockford's
base32 in four groups (XXXX-XXXX-XXXX-XXXX), which people can read out and type without
confusing 0/O or 1/I/L.

Only a SHA-256 of the normalised code is stored.  With 2^80 possible codes the hash cannot be
reversed by trying them, so a copy of the database gives nobody a working code."""

from __future__ import annotations

import hashlib
import hmac
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
BITS = 80
LENGTH = BITS // 5
# Crockford decoding is forgiving: I and L read as 1, O as 0.
_READ_AS = str.maketrans({"I": "1", "L": "1", "O": "0"})
_DOMAIN = b"qingshan.tipoffs.code:"


def new_code() -> str:
    value = secrets.randbits(BITS)
    chars = [ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(LENGTH))]
    return "-".join("".join(chars[i : i + 4]) for i in range(0, LENGTH, 4))


def normalise(text: str) -> str | None:
    """The code's 16 characters, or None when the text cannot be a code."""
    cleaned = "".join(ch for ch in text.upper() if ch not in "- \u3000\t").translate(_READ_AS)
    if len(cleaned) != LENGTH or any(ch not in ALPHABET for ch in cleaned):
        return None
    return cleaned


def code_hash(code: str) -> str:
    normal = normalise(code)
    if normal is None:
        raise ValueError("not a tracking code")
    return hashlib.sha256(_DOMAIN + normal.encode()).hexdigest()


def matches(code: str, stored_hash: str) -> bool:
    """Constant-time comparison of a typed code with a stored hash."""
    normal = normalise(code)
    if normal is None:
        return False
    return hmac.compare_digest(code_hash(normal), stored_hash)
