from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from eminder.accounts import views

app_name = "accounts"

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        views.PasswordChangeView.as_view(success_url=reverse_lazy("accounts:password_change_done")),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="accounts/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset.html",
            email_template_name="accounts/email/password_reset.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("accounts/profile/", views.profile, name="profile"),
    path("accounts/language/", views.set_language, name="set_language"),
    path("accounts/tokens/", views.token_create, name="token_create"),
    path("accounts/tokens/<uuid:code>/revoke/", views.token_revoke, name="token_revoke"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("centres/<uuid:code>/staff/", views.staff, name="staff"),
    path("centres/<uuid:code>/staff/invite/", views.invite, name="invite"),
    path(
        "centres/<uuid:code>/staff/<uuid:membership_code>/role/",
        views.membership_role,
        name="membership_role",
    ),
    path(
        "centres/<uuid:code>/staff/<uuid:membership_code>/active/",
        views.membership_active,
        name="membership_active",
    ),
]
