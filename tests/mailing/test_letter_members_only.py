"""Members-only blocks of the letter (answered network questions, consultations): drafted, shown to
members, cut from the e-mail of the public letter's subscribers and from the public archive."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.mailing import services
from apps.mailing.models import Subscription, SubscriptionStatus
from apps.mailing.outbox import substitute
from tests.factories import UserFactory
from tests.groups.factories import GroupFactory
from tests.questions.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_members_only_sections_are_cut_for_public_readers_only():
    template = (
        "A [[members_only]]secret [[first_name]][[/members_only]] B [[members_only]]x\ny[[/members_only]]"
    )
    assert substitute(template, {"first_name": "Lou"}) == "A secret Lou B x\ny"
    assert substitute(template, {}) == "A secret [[first_name]] B x\ny"
    assert substitute(template, {"public_reader": True, "first_name": "Lou"}) == "A  B "


def test_answered_questions_reach_members_but_not_public_subscribers(client, commit):
    question = QuestionFactory(title="Qui a mutualisé un économe de flux ?")
    AnswerFactory(question=question)
    AnswerFactory(question=QuestionFactory(title="Question sans rapport", state="pending"))
    AnswerFactory(question=QuestionFactory(title="Question d'un groupe privé", group=GroupFactory()))
    UserFactory(email="membre@exemple.test")
    Subscription.objects.create(address="public@exemple.test", status=SubscriptionStatus.SUBSCRIBED)

    edition = services.edition_create(title="La lettre de décembre")
    (block,) = [b for b in edition.blocks if b["kind"] == "questions"]
    assert block["members_only"] and [i["title"] for i in block["items"]] == [question.title]

    mail.outbox.clear()
    with commit():
        services.edition_send(edition=edition)
    by_address = {m.to[0]: m for m in mail.outbox}
    member, public = by_address["membre@exemple.test"], by_address["public@exemple.test"]
    for email, shown in ((member, True), (public, False)):
        html = email.alternatives[0].content
        assert (question.title in email.body) is shown and (question.title in html) is shown
        assert "[[" not in email.body and "[[" not in html
        assert "Lire cette lettre en ligne" in html

    # The public archive hides the block; members read it.
    url = reverse("mailing:edition", args=[edition.slug])
    assert question.title not in client.get(url).content.decode()
    client.force_login(UserFactory())
    assert question.title in client.get(url).content.decode()
