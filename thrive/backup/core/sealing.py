"""Seal a backup with a passphrase, and open it again, with age (through pyrage).

An age file can also be opened without Thrive (`age --decrypt`), so a sealed
backup stays readable in a disaster. age authenticates what it decrypts: a
wrong passphrase and a damaged file are both refused, never half-read.
The whole archive is sealed in memory (pyrage's passphrase mode has no streams).
"""

from __future__ import annotations

import pyrage

AGE_HEADER = b"age-encryption.org/v1\n"


def is_sealed(first_bytes: bytes) -> bool:
    return first_bytes.startswith(AGE_HEADER)


def seal(data: bytes, passphrase: str) -> bytes:
    return pyrage.passphrase.encrypt(data, passphrase)


class CannotOpen(Exception):
    """The passphrase is wrong or the sealed file is damaged."""


def open_sealed(data: bytes, passphrase: str) -> bytes:
    try:
        return pyrage.passphrase.decrypt(data, passphrase)
    except pyrage.DecryptError:
        raise CannotOpen(
            "This backup could not be decrypted: the passphrase is wrong or the file is damaged; "
            "nothing was restored."
        ) from None
