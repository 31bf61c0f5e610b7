from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eminder.accounts import services
from eminder.accounts.forms import (
    AcceptInvitationForm,
    ApiTokenForm,
    InvitationForm,
    LanguageForm,
    LoginForm,
    ReactivateForm,
    RoleForm,
)
from eminder.accounts.models import Invitation, Membership, User
from eminder.centres.access import get_centre_for
from eminder.lib.requests import AuthenticatedRequest, client_ip


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        services.record_login(user=form.get_user(), ip_address=client_ip(self.request))
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            services.record_logout(user=request.user, ip_address=client_ip(request))
        return super().post(request, *args, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        # The form's user is the logged-in user (this view requires a login).
        services.record_password_change(user=form.user, ip_address=client_ip(self.request))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_reset(user=form.user, ip_address=client_ip(self.request))
        return response


@login_required
def profile(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "memberships": request.user.active_memberships,
        "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
        "token_form": ApiTokenForm(),
        "new_token": request.session.pop("new_api_token", None),
    }
    return render(request, "accounts/profile.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch language for this browser and, when logged in, keep it on the account."""
    form = LanguageForm(request.POST)
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if not form.is_valid():
        messages.error(request, _("Unknown language."))
        return response
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        services.set_user_language(
            user=request.user, language=language, ip_address=client_ip(request)
        )
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


@login_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if form.is_valid():
        _token, secret = services.create_api_token(
            user=request.user, name=form.cleaned_data["name"], ip_address=client_ip(request)
        )
        # Shown once on the next page; only the hash stays in the database.
        request.session["new_api_token"] = secret
    else:
        messages.error(request, _("Give the token a name of at most 100 characters."))
    return redirect("accounts:profile")


@login_required
@require_POST
def token_revoke(request: AuthenticatedRequest, code: str) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, code=code, revoked_at__isnull=True)
    services.revoke_api_token(user=request.user, token=token, ip_address=client_ip(request))
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("accounts:profile")


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: an existing user joins, a new person creates an account."""
    try:
        invite = services.invitation_from_token(token)
        if request.user.is_authenticated:
            return _join(request, invite, request.user)
        return _sign_up(request, invite)
    except ValidationError as error:
        # Also reached when a second, simultaneous submission finds the invitation used.
        return render(
            request, "accounts/invitation_invalid.html", {"error": error.messages[0]}, status=410
        )


def _join(request: HttpRequest, invite: Invitation, user: User) -> HttpResponse:
    # The link is for the person it was sent to: another logged-in account may not take it
    # (and, say, replace its own role in that centre).
    if user.email.lower() != invite.email.lower():
        raise PermissionDenied(
            _("This invitation was sent to %(email)s. Log in with that account to accept it.")
            % {"email": invite.email}
        )
    if request.method != "POST":
        return render(request, "accounts/invitation.html", {"invitation": invite, "form": None})
    services.accept_invitation(invitation=invite, user=user, ip_address=client_ip(request))
    messages.success(request, _("You have joined %(centre)s.") % {"centre": invite.centre.name})
    return redirect("home")


def _sign_up(request: HttpRequest, invite: Invitation) -> HttpResponse:
    dormant = User.objects.filter(email__iexact=invite.email, is_active=False).first()
    if dormant is not None:
        return _reactivate(request, invite, dormant)
    form = AcceptInvitationForm(request.POST or None, email=invite.email)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.create_user_from_invitation(
            invitation=invite,
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            password=data["password1"],
            language=translation.get_language(),
            ip_address=client_ip(request),
        )
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(centre)s.") % {"centre": invite.centre.name})
        return redirect("home")
    return render(request, "accounts/invitation.html", {"invitation": invite, "form": form})


def _reactivate(request: HttpRequest, invite: Invitation, user: User) -> HttpResponse:
    """A deactivated account cannot log in: its password, with the invitation, brings it back."""
    form = ReactivateForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.accept_invitation(invitation=invite, user=user, ip_address=client_ip(request))
        auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome back to %(centre)s.") % {"centre": invite.centre.name})
        return redirect("home")
    context = {"invitation": invite, "form": form, "dormant": user}
    return render(request, "accounts/invitation.html", context)


@login_required
def staff(request: AuthenticatedRequest, code: str) -> HttpResponse:
    centre = get_centre_for(request.user, code, manage=True)
    context = {
        "centre": centre,
        "memberships": Membership.objects.visible_to(request.user)
        .filter(centre=centre)
        .select_related("user"),
        "invitations": centre.invitations.filter(accepted_at__isnull=True).select_related(
            "invited_by"
        ),
        "form": InvitationForm(initial={"language": request.LANGUAGE_CODE}),
        "role_form": RoleForm(),
    }
    return render(request, "accounts/staff.html", context)


@login_required
def invite(request: AuthenticatedRequest, code: str) -> HttpResponse:
    centre = get_centre_for(request.user, code, manage=True)
    form = InvitationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        services.invite_member(
            actor=request.user, centre=centre, ip_address=client_ip(request), **form.cleaned_data
        )
        messages.success(
            request,
            _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("accounts:staff", code=centre.code)
    return render(
        request,
        "accounts/invite.html",
        {"centre": centre, "form": form},
        status=400 if form.errors else 200,
    )


def _membership_for(request: AuthenticatedRequest, code: str, membership_code: str) -> Membership:
    centre = get_centre_for(request.user, code, manage=True)
    return get_object_or_404(
        Membership.objects.visible_to(request.user).select_related("user", "centre"),
        centre=centre,
        code=membership_code,
    )


@login_required
@require_POST
def membership_role(request: AuthenticatedRequest, code: str, membership_code: str) -> HttpResponse:
    membership = _membership_for(request, code, membership_code)
    form = RoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose one of the roles offered."))
        services.change_role(
            actor=request.user,
            membership=membership,
            role=form.cleaned_data["role"],
            ip_address=client_ip(request),
        )
        messages.success(request, _("The role of %(name)s is changed.") % {"name": membership.user})
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("accounts:staff", code=code)


@login_required
@require_POST
def membership_active(
    request: AuthenticatedRequest, code: str, membership_code: str
) -> HttpResponse:
    membership = _membership_for(request, code, membership_code)
    active = request.POST.get("active") == "1"
    try:
        services.set_membership_active(
            actor=request.user, membership=membership, active=active, ip_address=client_ip(request)
        )
        if active:
            messages.success(request, _("%(name)s is active again.") % {"name": membership.user})
        else:
            messages.success(request, _("%(name)s is deactivated.") % {"name": membership.user})
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("accounts:staff", code=code)
