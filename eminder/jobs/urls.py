from django.urls import path

from eminder.jobs import views

app_name = "jobs"

urlpatterns = [
    path("<uuid:code>/", views.status, name="status"),
    path("<uuid:code>/download/", views.download, name="download"),
]
