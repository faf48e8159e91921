"""The demo inquiry's case summaries: the team's own account of P1–P7, invented for Thrive.

Each participant first gets a short draft, then the fuller text that replaced it, so every
summary has an earlier version in its history. Summaries of participants who approved their
record are marked ready; the others stay drafts until they reply.
"""

from __future__ import annotations

from thrive.inquiry.case_summaries import CaseSummary, SummaryStatus
from thrive.inquiry.models import Inquiry, MemberCheck

SUMMARIES: dict[str, dict[str, str]] = {
    "P1": {
        "life": "P1 worked happily in print for many years until the works closed. A long "
        "pattern of autumn admissions followed, and home was a noisy bedsit where sleep was "
        "hard to come by. He met many care coordinators and short appointments, and learned "
        "to make the most of every minute he was given.",
        "involvement": "He came in to ask about a course and was offered a cup of tea and a "
        "conversation. Over time he chose to help on the front desk, a role he still holds.",
        "what_worked": "Being asked what had been going on, rather than for a diagnosis. "
        "Nobody counted his sessions, and when he was unwell his place waited for him. Peers "
        "who know him well now notice early signs with him, as friends.",
        "achievements": "A quiet council flat, one short admission in seven years, a welfare "
        "back payment that eased his money worries, and a distance-learning course in local "
        "history.",
        "unexpected": "He is back in touch with his sister after many years; they meet for "
        "lunch each month.",
        "future": "He wants to write about his old trade and would welcome a few paid hours "
        "on reception. Without this opportunity, he thinks the old pattern of autumns on the "
        "ward would have carried on.",
        "summary": "From a yearly cycle of admissions to a steady home, a role he values and "
        "his family around him, at a pace he set.",
    },
    "P2": {
        "life": "P2 left university after a first admission and spent a long time in her "
        "sister's room. Services felt like a clock running towards the next review.",
        "involvement": "She came to the Hub without a plan, and that was welcome. She helped "
        "at a youth club when she felt ready.",
        "what_worked": "Being allowed to say no, with no pressure and no time limit. A calm, "
        "comfortable place that did not feel like a waiting room.",
        "achievements": "An access course, then a place to study for a degree.",
        "unexpected": "She found she could picture a future working with young people.",
        "future": "To finish her degree, work with young people and one day train as a peer "
        "supporter. Without this opportunity, she fears she would have come to see herself "
        "only as someone who is ill.",
        "summary": "She moved forward at her own pace, once people waited for her own plan.",
    },
    "P3": {
        "life": "P3 is a trained mechanic who spent years in hospital and then a hostel, and "
        "felt that services saw a file rather than a man.",
        "involvement": "A chance meeting with the carpet-cleaning van brought him to the "
        "Hub, where he joined the crew and was trusted with its keys.",
        "what_worked": "Time: his training was not cut short. Colleagues who had been through "
        "hospital too, and a building with no glass screens or cameras.",
        "achievements": "A team-leader job, off benefits, and his children staying with him "
        "every other weekend.",
        "unexpected": "He found himself helping newer members of the crew.",
        "future": "He is saving for a van of his own and hopes to train people from the Hub. "
        "Without this opportunity, he believes he would still be in the hostel or hospital.",
        "summary": "Trust, given early and kept, helped him rebuild his work and his family life.",
    },
    "P4": {
        "life": "P4 spent a long time on a rehabilitation ward with nowhere to go, and stopped "
        "learning the names of the many nurses she met.",
        "involvement": "She kept a leaflet and first contacted the Hub from the ward. She "
        "visited for nearly a year before choosing to cook at the community cafe.",
        "what_worked": "Nobody rushed her or asked for a plan, and she has had the same "
        "worker for years.",
        "achievements": "Discharged to supported housing, then her own flat; she now makes "
        "the soups at the cafe.",
        "unexpected": "She knits again, as her nan taught her, and she and her sister are "
        "close once more.",
        "future": "Some paid kitchen hours, and one day to visit the ward as a peer "
        "supporter. Without this opportunity, she thinks she would still be on a ward.",
        "summary": "Patience and the same familiar faces helped her leave hospital for a "
        "home and work she enjoys.",
    },
    "P5": {
        "life": "P5 felt treated as a risk on the ward and as a number at the job centre, "
        "with rent arrears and unopened letters adding to the weight.",
        "involvement": "He walked in and was asked what he actually wanted to do. He joined "
        "a peer group and took IT training.",
        "what_worked": "Practical help with debts alongside the job search, no clock, and a "
        "worker who stayed in touch after he started work.",
        "achievements": "A full-time job on an IT helpdesk, off benefits and with savings.",
        "unexpected": "Friendships from the peer group: they go to the gym together and talk "
        "openly when things are hard.",
        "future": "A networking qualification, second-line support and one day managing a "
        "team. Without this opportunity, he fears he would have believed he was a problem to "
        "be managed.",
        "summary": "Being asked what he wanted, and helped with everything around it, opened "
        "the way to work he is proud of.",
    },
    "P6": {
        "life": "P6, a former teacher, was very unwell after the birth of her child and raised "
        "two children in one room.",
        "involvement": "She found a mothers' group at the Hub, then volunteered and trained.",
        "what_worked": "Other mothers who understood, and help with housing at her own pace.",
        "achievements": "A proper home and a paid role as a peer supporter at the Hub.",
        "unexpected": "She sings in her church choir again and speaks up at parents' evenings.",
        "future": "A part-time counselling qualification, and more groups for mothers. "
        "Without this opportunity, she might have come through, but only getting through the "
        "days rather than living them.",
        "summary": "From one room to a home and a voice she uses for herself and others.",
    },
    "P7": {
        "life": "P7 was injured as a roofer; drinking and low mood lasted through many "
        "changes of tablets, with debts and a flat up many stairs.",
        "involvement": "He came for help with alcohol and debt first, then took an "
        "early-morning place on the carpet-cleaning crew.",
        "what_worked": "Help in the order he needed it, and never being made to feel like a drunk.",
        "achievements": "Dry for a good while, off some of his medication with his doctor, "
        "and steady early starts at work.",
        "unexpected": "His son wrote back after five years; they met in the summer.",
        "future": "A full-time job and his driving licence back, when he is ready. He is "
        "unsure he would still be here without this opportunity.",
        "summary": "Practical help first made room for work, sobriety and his son.",
    },
}
FIRST_DRAFT = ("life", "summary")


def load_case_summaries(inquiry: Inquiry, author) -> int:
    """Write the demo participants' summaries, each over a shorter first draft; how many."""
    written = 0
    for participant in inquiry.participants.active():
        texts = SUMMARIES.get(participant.label)
        if texts is None:
            continue
        summary = CaseSummary.of(participant)
        summary.write({key: texts[key] for key in FIRST_DRAFT}, SummaryStatus.DRAFT, author, 0)
        approved = participant.member_check == MemberCheck.APPROVED
        status = SummaryStatus.READY if approved else SummaryStatus.DRAFT
        summary.write(texts, status, author, summary.version)
        written += 1
    return written
