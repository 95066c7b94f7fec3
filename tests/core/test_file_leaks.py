"""Issue 11: files behind private pages were public (/media/experiences/<id>/<name>). Every
user-uploaded file now lives in the private storage and leaves only through the view that asks
its app's perms.py. One test per app that stores files: anonymous visitors are sent to the login
page, people who may not read the thing get a 404, those who may get the file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.aids.models import AidImport
from apps.experiences.models import Audience, ExperienceAttachment
from apps.experiences.services import attachment_add
from apps.groups.services import document_upload
from apps.questions.models import QuestionAttachment
from apps.resources.models import Resource
from tests.experiences.factories import ExperienceFactory
from tests.factories import PersonFactory, UserFactory, image_bytes
from tests.groups.factories import GroupMembershipFactory
from tests.questions.factories import QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% rapport confidentiel\n"


def fetch(client, user, url):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url)


def assert_private(field_file):
    """Stored privately under a random name, and its URL is the permission-checked view."""
    assert field_file.storage is storages["private"]
    assert not storages["default"].exists(field_file.name)
    assert field_file.url.startswith("/fichiers/")
    assert field_file.name.rsplit("/", 1)[-1][:32].isalnum() and len(field_file.name.rsplit("/", 1)[-1]) >= 32


def assert_readers(client, url, *, refused, allowed):
    for user in refused:
        response = fetch(client, user, url)
        if user is None:
            assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
        else:
            assert response.status_code == 404, user
    for user in allowed:
        response = fetch(client, user, url)
        assert response.status_code == 200, user
        assert b"".join(response.streaming_content)


def _attach(experience, *, name="bilan-budget.pdf", content=PDF):
    return attachment_add(
        experience=experience,
        uploaded=SimpleUploadedFile(name, content),
        title="Bilan",
        alt="",
        kind=ExperienceAttachment.Kind.DOCUMENT,
        by=experience.author,
    )


def test_draft_experience_attachments_are_not_public(client):
    experience = ExperienceFactory(draft=True)
    attachment = _attach(experience)
    assert_private(attachment.file)
    assert attachment.original_name == "bilan-budget.pdf"
    assert "bilan-budget" not in attachment.file.name
    assert_readers(
        client,
        attachment.file.url,
        refused=[None, UserFactory()],
        allowed=[experience.author, UserFactory(animator=True)],
    )
    response = fetch(client, experience.author, attachment.file.url)
    assert response["Content-Disposition"] == 'attachment; filename="bilan-budget.pdf"'


def test_members_only_experience_attachments_need_a_login(client):
    experience = ExperienceFactory(audience=Audience.MEMBERS)
    attachment = _attach(experience)
    assert_readers(client, attachment.file.url, refused=[None], allowed=[UserFactory()])
    public = _attach(ExperienceFactory(audience=Audience.PUBLIC), name="photo.png", content=image_bytes())
    response = fetch(client, None, public.file.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


def test_pending_resource_suggestion_files_are_not_public(client):
    suggester = UserFactory()
    resource = ResourceFactory(suggested=True, suggested_by=suggester, url="", original_name="étude.pdf")
    resource.file.save("étude.pdf", ContentFile(PDF), save=True)
    assert_private(resource.file)
    assert_readers(
        client,
        resource.file.url,
        refused=[None, UserFactory()],
        allowed=[suggester, UserFactory(animator=True)],
    )
    Resource.objects.filter(pk=resource.pk).update(status="published")
    assert fetch(client, None, resource.file.url).status_code == 200


def test_group_documents_are_for_members(client):
    membership = GroupMembershipFactory()
    document = document_upload(
        group=membership.group, by=membership.user, title="CR", upload=SimpleUploadedFile("cr.pdf", PDF)
    )
    assert_private(document.file)
    assert document.get_absolute_url() != document.file.url  # the group's address, same view
    for url in (document.file.url, document.get_absolute_url()):
        assert_readers(client, url, refused=[None, UserFactory()], allowed=[membership.user])


def test_group_question_attachments_are_for_group_members(client):
    membership = GroupMembershipFactory()
    question = QuestionFactory(group=membership.group)
    attachment = QuestionAttachment.objects.create(
        question=question, file=SimpleUploadedFile("plan.pdf", PDF), original_name="plan.pdf", size=len(PDF)
    )
    assert_private(attachment.file)
    assert_readers(client, attachment.file.url, refused=[None, UserFactory()], allowed=[membership.user])


def test_photos_follow_the_consent_to_appear(client):
    listed = PersonFactory(directory_consent=True)
    listed.photo.save("moi.png", ContentFile(image_bytes()), save=True)
    hidden = PersonFactory(directory_consent=False, user=UserFactory())
    hidden.photo.save("moi.png", ContentFile(image_bytes()), save=True)
    assert_private(hidden.photo)
    assert_readers(client, listed.photo.url, refused=[], allowed=[None])
    assert_readers(
        client,
        hidden.photo.url,
        refused=[None, UserFactory()],
        allowed=[hidden.user, UserFactory(animator=True)],
    )
    response = fetch(client, hidden.user, hidden.photo.url)
    assert response["Content-Disposition"].startswith("inline")


def test_aid_import_files_are_for_animators(client):
    aid_import = AidImport(format="neutral")
    aid_import.file.save("export.json", ContentFile(b'{"aides": []}'), save=False)
    aid_import.save()
    assert_private(aid_import.file)
    assert_readers(
        client, aid_import.file.url, refused=[None, UserFactory()], allowed=[UserFactory(animator=True)]
    )


def test_logos_are_public_on_purpose():
    from apps.directory.models import Organisation

    assert Organisation._meta.get_field("logo").storage is storages["default"]
