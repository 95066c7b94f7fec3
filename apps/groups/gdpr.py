from apps.groups.models import GroupDocument, GroupMembership


def user_export(*, user) -> dict:
    return {
        "groupes": [
            {"groupe": m.group.name, "rôle": m.get_role_display(), "statut": m.get_status_display()}
            for m in GroupMembership.objects.filter(user=user).select_related("group")
        ],
        "documents déposés": [d.title for d in GroupDocument.objects.filter(uploaded_by=user)],
    }


def user_erase(*, user) -> None:
    # Documents stay with the group (shared work), without their uploader (SET_NULL on account deletion).
    GroupMembership.objects.filter(user=user).delete()
