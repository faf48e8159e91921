"""Case summaries: for each participant, the team's account in the study's sections.

Each section is pre-filled with the participant's coded passages that feed it (the rule in
core/case_sections.py, or the section a code chooses), then written by the team. A summary
is a draft until someone marks it ready. Every save that changes something keeps the texts
it replaces as a CaseSummaryVersion, with who wrote them and when; a save that changes
nothing writes nothing. Both tables hang off the participant, so erasing a participant
takes them. These models are registered by InquiryConfig.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from thrive.core.text import has_controls
from thrive.inquiry.core.case_sections import SECTION_KEYS, SECTIONS, section_for
from thrive.inquiry.models import Coding, InquiryError, Participant
from thrive.inquiry.quotable import Quote, may_quote, quotable_codings, quote_of
from thrive.lib.concurrency import CHANGED, Versioned, still_at

MAX_SECTION = 10_000
TITLES = {section.key: section.title for section in SECTIONS}


class SummaryChanged(InquiryError):
    """Someone else saved the summary since the page was opened."""

    def __init__(self, message: str = CHANGED):
        super().__init__(message)


class SummaryStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    READY = "ready", "Ready"


def checked_texts(texts: Mapping[str, str]) -> dict[str, str]:
    """The non-empty texts by section key, line ends made plain and ends trimmed; refuses
    control characters and a section over MAX_SECTION characters, naming the section."""
    checked = {}
    for key in SECTION_KEYS:
        text = (texts.get(key) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if has_controls(text):
            raise InquiryError(
                f"“{TITLES[key]}” holds control characters, as copied from a binary file: "
                "type or paste plain text instead."
            )
        if len(text) > MAX_SECTION:
            raise InquiryError(
                f"“{TITLES[key]}” is {len(text):,} characters long: please keep each section "
                f"under {MAX_SECTION:,}."
            )
        if text:
            checked[key] = text
    return checked


def titled(texts: Mapping[str, str]) -> list[tuple[str, str]]:
    """(title, text) of each section that holds words, in the study's order."""
    return [(s.title, texts[s.key]) for s in SECTIONS if texts.get(s.key)]


