"""`manage.py demo_logins`: print the demo logins (role, email, password, what to try).

`make run` calls it after `load_demo`. It prints only the logins that exist, and nothing but a
hint on an instance without them (production, or DEBUG off without MAILLAGE_DEMO_LOGINS).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from apps.accounts.models import User
from demo import loader


class Command(BaseCommand):
    help = "Affiche les comptes de démonstration (rôle, adresse, mot de passe, que tester)."

    def handle(self, *args, **options):
        demo_logins = loader.logins()
        existing = set(
            User.objects.filter(email__in=[login.email for login in demo_logins], is_active=True).values_list(
                "email", flat=True
            )
        )
        logins = [login for login in demo_logins if login.email in existing]
        if not logins:
            if settings.DEBUG:
                self.stdout.write("Aucun compte de démonstration : lancez `manage.py load_demo`.")
            return

        role_width = max(len("Rôle"), *(len(login.role_label) for login in logins))
        email_width = max(len("Adresse électronique"), *(len(login.email) for login in logins))
        rule = "─" * (role_width + email_width + 50)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Comptes de démonstration"))
        self.stdout.write(f"Mot de passe commun : {loader.password()}")
        self.stdout.write(rule)
        self.stdout.write(f"{'Rôle':<{role_width}}  {'Adresse électronique':<{email_width}}  À essayer")
        self.stdout.write(rule)
        for login in logins:
            first, *rest = login.try_this or ("—",)
            self.stdout.write(f"{login.role_label:<{role_width}}  {login.email:<{email_width}}  • {first}")
            for line in rest:
                self.stdout.write(f"{'':<{role_width}}  {'':<{email_width}}  • {line}")
        self.stdout.write(rule)
        self.stdout.write(
            "Ces comptes sont fictifs (domaine réservé demo.maillage.test) : ne les créez pas en production."
        )
        self.stdout.write("")
