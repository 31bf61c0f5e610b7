from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "eminder.assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # Submitted assessments appear on their enterprise's timeline.
        from eminder.assessments.timeline import assessment_events
        from eminder.enterprises.timeline import register_source

        register_source(assessment_events)
