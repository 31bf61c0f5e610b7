"""Every assessment URL, requested by every persona, answers the expected status.

The same table as the project's authorization matrix (tests/test_authorization_matrix.py),
kept here with this app's objects: the enterprise belongs to the manager's centre and is owned
by the SME owner; its T0 is submitted and its T1 is a draft (SME owners see submitted
assessments only); the self-service token is forged. The API is mounted on a test API.
"""

import pytest
from django.urls import path, reverse

from eminder import urls as site_urls
from eminder.api import EminderAPI
from eminder.assessments.api import router
from eminder.assessments.tests.conftest import start
from eminder.testing.personas import PERSONAS

test_api = EminderAPI(title="Test API", urls_namespace="assessments_authz_api")
test_api.add_router("/assessments/", router)
urlpatterns = [*site_urls.urlpatterns, path("test-api/", test_api.urls)]
pytestmark = pytest.mark.urls(__name__)


def statuses(anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider):
    return dict(
        zip(
            PERSONAS,
            (anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider),
            strict=True,
        )
    )


READER_PAGE = statuses(302, 200, 200, 200, 200, 200, 404)
EDITOR_PAGE = statuses(302, 200, 200, 200, 403, 403, 404)
DRAFT_PAGE = statuses(302, 200, 200, 200, 403, 404, 404)
DRAFT_ACTION = statuses(302, 302, 302, 302, 403, 404, 404)
GONE = statuses(410, 410, 410, 410, 410, 410, 410)
API_LOGGED_IN = statuses(401, 200, 200, 200, 200, 200, 200)

EXPECTED = {
    "assessments:enterprise_list": (READER_PAGE, "get", ("enterprise_code",), {}),
    "assessments:start": (EDITOR_PAGE, "get", ("enterprise_code",), {}),
    "assessments:detail": (READER_PAGE, "get", ("assessment_code",), {}),
    "assessments:step": (DRAFT_PAGE, "get", ("draft_code", "step"), {}),
    "assessments:submit": (DRAFT_PAGE, "get", ("draft_code",), {}),
    "assessments:language": (DRAFT_ACTION, "post", ("draft_code",), {"language": "es"}),
    "assessments:send_link": (DRAFT_ACTION, "post", ("draft_code",), {"email": "a@example.org"}),
    "assessments:correct": (EDITOR_PAGE, "get", ("assessment_code",), {}),
    "assessments:withdraw": (EDITOR_PAGE, "get", ("assessment_code",), {}),
    "assessments:respond": (GONE, "get", ("token",), {}),
    "assessments:respond_step": (GONE, "get", ("token", "step"), {}),
    "assessments:respond_submit": (GONE, "get", ("token",), {}),
    "assessments:respond_language": (GONE, "post", ("token",), {"language": "es"}),
    "assessments_authz_api:score_answers": (
        statuses(401, 400, 400, 400, 400, 400, 400),
        "post",
        (),
        {},
    ),
    "assessments_authz_api:list_assessments": (API_LOGGED_IN, "get", (), {}),
    "assessments_authz_api:get_assessment": (
        statuses(401, 200, 200, 200, 200, 200, 404),
        "get",
        ("assessment_code",),
        {},
    ),
}
RENAMED = {"enterprise_code": "code", "assessment_code": "code", "draft_code": "code"}


@pytest.fixture
def url_values(network, enterprise, t0):
    draft = start(enterprise, network.advisor, stage="T1")
    return {
        "enterprise_code": enterprise.code,
        "assessment_code": t0.code,
        "draft_code": draft.code,
        "step": "dma_sme.digital_business_strategy",
        "token": "not-a-signed-token",
    }


def test_every_assessment_url_has_an_expectation():
    from eminder.assessments import urls

    names = {f"assessments:{pattern.name}" for pattern in urls.urlpatterns}
    assert names == {name for name in EXPECTED if name.startswith("assessments:")}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status(name, persona, client_for, url_values):
    expected, method, kwargs, data = EXPECTED[name]
    url = reverse(name, kwargs={RENAMED.get(key, key): url_values[key] for key in kwargs})

    response = getattr(client_for(persona), method)(url, data)

    assert response.status_code == expected[persona], f"{method.upper()} {url} as {persona}"
