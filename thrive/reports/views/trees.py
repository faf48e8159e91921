"""The study's two trees of change (a page, each tree as SVG) and the commissioner summary."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.lib.downloads import download
from thrive.lib.pdf import PdfUnavailable
from thrive.reports.commissioner_summary import summary_pdf
from thrive.reports.core.trees import KINDS
from thrive.reports.study_trees import study_trees


@requires(WORK)
@require_GET
def trees_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Both trees side by side, each with its text list, and the themes not placed yet."""
    inquiry = inquiry_for(request, pk)
    record(request, Action.VIEW, "inquiry", inquiry.pk, "trees of change")
    return render(
        request, "reports/study_trees.html", {"inquiry": inquiry, "trees": study_trees(inquiry)}
    )


@requires(WORK)
@require_GET
def tree_svg(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One tree as a standalone SVG file."""
    inquiry = inquiry_for(request, pk)
    if kind not in KINDS:
        raise Http404
    record(request, Action.EXPORT, "inquiry", inquiry.pk, f"tree of {kind} as SVG")
    tree = getattr(study_trees(inquiry), kind)
    return download(tree.svg, f"{inquiry.title}-tree-of-{kind}", "svg")


@requires(WORK)
@require_GET
def commissioner_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The one-page summary for commissioners as a PDF (counts under 5 hidden)."""
    inquiry = inquiry_for(request, pk)
    try:
        pdf = summary_pdf(inquiry)
    except PdfUnavailable as problem:
        return HttpResponse(str(problem), content_type="text/plain; charset=utf-8", status=503)
    record(request, Action.EXPORT, "inquiry", inquiry.pk, "commissioner summary")
    return download(pdf, f"{inquiry.title}-commissioner-summary", "pdf")
