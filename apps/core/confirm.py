"""One confirmation page before a destructive or irreversible action.

A GET shows what will happen and two buttons; only a POST acts (never a write on GET). With
`checkbox=True` (deletions that cannot be undone) the person must also tick "Je confirme": a
double click or a replayed form does not delete anything by accident.

A view returns `confirm_action(request, title=…, message=…, button=…, cancel_url=…, action=…,
success=…, done_url=…)`, `action` being the service call (`lambda: services.event_delete(…)`).
The definitive deletion of a page's object is `confirm_delete`, which writes the usual texts
(« Vous allez supprimer l'aide « … ». Cette action est définitive. ») and asks for the box.

The permission check comes first, in the view (perms.py); this helper only asks and acts.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from dsfr.forms import DsfrBaseForm


class ConfirmForm(DsfrBaseForm):
    base_fields: dict[str, forms.Field]
    confirm = forms.BooleanField(
        label="Je confirme", required=True, error_messages={"required": "Cochez la case pour confirmer."}
    )

    def __init__(self, *args: Any, label: str = "Je confirme", **kwargs: Any) -> None:
        # Before BaseForm.__init__: DsfrBaseForm renders (and caches) the fields while initialising.
        field = copy.deepcopy(self.base_fields["confirm"])
        field.label = label
        self.base_fields = {"confirm": field}
        super().__init__(*args, **kwargs)


def confirm_action(
    request: HttpRequest,
    *,
    title: str,
    message: str,
    button: str,
    cancel_url: str,
    action: Callable[[], Any],
    success: str | Callable[[Any], str],
    done_url: str | Callable[[Any], str],
    breadcrumb: Sequence[tuple[str, str | None]] = (),
    subject: str = "",
    checkbox: bool = False,
    checkbox_label: str = "Je confirme",
    danger: bool = True,
) -> HttpResponse:
    """GET: the confirmation page. Valid POST: run `action` (a service), say `success`, redirect.
    `success` and `done_url` may be functions of what the action returned."""
    data = request.POST if request.method == "POST" else None
    form = ConfirmForm(data, label=checkbox_label) if checkbox else None
    if request.method == "POST" and (form is None or form.is_valid()):
        result = action()
        messages.success(request, success(result) if callable(success) else success)
        return redirect(done_url(result) if callable(done_url) else done_url)
    return render(
        request,
        "core/confirm.html",
        {
            "title": title,
            "breadcrumb": [*breadcrumb] or [(title, None)],
            "subject": subject,
            "message": message,
            "button": button,
            "cancel_url": cancel_url,
            "form": form,
            "danger": danger,
        },
    )


def confirm_delete(
    request: HttpRequest,
    *,
    what: str,
    name: str,
    url: str,
    crumbs: Sequence[tuple[str, str | None]],
    action: Callable[[], Any],
    done_url: str,
    deleted: str = "supprimé",
) -> HttpResponse:
    """The definitive deletion of a page's object, with the box to tick: `what` names its kind
    (« l'aide »), `name` and `url` the object; `crumbs` lead to it, `deleted` agrees with `what`
    (« supprimée »)."""
    return confirm_action(
        request,
        title=f"Supprimer « {name} »",
        breadcrumb=[*crumbs, (name, url), ("Supprimer", None)],
        message=f"Vous allez supprimer {what} « {name} ». Cette action est définitive.",
        button="Supprimer définitivement",
        cancel_url=url,
        action=action,
        success=f"{what[:1].upper()}{what[1:]} « {name} » a été {deleted}.",
        done_url=done_url,
        checkbox=True,
        checkbox_label="Je confirme la suppression",
    )
