from django.urls import path

from eminder.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.explorer, name="explorer"),
    path("monitors/", views.monitor_index, name="monitor_index"),
    path("monitors/<uuid:code>/", views.monitor, name="monitor"),
    path("imports/", views.imports, name="imports"),
]
