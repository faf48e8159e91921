"""Transcript files (.txt, .md, .docx, .odt, .rtf, .vtt, .srt) to Thrive's canonical text.

Subtitle files (.vtt, .srt) also give timed cues (``transcript_cues``): their text is laid
out one line per cue by ``timing.timed_text``, so a transcript keeps every cue's time.

Canonical text is a Python ``str`` that encodes as UTF-8 without a byte-order mark, uses
``\\n`` line ends, has no trailing spaces or tabs on any line and ends with one ``\\n``.
Nothing else is normalised (no NFC): code-point offsets computed by other tools on the same
characters stay valid.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath

from thrive.core.archives import DOCUMENT, ArchiveError, DamagedArchive, checked_archive
from thrive.core.text import control_positions
from thrive.inquiry.core.timing import Cue, timed_text

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 20
MAX_CUES = 10_000
MAX_CUE_SECONDS = 24 * 60 * 60
SUBTITLE_SUFFIXES = (".vtt", ".srt")

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_KNOWN_MAGIC = (
    (b"%PDF", "a PDF"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (OLE_MAGIC, "an old Word (.doc) or password-protected Office file"),
    (ZIP_MAGIC, "a Word (.docx) or OpenDocument file"),
    (b"{\\rtf", "a Rich Text (.rtf) file"),
)
_SRT_TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_SRT_TIMES = re.compile(
    r"^\s*(\d{1,2}):(\d{2}):(\d{2})[,.](\d{1,3})\s*-->\s*(\d{1,2}):(\d{2}):(\d{2})[,.](\d{1,3})"
)
_SPEAKER_PREFIX = re.compile(r"^([^\s:][^:\n]{0,39}):\s")


class TranscriptError(ValueError):
    """A transcript file that cannot be turned into text; the message is one plain sentence."""


def transcript_text(filename: str, data: bytes) -> str:
    """Return the canonical text of one uploaded transcript file, or raise TranscriptError."""
    _check_size(filename, data)
    extension = PurePosixPath(filename.lower()).suffix
    reader = _READERS.get(extension)
    if reader is None:
        supported = ", ".join(sorted(_READERS))
        raise TranscriptError(f"{filename} is not a supported file type (use {supported}).")
    text = canonical_text(reader(filename, data))
    if not text.strip():
        raise TranscriptError(f"{filename} contains no text.")
    return text


def _check_size(filename: str, data: bytes) -> None:
    if len(data) > MAX_FILE_BYTES:
        megabytes = len(data) / (1024 * 1024)
        raise TranscriptError(f"{filename} is {megabytes:.1f} MB; the limit is 5 MB per file.")
    if not data.strip():
        raise TranscriptError(f"{filename} is empty.")


def transcripts_from_files(files: list[tuple[str, bytes]]) -> list[tuple[str, str]]:
    """Return (filename, text) for every file, or raise one TranscriptError naming all bad ones."""
    if not files:
        raise TranscriptError("No files were uploaded.")
    if len(files) > MAX_FILES:
        raise TranscriptError(
            f"{len(files)} files were uploaded; the limit is {MAX_FILES} at a time."
        )
    texts: list[tuple[str, str]] = []
    problems: list[str] = []
    for filename, data in files:
        try:
            texts.append((filename, transcript_text(filename, data)))
        except TranscriptError as error:
            problems.append(str(error))
    if problems:
        raise TranscriptError(" ".join(problems))
    return texts


def canonical_text(text: str) -> str:
    """Return text with LF line ends, no BOM, no trailing blanks per line and one final LF."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip(" \t") for line in text.split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def _plain_text(filename: str, data: bytes) -> str:
    _refuse_known_binary(filename, data)
    return decoded_text(filename, data)


