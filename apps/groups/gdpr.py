from apps.core.gdpr import PersonalData
from apps.groups.models import DiscussionMessage, Group, GroupDocument, GroupMembership


def user_export(*, user) -> dict:
    return {
        "groupes": [
            {"groupe": m.group.name, "rôle": m.get_role_display(), "statut": m.get_status_display()}
            for m in GroupMembership.objects.filter(user=user).select_related("group")
        ],
        "documents déposés": [d.title for d in GroupDocument.objects.filter(uploaded_by=user)],
        "groupes créés": [g.name for g in Group.objects.filter(created_by=user)],
        "messages de discussion": [
            {
                "groupe": m.discussion.group.name,
                "discussion": m.discussion.subject,
                "message": m.body,
                "le": m.created_at.isoformat(),
            }
            for m in DiscussionMessage.objects.filter(author=user).select_related("discussion__group")
        ],
    }


def user_erase(*, user) -> None:
    # Registrations to the groups' events are erased by the agenda (apps.events.gdpr).
    # Documents stay with the group (shared work), without their uploader (SET_NULL on account deletion).
    GroupMembership.objects.filter(user=user).delete()
    # Messages are part of the group's conversation: they stay, but the person is no longer named.
    DiscussionMessage.mentioned.through.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Groupes",
    models={
        "groups.GroupMembership": "supprimées",
        "groups.GroupDocument": "gardés dans le groupe, sans auteur·e (SET_NULL)",
        "groups.Group": "gardés, sans auteur·e (SET_NULL)",
        "groups.Discussion": "gardées dans le groupe, sans auteur·e (SET_NULL)",
        "groups.DiscussionMessage": "gardés dans la discussion, sans auteur·e ; mentions retirées",
    },
    export=user_export,
    erase=user_erase,
)
