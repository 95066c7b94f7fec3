from typing import Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


class Role(models.TextChoices):
    MEMBER = "member", "Membre"
    ANIMATOR = "animator", "Animateur·rice du réseau"
    ADMIN = "admin", "Administrateur·rice"


class EmailUserManager(UserManager):
    use_in_migrations = True

    def _create_user_object(self, username, email, password, **extra_fields):
        email = self.normalize_email(email or username).lower()
        user = self.model(email=email, username=email, **extra_fields)
        user.set_password(password)
        return user

    def get_by_natural_key(self, username):
        # Emails are stored lower-cased: "Alice@Exemple.fr" must log in as "alice@exemple.fr".
        return self.get(**{self.model.USERNAME_FIELD: (username or "").strip().lower()})

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        extra_fields.pop("username", None)
        user = self._create_user_object(None, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self.create_user(email, password, **extra_fields)


class UserQuerySet(models.QuerySet):
    def animators(self) -> Self:
        return self.filter(
            models.Q(role__in=[Role.ANIMATOR, Role.ADMIN]) | models.Q(is_superuser=True), is_active=True
        )


class AccountManager(EmailUserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    """A login. Its public face in the directory is `directory.Person` (optional, consented)."""

    # Email is the login; `username` stays (Django admin and third parties expect it) and mirrors it.
    email = models.EmailField("adresse électronique", unique=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.MEMBER)
    email_verified_at = models.DateTimeField("adresse vérifiée le", null=True, blank=True)
    # Choices made on the signup form, kept until the address is verified: the directory card
    # (`directory.Person`) is only created or linked once we know the address belongs to them.
    signup_directory_consent = models.BooleanField(
        "a demandé à apparaître dans l'annuaire à l'inscription", default=False
    )
    personal_data_accepted_at = models.DateTimeField(
        "page « Données personnelles » acceptée le", null=True, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = AccountManager()

    class Meta:
        verbose_name = "compte"
        verbose_name_plural = "comptes"
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        self.username = self.email
        if self.role == Role.ADMIN:
            self.is_staff = True
        super().save(*args, **kwargs)

    @property
    def is_animator(self) -> bool:
        return self.is_active and (self.role in (Role.ANIMATOR, Role.ADMIN) or self.is_superuser)

    @property
    def is_admin(self) -> bool:
        return self.is_active and (self.role == Role.ADMIN or self.is_superuser)
