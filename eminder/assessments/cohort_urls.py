"""Cohort pages, the EDIH DMA export and the SME's PDF report, included at the site root."""

from django.urls import path

from eminder.assessments import cohort_views

app_name = "cohorts"

urlpatterns = [
    path("centres/<uuid:code>/cohort/", cohort_views.cohort, name="cohort"),
    path("centres/<uuid:code>/cohort/edih-export/", cohort_views.edih_export, name="edih_export"),
    path("centres/edih-export/", cohort_views.network_edih_export, name="network_edih_export"),
    path("assessments/<uuid:code>/report.pdf", cohort_views.report_pdf, name="report_pdf"),
]
