import io

import pytest

from apps.directory import demo as directory_demo
from apps.groups import demo as groups_demo
from apps.groups.models import Group, GroupMembership
from apps.questions import demo as questions_demo
from apps.questions.models import Expertise, Question, Solicitation
from apps.themes import demo as themes_demo

pytestmark = pytest.mark.django_db


def load_all():
    out = io.StringIO()
    themes_demo.load(stdout=out)
    directory_demo.load(stdout=out, logins=True)
    groups_demo.load(stdout=out)
    questions_demo.load(stdout=out)
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
    assert categories == {"elu", "agent", "partenaire", "etat"}
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
