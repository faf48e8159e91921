"""A small hand-made study for the theme tests: codes, three participants, three coders.

Who coded what (so each theme's participants and coders can be worked out by hand):

    code            P1 (Ana)       P2 (Ben)          P3 (nobody's transcript yet)
    Warm home       Ana            Ben               -
    Kind people     Ana            imported "Kit"    -
    Cold flat       -              Ben               Ana
    Loneliness      -              -                 -
"""

from __future__ import annotations

from dataclasses import dataclass

from thrive.accounts.models import Role
from thrive.inquiry.models import Code, Inquiry, Participant

TEXT = "P: warm home and kind people, then a cold flat.\n"


@dataclass
class Study:
    inquiry: Inquiry
    codes: dict[str, Code]
    participants: dict[str, Participant]
    ana: object
    ben: object


def make_study(django_user_model, *, title: str = "Themes study") -> Study:
    ana = django_user_model.objects.create_user(
        username=f"ana-{title}", password="x", role=Role.CO_RESEARCHER, first_name="Ana"
    )
    ben = django_user_model.objects.create_user(
        username=f"ben-{title}", password="x", role=Role.WORKER, first_name="Ben"
    )
    inquiry = Inquiry.objects.create_inquiry(title, from_template=False)
    inquiry.team.add(ana, ben)
    places = Code.objects.create(inquiry=inquiry, name="Places", codable=False)
    codes = {
        "Places": places,
        "Warm home": Code.objects.create(inquiry=inquiry, name="Warm home", parent=places),
        "Cold flat": Code.objects.create(inquiry=inquiry, name="Cold flat", parent=places),
        "Kind people": Code.objects.create(inquiry=inquiry, name="Kind people"),
        "Loneliness": Code.objects.create(inquiry=inquiry, name="Loneliness"),
    }
    participants = {
        label: Participant.objects.create(inquiry=inquiry, label=label)
        for label in ("P1", "P2", "P3", "P10")
    }
    t1 = inquiry.add_transcript("P1", TEXT, participants["P1"])
    t2 = inquiry.add_transcript("P2", TEXT, participants["P2"])
    t3 = inquiry.add_transcript("P3", TEXT, participants["P3"])
    home, people, flat = (3, 12), (17, 28), (37, 46)
    t1.add_coding(codes["Warm home"], *home, ana)
    t2.add_coding(codes["Warm home"], *home, ben)
    t1.add_coding(codes["Kind people"], *people, ana)
    kit = t2.add_coding(codes["Kind people"], *people, None)
    kit.external_coder = "Kit"
    kit.save(update_fields=["external_coder"])
    t2.add_coding(codes["Cold flat"], *flat, ben)
    t3.add_coding(codes["Cold flat"], *flat, ana)
    return Study(inquiry, codes, participants, ana, ben)
