"""The name a person chooses to be shown by on their codings and memos."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from thrive.accounts.forms import CoderNameForm
from thrive.lib.forms import posted, render_form


@require_http_methods(["GET", "POST"])
def coder_name(request: HttpRequest) -> HttpResponse:
    """Choose the name other coders see; blank shows the account's own name."""
    user = request.user
    form = CoderNameForm(posted(request), initial={"coder_name": user.coder_name})
    if form.is_valid():
        user.coder_name = form.cleaned_data["coder_name"].strip()
        user.save(update_fields=["coder_name"])
        messages.success(request, f"Other coders now see your codings as {user.name_as_coder}’s.")
        return redirect("accounts:coder_name")
    return render_form(request, "accounts/coder_name.html", {"form": form})
