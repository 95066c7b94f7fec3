"""Writes with side effects on accounts: signup, email verification, profile, GDPR export and erasure.

Every function is keyword-only. Mail always goes through `email_send_templated`, which hands it to
the background worker once the transaction commits.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError
from django.urls import reverse
from django.utils import timezone

from apps.accounts import hooks
from apps.accounts.models import User
from apps.core import gdpr
from apps.core.emails import email_send_templated

logger = logging.getLogger("maillage")

VERIFICATION_SALT = "apps.accounts.verify-email"


def verification_max_age() -> int:
    """Seconds a verification link stays valid (3 days unless the instance says otherwise)."""
    return int(getattr(settings, "MAILLAGE_EMAIL_VERIFICATION_MAX_AGE", 3 * 24 * 3600))


class VerificationError(Exception):
    """The link cannot be used. `expired` tells the page which explanation to give."""

    def __init__(self, message: str, *, expired: bool = False) -> None:
        super().__init__(message)
        self.expired = expired


# --- email verification ---------------------------------------------------------------------


def user_make_verification_token(*, user: User) -> str:
    # The email is signed too: a link sent to an old address never verifies a new one.
    return signing.TimestampSigner(salt=VERIFICATION_SALT).sign_object({"u": user.pk, "e": user.email})


def verification_token_email(*, token: str) -> str:
    """The address a genuine link was made for, even once expired (to prefill the resend form);
    empty for a forged one."""
    try:
        payload = signing.TimestampSigner(salt=VERIFICATION_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        return ""
    return payload.get("e", "") if isinstance(payload, dict) else ""


def user_send_verification(*, user: User) -> None:
    """Mail a fresh verification link to an account that is waiting for one."""
    token = user_make_verification_token(user=user)
    email_send_templated(
        to=user.email,
        template="accounts/emails/verify_email",
        context={
            "first_name": user.first_name,
            "verify_url": settings.MAILLAGE_SITE_URL
            + reverse("accounts:verify_email", kwargs={"token": token}),
            "max_age_days": verification_max_age() // (24 * 3600),
        },
    )


RESEND_INTERVAL_SECONDS = 60


def mail_allowed(*, kind: str, email: str) -> bool:
    """At most one unsolicited mail of a kind per address and minute: the public forms that
    trigger them must not become a way to flood someone's mailbox."""
    return cache.add(f"accounts:{kind}:{email}", True, timeout=RESEND_INTERVAL_SECONDS)


def user_resend_verification(*, email: str) -> None:
    """Resend the link if `email` belongs to an unverified account; do nothing visible otherwise
    (the caller shows the same message either way, so that nobody can probe which addresses exist)."""
    user = User.objects.filter(email=email.strip().lower()).first()
    if user is None or user.email_verified_at is not None:
        return
    if mail_allowed(kind="verify", email=user.email):
        user_send_verification(user=user)


def _verification_user(*, token: str, lock: bool) -> User:
    """The unverified account a genuine, unexpired link names; raises VerificationError otherwise."""
    signer = signing.TimestampSigner(salt=VERIFICATION_SALT)
    try:
        payload = signer.unsign_object(token, max_age=verification_max_age())
    except signing.SignatureExpired as exc:
        raise VerificationError("Ce lien de confirmation a expiré.", expired=True) from exc
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise VerificationError("Ce lien de confirmation n'est pas valide.") from exc
    if not isinstance(payload, dict):
        raise VerificationError("Ce lien de confirmation n'est pas valide.")
    users = User.objects.filter(pk=payload.get("u"), email=payload.get("e"))
    if lock:
        users = users.select_for_update(of=("self",))
    user: User | None = users.first()
    if user is None:
        raise VerificationError("Ce lien de confirmation n'est pas valide.")
    if user.email_verified_at is not None:
        # A link is good for one activation only: replaying it must not open a session.
        raise VerificationError("Cette adresse a déjà été confirmée : connectez-vous.")
    return user


def verification_check(*, token: str) -> User:
    """What the link's page shows before the button (a read: a mail scanner opening the link
    activates nothing). Raises VerificationError when the link cannot be used."""
    return _verification_user(token=token, lock=False)


def user_verify_email(*, token: str) -> User:
    """Activate the account behind `token` (`user_activate`) and return it.

    Raises VerificationError when the link is forged, expired, or already used."""
    with transaction.atomic():
        user = _verification_user(token=token, lock=True)
        user_activate(user=user)
    return user


def user_activate(*, user: User) -> User:
    """Mark the address verified and open the account; the apps above add what follows (the
    directory gives it its card: `apps.accounts.hooks.register_account_activated`)."""
    with transaction.atomic():
        user.email_verified_at = timezone.now()
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
        hooks.account_activated_run(user=user)
    return user


# --- signup ---------------------------------------------------------------------------------


