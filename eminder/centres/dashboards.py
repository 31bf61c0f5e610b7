"""Figures for the centre dashboard and the network overview, aggregated in SQL."""

from collections.abc import Sequence

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eminder.accounts.models import STAFF_ROLES, Membership, Role
from eminder.centres.models import Centre, Partner
from eminder.lib.charts import Chart, bar_chart

SOURCE = gettext_lazy("Source: e-MINDER centre records")


def centre_figures(centre: Centre) -> dict:
    # order_by(): the models' default ordering would join tables the counts do not need.
    roles = dict(
        Membership.objects.filter(centre=centre, is_active=True)
        .order_by()
        .values_list("role")
        .annotate(n=Count("id"))
    )
    kinds = dict(centre.partners.order_by().values_list("kind").annotate(n=Count("id")))
    return {
        "staff_by_role": [
            (label, roles.get(value, 0)) for value, label in Role.choices if value in STAFF_ROLES
        ],
        "staff_total": sum(roles.get(r, 0) for r in STAFF_ROLES),
        "sme_owner_total": roles.get(Role.SME_OWNER, 0),
        "partners_by_kind": [
            (label, kinds[value]) for value, label in Partner.Kind.choices if value in kinds
        ],
        "partner_total": sum(kinds.values()),
    }


def network_rows() -> QuerySet[Centre]:
    """One row per centre with its staff, SME-owner and partner counts and region codes."""
    rows = Centre.objects.annotate(
        staff=Count(
            "memberships",
            filter=Q(memberships__is_active=True, memberships__role__in=STAFF_ROLES),
            distinct=True,
        ),
        sme_owners=Count(
            "memberships",
            filter=Q(memberships__is_active=True, memberships__role=Role.SME_OWNER),
            distinct=True,
        ),
        partner_count=Count("partners", distinct=True),
    )
    # A query with GROUP BY ignores Meta.ordering: without this the order is the database's.
    return rows.order_by("name").prefetch_related("regions")


def partners_chart(centres: Sequence[Centre]) -> Chart:
    counts = {
        (centre_id, kind): n
        for centre_id, kind, n in Partner.objects.filter(centre__in=centres)
        .order_by()
        .values_list("centre_id", "kind")
        .annotate(n=Count("id"))
    }
    categories = [c.short_name for c in centres]
    series = {
        str(label): [counts.get((c.pk, value), 0) for c in centres]
        for value, label in Partner.Kind.choices
    }
    series = {name: values for name, values in series.items() if any(values)}
    return bar_chart(
        chart_id="partners-by-type",
        title=_("Partner organisations by type"),
        categories=categories,
        series=series,
        columns=[_("Centre"), *series.keys()],
        source=str(SOURCE),
    )
