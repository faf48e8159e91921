"""The demo inquiry's case summaries: every participant, every section, with a history."""

import pytest
from django.urls import reverse

from thrive.demo.load import load_demo
from thrive.inquiry.case_summaries import CaseSummary, report_sections, team_sections
from thrive.inquiry.core.case_sections import SECTION_KEYS
from thrive.inquiry.models import Inquiry, MemberCheck

pytestmark = pytest.mark.django_db


def test_every_demo_participant_has_a_summary_in_every_section_with_an_earlier_version():
    load_demo()
    summaries = list(CaseSummary.objects.select_related("participant").order_by("pk"))
    assert [s.participant.label for s in summaries] == [f"P{n}" for n in range(1, 8)]
    for summary in summaries:
        assert set(summary.texts) == set(SECTION_KEYS)
        assert "without this opportunity" in summary.texts["future"].lower()
        assert summary.versions.count() == 1
        approved = summary.participant.member_check == MemberCheck.APPROVED
        assert summary.status == ("ready" if approved else "draft")
        for phrase in ("what's wrong", "non-compliant", "failed to engage"):
            assert phrase not in " ".join(summary.texts.values()).lower()


def test_the_demo_summaries_show_coded_passages_in_several_sections(login_as):
    load_demo()
    inquiry = Inquiry.objects.get()
    p1 = inquiry.participants.get(label="P1")
    sections, _ = team_sections(p1)
    assert sum(1 for section in sections if section.passages) >= 3
    assert sum(1 for section in report_sections(p1) if section.quotes) >= 3
    coordinator = inquiry.team.get(username="coordinator")
    page = login_as(coordinator).get(reverse("inquiry:case_summary", args=[inquiry.pk, p1.pk]))
    assert page.status_code == 200 and page.content.decode().count("<blockquote") >= 5
