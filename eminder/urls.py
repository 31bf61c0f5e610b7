from django.urls import include, path

from eminder.api import api
from eminder.centres.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("eminder.accounts.urls")),
    path("centres/", include("eminder.centres.urls")),
    path("audit/", include("eminder.audits.urls")),
    path("jobs/", include("eminder.jobs.urls")),
    path("enterprises/", include("eminder.enterprises.urls")),
    path("statistics/", include("eminder.indicators.urls")),
    path("", include("eminder.assessments.urls")),
    path("", include("eminder.assessments.cohort_urls")),
    path("api/v1/", api.urls),
]

handler403 = "eminder.errors.permission_denied"
handler404 = "eminder.errors.page_not_found"
handler500 = "eminder.errors.server_error"
handler400 = "eminder.errors.bad_request"
