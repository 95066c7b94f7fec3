"""Writes of programmes."""

from apps.programmes.models import Enrolment, SupportFile


def support_file_get_or_create(*, enrolment: Enrolment) -> SupportFile:
    support, _ = SupportFile.objects.get_or_create(enrolment=enrolment)
    return support


def support_file_save(*, form) -> SupportFile:
    return form.save()