def decoded_text(filename: str, data: bytes) -> str:
    """Decode bytes as UTF-8 (BOM optional), UTF-16 with BOM, or cp1252 when clearly text."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict_decode(filename, data[3:], "utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict_decode(filename, data, "utf-16")
    if b"\x00" in data:
        raise TranscriptError(f"{filename} looks like a binary file, not text.")
    for encoding in ("utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if len(control_positions(text)) <= len(text) // 1000:
            return text
        break
    raise TranscriptError(f"{filename} looks like a binary file, not text.")


def _strict_decode(filename: str, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise TranscriptError(f"{filename} is not valid {encoding.upper()} text.") from None
    if "\x00" in text:
        raise TranscriptError(f"{filename} looks like a binary file, not text.")
    return text


def _refuse_known_binary(filename: str, data: bytes) -> None:
    for magic, description in _KNOWN_MAGIC:
        if magic == b"{\\rtf":
            continue
        if data.startswith(magic):
            raise TranscriptError(
                f"{filename} looks like {description}; rename it with the right extension "
                "or save it as plain text."
            )


def _zip_archive(filename: str, data: bytes, kind: str) -> zipfile.ZipFile:
    if data.startswith(OLE_MAGIC):
        raise TranscriptError(
            f"{filename} looks password-protected (or is an old .doc file); "
            f"remove the password or save it as {kind} again."
        )
    if not data.startswith(ZIP_MAGIC):
        for magic, description in _KNOWN_MAGIC:
            if data.startswith(magic):
                raise TranscriptError(f"{filename} looks like {description}, not {kind}.")
        raise TranscriptError(f"{filename} is not {kind}.")
    try:
        return checked_archive(data, DOCUMENT, filename)
    except DamagedArchive:
        raise TranscriptError(f"{filename} is damaged and cannot be opened as {kind}.") from None
    except ArchiveError as error:
        raise TranscriptError(str(error)) from None


def _docx_text(filename: str, data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _zip_archive(filename, data, "a Word (.docx) document")
    try:
        document = Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend("\t".join(cell.text for cell in row.cells) for row in block.rows)
    except Exception:  # python-docx raises many kinds on damaged packages
        raise TranscriptError(
            f"{filename} is damaged and cannot be opened as a Word (.docx) document."
        ) from None
    return "\n".join(lines)


def _odt_text(filename: str, data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load

    archive = _zip_archive(filename, data, "an OpenDocument (.odt) text")
    try:
        content = archive.read("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise TranscriptError(f"{filename} is damaged or is not an OpenDocument text.") from None
    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        raise TranscriptError(f"{filename} contains XML declarations that are not allowed.")
    try:
        document = load(io.BytesIO(data))
        lines = [teletype.extractText(node) for node in _walk(document.text)]
    except Exception:  # odfpy raises many kinds on damaged packages
        raise TranscriptError(f"{filename} is damaged or is not an OpenDocument text.") from None
    return "\n".join(lines)


def _walk(node):  # odfpy nodes are untyped
    """Yield paragraphs and headings in document order, not descending into them."""
    for child in node.childNodes:
        if getattr(child, "qname", None) is None:
            continue
        if child.qname[1] in ("p", "h"):
            yield child
        else:
            yield from _walk(child)


def _rtf_text(filename: str, data: bytes) -> str:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        _refuse_known_binary(filename, data)
        raise TranscriptError(f"{filename} is not a Rich Text (.rtf) file.")
    try:
        return rtf_to_text(data.decode("latin-1"), errors="replace")
    except Exception:  # striprtf has no error type of its own
        raise TranscriptError(f"{filename} is damaged and cannot be read as Rich Text.") from None


def is_subtitles(filename: str) -> bool:
    """Whether the file is a WebVTT or SubRip subtitle file, whose cues keep their times."""
    return PurePosixPath(filename.lower()).suffix in SUBTITLE_SUFFIXES


def transcript_cues(filename: str, data: bytes) -> list[Cue]:
    """The timed cues of a .vtt or .srt file, with speakers from voices or ``Name:`` prefixes.

    Cues must start in order; a cue that starts before the one before it ends (as captions
    from video calls often do) ends that one there. Anything else raises TranscriptError.
    """
    _check_size(filename, data)
    suffix = PurePosixPath(filename.lower()).suffix
    if suffix == ".vtt":
        raw = _vtt_cues(filename, data)
    elif suffix == ".srt":
        raw = _srt_cues(filename, data)
    else:
        raise TranscriptError(f"{filename} is not a subtitle file (use .vtt or .srt).")
    if not raw:
        raise TranscriptError(f"{filename} has no subtitle cues with times.")
    cues = _checked_cues(filename, raw)
    if not cues:
        raise TranscriptError(f"{filename} contains no text.")
    return cues


def _vtt_cues(filename: str, data: bytes) -> list[tuple[float, float, str, str]]:
    import html

    import webvtt

    raw = _plain_text(filename, data)
    try:
        captions = webvtt.from_string(raw.replace("\r\n", "\n")).captions
        return [
            (
                _seconds(caption.start),
                _seconds(caption.end),
                html.unescape(caption.voice or ""),
                html.unescape(caption.text),
            )
            for caption in captions
        ]
    except Exception:  # webvtt-py raises several kinds on malformed input
        raise TranscriptError(f"{filename} is not a valid WebVTT (.vtt) subtitle file.") from None


def _srt_cues(filename: str, data: bytes) -> list[tuple[float, float, str, str]]:
    raw = _plain_text(filename, data).replace("\r\n", "\n").replace("\r", "\n")
    cues = []
    for block in re.split(r"\n\s*\n", raw.strip()):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines) if _SRT_TIMING.match(line)), None)
        times = _SRT_TIMES.match(lines[timing]) if timing is not None and timing <= 1 else None
        if times is None:
            raise TranscriptError(f"{filename} is not a valid SubRip (.srt) subtitle file.")
        h1, m1, s1, ms1, h2, m2, s2, ms2 = times.groups()
        cues.append(
            (
                _seconds(f"{h1}:{m1}:{s1}.{ms1.ljust(3, '0')}"),
                _seconds(f"{h2}:{m2}:{s2}.{ms2.ljust(3, '0')}"),
                "",
                "\n".join(lines[timing + 1 :]),
            )
        )
    return cues


def _seconds(stamp: str) -> float:
    """Seconds in an ``HH:MM:SS.mmm`` or ``MM:SS.mmm`` time stamp."""
    *hours, minutes, seconds = stamp.strip().split(":")
    return int(hours[0] if hours else 0) * 3600 + int(minutes) * 60 + float(seconds)


def _checked_cues(filename: str, raw: list[tuple[float, float, str, str]]) -> list[Cue]:
    """Cues with their speakers, refusing too many, too long or backwards ones; an overlap
    ends the earlier cue where the later one starts."""
    if len(raw) > MAX_CUES:
        raise TranscriptError(
            f"{filename} has {len(raw):,} cues; the limit is {MAX_CUES:,} in one transcript."
        )
    cues: list[Cue] = []
    for number, (start, end, voice, cue_text) in enumerate(raw, start=1):
        if end > MAX_CUE_SECONDS:
            raise TranscriptError(f"{filename}: cue {number} ends after 24 hours, the limit.")
        if end < start:
            raise TranscriptError(
                f"{filename}: cue {number} ends at {_clock(end)}, before it starts at "
                f"{_clock(start)}."
            )
        if cues and start < cues[-1].start:
            raise TranscriptError(
                f"{filename}: cue {number} starts at {_clock(start)}, before cue {number - 1} "
                f"starts at {_clock(cues[-1].start)}; cues must follow one another in time."
            )
        if cues and start < cues[-1].end:
            cues[-1] = replace(cues[-1], end=start)
        speaker, body = _speaker_and_words(voice, cue_text)
        cues.append(Cue(start, end, body, speaker))
    return [cue for cue in cues if cue.text]


def _clock(seconds: float) -> str:
    """A time as people read it: 1:05.250 or 1:02:03."""
    millis = round(seconds * 1000)
    minutes, millis = divmod(millis, 60_000)
    hours, minutes = divmod(minutes, 60)
    shown = f"{minutes:02d}:{millis // 1000:02d}" if hours else f"{minutes}:{millis // 1000:02d}"
    fraction = f".{millis % 1000:03d}" if millis % 1000 else ""
    return f"{hours}:{shown}{fraction}" if hours else shown + fraction


def _speaker_and_words(voice: str, cue_text: str) -> tuple[str, str]:
    """A cue's speaker (its voice, or a ``Name:`` prefix) and its words on one line."""
    words = " ".join(cue_text.split())
    voice = " ".join(voice.split())
    prefixed = _SPEAKER_PREFIX.match(words)
    if prefixed and (not voice or prefixed.group(1) == voice):
        return prefixed.group(1), words[prefixed.end() :]
    return voice, words


def _subtitle_text(filename: str, data: bytes) -> str:
    return timed_text(transcript_cues(filename, data))[0]


_READERS: dict[str, Callable[[str, bytes], str]] = {
    ".txt": _plain_text,
    ".md": _plain_text,
    ".docx": _docx_text,
    ".odt": _odt_text,
    ".rtf": _rtf_text,
    ".vtt": _subtitle_text,
    ".srt": _subtitle_text,
}
