from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from eminder.audits.actions import ACTION_LABELS
from eminder.audits.models import AuditEntry

if TYPE_CHECKING:
    from eminder.accounts.models import User
    from eminder.centres.models import Centre


def record_action(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    centre: Centre | None = None,
    ip_address: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit-log row; called by every audited service inside its transaction."""
    if action not in ACTION_LABELS:
        raise ValueError(f"Unknown audit action {action!r}: add it to ACTION_LABELS.")
    return AuditEntry.objects.create(
        actor=actor if actor and actor.pk else None,
        actor_label=str(actor) if actor and actor.pk else "",
        action=action,
        object_type=(target._meta.model_name or "") if target is not None else "",
        object_code=str(getattr(target, "code", target.pk)) if target is not None else "",
        object_label=str(target)[:200] if target is not None else "",
        centre=centre,
        ip_address=ip_address or None,
        details=details or {},
    )


def erase_old_ip_addresses(*, older_than_days: int) -> int:
    """Blank the IP address of every entry older than the retention period; returns the count."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    with transaction.atomic():
        return AuditEntry.objects.filter(created_at__lt=cutoff, ip_address__isnull=False).update(
            ip_address=None
        )
