"""Demo assessments: a T0 for most demo enterprises, a T1 for some, safe to run again."""

import pytest

from eminder.assessments.demo import load_demo_assessments
from eminder.assessments.models import Assessment, ModuleResponse
from eminder.centres.demo import load_demo
from eminder.enterprises.demo import load_demo_enterprises
from eminder.enterprises.models import Enterprise
from eminder.testing.personas import make_region


@pytest.fixture
def demo_enterprises(db):
    for code, name in [("CY00", "Κύπρος"), ("ES11", "Galicia"), ("PL63", "Pomorskie")]:
        make_region(code, name)
    load_demo()
    load_demo_enterprises()


def test_most_demo_enterprises_have_a_t0_and_some_a_t1(demo_enterprises):
    created = load_demo_assessments()

    enterprises = Enterprise.objects.count()
    t0 = Assessment.objects.filter(stage="T0").count()
    t1 = Assessment.objects.filter(stage="T1").count()
    assert created == t0 + t1
    assert enterprises * 0.6 < t0 < enterprises
    assert 0 < t1 < t0
    assert not Assessment.objects.exclude(status="submitted").exists()
    assert not Assessment.objects.filter(is_demo=False).exists()
    assert not ModuleResponse.objects.filter(kind="dma_sme", score=None).exists()


def test_the_answers_are_plausible_and_the_t1_usually_better(demo_enterprises):
    load_demo_assessments()

    scores = list(ModuleResponse.objects.filter(kind="dma_sme").values_list("score", flat=True))
    assert min(scores) > 5
    assert max(scores) < 95
    assert len({round(score) for score in scores}) > 5
    better = [
        t1.modules.get(kind="dma_sme").score > t0.modules.get(kind="dma_sme").score
        for t1 in Assessment.objects.filter(stage="T1")
        for t0 in Assessment.objects.filter(stage="T0", enterprise=t1.enterprise)
    ]
    assert sum(better) > len(better) / 2
    assert Enterprise.objects.exclude(maturity_level="").exists()


def test_running_it_again_creates_nothing(demo_enterprises):
    load_demo_assessments()
    before = list(Assessment.objects.values_list("code", flat=True).order_by("code"))

    assert load_demo_assessments() == 0
    assert list(Assessment.objects.values_list("code", flat=True).order_by("code")) == before
