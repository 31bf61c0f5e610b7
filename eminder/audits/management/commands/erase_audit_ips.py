from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from eminder.audits.services import erase_old_ip_addresses


class Command(BaseCommand):
    help = "Erase IP addresses from audit-log entries older than the retention period."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.AUDIT_IP_RETENTION_DAYS,
            help="Retention period in days (default: EMINDER_AUDIT_IP_RETENTION_DAYS).",
        )

    def handle(self, *args, **options) -> None:
        count = erase_old_ip_addresses(older_than_days=options["days"])
        message = ngettext(
            "Erased the IP address of %(count)d audit entry.",
            "Erased the IP address of %(count)d audit entries.",
            count,
        )
        self.stdout.write(message % {"count": count})
