"""Assessment pages, included at the site root: staff pages under enterprises/<code>/assessments/
and assessments/<code>/, the public self-service pages under self-assessment/<token>/."""

from django.urls import path

from eminder.assessments import views

app_name = "assessments"

urlpatterns = [
    path("enterprises/<uuid:code>/assessments/", views.enterprise_list, name="enterprise_list"),
    path("enterprises/<uuid:code>/assessments/new/", views.start, name="start"),
    path("assessments/<uuid:code>/", views.detail, name="detail"),
    path("assessments/<uuid:code>/steps/<str:step>/", views.step, name="step"),
    path("assessments/<uuid:code>/submit/", views.submit, name="submit"),
    path("assessments/<uuid:code>/language/", views.language, name="language"),
    path("assessments/<uuid:code>/link/", views.send_link, name="send_link"),
    path("assessments/<uuid:code>/correct/", views.correct, name="correct"),
    path("assessments/<uuid:code>/withdraw/", views.withdraw, name="withdraw"),
    path("self-assessment/<str:token>/", views.respond, name="respond"),
    path("self-assessment/<str:token>/steps/<str:step>/", views.respond_step, name="respond_step"),
    path("self-assessment/<str:token>/submit/", views.respond_submit, name="respond_submit"),
    path("self-assessment/<str:token>/language/", views.respond_language, name="respond_language"),
]
