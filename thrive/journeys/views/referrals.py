"""Self-referral (public) and the coordinator's list of new referrals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html_join
from django.views.decorators.http import require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys import ratelimit
from thrive.journeys.access import journey_for
from thrive.journeys.erasure_requests import ErasureRequest
from thrive.journeys.forms import MatchForm, ReferralForm, ServiceSettingsForm
from thrive.journeys.models import Journey, Person
from thrive.journeys.service_settings import ServiceSettings
from thrive.lib.forms import posted, render_form
from thrive.lib.htmx import is_htmx
from thrive.lib.paging import page_of


@login_not_required
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest) -> HttpResponse:
    """Anyone may refer themselves: a name and one way to reply are all we ask."""
    limit = ratelimit.referrals_per_hour()
    if request.method == "POST" and ratelimit.over_limit(request, "refer", limit):
        return render(request, "journeys/refer_limited.html", status=429)
    form = ReferralForm(posted(request))
    if request.method == "POST" and form.is_valid():
        ratelimit.use_one(request, "refer")
        if not form.is_spam:
            data = form.cleaned_data
            person = Person.refer(
                on=timezone.localdate(),
                name=data["name"],
                contact_preference=data["contact_preference"],
                phone=data["phone"],
                email=data["email"],
                journey={
                    "in_their_words": data["help_with"],
                    "referral_source": data["referral_source"],
                },
            )
            record(request, Action.CREATE, "person", person.pk, detail="self-referral")
        return redirect("journeys:referral_thanks")
    return render(request, "journeys/refer.html", {"form": form})


@login_not_required
def referral_thanks(request: HttpRequest) -> HttpResponse:
    """What happens next, when and where the service is open, and where to turn in a crisis."""
    return render(request, "journeys/refer_thanks.html", {"about": ServiceSettings.current()})


@requires(Capability.MANAGE_REFERRALS)
@require_http_methods(["GET", "POST"])
def service_settings(request: HttpRequest) -> HttpResponse:
    """The coordinator's words on the thanks page, changed without touching code."""
    form = ServiceSettingsForm(posted(request), instance=ServiceSettings.current())
    if form.is_valid():
        form.instance.save_by(request.user)
        record(request, Action.CHANGE, "service_settings", form.instance.pk)
        messages.success(request, "Saved. People who refer themselves now see these words.")
        return redirect("journeys:service_settings")
    return render_form(request, "journeys/service_settings.html", {"form": form})


@requires(Capability.MANAGE_REFERRALS)
def referrals(request: HttpRequest) -> HttpResponse:
    """Open journeys waiting for a first meeting: unmatched first, longest waiting first.

    Each of the two lists is paged on its own (`?page=` and `?matched=`); the index
    journey_waiting_idx holds only the waiting journeys, in the order shown.
    """
    waiting = waiting_journeys()
    unmatched = page_of(request, waiting.filter(first_link__isnull=True))
    matched = page_of(
        request,
        waiting.filter(first_link__isnull=False).prefetch_related("person__supporters"),
        param="matched",
    )
    total = unmatched.paginator.count + matched.paginator.count
    record(request, Action.VIEW, "person", "", detail=f"new referrals list ({total})")
    return render(
        request,
        "journeys/referrals.html",
        {
            "unmatched": unmatched,
            "matched": matched,
            "supporter_options": supporter_options(),
            "today": timezone.localdate(),
            "erasure_requests": ErasureRequest.objects.count(),
        },
    )


def waiting_journeys() -> QuerySet[Journey]:
    """Open journeys waiting for a first meeting, longest waiting first, with `first_link`
    (a supporter link or None: matched or not)."""
    # A supporter link, looked up for each waiting journey through the index on person: EXISTS
    # would let PostgreSQL hash every supporter link in the service to answer a few thousand.
    links = Person.supporters.through.objects.filter(person_id=OuterRef("person_id"))
    return (
        Journey.objects.filter(first_met_on__isnull=True, ended_on__isnull=True)
        .alias(first_link=Subquery(links.values("pk")[:1]))
        .select_related("person")
        .order_by("referred_on", "id")
    )


def supporter_options() -> str:
    """The options of the match picker, read and escaped once for every row that shows it."""
    choices = MatchForm().fields["supporter"].choices
    return format_html_join("", '<option value="{}">{}</option>', choices)


@requires(Capability.MANAGE_REFERRALS)
@require_POST
def match(request: HttpRequest, pk: int) -> HttpResponse:
    """Match a referral with a worker or peer supporter; htmx swaps the row, a post redirects."""
    journey = journey_for(request, pk, "match referral")
    form = MatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Please choose someone to match with.")
        return redirect("journeys:referrals")
    supporter = form.cleaned_data["supporter"]
    journey.person.add_supporter(supporter)
    record(
        request,
        Action.CHANGE,
        "person",
        journey.person_id,
        detail=f"matched with user #{supporter.pk}",
    )
    text = f"{journey.person.name} is matched with {supporter.display_name}."
    if is_htmx(request):
        waiting = waiting_journeys()
        context = {
            "journey": journey,
            "text": text,
            "unmatched_count": waiting.filter(first_link__isnull=True).count(),
            "matched_count": waiting.filter(first_link__isnull=False).count(),
        }
        return render(request, "journeys/_matched_row.html", context)
    messages.success(request, text)
    return redirect("journeys:referrals")
