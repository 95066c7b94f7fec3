"""What accounts holds about a person: the account, the directory card and what hangs on it
(exported and erased by `apps.accounts.services.user_export_data` / `user_erase` themselves), and
the admin's log of a staff member's actions."""

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
        "directory.Person": "fiche anonymisée (« Personne effacée »), gardée pour ce qui la cite",
        "directory.Membership": "supprimés",
        "directory.JoinRequest": "supprimées (demandes de la personne) ; décisions : SET_NULL",
        "directory.Invitation": "gardées, sans la personne qui a invité (SET_NULL)",
        "admin.LogEntry": "supprimées avec le compte",
        "account.EmailAddress": "supprimées avec le compte",
        "socialaccount.SocialAccount": "supprimés avec le compte (et leurs jetons)",
    },
    export=user_export,
)
