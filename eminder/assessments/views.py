"""Assessment pages: an enterprise's assessments, starting one, answering it (staff or through
a self-service link), its results, and correcting or withdrawing it.

Staff pages live under /enterprises/<code>/assessments/ and /assessments/<code>/; the public
self-service pages under /self-assessment/<token>/, where the token is the only key and names
one assessment of one enterprise.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from eminder.assessments import flow, services
from eminder.assessments.access import (
    LinkGone,
    can_edit_assessments,
    get_assessment_for,
    get_link_for_token,
)
from eminder.assessments.forms import LanguageForm, LinkForm, ReasonForm, StartForm
from eminder.assessments.models import Assessment, Kind, Mode
from eminder.assessments.results import module_views, progress_of, submitted_dma_modules
from eminder.enterprises.access import get_enterprise_for
from eminder.enterprises.models import Enterprise
from eminder.lib.charts import Chart
from eminder.lib.export import FORMATS, table_response
from eminder.lib.requests import AuthenticatedRequest, client_ip


@login_required
def enterprise_list(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """An enterprise's assessments, by stage, with their scores."""
    enterprise = get_enterprise_for(request.user, code)
    assessments = (
        Assessment.objects.visible_to(request.user)
        .filter(enterprise=enterprise)
        .prefetch_related("modules")
        .order_by("stage", "-created_at")
    )
    context = {
        "enterprise": enterprise,
        "assessments": assessments,
        "can_edit": can_edit_assessments(request.user, enterprise.centre_id),
    }
    return render(request, "assessments/enterprise_list.html", context)


def _contact_email(enterprise: Enterprise) -> str:
    """The email of a contact person who agreed to be contacted, to send a link to."""
    consenting = enterprise.contacts.filter(
        consent_date__isnull=False, consent_withdrawn_on__isnull=True
    ).exclude(email="")
    return consenting.values_list("email", flat=True).first() or ""


