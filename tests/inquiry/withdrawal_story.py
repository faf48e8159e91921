"""An inquiry in which P2 will withdraw, with their words in every place Thrive keeps words.

P2's interview is uploaded as a file (the original is kept), corrected once (the first
version is kept, and a coding the correction could not carry keeps its quote), coded with
memos that quote their words, has an answer to the guide marked, and a case summary
quoting them with an earlier version in its history. P1 stays; their
words must still be shown after P2 withdraws. Used in-process by test_withdrawal.py and in
a real data folder by withdrawal_scenario.py.
"""

from __future__ import annotations

from dataclasses import dataclass

# Four sentences only P2 said: plain words, so no page or file escapes them.
SENTENCES = (
    "The lighthouse keeper taught me to bake bread on Thursdays.",
    "My cousin Bartholomew found me the allotment job in March.",
    "I still keep the zinnia seeds in a tin by the kettle.",
    "We laughed about the marmalade ferry every single morning.",
)
# One word of each sentence that nobody else in the story says.
WORDS = ("lighthouse", "Bartholomew", "zinnia", "marmalade")
STAYING = "The peer group on Tuesdays helped me back to work."


@dataclass
class Story:
    inquiry: object
    code: object
    stays: object
    leaves: object
    transcript: object  # P2's
    kept_transcript: object  # P1's
    coding: object  # a coding of P2's words, with a memo quoting them


def interview_of_p2() -> str:
    first, second, third, fourth = SENTENCES
    return (
        "Interviewer: What helped you?\n"
        f"P2: {first} {second}\n"
        f"Interviewer: And now?\n"
        f"P2: {third}\n"
        f"P2: {fourth}\n"
    )


def build(coordinator, co_researcher=None) -> Story:
    """The inquiry, its two participants and everything P2 said, in every kind of record."""
    from thrive.inquiry.case_summaries import CaseSummary
    from thrive.inquiry.models import Code, Inquiry, Participant
    from thrive.inquiry.transcript_import import add_transcript_files

    inquiry = Inquiry.objects.create_inquiry("Back to work", user=coordinator)
    if co_researcher is not None:
        inquiry.team.add(co_researcher)
    code = Code.objects.create(inquiry=inquiry, name="Being helped", description="Help")
    stays = Participant.objects.create(inquiry=inquiry, label="P1", attributes={"age": "30s"})
    leaves = Participant.objects.create(
        inquiry=inquiry, label="P2", attributes={"county": "Wendlebury"}
    )
    [kept] = add_transcript_files(
        inquiry, [("P1.txt", f"P1: {STAYING}\n".encode())], stays, coordinator
    )
    at = kept.text.index(STAYING)
    kept.add_coding(code, at, at + len(STAYING), coordinator)

    [transcript] = add_transcript_files(
        inquiry, [("P2.txt", interview_of_p2().encode())], leaves, coordinator
    )
    fourth = SENTENCES[3]
    at = transcript.text.index(fourth)
    transcript.add_coding(code, at, at + len(fourth), coordinator, memo=f"They said: {fourth}")
    # The correction drops the fourth sentence: version 1 keeps it, and so does the
    # quote of the coding the correction could not carry.
    transcript.edit_text(transcript.text.replace(f"P2: {fourth}\n", ""), coordinator)
    first, second, third = SENTENCES[:3]
    at = transcript.text.index(first)
    coding = transcript.add_coding(
        code, at, at + len(first), coordinator, memo=f"Compare: {second}"
    )
    at = transcript.text.index(second)
    transcript.add_coding(code, at, at + len(second), coordinator)
    at = transcript.text.index(third)
    question = inquiry.guide.order_by("position").first()
    transcript.mark_answer(question, at, at + len(third), coordinator)
    # The team's case summary quotes them, and its history keeps an earlier text.
    summary = CaseSummary.of(leaves)
    summary.write({"life": f"They told us: {fourth}"}, "draft", coordinator, 0)
    summary.write({"life": f"They told us: {first}", "summary": second}, "ready", coordinator, 1)
    return Story(inquiry, code, stays, leaves, transcript, kept, coding)
