from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from eminder.jobs.access import get_job_for
from eminder.jobs.models import Job
from eminder.lib.requests import AuthenticatedRequest, is_htmx


@login_required
def status(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """The job's progress page; htmx polls its `progress` fragment until the job ends."""
    job = get_job_for(request.user, code)
    template = "jobs/status.html#progress" if is_htmx(request) else "jobs/status.html"
    return render(request, template, {"job": job})


@login_required
def download(request: AuthenticatedRequest, code: str) -> HttpResponse:
    job = get_job_for(request.user, code)
    if job.status != Job.Status.DONE or not job.result_name:
        raise Http404(_("This job has no result to download."))
    content = Job.objects.values_list("result", flat=True).get(pk=job.pk)
    response = HttpResponse(bytes(content or b""), content_type=job.result_content_type)
    # Quotes and non-ASCII letters in the name are encoded as RFC 6266 asks.
    response["Content-Disposition"] = content_disposition_header(True, job.result_name)
    return response
