"""What accounts holds about a person: the account (exported and erased by
`apps.accounts.services.user_export_data` / `user_erase` themselves), its login addresses and linked
accounts, and the admin's log of a staff member's actions. The directory card: apps/directory/gdpr.py."""

from apps.core.gdpr import PersonalData


def user_export(*, user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount
    from django.contrib.admin.models import LogEntry

    return {
        "adresses électroniques (connexion)": [
            {"adresse": a.email, "vérifiée": a.verified, "principale": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "comptes liés (ProConnect)": [
            {"fournisseur": s.provider, "identifiant": s.uid, "dernière connexion": s.last_login.isoformat()}
            for s in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "actions dans l'administration": [
            {"le": e.action_time.isoformat(), "objet": e.object_repr, "action": e.get_action_flag_display()}
            for e in LogEntry.objects.filter(user=user).order_by("pk")
        ],
    }


PERSONAL_DATA = PersonalData(
    label="Compte",
    models={
        "accounts.User": "supprimé (anonymisé s'il est protégé)",
        "admin.LogEntry": "supprimées avec le compte",
        "account.EmailAddress": "supprimées avec le compte",
        "socialaccount.SocialAccount": "supprimés avec le compte (et leurs jetons)",
    },
    export=user_export,
)
