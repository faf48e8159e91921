"""Retrieval and synthesis: passages by code, search, the framework matrix and its companions.

Every page also downloads as CSV or XLSX (?format=csv / xlsx); passages also as DOCX.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry import word
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.forms import KNOWN_ATTRIBUTES
from thrive.inquiry.models import Code, CodeGroup, DocumentGroup, Inquiry
from thrive.inquiry.retrieval import (
    PassageFilter,
    co_occurrence_table,
    code_frequencies,
    code_tree,
    coders,
    flatten,
    framework_matrix,
    passages,
)
from thrive.inquiry.search import search
from thrive.inquiry.views.meaning import meaning_search
from thrive.lib import downloads


def wanted_format(request: HttpRequest, allowed: tuple[str, ...] = downloads.TABLE_FORMATS) -> str:
    fmt = request.GET.get("format", "")
    return fmt if fmt in allowed else ""


def whole_number(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 12 else None


def ids_in(request: HttpRequest, name: str) -> tuple[int, ...]:
    """The whole numbers given for a repeated query parameter; anything else is left out."""
    return tuple(n for n in map(whole_number, request.GET.getlist(name)) if n is not None)


def attribute_choices(inquiry: Inquiry) -> list[tuple[str, str]]:
    """Each attribute=value pair participants share, for the passage filter."""
    pairs = set()
    for attributes in inquiry.participants.active().values_list("attributes", flat=True):
        for key, value in (attributes or {}).items():
            if isinstance(value, str | int | float) and str(value).strip():
                pairs.add((key, str(value)))
    labels = dict(KNOWN_ATTRIBUTES)
    return [
        (f"{key}={value}", f"{labels.get(key, key.replace('_', ' ').capitalize())}: {value}")
        for key, value in sorted(pairs)
    ]


@requires(WORK)
@require_GET
def passages_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Every passage coded with a code and its children, filtered by participant and coder."""
    inquiry = inquiry_for(request, pk)
    code_id = whole_number(request.GET.get("code", ""))
    code = Code.objects.filter(pk=code_id, inquiry=inquiry).first() if code_id else None
    participant_ids = ids_in(request, "participant")
    coder_ids = ids_in(request, "coder")
    document_group_ids = ids_in(request, "document_group")
    code_group_ids = ids_in(request, "code_group")
    attributes = tuple(
        tuple(item.split("=", 1)) for item in request.GET.getlist("attribute") if "=" in item
    )[:10]
    filters = PassageFilter(
        participant_ids,
        coder_ids,
        attributes,
        request.GET.get("children", "1") != "0",
        document_group_ids,
        code_group_ids,
    )
    found = passages(inquiry, code, filters) if code else []
    fmt = wanted_format(request, ("csv", "xlsx", "docx"))
    if code and fmt:
        record(request, Action.EXPORT, "transcript", "", f"passages for code {code.pk} as {fmt}")
        filename = f"passages-{code.name}"
        if fmt == "docx":
            intro = f"Passages coded {code.name} in “{inquiry.title}”: {len(found)}."
            return downloads.download(word.docx_bytes(code.name, intro, found), filename, "docx")
        headers = ("participant", "transcript", "code", "start", "end", "quote", "coder", "memo")
        rows = (
            (
                p.participant_label,
                p.transcript_title,
                p.code_name,
                p.start,
                p.end,
                p.quote,
                p.coder,
                p.memo,
            )
            for p in found
        )
        return downloads.table_response(fmt, filename, headers, rows)
    if code:
        record(request, Action.VIEW, "transcript", "", f"passages for code {code.pk}")
    context = {
        "inquiry": inquiry,
        "code": code,
        "passages": found,
        "code_options": [
            (node.code.pk, f"{'— ' * node.depth}{node.code.name} ({node.total})")
            for node in flatten(code_tree(inquiry))
        ],
        "participants": inquiry.participants.active(),
        "coders": coders(inquiry),
        "attribute_choices": attribute_choices(inquiry),
        "document_groups": DocumentGroup.objects.filter(inquiry=inquiry),
        "code_groups": CodeGroup.objects.filter(inquiry=inquiry),
        "chosen": {
            "participants": {str(n) for n in participant_ids},
            "coders": {str(n) for n in coder_ids},
            "document_groups": {str(n) for n in document_group_ids},
            "code_groups": {str(n) for n in code_group_ids},
            "attributes": {f"{k}={v}" for k, v in attributes},
            "children": filters.include_children,
        },
        "query": request.GET.urlencode(),
    }
    return render(request, "inquiry/passages.html", context)


