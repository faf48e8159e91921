"""Stand-in for the meaning branch's module (same interface), replaced when it is merged.

It keeps no vectors: each call computes them with the configured text model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string

from thrive.inquiry.core.agreement import passages


@dataclass(frozen=True)
class PassageRef:
    transcript_id: int
    start: int
    end: int


@cache
def _model(path):
    return import_string(path)()


def text_model():
    return _model(getattr(settings, "THRIVE_TEXT_MODEL", "tests.inquiry.text_models.words"))


def refresh_vectors(inquiry, progress=None) -> int:
    return 0


def inquiry_vectors(inquiry, transcript_ids=None):
    from thrive.inquiry.models import Transcript

    rows = Transcript.objects.filter(inquiry=inquiry).order_by("pk")
    if transcript_ids is not None:
        rows = rows.filter(pk__in=list(transcript_ids))
    refs, texts = [], []
    for pk, text in rows.values_list("pk", "text"):
        for s, e in passages(text):
            refs.append(PassageRef(pk, s, e))
            texts.append(text[s:e])
    m = text_model()
    if not texts:
        return refs, np.zeros((0, m.dimensions), np.float32)
    return refs, m.passages(texts)