def user_signup(
    *, first_name: str, last_name: str, email: str, password: str, directory_consent: bool
) -> User | None:
    """Create an inactive account and mail its verification link.

    If the address already has an account, nothing is created and the owner gets a mail instead
    (a new link if still unverified, a reminder otherwise): the signup page answers the same in
    every case, so it cannot be used to find out who has an account. Returns the new user or None."""
    email = email.strip().lower()
    existing = User.objects.filter(email=email).first()
    if existing is not None:
        # The same costly work as a creation (hashing the password), and the mail left to the
        # worker: the answer takes as long whether or not the address has an account.
        make_password(password)
        from apps.accounts.tasks import signup_existing_address_task
        from apps.core.tasks import enqueue_on_commit

        enqueue_on_commit(signup_existing_address_task, user_id=existing.pk)
        return None
    try:
        with transaction.atomic():
            user: User = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                is_active=False,
                signup_directory_consent=directory_consent,
                personal_data_accepted_at=timezone.now(),
            )
    except IntegrityError:
        # Two submissions raced for the same address: the other one won.
        return None
    mail_allowed(kind="verify", email=user.email)  # the first link counts towards the interval
    user_send_verification(user=user)
    return user


def user_signup_notify_existing(*, user: User) -> None:
    if user.email_verified_at is None:
        user_resend_verification(email=user.email)
        return
    if not mail_allowed(kind="exists", email=user.email):
        return
    email_send_templated(
        to=user.email,
        template="accounts/emails/account_exists",
        context={
            "first_name": user.first_name,
            "login_url": settings.MAILLAGE_SITE_URL + reverse("accounts:login"),
            "reset_url": settings.MAILLAGE_SITE_URL + reverse("accounts:password_reset"),
        },
    )


# --- roles and deactivation (the animation team) ---------------------------------------------------


class AccountError(Exception):
    """A rule refused the change; the message is French and shown as is."""


def user_set_role(*, account: User, role: str, changed_by: User) -> User:
    """Give `account` a role. The technical flag `is_staff` follows the administrator role (unless
    the account is one of the operator's superusers)."""
    from apps.accounts.models import Role

    if role not in Role.values:
        raise AccountError("Ce rôle n'existe pas.")
    if account.pk == changed_by.pk:
        raise AccountError("Vous ne pouvez pas changer votre propre rôle.")
    account.role = role
    if role != Role.ADMIN and not account.is_superuser:
        account.is_staff = False
    account.save(update_fields=["role", "is_staff"])
    return account


def user_set_active(*, account: User, active: bool, changed_by: User) -> User:
    """Deactivate an account (it can no longer log in; its sessions stop at the next request,
    its content stays) or reactivate it."""
    if account.pk == changed_by.pk:
        raise AccountError("Vous ne pouvez pas désactiver votre propre compte.")
    if active and account.email_verified_at is None:
        raise AccountError("Ce compte n'a jamais confirmé son adresse : la personne doit le faire elle-même.")
    account.is_active = active
    account.save(update_fields=["is_active"])
    return account


# --- profile --------------------------------------------------------------------------------


def user_update_profile(*, user: User, first_name: str, last_name: str) -> User:
    """Update the account's names (the directory's `account_profile_update` also updates the card)."""
    user.first_name = first_name.strip()
    user.last_name = last_name.strip()
    user.save(update_fields=["first_name", "last_name"])
    return user


# --- GDPR -----------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def user_export_data(*, user: User) -> dict:
    """Everything the platform holds about `user` (GDPR art. 15 and 20), as JSON-ready data: the
    account here, what each app holds (its directory card too) under `other_data`."""
    return {
        "format": "maillage-export-compte/2",
        "exported_at": timezone.now().isoformat(),
        "network": settings.MAILLAGE_NETWORK_NAME,
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "role": user.role,
            "role_label": user.get_role_display(),
            "is_active": user.is_active,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_verified_at": _iso(user.email_verified_at),
            "personal_data_accepted_at": _iso(user.personal_data_accepted_at),
            "signup_directory_consent": user.signup_directory_consent,
        },
        "login_attempts": _axes_logs(email=user.email),
        "other_data": {
            label: declared.export(user=user)
            for label, declared in gdpr.registry().items()
            if declared.export
        },
    }


def _axes_logs(*, email: str) -> list[dict]:
    """Connection logs django-axes keeps under this address (IP addresses are personal data)."""
    from axes.models import AccessLog

    return [
        {
            "attempt_time": _iso(log.attempt_time),
            "logout_time": _iso(log.logout_time),
            "ip_address": log.ip_address,
            "user_agent": log.user_agent,
        }
        for log in AccessLog.objects.filter(username=email).order_by("attempt_time")
    ]


def user_erase(*, user: User) -> None:
    """Erase an account (GDPR art. 17): what each app holds is erased (the directory card, last, is
    anonymised), its login logs and the account itself deleted. Rows of other apps that must outlive the account keep a NULL author
    (their foreign keys say SET_NULL); if one protects the account, it is anonymised in place."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    with transaction.atomic():
        # Each app erases what it holds (apps.core.gdpr registry: declared in apps/<app>/gdpr.py),
        # the directory card last: the others find the person through it.
        for declared in sorted(gdpr.registry().values(), key=lambda declared: declared.erase_last):
            if declared.erase:
                declared.erase(user=user)
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username=user.email).delete()
        # Mails queued or sent to the person keep their address and body in the task queue.
        gdpr.task_rows_purge(email=user.email)
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            logger.warning("account %s is protected by other records: anonymised instead of deleted", user.pk)
            user.email = f"compte-efface-{user.pk}@invalid"
            user.first_name = ""
            user.last_name = ""
            user.is_active = False
            user.is_staff = False
            user.is_superuser = False
            user.set_unusable_password()
            user.save()
