"""An enterprise's timeline: what happened to it, newest first, gathered from every app.

Each source is a function `(enterprise) -> iterable of Event`. This app registers the audit
log (the enterprise registered, changed, its owners and contacts, imports). A later capability
adds its own events by registering a source when Django starts, in its `AppConfig.ready()`:

    from eminder.enterprises.timeline import Event, register_source

    def assessment_events(enterprise):
        for assessment in enterprise.assessments.all():
            yield Event(when=assessment.submitted_at, title=_("Assessed digital maturity"), ...)

    register_source(assessment_events)

A source sees only an enterprise the reader may already see (the detail page checked it), and
must itself leave out anything the enterprise's readers should not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from eminder.audits.models import AuditEntry
from eminder.enterprises.models import Contact, Enterprise


@dataclass(frozen=True)
class Event:
    when: datetime
    title: str
    actor: str = ""
    detail: str = ""
    kind: str = "audit"  # the source's name, for styling and tests


Source = Callable[[Enterprise], Iterable[Event]]
_sources: list[Source] = []


def register_source(source: Source) -> Source:
    """Add a source of events to every enterprise's timeline (usable as a decorator)."""
    if source not in _sources:
        _sources.append(source)
    return source


def timeline_for(enterprise: Enterprise, limit: int = 200) -> list[Event]:
    """The newest `limit` events of the enterprise from every source, newest first."""
    events = [event for source in _sources for event in source(enterprise)]
    events.sort(key=lambda event: event.when, reverse=True)
    return events[:limit]


@register_source
def audit_events(enterprise: Enterprise) -> Iterable[Event]:
    """The audit log's entries about the enterprise (contact events included)."""
    entries = AuditEntry.objects.filter(
        object_type="enterprise", object_code=str(enterprise.code)
    ).order_by("-created_at", "-id")[:200]
    contacts = {str(code): name for code, name in enterprise.contacts.values_list("code", "name")}
    for entry in entries:
        yield Event(
            when=entry.created_at,
            title=entry.action_label,
            actor=entry.actor_label,
            detail=_detail(entry, contacts),
        )


def _detail(entry: AuditEntry, contacts: dict[str, str]) -> str:
    details = entry.details or {}
    parts = []
    if "contact" in details:
        # Entries keep only the contact's code; the name is shown while the person is on file.
        parts.append(contacts.get(details["contact"], _("a contact person no longer on file")))
    model = Contact if "contact" in details else Enterprise
    changed = list(details.get("changes") or details.get("fields") or [])
    if changed:
        names = ", ".join(_field_name(model, name) for name in changed)
        parts.append(_("Changed: %(fields)s") % {"fields": names})
    if details.get("added") or details.get("removed"):
        parts.append(
            _("Linked: %(added)s. Unlinked: %(removed)s.")
            % {
                "added": ", ".join(details.get("added") or []) or "–",
                "removed": ", ".join(details.get("removed") or []) or "–",
            }
        )
    if "import" in details:
        parts.append(_("From an imported file."))
    return " · ".join(parts)


def _field_name(model: type[Enterprise] | type[Contact], name: str) -> str:
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:
        return name
