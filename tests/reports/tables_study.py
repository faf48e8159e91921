"""A small hand-made study for the appendix and framework table tests.

    P1  approved; shares age, gender, ethnicity, years and outcomes (volunteering,
        education); passages: Health (twice), Without this opportunity, dwell
        (validating), communication (invalidating)
    P2  approved, linked to a journey with an employment outcome; shares age and gender
        and an outcomes attribute saying training (the journey wins); passages: Personal,
        dwell (invalidating), communication (validating)
    P3  member check sent; shares nothing; passages: Health, dwell (validating)
    P4  withdrawn; shares age, gender, ethnicity; passages: Health, dwell (validating)

Themes: "A home of one's own" (validating: dwell validating), "Noise and fear" (invalidating:
dwell invalidating), "Being listened to" (both: communication validating and invalidating),
"Not sure yet" (no valence: acceptance validating).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from thrive.inquiry.models import Code, Inquiry, MemberCheck, Participant
from thrive.inquiry.themes import Theme, ThemeValence
from thrive.journeys.models import Journey, Outcome, OutcomeKind, Person

SAID = {
    "P1": [
        ("Health", "I sleep now. Most nights anyway, which I never did before."),
        ("Health", "I sleep."),
        ("Without this opportunity", "I'd be back on the ward, no question."),
        ("Somewhere to dwell (validating)", "My flat is quiet and it is mine."),
        ("Communication (invalidating)", "They talked over me."),
    ],
    "P2": [
        ("Personal", "I believe in myself."),
        ("Somewhere to dwell (invalidating)", "The hostel was loud all night."),
        ("Communication (validating)", "Someone asked me what happened."),
    ],
    "P3": [
        ("Health", "I stopped the tablets."),
        ("Somewhere to dwell (validating)", "Home at last."),
    ],
    "P4": [
        ("Health", "These words were withdrawn."),
        ("Somewhere to dwell (validating)", "A withdrawn home."),
    ],
}


@dataclass
class TablesStudy:
    inquiry: Inquiry
    participants: dict[str, Participant]
    person: Person


def make_tables_study(user) -> TablesStudy:
    inquiry = Inquiry.objects.create_inquiry("Tables study", user=user)
    codes = {code.name: code for code in Code.objects.filter(inquiry=inquiry)}
    person = Person.objects.create(reference="TAB-1", name="Linked person")
    Outcome.objects.create(
        journey=Journey.objects.create(person=person, referred_on=date(2024, 1, 1)),
        kind=OutcomeKind.EMPLOYMENT,
        achieved_on=date(2025, 1, 1),
    )
    details = {
        "P1": dict(
            attributes={
                "age": 57,
                "gender": "man",
                "ethnicity": "White British",
                "years_in_services": 25,
                "years_with_service": 7.0,
                "outcomes": ["volunteering", "Education"],
            },
            member_check=MemberCheck.APPROVED,
        ),
        "P2": dict(
            attributes={"age": 27, "gender": "woman", "outcomes": ["training"]},
            member_check=MemberCheck.APPROVED,
            person=person,
        ),
        "P3": dict(member_check=MemberCheck.SENT),
        "P4": dict(
            attributes={"age": 44, "gender": "man", "ethnicity": "Black African"},
            member_check=MemberCheck.APPROVED,
        ),
    }
    participants = {}
    for label, fields in details.items():
        participant = Participant.objects.create(inquiry=inquiry, label=label, **fields)
        said = SAID[label]
        text = "\n".join(words for _, words in said)
        transcript = inquiry.add_transcript(label, text, participant=participant, user=user)
        for code, words in said:
            start = text.index(words)
            transcript.add_coding(codes[code], start, start + len(words), user)
        participants[label] = participant
    participants["P4"].withdrawn_at = timezone.now()
    participants["P4"].save(update_fields=["withdrawn_at"])
    for name, valence, code_names in (
        ("A home of one's own", ThemeValence.VALIDATING, ["Somewhere to dwell (validating)"]),
        ("Noise and fear", ThemeValence.INVALIDATING, ["Somewhere to dwell (invalidating)"]),
        (
            "Being listened to",
            ThemeValence.BOTH,
            ["Communication (validating)", "Communication (invalidating)"],
        ),
        ("Not sure yet", ThemeValence.UNSET, ["Acceptance (validating)"]),
    ):
        theme = Theme.objects.create_theme(inquiry, name, valence=valence, user=user)
        theme.add_codes([codes[c] for c in code_names], user)
    return TablesStudy(inquiry, participants, person)
