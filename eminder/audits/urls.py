from django.urls import path

from eminder.audits import views

app_name = "audits"

urlpatterns = [path("", views.entry_list, name="list")]