@requires(WORK)
@require_GET
def search_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Find words across every transcript of the inquiry, or passages by their meaning."""
    inquiry = inquiry_for(request, pk)
    if request.GET.get("how") == "meaning":
        return meaning_search(request, inquiry, request.GET.get("q", ""))
    query = request.GET.get("q", "")[:500]
    results = search(inquiry, query) if query.strip() else []
    fmt = wanted_format(request)
    if fmt and query.strip():
        record(request, Action.EXPORT, "transcript", "", f"search as {fmt}")
        headers = ("transcript", "participant", "start", "end", "before", "match", "after")
        rows = (
            (r.title, r.participant_label, h.start, h.end, h.before, h.match, h.after)
            for r in results
            for h in r.hits
        )
        return downloads.table_response(fmt, "search", headers, rows)
    if query.strip():
        record(request, Action.VIEW, "transcript", "", "search")
    context = {"inquiry": inquiry, "query": query, "results": results, "how": "words"}
    return render(request, "inquiry/search.html", context)


@requires(WORK)
@require_GET
def matrix_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The framework matrix: codes down, participants across, counts and quotes in each cell."""
    inquiry = inquiry_for(request, pk)
    matrix = framework_matrix(inquiry, roll_up=request.GET.get("children", "1") != "0")
    fmt = wanted_format(request)
    if fmt:
        record(request, Action.EXPORT, "transcript", "", f"framework matrix as {fmt}")
        headers = ["code", *[p.label for p in matrix.participants]]
        rows = (
            [
                row.code.name,
                *[
                    f"{cell.count}: " + " | ".join(q.text for q in cell.quotes)
                    if cell.count
                    else ""
                    for cell in row.cells
                ],
            ]
            for row in matrix.rows
        )
        return downloads.table_response(fmt, "framework-matrix", headers, rows)
    record(request, Action.VIEW, "transcript", "", "framework matrix")
    context = {
        "inquiry": inquiry,
        "matrix": matrix,
        "roll_up": request.GET.get("children", "1") != "0",
    }
    return render(request, "inquiry/matrix.html", context)


@requires(WORK)
@require_GET
def frequencies_view(request: HttpRequest, pk: int) -> HttpResponse:
    """How often each code was applied, per participant."""
    inquiry = inquiry_for(request, pk)
    matrix = code_frequencies(inquiry)
    fmt = wanted_format(request)
    if fmt:
        headers = ["code", *[p.label for p in matrix.participants], "total", "participants"]
        rows = (
            [row.code.name, *[cell.count for cell in row.cells], row.total, row.participants]
            for row in matrix.rows
        )
        return downloads.table_response(fmt, "code-frequencies", headers, rows)
    return render(request, "inquiry/frequencies.html", {"inquiry": inquiry, "matrix": matrix})


@requires(WORK)
@require_GET
def cooccurrence_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Which codes overlap in the same passages, and how often."""
    inquiry = inquiry_for(request, pk)
    table = co_occurrence_table(inquiry)
    grid = [(code, [table.count(code, other) for other in table.codes]) for code in table.codes]
    fmt = wanted_format(request)
    if fmt:
        headers = ["code", *[c.name for c in table.codes]]
        rows = ([code.name, *counts] for code, counts in grid)
        return downloads.table_response(fmt, "co-occurrence", headers, rows)
    context = {"inquiry": inquiry, "codes": table.codes, "grid": grid}
    return render(request, "inquiry/cooccurrence.html", context)
