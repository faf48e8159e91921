"""A person's jobs and one job's progress: the only way views reach Job rows is `_jobs_for`."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from thrive.accounts.models import Role
from thrive.jobs.models import Job

STOP_POLLING = 286  # htmx stops polling when it gets this status


def _jobs_for(user) -> QuerySet[Job]:
    """A person sees the jobs they started; coordinators see everyone's."""
    jobs = Job.objects.select_related("started_by")
    if user.role == Role.COORDINATOR:
        return jobs
    return jobs.filter(started_by=user)


@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    """Recent jobs with their progress, newest first."""
    jobs = _jobs_for(request.user)[:50]
    return render(
        request,
        "jobs/list.html",
        {"jobs": jobs, "sees_everyone": request.user.role == Role.COORDINATOR},
    )


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One job; htmx polls it for the status block until the job has finished."""
    job = get_object_or_404(_jobs_for(request.user), pk=pk)
    if request.headers.get("HX-Request") == "true":
        status = STOP_POLLING if job.is_finished else 200
        return render(request, "jobs/_status.html", {"job": job}, status=status)
    return render(request, "jobs/detail.html", {"job": job})
