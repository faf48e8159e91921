"""Peer supporters: their training, supervision, who they support and their own journey."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys.forms import PeerTrainingForm, SupervisionForm
from thrive.journeys.models import Person


def peer_supporter_for(request: HttpRequest, pk: int):
    """A peer supporter the user may see: coordinators see all, a peer supporter sees themself."""
    peer = get_user_model().objects.filter(pk=pk, is_peer_supporter=True).first()
    if peer is None:
        raise Http404("No such peer supporter.")
    if not (request.user.can(Capability.SEE_ALL_PEOPLE) or request.user.pk == peer.pk):
        record(request, Action.DENIED, "peer_supporter", pk)
        raise PermissionDenied
    record(request, Action.VIEW, "peer_supporter", pk)
    return peer


@requires(Capability.SEE_ALL_PEOPLE)
def peer_supporters(request: HttpRequest) -> HttpResponse:
    """Every peer supporter, how many people they support and their latest supervision."""
    peers = (
        get_user_model().objects.filter(is_peer_supporter=True).order_by("first_name", "username")
    )
    rows = [
        (peer, peer.caseload.count(), peer.supervisions.first(), peer.peer_training.count())
        for peer in peers
    ]
    return render(request, "journeys/peer_supporters.html", {"rows": rows})


@require_http_methods(["GET"])
def peer_supporter(request: HttpRequest, pk: int) -> HttpResponse:
    """One peer supporter's training, supervision, caseload and own journey."""
    peer = peer_supporter_for(request, pk)
    own = getattr(peer, "own_person", None)
    visible_own = (
        own if own and Person.objects.visible_to(request.user).filter(pk=own.pk).exists() else None
    )
    manage = request.user.can(Capability.SEE_ALL_PEOPLE)
    return render(
        request,
        "journeys/peer_supporter.html",
        {
            "peer": peer,
            "caseload": peer.caseload.all(),
            "training": peer.peer_training.all(),
            "supervisions": peer.supervisions.select_related("supervisor"),
            "own": visible_own,
            "has_own": own is not None,
            "manage": manage,
            "training_form": PeerTrainingForm(auto_id="training_%s") if manage else None,
            "supervision_form": SupervisionForm(auto_id="supervision_%s") if manage else None,
        },
    )


@requires(Capability.SEE_ALL_PEOPLE)
@require_POST
def add_peer_record(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add a training or supervision record for a peer supporter."""
    peer = peer_supporter_for(request, pk)
    form_class = {"training": PeerTrainingForm, "supervision": SupervisionForm}.get(kind)
    if form_class is None:
        raise Http404("No such record.")
    form = form_class(request.POST)
    if form.is_valid():
        item = form.save(commit=False)
        item.peer_supporter = peer
        if kind == "supervision":
            item.supervisor = request.user
        item.save()
        record(request, Action.CREATE, "peer_supporter", pk, detail=f"{kind} #{item.pk}")
        messages.success(request, f"The {kind} record is saved.")
    else:
        messages.error(
            request,
            "Please check the dates and try again: "
            + "; ".join(e for errors in form.errors.values() for e in errors),
        )
    return redirect("journeys:peer_supporter", pk=peer.pk)


@requires(Capability.SEE_ALL_PEOPLE)
@require_POST
def link_own_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Link a peer supporter to the person record of their own journey, by its reference."""
    peer = peer_supporter_for(request, pk)
    reference = request.POST.get("reference", "").strip()[:20]
    person = Person.objects.filter(reference=reference).first()
    if person is None:
        messages.error(request, f"No person has the reference {reference!r}.")
    elif person.user_id not in (None, peer.pk):
        messages.error(request, "That record is already linked to someone else.")
    else:
        Person.objects.filter(user=peer).update(user=None)
        person.user = peer
        person.save(update_fields=["user"])
        record(
            request,
            Action.CHANGE,
            "person",
            person.pk,
            detail=f"linked to peer supporter #{peer.pk}",
        )
        messages.success(request, "Their own journey is linked.")
    return redirect("journeys:peer_supporter", pk=peer.pk)
