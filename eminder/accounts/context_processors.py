from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from eminder.accounts.models import Role


def navigation(request: HttpRequest) -> dict:
    """The main navigation, holding only what the user's roles can open."""
    user = getattr(request, "user", None)
    # Official statistics are public: every visitor sees them.
    statistics = {"url": reverse("indicators:explorer"), "label": _("Statistics")}
    items: list[dict[str, str]] = []
    if user is None or not user.is_authenticated:
        return {"nav_items": [statistics]}
    if user.is_network_coordinator:
        items.append({"url": reverse("centres:overview"), "label": _("Network")})
    for membership in user.active_memberships:
        if membership.centre is not None and membership.role != Role.SME_OWNER:
            items.append(
                {
                    "url": reverse("centres:dashboard", kwargs={"code": membership.centre.code}),
                    "label": membership.centre.short_name,
                }
            )
    if user.is_network_coordinator or user.staff_centres:
        items.append({"url": reverse("enterprises:list"), "label": _("Enterprises")})
    elif any(m.role == Role.SME_OWNER for m in user.active_memberships):
        # An SME owner's list holds only the enterprises linked to their account.
        items.append({"url": reverse("enterprises:list"), "label": _("My enterprise")})
    if user.is_network_coordinator or any(m.role == Role.MANAGER for m in user.active_memberships):
        items.append({"url": reverse("audits:list"), "label": _("Audit log")})
    items.append(statistics)
    items.append({"url": reverse("accounts:profile"), "label": _("My account")})
    return {"nav_items": items}
