"""The one task every backend runs: look up the Job and call the function for its kind."""

from __future__ import annotations

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def run_job(job_id: int) -> str:
    """Run one job; any error becomes the job's one-line error, never a traceback on screen."""
    from thrive.jobs.models import Job
    from thrive.jobs.registry import function_for

    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.is_finished:
        return job.status
    job.mark_running()
    try:
        result = function_for(job.kind)(job)
    except Exception as error:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        job.fail(error)
    else:
        job.finish(result)
    return job.status
