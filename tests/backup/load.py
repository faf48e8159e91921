"""A busy service: write referrals, meetings and uploads until a stop file appears.

Run by the backup tests as `python -m tests.backup.load STOP_FILE [MOST]` beside a
backup. Each referral is written in one transaction with its meeting (and,
every third time, an upload), so a consistent backup holds all of it or none.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path


def main(stop: Path, most: int | None = None) -> int:
    from thrive.lib.commands import setup_django

    setup_django(migrate=False)
    from django.db import transaction

    from thrive.files.store import keep
    from thrive.journeys.models import Meeting, Person

    written = 0
    while not stop.exists() and (most is None or written < most):
        with transaction.atomic():
            person = Person.refer(on=date(2025, 3, 1), journey={}, name=f"Load {written}")
            journey = person.journeys.get()
            Meeting.objects.create(
                journey=journey, met_on=date(2025, 3, 8), in_their_words=f"Meeting {written}"
            )
            journey.note_meeting(date(2025, 3, 8))
            if written % 3 == 0:
                keep(
                    f"Notes {written}\n".encode(),
                    "notes.txt",
                    kind="load",
                    subject_type="person",
                    subject_id=person.pk,
                )
        written += 1
    print(written)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None))
