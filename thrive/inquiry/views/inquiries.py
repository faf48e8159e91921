"""Inquiries, their interview guide and participants: the pages an inquiry group starts from."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.accounts.models import Role
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for, managed_inquiry_for, person_visible
from thrive.inquiry.forms import (
    KNOWN_ATTRIBUTES,
    GuideQuestionForm,
    InquiryCreateForm,
    InquiryForm,
    ParticipantForm,
)
from thrive.inquiry.models import GuideQuestion, Inquiry, Participant, Transcript, not_withdrawn
from thrive.inquiry.views.withdrawal import withdrawal_actions
from thrive.lib.counting import count_of
from thrive.lib.forms import posted, render_form
from thrive.lib.paging import page_of


@requires(WORK)
@require_GET
def inquiry_list(request: HttpRequest) -> HttpResponse:
    """Inquiries the user works on (coordinators see all), newest first, 50 to a page.

    Participants and transcripts are counted in a subquery each: counting both through joins
    would multiply one by the other for every inquiry.
    """
    inquiries = Inquiry.objects.order_by("-created_at", "-id")
    if request.user.role != Role.COORDINATOR:
        inquiries = inquiries.filter(team=request.user)
    page = page_of(
        request,
        inquiries.annotate(
            n_participants=count_of(Participant.objects.active(), per="inquiry"),
            n_transcripts=count_of(Transcript.objects.all(), per="inquiry"),
        ),
    )
    return render(request, "inquiry/inquiry_list.html", {"page_obj": page})


@requires(WORK)
@require_http_methods(["GET", "POST"])
def inquiry_create(request: HttpRequest) -> HttpResponse:
    """Start an inquiry, by default from the study's template guide and codebook."""
    form = InquiryCreateForm(posted(request))
    if request.method == "POST" and form.is_valid():
        inquiry = Inquiry.objects.create_inquiry(
            form.cleaned_data["title"],
            user=request.user,
            aims=form.cleaned_data["aims"],
            from_template=form.cleaned_data["from_template"],
        )
        record(request, Action.CREATE, "inquiry", inquiry.pk)
        messages.success(request, f"Started the inquiry “{inquiry.title}”.")
        return redirect("inquiry:detail", inquiry.pk)
    return render_form(request, "inquiry/inquiry_create.html", {"form": form})


@requires(WORK)
@require_GET
def inquiry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The inquiry at a glance: aims, team, guide, participants, transcripts and next steps."""
    inquiry = inquiry_for(request, pk)
    transcripts = inquiry.transcripts.select_related("participant").annotate(
        n_codings=Count("codings")
    )
    context = {
        "inquiry": inquiry,
        "team": inquiry.team.order_by("first_name", "username"),
        "guide": inquiry.guide.all(),
        "participants": inquiry.participants.annotate(
            n_transcripts=Count("transcripts", filter=not_withdrawn())
        ),
        "transcripts": transcripts.defer("text"),
        "can_manage": inquiry.is_managed_by(request.user),
        "n_codes": inquiry.codes.count(),
    }
    return render(request, "inquiry/inquiry_detail.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def inquiry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Title, aims, information sheet, consent settings and the team."""
    inquiry = managed_inquiry_for(request, pk)
    form = InquiryForm(posted(request), instance=inquiry)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, Action.CHANGE, "inquiry", inquiry.pk)
        messages.success(request, "Saved the inquiry’s settings.")
        return redirect("inquiry:detail", inquiry.pk)
    return render_form(request, "inquiry/inquiry_edit.html", {"inquiry": inquiry, "form": form})