@login_required
def start(request: AuthenticatedRequest, code: str) -> HttpResponse:
    enterprise = get_enterprise_for(request.user, code, write=True)
    form = StartForm(
        request.POST or None,
        stage=services.next_stage(enterprise),
        email=_contact_email(enterprise),
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.start_assessment(
                actor=request.user,
                enterprise=enterprise,
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _started(request, assessment)
    context = {"enterprise": enterprise, "form": form}
    return render(request, "assessments/start.html", context, status=400 if form.errors else 200)


def _started(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    if assessment.mode == Mode.SELF_SERVICE:
        messages.success(request, _("The assessment is started and its link is sent."))
        return redirect("assessments:detail", code=assessment.code)
    sitting = flow.Sitting(request, assessment)
    return redirect(sitting.step_url(sitting.steps[0]))


def _download(request: HttpRequest, charts: dict[str, Chart]) -> HttpResponse | None:
    """`?format=csv|xlsx` (and `chart=`): the table of a chart on the page."""
    file_format = request.GET.get("format")
    if not file_format:
        return None
    chart = charts.get(request.GET.get("chart", "dimensions"))
    if file_format not in FORMATS or chart is None:
        raise Http404(_("Unknown download format."))
    return table_response(
        filename=chart.title,
        columns=chart.columns,
        rows=chart.rows,
        source=chart.source,
        file_format=file_format,
    )


@login_required
def detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """A draft's steps and links; a submitted (or withdrawn) assessment's results."""
    assessment = get_assessment_for(request.user, code)
    can_edit = can_edit_assessments(request.user, assessment.enterprise.centre_id)
    if assessment.is_draft:
        return _draft_page(request, assessment, can_edit)
    language = get_language()
    modules = module_views(assessment, services.modules_of(assessment), language)
    dma = next((view for view in modules if view.kind == Kind.DMA), None)
    progress = None
    if assessment.is_submitted:
        progress = progress_of(submitted_dma_modules(assessment.enterprise), language)
    charts = {"dimensions": dma.chart if dma else None, "progress": progress and progress.chart}
    download = _download(request, {key: chart for key, chart in charts.items() if chart})
    if download is not None:
        return download
    context = {"assessment": assessment, "modules": modules, "progress": progress}
    return render(request, "assessments/results.html", context | {"can_edit": can_edit})


def _draft_page(request: HttpRequest, assessment: Assessment, can_edit: bool) -> HttpResponse:
    sitting = flow.Sitting(request, assessment)
    context = {
        "sitting": sitting,
        "steps": sitting.summary(get_language()),
        "links": assessment.links.all(),
        "link_form": LinkForm(),
        "can_edit": can_edit,
    }
    return render(request, "assessments/draft.html", context)


def _draft_sitting(request: AuthenticatedRequest, code: str) -> flow.Sitting:
    return flow.Sitting(request, get_assessment_for(request.user, code, write=True))


def _not_in_progress(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    messages.info(
        request,
        _("This assessment is no longer in progress. To change it, reopen it for correction."),
    )
    return redirect("assessments:detail", code=assessment.code)


@login_required
@vary_on_headers("HX-Request")
def step(request: AuthenticatedRequest, code: str, step: str) -> HttpResponse:
    sitting = _draft_sitting(request, code)
    if not sitting.assessment.is_draft:
        return _not_in_progress(request, sitting.assessment)
    return flow.step_page(request, sitting, step)


@login_required
def submit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Review what is complete, and submit."""
    sitting = _draft_sitting(request, code)
    if not sitting.assessment.is_draft:
        return _not_in_progress(request, sitting.assessment)
    if request.method == "POST":
        refused = flow.submit(request, sitting)
        if refused is not None:
            return refused
        messages.success(request, _("The assessment is submitted and scored."))
        return redirect("assessments:detail", code=sitting.assessment.code)
    return flow.render_review(request, sitting)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return redirect(target if target and allowed else default)


@login_required
@require_POST
def language(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Change the language the questionnaire is shown in."""
    assessment = get_assessment_for(request.user, code, write=True)
    form = LanguageForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Unknown language."))
        services.set_assessment_language(
            assessment=assessment, language=form.cleaned_data["language"], actor=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, assessment.get_absolute_url())


@login_required
@require_POST
def send_link(request: AuthenticatedRequest, code: str) -> HttpResponse:
    assessment = get_assessment_for(request.user, code, write=True)
    form = LinkForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["email"].as_data())
        services.send_self_service_link(
            actor=request.user,
            assessment=assessment,
            email=form.cleaned_data["email"],
            ip_address=client_ip(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new link is sent. The earlier links no longer work."))
    return redirect("assessments:detail", code=assessment.code)


def _reason_page(
    request: AuthenticatedRequest,
    code: str,
    action: Callable[..., Assessment],
    done: str,
    template: str,
) -> HttpResponse:
    assessment = get_assessment_for(request.user, code, write=True)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(
                actor=request.user,
                assessment=assessment,
                reason=form.cleaned_data["reason"],
                ip_address=client_ip(request),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("assessments:detail", code=assessment.code)
    context = {"assessment": assessment, "form": form}
    return render(request, template, context, status=400 if form.errors else 200)


@login_required
def correct(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Reopen a submitted assessment for correction, giving the reason."""
    done = _("The assessment is reopened: correct the answers, then submit it again.")
    return _reason_page(
        request, code, services.correct_assessment, done, "assessments/correct.html"
    )


@login_required
def withdraw(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Withdraw an assessment, giving the reason."""
    done = _("The assessment is withdrawn. It no longer counts in results or statistics.")
    return _reason_page(
        request, code, services.withdraw_assessment, done, "assessments/withdraw.html"
    )


# --- Self-service, through a link ------------------------------------------------------------

RespondentView = Callable[..., HttpResponse]


def respondent_page(view: RespondentView) -> Callable[..., HttpResponse]:
    """A page of the link's assessment, in its questionnaire's language; a dead link: 410."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str, *args: object, **kwargs: object) -> HttpResponse:
        try:
            link = get_link_for_token(token)
        except LinkGone as gone:
            return _gone(request, gone)
        sitting = flow.Sitting(request, link.assessment, link, token)
        with translation.override(sitting.language):
            response = view(request, sitting, *args, **kwargs)
        response.headers.setdefault("Content-Language", sitting.language)
        add_never_cache_headers(response)  # the address is a key: no shared cache keeps it
        return response

    return wrapped


def _gone(request: HttpRequest, gone: LinkGone) -> HttpResponse:
    language = gone.assessment.language if gone.assessment else get_language()
    with translation.override(language):
        response = render(
            request, "assessments/link_gone.html", {"message": gone.message}, status=410
        )
    response.headers.setdefault("Content-Language", language)
    return response


@respondent_page
def respond(request: HttpRequest, sitting: flow.Sitting) -> HttpResponse:
    """The link's first page: who asks, what is asked, and where to go on."""
    started = any(module.answers for module in sitting.modules)
    context = {"sitting": sitting, "assessment": sitting.assessment, "started": started}
    context["modules"] = [m.instrument.title.in_language(sitting.language) for m in sitting.modules]
    return render(request, "assessments/respond.html", context)


@vary_on_headers("HX-Request")
@respondent_page
def respond_step(request: HttpRequest, sitting: flow.Sitting, step: str) -> HttpResponse:
    return flow.step_page(request, sitting, step)


@respondent_page
def respond_submit(request: HttpRequest, sitting: flow.Sitting) -> HttpResponse:
    if request.method != "POST":
        return flow.render_review(request, sitting)
    refused = flow.submit(request, sitting)
    if refused is not None:
        return refused
    # The link is used now: the scores are shown once, in this answer.
    assessment = sitting.assessment
    modules = module_views(assessment, services.modules_of(assessment), sitting.language)
    context = {"sitting": sitting, "assessment": assessment, "modules": modules}
    return render(request, "assessments/respond_done.html", context)


@require_POST
@respondent_page
def respond_language(request: HttpRequest, sitting: flow.Sitting) -> HttpResponse:
    form = LanguageForm(request.POST)
    if form.is_valid():
        services.set_assessment_language(
            assessment=sitting.assessment, language=form.cleaned_data["language"], link=sitting.link
        )
    return _back(request, sitting.url("start"))
