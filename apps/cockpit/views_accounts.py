"""Accounts for the animation team: find an account, change its role, deactivate or reactivate it.
Rules in apps.accounts.perms (never oneself, administrators only by administrators), writes in
apps.accounts.services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from apps.accounts import perms as account_perms
from apps.accounts import services as account_services
from apps.accounts.models import Role, User
from apps.cockpit.forms import AccountFilterForm, RoleForm
from apps.cockpit.views import CRUMB, _gate
from apps.core.confirm import confirm_action

ACCOUNTS_PER_PAGE = 50


def account_list(request):
    if (refused := _gate(request, account_perms.can_manage_accounts)) is not None:
        return refused
    form = AccountFilterForm(request.GET)
    filters = form.filters()
    accounts = User.objects.order_by("last_name", "first_name", "email")
    if query := filters.get("q", "").strip():
        accounts = accounts.filter(
            Q(email__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query)
        )
    if role := filters.get("role"):
        accounts = accounts.filter(role=role)
    state = filters.get("etat")
    if state == "actifs":
        accounts = accounts.filter(is_active=True)
    elif state == "desactives":
        accounts = accounts.filter(is_active=False, email_verified_at__isnull=False)
    elif state == "non-confirmes":
        accounts = accounts.filter(email_verified_at__isnull=True)
    page = Paginator(accounts, ACCOUNTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cockpit/accounts.html",
        {
            "title": "Comptes et rôles",
            "breadcrumb": [CRUMB, ("Comptes et rôles", None)],
            "form": form,
            "page_obj": page,
            "accounts": page.object_list,
        },
    )


def _account(request, pk) -> User:
    return get_object_or_404(User, pk=pk)


def _allowed_roles(user, account) -> list[tuple[str, str]]:
    return [
        (value, label) for value, label in Role.choices if account_perms.can_change_role(user, account, value)
    ]


@require_http_methods(["GET", "POST"])
def account_detail(request, pk):
    if (refused := _gate(request, account_perms.can_manage_accounts)) is not None:
        return refused
    account = _account(request, pk)
    may_change_role = account_perms.can_change_role(request.user, account)
    form = RoleForm(
        request.POST or None, roles=_allowed_roles(request.user, account), initial={"role": account.role}
    )
    if request.method == "POST":
        if not may_change_role:
            raise PermissionDenied("Vous ne pouvez pas changer le rôle de ce compte.")
        if form.is_valid():
            try:
                account_services.user_set_role(
                    account=account, role=form.cleaned_data["role"], changed_by=request.user
                )
            except account_services.AccountError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, f"{account} a désormais le rôle « {account.get_role_display()} ».")
                return redirect("cockpit:account", pk=account.pk)
    person = getattr(account, "person", None)
    return render(
        request,
        "cockpit/account.html",
        {
            "title": f"Compte de {account}",
            "breadcrumb": [CRUMB, ("Comptes et rôles", reverse("cockpit:accounts")), (str(account), None)],
            "account": account,
            "person": person if person is not None and not person.is_removed else None,
            "form": form,
            "is_self": account.pk == request.user.pk,
            "may_change_role": may_change_role,
            "may_deactivate": account_perms.can_deactivate_account(request.user, account),
            "may_reactivate": account_perms.can_reactivate_account(request.user, account),
        },
    )


@require_http_methods(["GET", "POST"])
def account_set_active(request, pk, active: bool):
    if (refused := _gate(request, account_perms.can_manage_accounts)) is not None:
        return refused
    account = _account(request, pk)
    check = account_perms.can_reactivate_account if active else account_perms.can_deactivate_account
    if not check(request.user, account):
        raise PermissionDenied("Vous ne pouvez pas modifier ce compte.")
    detail_url = reverse("cockpit:account", kwargs={"pk": account.pk})
    if active:
        title = f"Réactiver le compte de {account}"
        message = "La personne pourra de nouveau se connecter avec son mot de passe."
        button, success = "Réactiver le compte", f"Le compte de {account} est réactivé."
    else:
        title = f"Désactiver le compte de {account}"
        message = (
            "La personne ne pourra plus se connecter et sera déconnectée à sa prochaine page. "
            "Ses contributions et sa fiche restent en place ; le compte peut être réactivé plus tard."
        )
        button, success = "Désactiver le compte", f"Le compte de {account} est désactivé."
    return confirm_action(
        request,
        title=title,
        message=message,
        button=button,
        cancel_url=detail_url,
        action=lambda: account_services.user_set_active(
            account=account, active=active, changed_by=request.user
        ),
        success=success,
        done_url=detail_url,
        breadcrumb=[CRUMB, ("Comptes et rôles", reverse("cockpit:accounts")), (title, None)],
        checkbox=not active,
        danger=not active,
    )
