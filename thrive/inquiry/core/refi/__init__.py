"""REFI-QDA exchange: read and write .qdpx projects and .qdc codebooks as plain data."""

from thrive.inquiry.core.refi.container import packed_project
from thrive.inquiry.core.refi.model import (
    Audio,
    Case,
    Code,
    Codebook,
    Coding,
    ImportedProject,
    Note,
    Project,
    RefiError,
    Selection,
    Set,
    TextSource,
    Timed,
    User,
    Variable,
    VariableValue,
)
from thrive.inquiry.core.refi.reader import read_qdc, read_qdpx
from thrive.inquiry.core.refi.writer import qdc_bytes, qdpx_bytes

__all__ = [
    "Audio",
    "Case",
    "Code",
    "Codebook",
    "Coding",
    "ImportedProject",
    "Note",
    "Project",
    "RefiError",
    "Selection",
    "Set",
    "TextSource",
    "Timed",
    "User",
    "Variable",
    "VariableValue",
    "packed_project",
    "qdc_bytes",
    "qdpx_bytes",
    "read_qdc",
    "read_qdpx",
]
