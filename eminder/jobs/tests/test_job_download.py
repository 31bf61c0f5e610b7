"""Downloading a finished job's result: only its owner, only once it is done."""

import pytest
from django.urls import reverse

from eminder.jobs.models import Job


def make_job(owner, **fields):
    return Job.objects.create(owner=owner, title="Export", **fields)


def download(client, job):
    return client.get(reverse("jobs:download", kwargs={"code": job.code}))


def test_owner_gets_the_stored_file(client_for, network):
    job = make_job(
        network.advisor,
        status=Job.Status.DONE,
        result=b"a,b\r\n1,2\r\n",
        result_name="partners.csv",
        result_content_type="text/csv",
    )

    response = download(client_for("advisor"), job)

    assert response.status_code == 200
    assert response.content == b"a,b\r\n1,2\r\n"
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"] == 'attachment; filename="partners.csv"'


def test_name_outside_ascii_is_encoded(client_for, network):
    job = make_job(
        network.advisor,
        status=Job.Status.DONE,
        result=b"%PDF-1.7",
        result_name='Κύπρος "profile".pdf',
        result_content_type="application/pdf",
    )

    response = download(client_for("advisor"), job)

    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%CE%9A%CF%8D%CF%80%CF%81%CE%BF%CF%82%20%22profile%22.pdf"
    )


@pytest.mark.parametrize("status", [Job.Status.QUEUED, Job.Status.RUNNING, Job.Status.FAILED])
def test_unfinished_or_failed_job_has_nothing_to_download(client_for, network, status):
    job = make_job(network.advisor, status=status)

    response = download(client_for("advisor"), job)

    assert response.status_code == 404
