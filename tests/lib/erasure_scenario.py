"""A real Thrive on SQLite in THRIVE_DATA_DIR, driven step by step by tests/lib/test_disk.py.

`python -m tests.lib.erasure_scenario hold` records three people's words (a person with a
participation, a withdrawing participant, a transcript to redact), uploads their originals
and exits. `... erase` erases, withdraws and redacts them, prints "done" and keeps its
database connection open until stdin closes, as a running server would.
"""

from __future__ import annotations

import sys
from datetime import date

PERSON = "Zephyrine Quillfeather"
WITHDRAWN = "Ottoline Brackenridge"
REDACTED = "Peregrine Wolstenholme"
NAMES = (PERSON, WITHDRAWN, REDACTED)


def interview(name: str) -> str:
    return (
        f"Interviewer: Could you tell me your name?\n"
        f"P: I'm {name}, and {name} is what my friends call me too.\n"
        f"Interviewer: What helped you back to work?\n"
        f"P: The peer group on Tuesdays, and being listened to.\n"
    )


def hold() -> None:
    from thrive.accounts.models import Role, User
    from thrive.inquiry.models import Code, Inquiry, Participant
    from thrive.inquiry.transcript_import import add_transcript_files
    from thrive.journeys.models import Person

    coordinator = User.objects.create_user("coord", password="x", role=Role.COORDINATOR)
    person = Person.refer(
        on=date(2025, 4, 1), name=PERSON, journey={"in_their_words": f"{PERSON} wants work"}
    )
    inquiry = Inquiry.objects.create_inquiry("Back to work", from_template=False)
    code = Code.objects.create(inquiry=inquiry, name="Being listened to")
    linked = Participant.objects.create(
        inquiry=inquiry, label="P1", person=person, consent_notes=f"{PERSON} agreed"
    )
    leaving = Participant.objects.create(inquiry=inquiry, label="P2")
    staying = Participant.objects.create(inquiry=inquiry, label="P3")
    files = ((linked, PERSON, PERSON), (leaving, WITHDRAWN, WITHDRAWN), (staying, REDACTED, "P3"))
    for participant, name, filename in files:
        [transcript] = add_transcript_files(
            inquiry, [(f"{filename}.txt", interview(name).encode())], participant, coordinator
        )
        # A correction keeps the first version, names and all, as TranscriptVersion.
        transcript.edit_text(transcript.text + "Interviewer: Thank you.\n", coordinator)
        at = transcript.text.index(name)
        transcript.add_coding(code, at, at + len(name), coordinator, memo="")


def erase() -> None:
    from thrive.inquiry.models import Participant
    from thrive.journeys.models import Person

    Person.objects.get(name=PERSON).erase()
    Participant.objects.get(label="P2").erase()
    transcript = Participant.objects.get(label="P3").transcripts.get()
    transcript.edit_text(transcript.text.replace(REDACTED, "[name]"), redaction=True)
    print("done", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    from thrive.lib.commands import setup_django

    setup_django()
    {"hold": hold, "erase": erase}[sys.argv[1]]()
