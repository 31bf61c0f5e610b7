"""Every URL of the project, requested by every persona, answers the expected status.

A URL pattern without an entry in EXPECTED fails `test_every_url_has_an_expectation`, so no
page is ever added unguarded. Statuses: 200 shown, 302 redirected (to login for anonymous
visitors, or onward after an action), 401 API without credentials, 403 visible but not
allowed, 404 not visible, 405 wrong method, 410 gone (dead invitation link).
"""

from dataclasses import dataclass, field
from datetime import date

import pytest
from django.urls import URLResolver, get_resolver, reverse

from eminder.accounts.models import ApiToken
from eminder.assessments.services import start_assessment, submit_assessment
from eminder.assessments.tests.conftest import dma_answers
from eminder.enterprises.models import Contact, Enterprise, ImportBatch
from eminder.jobs.models import Job
from eminder.testing.personas import PERSONAS


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part)
            yield from walk(pattern.url_patterns, inner)
        else:
            yield ":".join(part for part in (namespace, pattern.name) if part)


def statuses(anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider):
    return dict(
        zip(
            PERSONAS,
            (anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider),
            strict=True,
        )
    )


ALL_200 = statuses(200, 200, 200, 200, 200, 200, 200)
ALL_404 = statuses(404, 404, 404, 404, 404, 404, 404)
# Enterprises: manager and advisors edit, trainers and the enterprise's SME owner read.
ENTERPRISE_EDITORS = statuses(302, 200, 200, 200, 403, 403, 200)  # the user's own centres
ENTERPRISE_READ = statuses(302, 200, 200, 200, 200, 200, 404)
ENTERPRISE_EDIT = statuses(302, 200, 200, 200, 403, 403, 404)
ENTERPRISE_ACTION = statuses(302, 302, 302, 302, 403, 403, 404)
UPLOADER_ONLY = statuses(302, 404, 200, 404, 404, 404, 404)
LOGGED_IN_200 = statuses(302, 200, 200, 200, 200, 200, 200)
STAFF_PAGE = statuses(302, 200, 200, 200, 200, 403, 404)
MANAGER_PAGE = statuses(302, 200, 200, 403, 403, 403, 404)
MANAGER_ACTION = statuses(302, 302, 302, 403, 403, 403, 404)
OWNER_ONLY = statuses(302, 404, 200, 404, 404, 404, 404)
API_LOGGED_IN = statuses(401, 200, 200, 200, 200, 200, 200)
# Assessment drafts: editors only; SME owners see submitted assessments, so a draft is a 404.
DRAFT_EDIT = statuses(302, 200, 200, 200, 403, 404, 404)
DRAFT_ACTION = statuses(302, 302, 302, 302, 403, 404, 404)
GONE = statuses(410, 410, 410, 410, 410, 410, 410)


@dataclass
class Expectation:
    statuses: dict[str, int]
    method: str = "get"
    kwargs: tuple[str, ...] = ()
    data: dict[str, str] = field(default_factory=dict)


