"""Agreement between coders: the figures per code, the passages they disagree on, settling."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry import agreement
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.forms import AgreementForm, SettleForm
from thrive.inquiry.models import InquiryError, Settlement, Transcript
from thrive.lib.forms import render_form


def page_url(inquiry_pk: int, coders: list, unit: str) -> str:
    query = urlencode({"coders": [c.key for c in coders], "unit": unit}, doseq=True)
    return f"{reverse('inquiry:agreement', args=[inquiry_pk])}?{query}"


@requires(WORK)
@require_GET
def agreement_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose coders and a unit; see agreement per code and the passages they disagree on."""
    inquiry = inquiry_for(request, pk)
    coders = agreement.coders_of(inquiry)
    data = request.GET if "coders" in request.GET or "unit" in request.GET else None
    if data is None and len(coders) >= 2:
        data = {"coders": [c.key for c in coders], "unit": "character"}
        data = _querydict(data)
    form = AgreementForm(data, coders=coders)
    context = {"inquiry": inquiry, "form": form, "coders": coders}
    if form.is_valid():
        chosen, unit = form.cleaned_data["coders"], form.cleaned_data["unit"]
        docs = agreement.documents(inquiry, chosen)
        passages, disputed = agreement.disputed_passages(inquiry, chosen, docs)
        context.update(
            comparison=agreement.compare(inquiry, chosen, unit, docs),
            chosen=chosen,
            unit=unit,
            passages=passages,
            disputed=disputed,
            names={c.key: c.name for c in coders},
        )
        record(request, Action.VIEW, "inquiry", inquiry.pk, "agreement between coders")
    context["settlements"] = Settlement.objects.filter(inquiry=inquiry).select_related(
        "transcript", "settled_by"
    )[:20]
    return render_form(request, "inquiry/agreement.html", context)


def _querydict(values: dict):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in values.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    return query


@requires(WORK)
@require_POST
def settle_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply the team's decision on one passage where coders disagree; changes nothing if the
    input is wrong or the transcript changed since the page was shown."""
    inquiry = inquiry_for(request, pk)
    coders = agreement.coders_of(inquiry)
    form = SettleForm(request.POST, coders=coders)
    if not form.is_valid():
        problem = next(iter(form.errors.values()))[0]
        messages.error(request, f"Nothing was changed: {problem}")
        return redirect("inquiry:agreement", inquiry.pk)
    data = form.cleaned_data
    transcript = get_object_or_404(Transcript, pk=data["transcript"], inquiry=inquiry)
    try:
        settlement = agreement.settle(
            transcript,
            data["start"],
            data["end"],
            data["coders"],
            data["decision"],
            keep=data["keep"],
            note=data["note"],
            user=request.user,
            opened_at=data["transcript_version"],
        )
    except InquiryError as problem:
        messages.error(request, f"Nothing was changed: {problem}")
    else:
        record(
            request,
            Action.CHANGE,
            "transcript",
            transcript.pk,
            f"disagreement settled ({settlement.decision}), settlement {settlement.pk}",
        )
        messages.success(request, "Settled the passage; the codings now follow the decision.")
    return redirect(page_url(inquiry.pk, data["coders"], data["unit"]))
