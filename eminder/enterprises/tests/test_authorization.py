"""Every enterprise URL, requested by every persona, answers the expected status.

The same table as the project's authorization matrix (tests/test_authorization_matrix.py),
kept here too so that this app's rules are checked with its own fixtures: the enterprise and
contact belong to the manager's centre and the SME owner owns the enterprise; the staged import
was uploaded by the manager.
"""

import pytest
from django.urls import reverse

from eminder.enterprises.models import ImportBatch
from eminder.testing.personas import PERSONAS


def statuses(anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider):
    return dict(
        zip(
            PERSONAS,
            (anonymous, coordinator, manager, advisor, trainer, sme_owner, outsider),
            strict=True,
        )
    )


LOGGED_IN_200 = statuses(302, 200, 200, 200, 200, 200, 200)
EDITORS_ANYWHERE = statuses(302, 200, 200, 200, 403, 403, 200)
EDITOR_PAGE = statuses(302, 200, 200, 200, 403, 403, 404)
EDITOR_ACTION = statuses(302, 302, 302, 302, 403, 403, 404)
READER_PAGE = statuses(302, 200, 200, 200, 200, 200, 404)
UPLOADER_PAGE = statuses(302, 404, 200, 404, 404, 404, 404)
UPLOADER_ACTION = statuses(302, 404, 302, 404, 404, 404, 404)
API_LOGGED_IN = statuses(401, 200, 200, 200, 200, 200, 200)
API_READER = statuses(401, 200, 200, 200, 200, 200, 404)

EXPECTED = {
    "enterprises:list": (LOGGED_IN_200, "get", ()),
    "enterprises:create": (EDITORS_ANYWHERE, "get", ()),
    "enterprises:import": (EDITORS_ANYWHERE, "get", ()),
    "enterprises:import_template": (EDITORS_ANYWHERE, "get", ()),
    "enterprises:import_report": (UPLOADER_PAGE, "get", ("import_code",)),
    "enterprises:import_confirm": (UPLOADER_ACTION, "post", ("import_code",)),
    "enterprises:detail": (READER_PAGE, "get", ("enterprise_code",)),
    "enterprises:edit": (EDITOR_PAGE, "get", ("enterprise_code",)),
    "enterprises:contact_create": (EDITOR_PAGE, "get", ("enterprise_code",)),
    "enterprises:contact_edit": (EDITOR_PAGE, "get", ("enterprise_code", "contact_code")),
    "enterprises:contact_export": (EDITOR_PAGE, "get", ("enterprise_code", "contact_code")),
    "enterprises:contact_erase": (EDITOR_ACTION, "post", ("enterprise_code", "contact_code")),
}
RENAMED = {"enterprise_code": "code", "import_code": "code"}


@pytest.fixture
def url_values(network, enterprise, contact):
    batch = ImportBatch.objects.create(
        centre=network.centre, uploaded_by=network.manager, filename="t.csv", rows=[]
    )
    return {
        "enterprise_code": enterprise.code,
        "contact_code": contact.code,
        "import_code": batch.code,
    }


def test_every_enterprise_url_has_an_expectation():
    from eminder.enterprises.urls import urlpatterns

    assert {f"enterprises:{p.name}" for p in urlpatterns} == EXPECTED.keys()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_status(name, persona, url_values, client_for):
    expected, method, arguments = EXPECTED[name]
    kwargs = {RENAMED.get(arg, arg): url_values[arg] for arg in arguments}
    url = reverse(name, kwargs=kwargs)
    data = {"mode": "all"} if name == "enterprises:import_confirm" else {}
    response = getattr(client_for(persona), method)(url, data)
    assert response.status_code == expected[persona], f"{method.upper()} {url} as {persona}"
