from django.urls import path

from eminder.enterprises import views

app_name = "enterprises"

urlpatterns = [
    path("", views.enterprise_list, name="list"),
    path("new/", views.create, name="create"),
    path("import/", views.import_upload, name="import"),
    path("import/template/", views.import_template, name="import_template"),
    path("import/<uuid:code>/", views.import_report, name="import_report"),
    path("import/<uuid:code>/confirm/", views.import_confirm, name="import_confirm"),
    path("<uuid:code>/", views.detail, name="detail"),
    path("<uuid:code>/edit/", views.edit, name="edit"),
    path("<uuid:code>/contacts/new/", views.contact_form, name="contact_create"),
    path("<uuid:code>/contacts/<uuid:contact_code>/", views.contact_form, name="contact_edit"),
    path(
        "<uuid:code>/contacts/<uuid:contact_code>/export/",
        views.contact_export,
        name="contact_export",
    ),
    path(
        "<uuid:code>/contacts/<uuid:contact_code>/erase/",
        views.contact_erase,
        name="contact_erase",
    ),
]