EXPECTED = {
    "home": Expectation(statuses(200, 302, 302, 302, 302, 200, 302)),
    "accounts:login": Expectation(statuses(200, 302, 302, 302, 302, 302, 302)),
    "accounts:logout": Expectation(statuses(302, 302, 302, 302, 302, 302, 302), "post"),
    "accounts:password_change": Expectation(LOGGED_IN_200),
    "accounts:password_change_done": Expectation(LOGGED_IN_200),
    "accounts:password_reset": Expectation(ALL_200),
    "accounts:password_reset_done": Expectation(ALL_200),
    "accounts:password_reset_confirm": Expectation(ALL_200, kwargs=("uidb64", "token")),
    "accounts:password_reset_complete": Expectation(ALL_200),
    "accounts:profile": Expectation(LOGGED_IN_200),
    "accounts:set_language": Expectation(
        statuses(302, 302, 302, 302, 302, 302, 302), "post", data={"language": "el"}
    ),
    "accounts:token_create": Expectation(
        statuses(302, 302, 302, 302, 302, 302, 302), "post", data={"name": "script"}
    ),
    "accounts:token_revoke": Expectation(
        statuses(302, 404, 302, 404, 404, 404, 404), "post", kwargs=("token_code",)
    ),
    "accounts:invitation": Expectation(
        statuses(410, 410, 410, 410, 410, 410, 410), kwargs=("bad_token",)
    ),
    "accounts:staff": Expectation(MANAGER_PAGE, kwargs=("code",)),
    "accounts:invite": Expectation(MANAGER_PAGE, kwargs=("code",)),
    "accounts:membership_role": Expectation(
        MANAGER_ACTION, "post", kwargs=("code", "membership_code"), data={"role": "trainer"}
    ),
    "accounts:membership_active": Expectation(
        MANAGER_ACTION, "post", kwargs=("code", "membership_code"), data={"active": "0"}
    ),
    "centres:overview": Expectation(statuses(302, 200, 403, 403, 403, 403, 403)),
    "centres:create": Expectation(statuses(302, 200, 403, 403, 403, 403, 403)),
    "centres:dashboard": Expectation(STAFF_PAGE, kwargs=("code",)),
    "centres:edit": Expectation(MANAGER_PAGE, kwargs=("code",)),
    "centres:profile_pdf": Expectation(
        statuses(302, 302, 302, 302, 302, 403, 404), "post", kwargs=("code",)
    ),
    "centres:partner_create": Expectation(MANAGER_PAGE, kwargs=("code",)),
    "centres:partner_edit": Expectation(MANAGER_PAGE, kwargs=("code", "partner_code")),
    "centres:partner_delete": Expectation(MANAGER_ACTION, "post", kwargs=("code", "partner_code")),
    "audits:list": Expectation(statuses(302, 200, 200, 403, 403, 403, 200)),
    "jobs:status": Expectation(OWNER_ONLY, kwargs=("job_code",)),
    "jobs:download": Expectation(OWNER_ONLY, kwargs=("job_code",)),
    "indicators:explorer": Expectation(ALL_200),
    "indicators:monitor_index": Expectation(ALL_200),
    "indicators:monitor": Expectation(ALL_200, kwargs=("code",)),
    "indicators:imports": Expectation(statuses(302, 200, 403, 403, 403, 403, 403)),
    "api:openapi-json": Expectation(ALL_200),
    "api:openapi-view": Expectation(ALL_200),
    "api:api-root": Expectation(statuses(404, 404, 404, 404, 404, 404, 404)),
    "api:list_regions": Expectation(ALL_200),
    "api:list_centres": Expectation(API_LOGGED_IN),
    "api:get_centre": Expectation(statuses(401, 200, 200, 200, 200, 403, 404), kwargs=("code",)),
    "api:me": Expectation(API_LOGGED_IN),
    # Official statistics are public: the same answer for everyone (404: no such dataset here).
    "api:list_datasets": Expectation(ALL_200),
    "enterprises:list": Expectation(LOGGED_IN_200),
    "enterprises:create": Expectation(ENTERPRISE_EDITORS),
    "enterprises:import": Expectation(ENTERPRISE_EDITORS),
    "enterprises:import_template": Expectation(ENTERPRISE_EDITORS),
    "enterprises:import_report": Expectation(UPLOADER_ONLY, kwargs=("import_code",)),
    "enterprises:import_confirm": Expectation(
        statuses(302, 404, 302, 404, 404, 404, 404),
        "post",
        kwargs=("import_code",),
        data={"mode": "all"},
    ),
    "enterprises:detail": Expectation(ENTERPRISE_READ, kwargs=("enterprise_code",)),
    "enterprises:edit": Expectation(ENTERPRISE_EDIT, kwargs=("enterprise_code",)),
    "enterprises:contact_create": Expectation(ENTERPRISE_EDIT, kwargs=("enterprise_code",)),
    "enterprises:contact_edit": Expectation(
        ENTERPRISE_EDIT, kwargs=("enterprise_code", "contact_code")
    ),
    "enterprises:contact_export": Expectation(
        ENTERPRISE_EDIT, kwargs=("enterprise_code", "contact_code")
    ),
    "enterprises:contact_erase": Expectation(
        ENTERPRISE_ACTION, "post", kwargs=("enterprise_code", "contact_code")
    ),
    "api:list_enterprises": Expectation(API_LOGGED_IN),
    "api:get_enterprise": Expectation(
        statuses(401, 200, 200, 200, 200, 200, 404), kwargs=("enterprise_code",)
    ),
    "api:list_dimensions": Expectation(ALL_404, kwargs=("dataset_code",)),
    "api:list_observations": Expectation(ALL_404, data={"dataset": "isoc_none"}),
    "assessments:enterprise_list": Expectation(ENTERPRISE_READ, kwargs=("enterprise_code",)),
    "assessments:start": Expectation(ENTERPRISE_EDIT, kwargs=("enterprise_code",)),
    "assessments:detail": Expectation(ENTERPRISE_READ, kwargs=("assessment_code",)),
    "assessments:step": Expectation(DRAFT_EDIT, kwargs=("draft_code", "step")),
    "assessments:submit": Expectation(DRAFT_EDIT, kwargs=("draft_code",)),
    "assessments:language": Expectation(
        DRAFT_ACTION, "post", kwargs=("draft_code",), data={"language": "es"}
    ),
    "assessments:send_link": Expectation(
        DRAFT_ACTION, "post", kwargs=("draft_code",), data={"email": "sme@example.org"}
    ),
    "assessments:correct": Expectation(ENTERPRISE_EDIT, kwargs=("assessment_code",)),
    "assessments:withdraw": Expectation(ENTERPRISE_EDIT, kwargs=("assessment_code",)),
    # Self-service pages need no login; a forged token is gone (410) for everyone.
    "assessments:respond": Expectation(GONE, kwargs=("bad_token",)),
    "assessments:respond_step": Expectation(GONE, kwargs=("bad_token", "step")),
    "assessments:respond_submit": Expectation(GONE, kwargs=("bad_token",)),
    "assessments:respond_language": Expectation(
        GONE, "post", kwargs=("bad_token",), data={"language": "es"}
    ),
    # Scoring saves nothing, so any logged-in user may; an empty body is no document (400).
    "cohorts:cohort": Expectation(STAFF_PAGE, kwargs=("code",)),
    "cohorts:edih_export": Expectation(STAFF_PAGE, kwargs=("code",)),
    "cohorts:network_edih_export": Expectation(statuses(302, 200, 403, 403, 403, 403, 403)),
    "cohorts:report_pdf": Expectation(
        statuses(302, 200, 200, 200, 200, 200, 404), kwargs=("assessment_code",)
    ),
    "api:score_answers": Expectation(statuses(401, 400, 400, 400, 400, 400, 400), "post"),
    "api:list_assessments": Expectation(API_LOGGED_IN),
    "api:get_assessment": Expectation(
        statuses(401, 200, 200, 200, 200, 200, 404), kwargs=("assessment_code",)
    ),
}


