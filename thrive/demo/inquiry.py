"""The demo inquiry: seven participants, their interviews and some coded passages."""

from __future__ import annotations

import json
import tomllib
from importlib import resources

from django.utils import timezone

from thrive.demo.case_summaries import load_case_summaries
from thrive.files.store import forget
from thrive.inquiry.core.speech import Heard
from thrive.inquiry.core.starting_codebook import pole_name
from thrive.inquiry.core.timing import Cue
from thrive.inquiry.member_checks import MemberCheckLink, MemberCheckResponse, ResponseKind
from thrive.inquiry.models import Code, Coding, Inquiry, MemberCheck, Participant, Transcript
from thrive.inquiry.recordings import store_recording
from thrive.inquiry.themes import Theme

DEMO_INQUIRY = "What helps people thrive at the Hub"


def demo_file(name: str) -> str:
    return resources.files("thrive.demo").joinpath("transcripts", name).read_text("utf-8")


def demo_coding(transcript: Transcript, row: dict, codes: dict[str, Code], coder) -> Coding:
    """An unsaved coding of the row's quote, an exact passage of the transcript."""
    start = transcript.text.index(row["quote"])
    name = row["code"]
    return Coding(
        transcript=transcript,
        code=codes.get(pole_name(name, row["valence"]), codes[name]),
        start=start,
        end=start + len(row["quote"]),
        coder=coder,
        quote=row["quote"],
    )


def add_recorded_interviews(inquiry: Inquiry, coder, codes: dict[str, Code]) -> int:
    """The demo's recorded interviews (spoken by espeak-ng for Thrive) with what the bundled
    model heard, shipped beside them, so the demo never runs the model, and their coded
    passages, which play on the transcript page; returns how many interviews."""
    folder = resources.files("thrive.demo").joinpath("recordings")
    added = 0
    for script in sorted(folder.iterdir(), key=lambda item: item.name):
        if not script.name.endswith(".toml"):
            continue
        about = tomllib.loads(script.read_text("utf-8"))
        stem = script.name.removesuffix(".toml")
        shipped = json.loads(folder.joinpath(f"{stem}.json").read_text("utf-8"))
        heard = Heard(
            cues=[Cue(c["start"], c["end"], c["text"]) for c in shipped["cues"]],
            duration=shipped["duration"],
            language="en",
            model=shipped["model"],
        )
        participant = inquiry.participants.get(label=about["participant"])
        audio = folder.joinpath(f"{stem}.ogg").read_bytes()
        transcript = store_recording(inquiry, f"{stem}.ogg", audio, heard, participant, coder)
        transcript.title = about["title"]
        transcript.save(update_fields=["title"])
        Coding.objects.bulk_create(
            demo_coding(transcript, row, codes, coder) for row in about.get("coding", [])
        )
        added += 1
    return added


def load_inquiry(team: list) -> tuple[int, int, int]:
    """Replace the demo's own inquiry (never one imported with its title); returns
    (participants, transcripts, codings)."""
    old = Inquiry.objects.filter(is_demo=True)
    forget(
        "transcript",
        list(
            Transcript.all_including_withdrawn.filter(inquiry__in=old).values_list("pk", flat=True)
        ),
    )
    old.delete()
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
    inquiry.is_demo = True
    inquiry.save(update_fields=["information_sheet", "is_demo"])
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
    Coding.objects.bulk_create(
        demo_coding(transcripts[row["participant"]], row, codes, coder)
        for row in tomllib.loads(demo_file("codings.toml"))["coding"]
    )
    recorded = add_recorded_interviews(inquiry, coder, codes)
    grow_themes(inquiry, transcripts, coder)
    check_records(transcripts, coder)
    load_case_summaries(inquiry, coder)
    codings = Coding.objects.filter(transcript__inquiry=inquiry).count()
    return len(roster), len(transcripts) + recorded, codings


def grow_themes(inquiry: Inquiry, transcripts: dict, coder) -> list[Coding]:
    """Code what changed for people, then group the codes into the demo's themes."""
    data = tomllib.loads(demo_file("themes.toml"))
    changed = Code.objects.get(inquiry=inquiry, name="What changed")
    Code.objects.create(
        inquiry=inquiry,
        parent=changed,
        name="When distress came to a head",
        description="Crises, admissions and long stays on a ward.",
        valence="invalidating",
        tree_part="fruits",
        colour="#8f3b3b",
    )
    codes = {" > ".join(path): code for path, code in inquiry.codes.all().by_path().items()}
    codings = []
    for row in data["coding"]:
        transcript = transcripts[row["participant"]]
        start = transcript.text.index(row["quote"])
        codings.append(
            Coding(
                transcript=transcript,
                code=codes[f"What changed > {row['code']}"],
                start=start,
                end=start + len(row["quote"]),
                coder=coder,
                quote=row["quote"],
            )
        )
    Coding.objects.bulk_create(codings)
    for key in data["key_theme"]:
        parent = Theme.objects.create_theme(
            inquiry,
            key["name"],
            user=coder,
            description=key["description"],
            valence=key["valence"],
            tree_part=key["tree_part"],
        )
        for row in key["theme"]:
            theme = Theme.objects.create_theme(
                inquiry,
                row["name"],
                parent=parent,
                user=coder,
                valence=row["valence"],
                tree_part=row["tree_part"],
            )
            theme.add_codes([codes[path] for path in row["codes"]], user=coder)
    return codings


def check_records(transcripts: dict, coder) -> None:
    """P6 asked for a rewording the team accepted (amended); P7 has not answered yet (sent)."""
    for label in ("P6", "P7"):
        MemberCheckLink.issue(transcripts[label].participant, by=coder)
    transcript = transcripts["P6"]
    passage = "Where to begin."
    start = transcript.text.index(passage)
    MemberCheckResponse.make(
        transcript.participant,
        ResponseKind.REWORD,
        transcript=transcript,
        start=start,
        end=start + len(passage),
        text="Where do I begin.",
    ).accept(coder, note="Changed as you asked.")
