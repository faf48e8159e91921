"""The demo inquiry: seven participants, their interviews and some coded passages."""

from __future__ import annotations

import tomllib
from importlib import resources

from django.utils import timezone

from thrive.demo.case_summaries import load_case_summaries
from thrive.inquiry.core.starting_codebook import pole_name
from thrive.inquiry.models import Code, Coding, Inquiry, MemberCheck, Participant

DEMO_INQUIRY = "What helps people thrive at the Hub"


def demo_file(name: str) -> str:
    return resources.files("thrive.demo").joinpath("transcripts", name).read_text("utf-8")


def load_inquiry(team: list) -> tuple[int, int, int]:
    """Replace the demo inquiry; returns (participants, transcripts, codings)."""
    Inquiry.objects.filter(title=DEMO_INQUIRY).delete()
    inquiry = Inquiry.objects.create_inquiry(
        DEMO_INQUIRY,
        aims=(
            "To learn, with the people who use the Hub, what helped them move from getting by "
            "to doing well, and to use what we learn to improve the service."
        ),
    )
    inquiry.information_sheet = (
        "We are asking people who use the Hub to talk with us about their time here. "
        "Taking part is your choice, you can stop at any point, and you will see and can "
        "correct what we write before anyone else reads it."
    )
    inquiry.save(update_fields=["information_sheet"])
    inquiry.team.set(team)
    codes = {code.name: code for code in Code.objects.filter(inquiry=inquiry)}
    roster = tomllib.loads(demo_file("participants.toml"))["participant"]
    coder = team[0]
    transcripts = {}
    for index, row in enumerate(roster):
        attributes = {k: v for k, v in row.items() if k not in ("label", "changes")}
        attributes["outcomes"] = row.get("changes", {}).get("outcomes", [])
        participant = Participant.objects.create(
            inquiry=inquiry,
            label=row["label"],
            attributes=attributes,
            consent_given_on=timezone.localdate(),
            member_check=MemberCheck.APPROVED if index < 5 else MemberCheck.SENT,
        )
        transcripts[row["label"]] = inquiry.add_transcript(
            f"Interview with {row['label']}",
            demo_file(f"{row['label']}.txt"),
            participant,
            coder,
        )
    codings = []
    for row in tomllib.loads(demo_file("codings.toml"))["coding"]:
        transcript = transcripts[row["participant"]]
        start = transcript.text.index(row["quote"])
        name = row["code"]
        code = codes.get(pole_name(name, row["valence"]), codes[name])
        codings.append(
            Coding(
                transcript=transcript,
                code=code,
                start=start,
                end=start + len(row["quote"]),
                coder=coder,
                quote=row["quote"],
            )
        )
    Coding.objects.bulk_create(codings)
    load_case_summaries(inquiry, coder)
    return len(roster), len(transcripts), len(codings)
