"""A small, exact text model for tests: words hashed into 64 dimensions, unit length.

Passages sharing words point the same way, so a test can say which passages are alike
without loading the bundled model (settings.THRIVE_TEXT_MODEL names `words`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

DIMENSIONS = 64
_WORD = re.compile(r"[a-z']{3,}")


class Words:
    name = "hashed words (tests only)"
    dimensions = DIMENSIONS

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(DIMENSIONS, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            vector[int(hashlib.blake2s(word.encode()).hexdigest(), 16) % DIMENSIONS] += 1.0
        norm = np.linalg.norm(vector)
        if not norm:
            vector[0] = 1.0
            norm = 1.0
        return vector / norm

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)

    def query(self, text: str) -> np.ndarray:
        return self._vector(text)


def words() -> Words:
    return Words()
