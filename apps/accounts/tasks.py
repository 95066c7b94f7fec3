"""Background work of accounts."""

from django.tasks import task


@task()
def signup_existing_address_task(*, user_id: int):
    """Someone signed up with the address of an existing account: its owner is told (a new link if
    still unverified, a reminder otherwise). Done by the worker so that the signup request does the
    same work whether or not the address exists (no timing oracle). Carries the account id, not
    the address (the task queue keeps its arguments)."""
    from apps.accounts.models import User
    from apps.accounts.services import user_signup_notify_existing

    user = User.objects.filter(pk=user_id).first()
    if user is not None:
        user_signup_notify_existing(user=user)
