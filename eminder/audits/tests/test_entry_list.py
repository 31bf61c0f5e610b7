"""The audit log page: who sees which entries, the filters, the htmx fragment and pages."""

import re
from datetime import datetime

import pytest
from django.utils import timezone

from eminder.audits.models import AuditEntry
from eminder.audits.views import PAGE_SIZE

URL = "/audit/"
ROW = re.compile(r"<td>(entry-[\w-]+)</td>")


def entry(label: str, *, centre=None, action="account.login", who="Manager", when=None):
    """One audit entry, shown on the page by its object label."""
    created = AuditEntry.objects.create(
        action=action, actor_label=who, object_label=label, centre=centre, ip_address="192.0.2.1"
    )
    if when is not None:
        AuditEntry.objects.filter(pk=created.pk).update(created_at=when)
    return created


def noon(year: int, month: int, day: int) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12))


def shown(response) -> list[str]:
    return ROW.findall(response.text)


@pytest.fixture
def three_centres_entries(network):
    entry("entry-home", centre=network.centre)
    entry("entry-other", centre=network.other_centre)
    entry("entry-network")


# Who sees what


def test_manager_sees_only_their_centres_entries(client_for, three_centres_entries):
    response = client_for("manager").get(URL)

    assert response.status_code == 200
    assert shown(response) == ["entry-home"]


def test_outsider_sees_only_their_own_centres_entries(client_for, three_centres_entries):
    assert shown(client_for("outsider").get(URL)) == ["entry-other"]


def test_coordinator_sees_every_entry(client_for, three_centres_entries):
    assert sorted(shown(client_for("coordinator").get(URL))) == [
        "entry-home",
        "entry-network",
        "entry-other",
    ]


def test_role_elsewhere_than_manager_shows_nothing_of_that_centre(client_for, network):
    from eminder.accounts.models import Membership, Role

    Membership.objects.create(user=network.manager, centre=network.other_centre, role=Role.ADVISOR)
    entry("entry-home", centre=network.centre)
    entry("entry-other", centre=network.other_centre)

    assert shown(client_for("manager").get(URL)) == ["entry-home"]


def test_entries_are_newest_first_and_show_the_details(client_for, network):
    entry("entry-old", centre=network.centre, when=noon(2024, 1, 1))
    entry("entry-new", centre=network.centre, action="membership.role", when=noon(2024, 2, 1))

    response = client_for("manager").get(URL)

    assert shown(response) == ["entry-new", "entry-old"]
    assert "Changed a role" in response.text
    assert "192.0.2.1" in response.text
    assert "<td>Galicia</td>" in response.text


def test_empty_log_says_so(client_for, network):
    assert "No entry matches." in client_for("manager").get(URL).text


# Filters


def test_filter_by_action(client_for, network):
    entry("entry-login", centre=network.centre, action="account.login")
    entry("entry-role", centre=network.centre, action="membership.role")

    response = client_for("manager").get(URL, {"action": "membership.role"})

    assert shown(response) == ["entry-role"]


def test_filter_by_who_ignores_case_and_matches_part_of_the_name(client_for, network):
    entry("entry-maria", centre=network.centre, who="María Pérez")
    entry("entry-jan", centre=network.centre, who="Jan Kowalski")

    response = client_for("manager").get(URL, {"who": "pérez"})

    assert shown(response) == ["entry-maria"]


def test_filter_by_date_range_includes_both_ends(client_for, network):
    for day in (9, 10, 11, 12, 13):
        entry(f"entry-{day}", centre=network.centre, when=noon(2024, 3, day))

    response = client_for("manager").get(URL, {"since": "2024-03-10", "until": "2024-03-12"})

    assert shown(response) == ["entry-12", "entry-11", "entry-10"]


def test_filter_from_a_date_only(client_for, network):
    entry("entry-before", centre=network.centre, when=noon(2024, 3, 9))
    entry("entry-after", centre=network.centre, when=noon(2024, 3, 10))

    assert shown(client_for("manager").get(URL, {"since": "2024-03-10"})) == ["entry-after"]


def test_date_is_the_local_date(client_for, network):
    """Just after midnight in Brussels is still the day before in UTC."""
    late = timezone.make_aware(datetime(2024, 3, 10, 0, 30))
    entry("entry-late", centre=network.centre, when=late)

    response = client_for("manager").get(URL, {"since": "2024-03-10", "until": "2024-03-10"})

    assert shown(response) == ["entry-late"]


def test_start_after_end_shows_an_error(client_for, network):
    entry("entry-one", centre=network.centre, when=noon(2024, 3, 10))

    response = client_for("manager").get(URL, {"since": "2024-03-12", "until": "2024-03-10"})

    assert response.status_code == 200
    assert response.text.count("The start date is after the end date.") == 1


