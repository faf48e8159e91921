"""`python -m tests.inquiry.withdrawal_scenario` records the withdrawal story in a real
Thrive on SQLite in THRIVE_DATA_DIR and prints the inquiry's id; test_withdrawal_on_disk.py
then runs `thrive inquiry withdraw INQUIRY P2 --now` and reads every byte of the folder."""

from __future__ import annotations

if __name__ == "__main__":
    from thrive.lib.commands import setup_django

    setup_django()

    from tests.inquiry.withdrawal_story import build
    from thrive.accounts.models import Role, User

    coordinator = User.objects.create_user("coord", password="x", role=Role.COORDINATOR)
    print(build(coordinator).inquiry.pk, flush=True)
