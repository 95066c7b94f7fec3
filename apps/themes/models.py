from typing import Self

from django.db import models
from django.utils.text import slugify


class ThemeQuerySet(models.QuerySet):
    def active(self) -> Self:
        return self.filter(is_active=True)


class Theme(models.Model):
    """A transition theme (énergie, mobilité…). Shared by every capability; editable by animators."""

    name = models.CharField("nom", max_length=120, unique=True)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField("active", default=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = "thématique"
        verbose_name_plural = "thématiques"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)
