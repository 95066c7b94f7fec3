import io

import pytest

from apps.groups.models import Group, GroupMembership
from apps.questions.models import Expertise, Question, Solicitation
from demo import loader

pytestmark = pytest.mark.django_db


def load_all():
    out = io.StringIO()
    loader.load_themes(stdout=out)
    loader.load_directory(stdout=out, with_logins=True)
    loader.load_groups(stdout=out)
    loader.load_questions(stdout=out)
    return out.getvalue()


def snapshot():
    return [m.objects.count() for m in (Group, GroupMembership, Question, Expertise, Solicitation)]


def test_demo_is_idempotent_and_complete():
    output = load_all()
    first = snapshot()
    assert "Questions de démonstration" in output
    load_all()
    assert snapshot() == first
    categories = set(Group.objects.exclude(category="").values_list("category", flat=True))
    assert categories == {"elected", "staff", "partner", "state"}
    assert Question.objects.filter(title__startswith="CRTE").exists()
    assert Question.objects.filter(in_faq=True, accepted_answer__isnull=False).count() >= 2
    assert Expertise.objects.values("theme").distinct().count() >= 3
    assert Solicitation.objects.exists()
    private = Question.objects.get(group__slug="elus-territoires-pilotes")
    # Group question: only members of the group were asked.
    for solicitation in private.solicitations.all():
        assert GroupMembership.objects.filter(
            group=private.group, user=solicitation.expert, status="active"
        ).exists()
