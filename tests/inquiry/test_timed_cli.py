"""`thrive inquiry add-transcript` keeps subtitle times; `export-subtitles` writes them back."""

import pytest
from click.testing import CliRunner

from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.core.formats import transcript_cues
from thrive.inquiry.models import Inquiry, Transcript

pytestmark = pytest.mark.django_db

SRT = (
    "1\n00:00:01,000 --> 00:00:02,500\nInterviewer: Ready?\n\n"
    "2\n00:00:03,000 --> 00:00:05,000\nP9: Yes. I brought my notes.\n"
)


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def test_it_adds_a_subrip_file_as_a_timed_transcript_and_exports_it_again(tmp_path):
    inquiry = Inquiry.objects.create_inquiry("Files")
    source = tmp_path / "P9.srt"
    source.write_text(SRT)
    assert run("add-transcript", inquiry.pk, source).exit_code == 0
    transcript = Transcript.objects.get(title="P9")
    assert [(s.start_ms, s.end_ms) for s in transcript.segments.all()] == [
        (1000, 2500),
        (3000, 5000),
    ]
    printed = run("export-subtitles", inquiry.pk, "P9", "--format", "srt")
    assert printed.exit_code == 0 and printed.output == SRT
    out = tmp_path / "P9 again.vtt"
    written = run("export-subtitles", inquiry.pk, transcript.pk, "--out", out)
    assert written.output.strip() == f"Wrote {out} (2 cues)."
    assert transcript_cues("P9.vtt", out.read_bytes()) == transcript_cues("P9.srt", SRT.encode())
    assert AuditEvent.objects.filter(action=Action.EXPORT, detail="vtt, command line").exists()


def test_it_refuses_a_transcript_without_times_or_that_does_not_exist():
    inquiry = Inquiry.objects.create_inquiry("Files")
    inquiry.add_transcript("Plain", "P1: No times.\n")
    untimed = run("export-subtitles", inquiry.pk, "Plain")
    assert untimed.exit_code == 1
    assert untimed.output.strip() == "Error: Plain has no times to export as subtitles."
    missing = run("export-subtitles", inquiry.pk, "Nobody")
    assert missing.output.strip() == "Error: This inquiry has no transcript Nobody."