@requires(WORK)
@require_GET
def information_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The plain-language information sheet, ready to print for participants."""
    inquiry = inquiry_for(request, pk)
    return render(request, "inquiry/information_sheet.html", {"inquiry": inquiry})


# The interview guide -------------------------------------------------------------------------


@requires(WORK)
@require_http_methods(["GET", "POST"])
def guide(request: HttpRequest, pk: int) -> HttpResponse:
    """The interview guide in order, with a form to add a question."""
    inquiry = inquiry_for(request, pk)
    form = GuideQuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        inquiry.add_question(form.cleaned_data["text"])
        messages.success(request, "Added the question to the end of the guide.")
        return redirect("inquiry:guide", inquiry.pk)
    return render_form(
        request,
        "inquiry/guide.html",
        {"inquiry": inquiry, "form": form, "guide": inquiry.guide.all()},
    )


def question_for(request: HttpRequest, pk: int, question_pk: int) -> GuideQuestion:
    inquiry = inquiry_for(request, pk)
    return get_object_or_404(GuideQuestion, pk=question_pk, inquiry=inquiry)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Reword one question of the guide."""
    question = question_for(request, pk, question_pk)
    form = GuideQuestionForm(posted(request), instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved question {question.position}.")
        return redirect("inquiry:guide", pk)
    return render_form(
        request,
        "inquiry/question_edit.html",
        {"inquiry": question.inquiry, "question": question, "form": form},
    )


@requires(WORK)
@require_POST
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Move a question up or down the guide."""
    question = question_for(request, pk, question_pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    question.move(step)
    messages.success(request, "Moved the question " + ("up." if step < 0 else "down."))
    return redirect("inquiry:guide", pk)


@requires(WORK)
@require_POST
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """Remove a question (answers marked against it go with it)."""
    question = question_for(request, pk, question_pk)
    question.remove()
    messages.success(request, "Removed the question from the guide.")
    return redirect("inquiry:guide", pk)


# Participants --------------------------------------------------------------------------------


@requires(WORK)
@require_GET
def participant_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Participants as pseudonymous cases with the attributes they agreed to share."""
    inquiry = inquiry_for(request, pk)
    participants = list(
        inquiry.participants.annotate(n_transcripts=Count("transcripts", filter=not_withdrawn()))
    )
    keys = [key for key, _ in KNOWN_ATTRIBUTES]
    extra = sorted({k for p in participants for k in p.attributes if k not in keys})
    shown = [k for k in keys if any(k in p.attributes for p in participants)] + extra
    labels = dict(KNOWN_ATTRIBUTES)
    rows = [
        (p, [p.attributes.get(key, "") for key in shown], person_visible(request.user, p))
        for p in participants
    ]
    record(request, Action.VIEW, "participant", "", f"list of inquiry {inquiry.pk}")
    context = {
        "inquiry": inquiry,
        "rows": rows,
        "columns": [labels.get(k, k.replace("_", " ").capitalize()) for k in shown],
    }
    return render(request, "inquiry/participant_list.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def participant_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a participant, labelled P1, P2… unless the group chooses another label."""
    inquiry = inquiry_for(request, pk)
    next_label = f"P{inquiry.participants.count() + 1}"
    form = ParticipantForm(
        posted(request), inquiry=inquiry, user=request.user, initial={"label": next_label}
    )
    if request.method == "POST" and form.is_valid():
        participant = form.save()
        record(request, Action.CREATE, "participant", participant.pk)
        messages.success(request, f"Added {participant.label}.")
        return redirect("inquiry:participants", inquiry.pk)
    return render_form(request, "inquiry/participant_form.html", {"inquiry": inquiry, "form": form})


@requires(WORK)
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """Change a participant's label, attributes, consent record or member-check status."""
    inquiry = inquiry_for(request, pk)
    participant = get_object_or_404(Participant, pk=participant_pk, inquiry=inquiry)
    form = ParticipantForm(
        posted(request), instance=participant, inquiry=inquiry, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, Action.CHANGE, "participant", participant.pk)
        messages.success(request, f"Saved {participant.label}.")
        return redirect("inquiry:participants", inquiry.pk)
    if request.method == "GET":
        record(request, Action.VIEW, "participant", participant.pk)
    context = {
        "inquiry": inquiry,
        "form": form,
        "participant": participant,
        "person_visible": person_visible(request.user, participant),
        "withdrawal": withdrawal_actions(request.user, participant),
    }
    return render_form(request, "inquiry/participant_form.html", context)