class CaseSummary(Versioned):
    """The team's summary of one participant, a text per section of the study."""

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="case_summary"
    )
    texts = models.JSONField(default=dict, blank=True, help_text="Section key → the team's text.")
    status = models.CharField(
        max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "case summaries"

    def __str__(self) -> str:
        return f"Case summary of {self.participant}"

    @classmethod
    def of(cls, participant: Participant) -> CaseSummary:
        """The participant's summary, or a new unsaved one (version 0) when nobody wrote one."""
        found = cls.objects.filter(participant=participant).first()
        return found or cls(participant=participant, version=0)

    def text_of(self, key: str) -> str:
        return self.texts.get(key, "")

    @transaction.atomic
    def write(self, texts: Mapping[str, str], status: str, user, opened_at: int) -> bool:
        """Save the texts and status, keeping the earlier ones as a version; False (nothing
        written) when nothing changed. opened_at is the version the editor showed (0 for a
        summary not yet written): SummaryChanged when someone saved since."""
        checked = checked_texts(texts)
        if status not in SummaryStatus.values:
            raise InquiryError("Choose to save a draft or to mark the summary ready.")
        if self.participant.is_withdrawn:
            raise InquiryError(f"{self.participant.label} has withdrawn from the inquiry.")
        if self.pk is None:
            if opened_at != 0:
                raise SummaryChanged()
            if not checked and status == SummaryStatus.DRAFT:
                return False
            self.version = 1
            self._take(checked, status, user)
            try:
                with transaction.atomic():
                    self.save()
            except IntegrityError:  # someone else started it first
                self.pk, self.version = None, 0
                raise SummaryChanged() from None
            return True
        if not still_at(CaseSummary, self.pk, opened_at):
            raise SummaryChanged()
        if checked == self.texts and status == self.status:
            return False
        CaseSummaryVersion.objects.create(
            summary=self,
            version=self.version,
            texts=self.texts,
            status=self.status,
            written_by=self.updated_by,
            written_at=self.updated_at,
            replaced_by=user,
        )
        self.version += 1
        self._take(checked, status, user)
        self.save()
        return True

    def _take(self, texts: dict[str, str], status: str, user) -> None:
        self.texts, self.status = texts, status
        self.updated_by, self.updated_at = user, timezone.now()


class CaseSummaryVersion(models.Model):
    """The texts a save replaced, with who wrote them and when, and who replaced them."""

    summary = models.ForeignKey(CaseSummary, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    texts = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=SummaryStatus.choices)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    written_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["summary", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["summary", "version"], name="case_summary_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.summary} version {self.version}"

    def sections(self) -> list[tuple[str, str]]:
        """(title, text) of each section that held words, in the study's order."""
        return titled(self.texts)


# Pre-filling the sections ----------------------------------------------------------------


@dataclass
class SummarySection:
    """A section as the study report shows it: the team's text and approved quotes."""

    key: str
    title: str
    text: str
    quotes: list[Quote] = field(default_factory=list)
    prompt: str = ""


@dataclass
class DraftSection:
    """A section as the team's editor shows it: every coded passage, approved or not."""

    key: str
    title: str
    prompt: str
    text: str
    passages: list[Coding]


def _with_places(codings: models.QuerySet) -> models.QuerySet:
    """Codings with what a quote and the rule need, without reading whole transcripts."""
    return codings.select_related("code", "transcript__participant").defer("transcript__text")


def sorted_passages(codings: Iterable[Coding]) -> tuple[dict[str, list[Coding]], list[Coding]]:
    """Codings by the section their code feeds, each span once per section, and the codings
    no section takes."""
    by_section: dict[str, list[Coding]] = {key: [] for key in SECTION_KEYS}
    unplaced: list[Coding] = []
    seen: set[tuple[str | None, int, int, int]] = set()
    for coding in codings:
        code = coding.code
        key = section_for(code.name, code.valence, code.tree_part, code.area, code.case_section)
        place = (key, coding.transcript_id, coding.start, coding.end)
        if place not in seen:
            seen.add(place)
            (by_section[key] if key else unplaced).append(coding)
    return by_section, unplaced


def team_sections(
    participant: Participant, summary: CaseSummary | None = None
) -> tuple[list[DraftSection], list[Coding]]:
    """For the team's editor: every passage of the participant, approved or not, by section
    with the summary's texts, and the passages no section takes."""
    summary = summary or CaseSummary.of(participant)
    codings = _with_places(Coding.objects.filter(transcript__participant=participant))
    by_section, unplaced = sorted_passages(codings)
    sections = [
        DraftSection(s.key, s.title, s.prompt, summary.text_of(s.key), by_section[s.key])
        for s in SECTIONS
    ]
    return sections, unplaced


def report_sections(participant: Participant) -> list[SummarySection]:
    """For the study report: the team's texts, and quotes only from a participant who
    approved their record (through thrive.inquiry.quotable, the one gate); nothing at all
    of a participant who withdrew."""
    if participant.is_withdrawn:
        return [SummarySection(s.key, s.title, "", [], s.prompt) for s in SECTIONS]
    summary = CaseSummary.of(participant)
    by_section: dict[str, list[Coding]] = {key: [] for key in SECTION_KEYS}
    if may_quote(participant):
        codings = quotable_codings(participant.inquiry).filter(transcript__participant=participant)
        by_section, _ = sorted_passages(_with_places(codings))
    return [
        SummarySection(
            s.key,
            s.title,
            summary.text_of(s.key),
            [quote_of(coding) for coding in by_section[s.key]],
            s.prompt,
        )
        for s in SECTIONS
    ]
