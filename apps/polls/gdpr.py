"""Personal data of date polls: answers, comments, polls created."""

from apps.core.gdpr import PersonalData
from apps.polls.models import Poll, PollAnswer, PollComment, PollInvitee


def user_export(*, user) -> dict:
    return {
        "réponses": [
            {
                "sondage": a.poll.title,
                "choix": {str(c.option): c.get_value_display() for c in a.choices.select_related("option")},
                "modifiée le": a.updated_at.isoformat(),
            }
            for a in PollAnswer.objects.filter(user=user).select_related("poll").order_by("pk")
        ],
        "commentaires": [
            {"sondage": c.poll.title, "texte": c.text, "écrit le": c.created_at.isoformat()}
            for c in PollComment.objects.filter(user=user).select_related("poll").order_by("pk")
        ],
        "sondages créés": [p.title for p in Poll.objects.filter(created_by=user).order_by("pk")],
        "invitations reçues": [
            i.poll.title for i in PollInvitee.objects.filter(user=user).select_related("poll")
        ],
        "invitations envoyées": PollInvitee.objects.filter(invited_by=user).count(),
    }


def user_erase(*, user) -> None:
    # Availabilities and comments are the person's own: deleted with the account.
    PollAnswer.objects.filter(user=user).delete()
    PollComment.objects.filter(user=user).delete()
    PollInvitee.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Sondages",
    models={
        "polls.PollAnswer": "supprimées",
        "polls.PollComment": "supprimés",
        "polls.Poll": "gardés, sans auteur·e (SET_NULL)",
        "polls.PollInvitee": "supprimées ; invitations envoyées : SET_NULL",
    },
    export=user_export,
    erase=user_erase,
)
