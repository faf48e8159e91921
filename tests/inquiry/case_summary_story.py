"""An inquiry with two participants for the case-summary tests: P1 approved their record,
P2 has not replied yet. Each has one interview, coded so every rule of the sections shows."""

from __future__ import annotations

from dataclasses import dataclass

from thrive.inquiry.models import Code, Inquiry, MemberCheck, Participant

P1_SAYS = {
    "hard": "The flat was damp and I barely left it.",
    "joined": "I started on the reception desk two mornings a week.",
    "helped": "Nobody rushed me or told me my time was up.",
    "reached": "I passed my food hygiene course in March.",
    "without": "Without this place I think I would still be indoors.",
    "aside": "Sorry, can we pause for the tea?",
}
P2_SAYS = "My sister and I talk every Sunday now."


@dataclass
class Story:
    inquiry: Inquiry
    codes: dict[str, Code]
    p1: Participant
    p2: Participant
    p1_transcript: object
    p2_transcript: object


def build(coordinator) -> Story:
    inquiry = Inquiry.objects.create_inquiry(
        "Case summaries", user=coordinator, from_template=False
    )
    codes = {
        name: Code.objects.create(inquiry=inquiry, name=name, **fields)
        for name, fields in {
            "Somewhere to dwell (invalidating)": {"valence": "invalidating", "tree_part": "roots"},
            "Valued activity": {"valence": "validating", "tree_part": "branches"},
            "Insight-based approach": {"valence": "validating", "tree_part": "trunk"},
            "Vocational and social inclusion": {"valence": "validating", "tree_part": "fruits"},
            "Without this opportunity": {"valence": "validating", "tree_part": "fruits"},
            "Asides": {},
        }.items()
    }
    p1 = Participant.objects.create(inquiry=inquiry, label="P1", member_check=MemberCheck.APPROVED)
    p2 = Participant.objects.create(inquiry=inquiry, label="P2", member_check=MemberCheck.SENT)
    text = "Interviewer: Tell me.\n" + "".join(f"P1: {said}\n" for said in P1_SAYS.values())
    t1 = inquiry.add_transcript("Interview with P1", text, p1, coordinator)
    for key, name in (
        ("hard", "Somewhere to dwell (invalidating)"),
        ("joined", "Valued activity"),
        ("helped", "Insight-based approach"),
        ("reached", "Vocational and social inclusion"),
        ("without", "Without this opportunity"),
        ("aside", "Asides"),
    ):
        at = text.index(P1_SAYS[key])
        t1.add_coding(codes[name], at, at + len(P1_SAYS[key]), coordinator)
    text2 = f"P2: {P2_SAYS}\n"
    t2 = inquiry.add_transcript("Interview with P2", text2, p2, coordinator)
    t2.add_coding(codes["Vocational and social inclusion"], 4, 4 + len(P2_SAYS), coordinator)
    return Story(inquiry, codes, p1, p2, t1, t2)