def test_filters_combine(client_for, network):
    entry("entry-match", centre=network.centre, action="membership.role", who="Ana")
    entry("entry-wrong-action", centre=network.centre, who="Ana")
    entry("entry-wrong-who", centre=network.centre, action="membership.role", who="Jan")

    response = client_for("manager").get(URL, {"action": "membership.role", "who": "ana"})

    assert shown(response) == ["entry-match"]


def test_coordinator_filters_by_centre(client_for, three_centres_entries, network):
    response = client_for("coordinator").get(URL, {"centre": str(network.other_centre.code)})

    assert shown(response) == ["entry-other"]


def test_manager_is_offered_only_their_own_centre(client_for, network):
    response = client_for("manager").get(URL)

    assert "Centre of Galicia" in response.text
    assert "Centre of Pomerania" not in response.text


def test_manager_cannot_filter_on_another_centre(client_for, three_centres_entries, network):
    response = client_for("manager").get(URL, {"centre": str(network.other_centre.code)})

    assert "Select a valid choice." in response.text
    assert shown(response) == ["entry-home"]


def test_malformed_date_shows_an_error(client_for, network):
    response = client_for("manager").get(URL, {"since": "10/03/2024x"})

    assert response.status_code == 200
    assert "Enter a valid date." in response.text


# htmx


def test_htmx_request_gets_only_the_results_fragment(client_for, network):
    entry("entry-home", centre=network.centre)

    response = client_for("manager").get(URL, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<form" not in response.text
    assert "<table>" in response.text
    assert shown(response) == ["entry-home"]
    assert "HX-Request" in response["Vary"]


def test_htmx_fragment_applies_the_filters(client_for, network):
    entry("entry-login", centre=network.centre, action="account.login")
    entry("entry-role", centre=network.centre, action="membership.role")

    response = client_for("manager").get(URL, {"action": "account.login"}, HTTP_HX_REQUEST="true")

    assert shown(response) == ["entry-login"]


def test_htmx_fragment_shows_a_date_range_error(client_for, network):
    response = client_for("manager").get(
        URL, {"since": "2024-03-12", "until": "2024-03-10"}, HTTP_HX_REQUEST="true"
    )

    assert "<html" not in response.text
    assert "The start date is after the end date." in response.text


def test_full_page_and_fragment_are_cached_apart(client_for, network):
    assert "HX-Request" in client_for("manager").get(URL)["Vary"]


# Pages


@pytest.fixture
def many_entries(network):
    for number in range(PAGE_SIZE + 10):
        entry(f"entry-{number:03d}", centre=network.centre, when=noon(2024, 1, 1))


def test_first_page_holds_a_page_of_entries(client_for, many_entries):
    response = client_for("manager").get(URL)

    rows = shown(response)
    assert len(rows) == PAGE_SIZE
    assert rows[0] == "entry-059"
    assert "Page 1 of 2" in response.text
    assert "Next page" in response.text
    assert "Previous page" not in response.text


def test_second_page_holds_the_rest(client_for, many_entries):
    response = client_for("manager").get(URL, {"page": "2"})

    rows = shown(response)
    assert rows == [f"entry-{number:03d}" for number in range(9, -1, -1)]
    assert "Page 2 of 2" in response.text
    assert "Previous page" in response.text


def test_page_links_keep_the_filters(client_for, many_entries):
    response = client_for("manager").get(URL, {"action": "account.login", "page": "1"})

    assert 'href="?action=account.login&amp;page=2"' in response.text


def test_page_number_out_of_range_shows_the_last_page(client_for, many_entries):
    response = client_for("manager").get(URL, {"page": "99"})

    assert "Page 2 of 2" in response.text
    assert len(shown(response)) == 10


def test_htmx_fragment_is_paginated_too(client_for, many_entries):
    response = client_for("manager").get(URL, {"page": "2"}, HTTP_HX_REQUEST="true")

    assert len(shown(response)) == 10
    assert "Page 2 of 2" in response.text


# Queries


@pytest.mark.parametrize("count", [3, PAGE_SIZE + 10])
def test_query_count_does_not_grow_with_entries(
    client_for, network, django_assert_num_queries, count
):
    for number in range(count):
        entry(f"entry-{number:03d}", centre=network.centre)
    client = client_for("manager")

    with django_assert_num_queries(6):
        response = client.get(URL, {"action": "account.login"})

    assert len(shown(response)) == min(count, PAGE_SIZE)


def test_htmx_fragment_query_count(client_for, many_entries, django_assert_num_queries):
    client = client_for("manager")

    with django_assert_num_queries(5):
        client.get(URL, HTTP_HX_REQUEST="true")