def url_kwargs(names, network):
    """Arguments for the URL: always objects of the manager's centre, or the manager's own."""
    token = ApiToken.objects.create(user=network.manager, name="t", prefix="x", token_hash="0" * 64)
    job = Job.objects.create(
        owner=network.manager,
        title="t",
        status=Job.Status.DONE,
        result=b"%PDF",
        result_name="t.pdf",
        result_content_type="application/pdf",
    )
    enterprise = Enterprise.objects.create(
        centre=network.centre,
        name="Conservas Rías S.L.",
        region=network.centre.regions.get(),
        nace_code="G4791",
        size_class="0-9",
    )
    enterprise.owners.add(network.sme_owner)
    contact = Contact.objects.create(enterprise=enterprise, name="Lucía Pereira")
    batch = ImportBatch.objects.create(
        centre=network.centre, uploaded_by=network.manager, filename="t.csv"
    )
    # The enterprise's T0 is submitted (SME owners see it), its T1 is a draft (they do not).
    sitting = {"actor": network.manager, "enterprise": enterprise, "mode": "staff"}
    t0 = start_assessment(stage="T0", assessed_on=date(2025, 3, 10), language="en", **sitting)
    t0.modules.update(answers=dma_answers())
    submit_assessment(assessment=t0, actor=network.manager)
    draft = start_assessment(stage="T1", assessed_on=date(2026, 3, 10), language="en", **sitting)
    values = {
        "enterprise_code": enterprise.code,
        "contact_code": contact.code,
        "import_code": batch.code,
        "assessment_code": t0.code,
        "draft_code": draft.code,
        "step": "dma_sme.digital_business_strategy",
        "code": network.centre.code,
        "partner_code": network.partner.code,
        "membership_code": network.advisor.memberships.get().code,
        "token_code": token.code,
        "job_code": job.code,
        "bad_token": "not-a-signed-token",
        "dataset_code": "isoc_none",
        "uidb64": "MQ",
        "token": "set-password",
    }
    renamed = {
        "token_code": "code",
        "job_code": "code",
        "bad_token": "token",
        "dataset_code": "code",
        "enterprise_code": "code",
        "import_code": "code",
        "assessment_code": "code",
        "draft_code": "code",
    }
    return {renamed.get(name, name): values[name] for name in names}


def test_every_url_has_an_expectation():
    names = set(walk(get_resolver().url_patterns))
    assert names - EXPECTED.keys() == set(), "Add these URLs to EXPECTED"
    assert EXPECTED.keys() - names == set(), "These expectations have no URL any more"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status(name, persona, network, client_for):
    expectation = EXPECTED[name]
    url = reverse(name, kwargs=url_kwargs(expectation.kwargs, network))
    client = client_for(persona)
    response = getattr(client, expectation.method)(url, expectation.data)
    assert response.status_code == expectation.statuses[persona], (
        f"{expectation.method.upper()} {url} as {persona}"
    )
