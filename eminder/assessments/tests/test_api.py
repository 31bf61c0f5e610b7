"""The assessments API: scoring a document without saving it, and reading the assessments a
user may see. Mounted on a test API built like the real one, so the tests hold before and
after the router is added to eminder/api.py."""

import json

import pytest
from django.test import Client
from django.urls import path

from eminder import urls as site_urls
from eminder.accounts.services import create_api_token
from eminder.api import EminderAPI
from eminder.assessments.api import router
from eminder.assessments.models import Assessment
from eminder.assessments.tests.conftest import DII_ANSWERS, dma_answers, start

test_api = EminderAPI(title="Test API", urls_namespace="assessments_test_api")
test_api.add_router("/assessments/", router)
urlpatterns = [*site_urls.urlpatterns, path("test-api/", test_api.urls)]
pytestmark = pytest.mark.urls(__name__)
BASE = "/test-api/assessments"
LIST = f"{BASE}/"


def document(**changes) -> dict:
    return {
        "format": "eminder-answers",
        "format_version": 1,
        "modules": [
            {"instrument": "dma_sme", "version": 1, "answers": dma_answers()},
            {"instrument": "dii_2023", "version": 1, "answers": DII_ANSWERS},
        ],
        **changes,
    }


def score(client: Client, body: str | dict, **headers):
    text = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"{BASE}/score", text, content_type="application/json", **headers)


def test_score_returns_the_scores_and_saves_nothing(client_for, network):
    response = score(client_for("trainer"), document())

    assert response.status_code == 200
    [dma, dii] = response.json()["modules"]
    assert (round(dma["score"], 2), dma["level"], dii["score"]) == (15.71, "basic", 9.0)
    assert dma["advice_language"] == "en" and len(dma["advice"]) == 6
    assert not Assessment.objects.exists()


def test_an_answer_outside_the_options_names_its_question_in_the_users_language(
    client_for, network
):
    network.manager.language = "es"
    network.manager.save()
    answers = dma_answers(q3=["fax"])
    body = document(modules=[{"instrument": "dma_sme", "version": 1, "answers": answers}])

    response = score(client_for("manager"), body)

    assert response.status_code == 400
    data = response.json()
    assert data["detail"]
    [problem] = data["errors"]
    assert problem["code"] == "unknown_option"
    assert (problem["instrument"], problem["question"]) == ("dma_sme", "q3")
    assert problem["location"] == "modules[0].answers.q3"
    assert problem["message"].startswith("La respuesta «fax» no es una opción")


def test_a_missing_answer_is_named(client_for, network):
    answers = dma_answers()
    del answers["q5"]
    body = document(modules=[{"instrument": "dma_sme", "version": 1, "answers": answers}])

    [problem] = score(client_for("advisor"), body).json()["errors"]

    assert (problem["code"], problem["question"]) == ("missing_answer", "q5")


def test_a_malformed_body_is_refused_with_its_position(client_for, network):
    response = score(client_for("advisor"), '{"format": ')

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_json"


def test_an_oversized_body_is_refused(client_for, network, settings):
    settings.ASSESSMENT_SCORE_MAX_BYTES = 1000
    body = document(meta={"padding": "x" * 2000})

    response = score(client_for("advisor"), body)

    assert response.status_code == 413
    assert response.json() == {"detail": "The answers document is larger than 1000 bytes."}


def test_scoring_needs_credentials_and_takes_a_token(client, network):
    assert score(client, document()).status_code == 401
    _token, secret = create_api_token(user=network.sme_owner, name="script")
    response = score(client, document(), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200


def test_a_browser_session_needs_its_csrf_token(network):
    client = Client(enforce_csrf_checks=True)
    client.force_login(network.advisor)

    assert score(client, document()).status_code == 403


@pytest.fixture
def several(network, enterprise, neighbour, foreign_enterprise, t0):
    start(enterprise, network.advisor, stage="T1")  # a draft
    start(neighbour, network.advisor)
    start(foreign_enterprise, network.outsider)


@pytest.mark.parametrize(
    ("persona", "count"),
    [
        ("coordinator", 4),
        ("manager", 3),
        ("advisor", 3),
        ("trainer", 3),
        ("sme_owner", 1),
        ("outsider", 1),
    ],
)
def test_the_list_holds_what_each_persona_may_see(client_for, several, persona, count):
    response = client_for(persona).get(LIST)

    assert response.status_code == 200
    assert response.json()["count"] == count


def test_the_list_shows_the_scores_and_filters_by_enterprise(client_for, several, enterprise, t0):
    response = client_for("advisor").get(LIST, {"enterprise": str(enterprise.code)})

    items = response.json()["items"]
    assert [item["stage"] for item in items] == ["T0", "T1"]
    first = items[0]
    assert first["code"] == str(t0.code)
    assert (first["enterprise"], first["status"]) == (str(enterprise.code), "submitted")
    assert (round(first["dma_score"], 2), first["dma_level"]) == (15.71, "basic")
    assert (first["dii_score"], first["dii_level"]) == (9.0, "high")
    assert items[1]["dma_score"] is None


def test_the_list_of_another_centres_enterprise_is_404(client_for, several, foreign_enterprise):
    response = client_for("advisor").get(LIST, {"enterprise": str(foreign_enterprise.code)})

    assert response.status_code == 404


def test_detail_has_the_answers_and_results(client_for, t0):
    response = client_for("sme_owner").get(f"{BASE}/{t0.code}")

    assert response.status_code == 200
    modules = response.json()["modules"]
    assert [(m["kind"], m["instrument"], m["version"]) for m in modules] == [
        ("dma_sme", "dma_sme", 1),
        ("ecommerce", "ecommerce", 1),
        ("dii", "dii_2023", 1),
    ]
    assert modules[0]["answers"]["q2"] == ["needs_identified", "management_ready"]
    assert modules[0]["result"]["level"] == "basic"


@pytest.mark.parametrize(
    ("persona", "status"), [("outsider", 404), ("sme_owner", 404), ("trainer", 200)]
)
def test_a_draft_in_the_api(client_for, draft, persona, status):
    assert client_for(persona).get(f"{BASE}/{draft.code}").status_code == status


def test_detail_query_count_is_fixed(client_for, t0, django_assert_num_queries):
    client = client_for("advisor")
    client.get(f"{BASE}/{t0.code}")

    # session, user, memberships, assessment, its modules with their versions
    with django_assert_num_queries(5):
        client.get(f"{BASE}/{t0.code}")
