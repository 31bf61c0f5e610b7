from django.urls import path

from eminder.centres import views

app_name = "centres"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("new/", views.create, name="create"),
    path("<uuid:code>/", views.dashboard, name="dashboard"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/profile-pdf/", views.profile_pdf, name="profile_pdf"),
    path("<uuid:code>/partners/new/", views.partner_form, name="partner_create"),
    path("<uuid:code>/partners/<uuid:partner_code>/", views.partner_form, name="partner_edit"),
    path(
        "<uuid:code>/partners/<uuid:partner_code>/delete/",
        views.partner_delete,
        name="partner_delete",
    ),
]
