"""Looking after a person's record: their name and contact details, and who supports them."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys import forms as f
from thrive.journeys.access import person_to_change
from thrive.journeys.views.people import audit_form_read
from thrive.lib.forms import posted


@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the name they would like used and how to reach them (the fields, not the values,
    go into the audit trail)."""
    found = person_to_change(request, pk, "details")
    audit_form_read(request, found, "details")
    form = f.PersonDetailsForm(posted(request), instance=found)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            form.save()
            changed = ", ".join(form.changed_data)
            record(request, Action.CHANGE, "person", found.pk, detail=f"details: {changed}")
        messages.success(request, "Their details are saved.")
        return redirect("journeys:person", pk=found.pk)
    context = {
        "person": found,
        "form": form,
        "title": "Their name and contact details",
        "lede": "As they would like them: the name need not be their legal name.",
    }
    return render(request, "journeys/entry_form.html", context)


@requires(Capability.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def change_supporters(request: HttpRequest, pk: int) -> HttpResponse:
    """Change their worker or peer supporter; the reason is kept in the audit trail."""
    found = person_to_change(request, pk, "supporters")
    audit_form_read(request, found, "supporters")
    before = list(found.supporters.all())
    form = f.SupportersForm(posted(request), initial={"supporters": before})
    if request.method == "POST" and form.is_valid():
        after = list(form.cleaned_data["supporters"])
        if set(after) != set(before):
            found.set_supporters(after)
            ids = ", ".join(f"#{u.pk}" for u in after) or "nobody"
            detail = f"supporters now {ids}; why: {form.cleaned_data['reason']}"
            record(request, Action.CHANGE, "person", found.pk, detail=detail)
            messages.success(request, f"{found.name}'s supporters are changed.")
        else:
            messages.info(request, "Nothing changed: they have the same supporters as before.")
        return redirect("journeys:person", pk=found.pk)
    context = {
        "person": found,
        "form": form,
        "title": "Who supports them",
        "lede": "Each name shows how many people with an open journey they support now.",
    }
    return render(request, "journeys/entry_form.html", context)
