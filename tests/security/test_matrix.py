"""The permission matrix of every endpoint (issue 11, item 9): each URL pattern of the site, as each
role — anonymous, member, member of another group, former member of the group, network animator
outside the group, member of the group — answers what this table declares. Group content answers
404 to everyone outside the group (never 403); anonymous visitors get the login page; nothing
answers 500. A test fails on any URL pattern missing from the table: a new endpoint must say who
may open it.

Declarative: `ENDPOINTS[name]` builds the address from the world (tests/security/matrix_world.py);
`EXPECTED[name]` is a rule name of `RULES` or a dict role -> status ("*": every other role);
`POSTS` are actions answered only to POST, posted to (an empty form) to reach their permission
check. "login" = a redirect to the login page."""

import json
import os

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from apps.territories.models import URL_SEGMENTS
from tests.security.matrix_world import ROLES, build

LOGIN = "login"  # a redirect to the login page
MEMBERS = ("member", "other_group", "former", "group_member")


def _rule(anonymous, members, animator, group_member=None):
    expected = {"anonymous": anonymous, "outside_animator": animator}
    for role in MEMBERS:
        expected[role] = members
    if group_member is not None:
        expected["group_member"] = group_member
    return expected


RULES = {
    "public": _rule(200, 200, 200),
    "members": _rule(LOGIN, 200, 200),
    "animators": _rule(LOGIN, 403, 200),
    # The animation team's tools that answer 404 to members (apps.core.access.deny_unless).
    "animators_only": _rule(LOGIN, 404, 200),
    # Content of the private group: 404 for everyone outside it, network animators included.
    "group": _rule(LOGIN, 404, 404, group_member=200),
    # An action on the group's content its plain members may not take (author or animators only).
    "group_action": _rule(LOGIN, 404, 404, group_member=403),
    "post_only": _rule(LOGIN, 405, 405),
    "public_post_only": _rule(405, 405, 405),
    "not_found": _rule(404, 404, 404),
}


def u(name, **kwargs):
    return lambda w, user: reverse(name, kwargs={k: (v(w) if callable(v) else v) for k, v in kwargs.items()})


def slug(key):
    return lambda w: w[key].slug


def pk(key):
    return lambda w: w[key].pk


def _group_feed(fmt):
    def build_url(w, user):
        from apps.events.services import feed_token_create

        token = feed_token_create(user=user).token if user is not None else "jeton-inconnu"
        return reverse(f"events:feed_group_{fmt}", kwargs={"group_slug": w["group"].slug, "token": token})

    return build_url


def _private_feed(w, user):
    from apps.events.services import feed_token_create

    token = feed_token_create(user=user).token if user is not None else "jeton-inconnu"
    return reverse("events:feed_private", kwargs={"token": token})


def _file(w, user):
    doc = w["g_document"]
    return reverse("core:file", kwargs={"key": "groups.groupdocument.file", "pk": doc.pk})


def _verify(w, user):
    return reverse("accounts:verify_email", kwargs={"token": "jeton-faux"})


ENDPOINTS = {
    # --- core
    "core:home": u("core:home"),
    "core:about": u("core:about"),
    "core:accessibility": u("core:accessibility"),
    "core:legal_notice": u("core:legal_notice"),
    "core:personal_data": u("core:personal_data"),
    "core:sitemap": u("core:sitemap"),
    "core:health": u("core:health"),
    "core:file": _file,
    # --- accounts
    "accounts:profile": u("accounts:profile"),
    "accounts:login": u("accounts:login"),
    "accounts:logout": u("accounts:logout"),
    "accounts:signup": u("accounts:signup"),
    "accounts:signup_sent": u("accounts:signup_sent"),
    "accounts:verify_resend": u("accounts:verify_resend"),
    "accounts:verify_email": _verify,
    "accounts:password_reset": u("accounts:password_reset"),
    "accounts:password_reset_done": u("accounts:password_reset_done"),
    "accounts:password_reset_confirm": u("accounts:password_reset_confirm", uidb64="MQ", token="faux-jeton"),
    "accounts:password_reset_complete": u("accounts:password_reset_complete"),
    "accounts:password_change": u("accounts:password_change"),
    "accounts:profile_edit": u("accounts:profile_edit"),
    "accounts:export": u("accounts:export"),
    "accounts:erase": u("accounts:erase"),
    # --- territories
    "territories:project_list": u("territories:project_list"),
    "territories:autocomplete": u("territories:autocomplete"),
    "territories:project_create": u("territories:project_create"),
    "territories:project_update": u("territories:project_update", code=lambda w: w["project"].code),
    "territories:project_delete": u("territories:project_delete", code=lambda w: w["project"].code),
    "territories:detail": u(
        "territories:detail", kind=lambda w: URL_SEGMENTS[w["project"].kind], code=lambda w: w["project"].code
    ),
    # --- themes
    "themes:list": u("themes:list"),
    "themes:create": u("themes:create"),
    "themes:update": u("themes:update", pk=pk("theme")),
    "themes:delete": u("themes:delete", pk=pk("theme")),
    "themes:move": u("themes:move", pk=pk("theme")),
    # --- directory
    "directory:organisation_list": u("directory:organisation_list"),
    "directory:map": u("directory:map"),
    "directory:map_data": u("directory:map_data"),
    "directory:map_popup": u("directory:map_popup", pk=pk("organisation")),
    "directory:who_does_what": u("directory:who_does_what"),
    "directory:trombinoscope": u("directory:trombinoscope"),
    "directory:person_list": u("directory:person_list"),
    "directory:person_detail": u("directory:person_detail", slug=slug("person")),
    "directory:organisation_detail": u("directory:organisation_detail", slug=slug("organisation")),
    "directory:organisation_similar": u("directory:organisation_similar", slug=slug("organisation")),
    "directory:organisation_edit": u("directory:organisation_edit", slug=slug("organisation")),
    "directory:organisation_members": u("directory:organisation_members", slug=slug("organisation")),
    "directory:membership_toggle_referent": u(
        "directory:membership_toggle_referent", slug=slug("organisation"), pk=1
    ),
    "directory:membership_remove": u("directory:membership_remove", slug=slug("organisation"), pk=1),
    "directory:invitation_cancel": u("directory:invitation_cancel", slug=slug("organisation"), pk=1),
    "directory:membership_request": u("directory:membership_request", slug=slug("organisation")),
    "directory:invitation_accept": u("directory:invitation_accept", token="jeton-inconnu"),
    "directory:join_request": u("directory:join_request"),
    "directory:animation": u("directory:animation"),
    "directory:join_request_decide": u("directory:join_request_decide", pk=1),
    "directory:import": u("directory:import"),
    "directory:import_preview": u("directory:import_preview", token="faux"),
    "directory:import_confirm": u("directory:import_confirm", token="faux"),
    "directory:import_report": u("directory:import_report", token="faux"),
    "directory:import_template": u("directory:import_template", kind="organisations", fmt="csv"),
    "directory:export_csv": u("directory:export_csv"),
    "directory:export_xlsx": u("directory:export_xlsx"),
    "directory:export_people_csv": u("directory:export_people_csv"),
    "directory:export_people_xlsx": u("directory:export_people_xlsx"),
    # --- search
    "search:search": u("search:search"),
    # --- experiences
    "experiences:list": u("experiences:list"),
    "experiences:map": u("experiences:map"),
    "experiences:guide": u("experiences:guide"),
    "experiences:mine": u("experiences:mine"),
    "experiences:create": u("experiences:create"),
    "experiences:detail": u("experiences:detail", slug=slug("experience")),
    "experiences:edit": u("experiences:edit", slug=slug("experience")),
    "experiences:submit": u("experiences:submit", slug=slug("experience")),
    "experiences:review": u("experiences:review", slug=slug("experience")),
    "experiences:publish": u("experiences:publish", slug=slug("experience")),
    "experiences:unpublish": u("experiences:unpublish", slug=slug("experience")),
    "experiences:delete": u("experiences:delete", slug=slug("experience")),
    "experiences:history": u("experiences:history", slug=slug("experience")),
    "experiences:version": u("experiences:version", slug=slug("experience"), number=1),
    "experiences:attachments": u("experiences:attachments", slug=slug("experience")),
    "experiences:attachment_delete": u("experiences:attachment_delete", slug=slug("experience"), pk=1),
    # --- resources
    "resources:list": u("resources:list"),
    "resources:create": u("resources:create"),
    "resources:moderation": u("resources:moderation"),
    "resources:mine": u("resources:mine"),
    "resources:freshness": u("resources:freshness"),
    "resources:collection_list": u("resources:collection_list"),
    "resources:collection_create": u("resources:collection_create"),
    "resources:collection_detail": u("resources:collection_detail", slug=slug("collection")),
    "resources:collection_update": u("resources:collection_update", slug=slug("collection")),
    "resources:collection_delete": u("resources:collection_delete", slug=slug("collection")),
    "resources:collection_add": u("resources:collection_add", slug=slug("collection")),
    "resources:collection_item": u("resources:collection_item", slug=slug("collection"), item_id=1),
    "resources:detail": u("resources:detail", slug=slug("resource")),
    "resources:update": u("resources:update", slug=slug("resource")),
    "resources:delete": u("resources:delete", slug=slug("resource")),
    "resources:renew": u("resources:renew", slug=slug("resource")),
    "resources:accept": u("resources:accept", slug=slug("resource")),
    "resources:refuse": u("resources:refuse", slug=slug("resource")),
    # --- aids
    "aids:list": u("aids:list"),
    "aids:create": u("aids:create"),
    "aids:saved_search_list": u("aids:saved_search_list"),
    "aids:saved_search_create": u("aids:saved_search_create"),
    "aids:saved_search_delete": u("aids:saved_search_delete", pk=pk("saved_search")),
    "aids:detail": u("aids:detail", slug=slug("aid")),
    "aids:update": u("aids:update", slug=slug("aid")),
    "aids:delete": u("aids:delete", slug=slug("aid")),
    # --- consultations
    "consultations:index": u("consultations:index"),
    "consultations:create": u("consultations:create"),
    "workshops:index": u("workshops:index"),
    "workshops:day_create": u("workshops:day_create"),
    "workshops:day": u("workshops:day", slug=slug("workshop_day")),
    "workshops:day_edit": u("workshops:day_edit", slug=slug("workshop_day")),
    "workshops:day_delete": u("workshops:day_delete", slug=slug("workshop_day")),
    "workshops:organiser_add": u("workshops:organiser_add", slug=slug("workshop_day")),
    "workshops:organiser_delete": u("workshops:organiser_delete", slug=slug("workshop_day"), pk=999999),
    "workshops:atelier_add": u("workshops:atelier_add", slug=slug("workshop_day")),
    "workshops:atelier": u("workshops:atelier", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:atelier_edit": u("workshops:atelier_edit", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:atelier_delete": u("workshops:atelier_delete", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:atelier_ideas": u("workshops:atelier_ideas", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:atelier_idea_add": u(
        "workshops:atelier_idea_add", slug=slug("workshop_day"), pk=pk("atelier")
    ),
    "workshops:question_add": u("workshops:question_add", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:question_edit": u(
        "workshops:question_edit", slug=slug("workshop_day"), pk=pk("atelier"), qid=pk("wquestion")
    ),
    "workshops:question_delete": u(
        "workshops:question_delete", slug=slug("workshop_day"), pk=pk("atelier"), qid=pk("wquestion")
    ),
    "workshops:table_add": u("workshops:table_add", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:table_edit": u(
        "workshops:table_edit", slug=slug("workshop_day"), pk=pk("atelier"), tid=pk("wtable")
    ),
    "workshops:table_delete": u(
        "workshops:table_delete", slug=slug("workshop_day"), pk=pk("atelier"), tid=pk("wtable")
    ),
    "workshops:proposal_add": u("workshops:proposal_add", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:initiative_add": u("workshops:initiative_add", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:initiative_edit": u(
        "workshops:initiative_edit", slug=slug("workshop_day"), pk=pk("atelier"), iid=pk("winitiative")
    ),
    "workshops:initiative_delete": u(
        "workshops:initiative_delete", slug=slug("workshop_day"), pk=pk("atelier"), iid=pk("winitiative")
    ),
    "workshops:vote": u("workshops:vote", slug=slug("workshop_day"), pk=pk("atelier"), iid=pk("winitiative")),
    "workshops:select_top": u("workshops:select_top", slug=slug("workshop_day"), pk=pk("atelier")),
    "workshops:proposal_edit": u("workshops:proposal_edit", slug=slug("workshop_day"), pid=pk("wproposal")),
    "workshops:proposals_delete": u("workshops:proposals_delete", slug=slug("workshop_day")),
    "workshops:proposals_import": u("workshops:proposals_import", slug=slug("workshop_day")),
    "workshops:batch_undo": u("workshops:batch_undo", slug=slug("workshop_day"), bid=999999),
    "workshops:participants": u("workshops:participants", slug=slug("workshop_day")),
    "workshops:participant_add": u("workshops:participant_add", slug=slug("workshop_day")),
    "workshops:participants_import": u("workshops:participants_import", slug=slug("workshop_day")),
    "workshops:participants_from_registrations": u(
        "workshops:participants_from_registrations", slug=slug("workshop_day")
    ),
    "workshops:participant_edit": u(
        "workshops:participant_edit", slug=slug("workshop_day"), pid=pk("wparticipant")
    ),
    "workshops:participant_delete": u(
        "workshops:participant_delete", slug=slug("workshop_day"), pid=pk("wparticipant")
    ),
    "workshops:figures": u("workshops:figures", slug=slug("workshop_day")),
    "workshops:booklet": u("workshops:booklet", slug=slug("workshop_day")),
    "workshops:booklet_texts": u("workshops:booklet_texts", slug=slug("workshop_day")),
    "workshops:booklet_produce": u("workshops:booklet_produce", slug=slug("workshop_day")),
    "workshops:booklet_file": u("workshops:booklet_file", slug=slug("workshop_day"), fmt="pdf"),
    "consultations:detail": u("consultations:detail", slug=slug("g_consultation")),
    "consultations:edit": u("consultations:edit", slug=slug("g_consultation")),
    "consultations:structure": u("consultations:structure", slug=slug("g_consultation")),
    "consultations:action": u("consultations:action", slug=slug("g_consultation"), pk=pk("g_action")),
    "consultations:action_edit": u(
        "consultations:action_edit", slug=slug("g_consultation"), pk=pk("g_action")
    ),
    "consultations:contribution_edit": u(
        "consultations:contribution_edit", slug=slug("g_consultation"), pk=pk("g_contribution")
    ),
    "consultations:contribution_moderate": u(
        "consultations:contribution_moderate", slug=slug("g_consultation"), pk=pk("g_contribution")
    ),
    "consultations:contribution_highlight": u(
        "consultations:contribution_highlight", slug=slug("g_consultation"), pk=pk("g_contribution")
    ),
    "consultations:comment_create": u(
        "consultations:comment_create", slug=slug("g_consultation"), pk=pk("g_contribution")
    ),
    "consultations:comment_moderate": u("consultations:comment_moderate", slug=slug("g_consultation"), pk=1),
    "consultations:by_organisation": u("consultations:by_organisation", slug=slug("g_consultation")),
    "consultations:progress": u("consultations:progress", slug=slug("g_consultation")),
    "consultations:consultation_booklet": u(
        "consultations:consultation_booklet", slug=slug("g_consultation")
    ),
    "consultations:consultation_booklet_edit": u(
        "consultations:consultation_booklet_edit", slug=slug("g_consultation")
    ),
    "consultations:consultation_booklet_generate": u(
        "consultations:consultation_booklet_generate", slug=slug("g_consultation")
    ),
    "consultations:consultation_booklet_pdf": u(
        "consultations:consultation_booklet_pdf", slug=slug("g_consultation")
    ),
    "consultations:consultation_booklet_odt": u(
        "consultations:consultation_booklet_odt", slug=slug("g_consultation")
    ),
    "consultations:consultation_booklet_docx": u(
        "consultations:consultation_booklet_docx", slug=slug("g_consultation")
    ),
    # --- rotations
    "rotations:list": u("rotations:list", slug=slug("g_event")),
    "rotations:create": u("rotations:create", slug=slug("g_event")),
    "rotations:detail": u("rotations:detail", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:update": u("rotations:update", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:delete": u("rotations:delete", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:participants": u("rotations:participants", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:import": u("rotations:import", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:generate": u("rotations:generate", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:rounds_done": u("rotations:rounds_done", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:publish": u("rotations:publish", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:itineraries_pdf": u("rotations:itineraries_pdf", slug=slug("g_event"), pk=pk("g_plan")),
    "rotations:tables_pdf": u("rotations:tables_pdf", slug=slug("g_event"), pk=pk("g_plan")),
    # --- events
    "events:agenda": u("events:agenda"),
    "events:archive": u("events:archive"),
    "events:month_current": u("events:month_current"),
    "events:month": u("events:month", year=2026, month=12),
    "events:create": u("events:create"),
    "events:speakers": u("events:speakers"),
    "events:my_registrations": u("events:my_registrations"),
    "events:partner_feeds": u("events:partner_feeds"),
    "events:partner_feed_delete": u("events:partner_feed_delete", pk=1),
    "events:feeds": u("events:feeds"),
    "events:feed_ical": u("events:feed_ical"),
    "events:feed_rss": u("events:feed_rss"),
    "events:feed_private": _private_feed,
    "events:feed_group_ical": _group_feed("ical"),
    "events:feed_group_rss": _group_feed("rss"),
    "events:feed_ical_scoped": u("events:feed_ical_scoped", scope="thematique", slug=slug("theme")),
    "events:feed_rss_scoped": u("events:feed_rss_scoped", scope="thematique", slug=slug("theme")),
    "events:detail": u("events:detail", slug=slug("g_event")),
    "events:event_ical": u("events:event_ical", slug=slug("g_event")),
    "events:update": u("events:update", slug=slug("g_event")),
    "events:delete": u("events:delete", slug=slug("g_event")),
    "events:register": u("events:register", slug=slug("g_event")),
    "events:unregister": u("events:unregister", slug=slug("g_event")),
    "events:participants": u("events:participants", slug=slug("g_event")),
    "events:participants_csv": u("events:participants_csv", slug=slug("g_event")),
    # --- polls
    "polls:list": u("polls:list"),
    "polls:create": u("polls:create"),
    "polls:detail": u("polls:detail", slug=slug("poll")),
    "polls:answer": u("polls:answer", slug=slug("poll")),
    "polls:comment": u("polls:comment", slug=slug("poll")),
    "polls:close": u("polls:close", slug=slug("poll")),
    "polls:to_event": u("polls:to_event", slug=slug("poll")),
    "polls:export": u("polls:export", slug=slug("poll")),
    # --- arbitrages
    "arbitrages:list": u("arbitrages:list"),
    "arbitrages:create": u("arbitrages:create"),
    "arbitrages:update": u("arbitrages:update", slug=slug("questionnaire")),
    "arbitrages:detail": u("arbitrages:detail", slug=slug("questionnaire")),
    "arbitrages:recap": u("arbitrages:recap", slug=slug("questionnaire")),
    "arbitrages:export": u("arbitrages:export", slug=slug("questionnaire"), fmt="csv"),
    "arbitrages:send": u("arbitrages:send", slug=slug("questionnaire")),
    "arbitrages:remind": u("arbitrages:remind", slug=slug("questionnaire")),
    "arbitrages:close": u("arbitrages:close", slug=slug("questionnaire")),
    "arbitrages:answer": u(
        "arbitrages:answer", slug=slug("questionnaire"), org_slug=lambda w: w["organisation"].slug
    ),
    # --- programmes
    "programmes:list": u("programmes:list"),
    "programmes:detail": u("programmes:detail", slug=lambda w: w["enrolment"].programme.slug),
    "programmes:delegation": u(
        "programmes:delegation", slug=lambda w: w["enrolment"].programme.slug, pk=pk("enrolment")
    ),
    "programmes:support_edit": u(
        "programmes:support_edit", slug=lambda w: w["enrolment"].programme.slug, pk=pk("enrolment")
    ),
    # --- questions
    "questions:list": u("questions:list"),
    "questions:faq": u("questions:faq"),
    "questions:create": u("questions:create"),
    "questions:similar": u("questions:similar"),
    "questions:moderation": u("questions:moderation"),
    "questions:expertise": u("questions:expertise"),
    "questions:stats": u("questions:stats"),
    "questions:attachment": u("questions:attachment", pk=lambda w: w["g_question"].attachments.get().pk),
    "questions:detail": u("questions:detail", pk=pk("g_question")),
    "questions:edit": u("questions:edit", pk=pk("g_question")),
    "questions:history": u("questions:history", pk=pk("g_question")),
    "questions:answer": u("questions:answer", pk=pk("g_question")),
    "questions:follow": u("questions:follow", pk=pk("g_question")),
    "questions:resolve": u("questions:resolve", pk=pk("g_question")),
    "questions:report": u("questions:report", pk=pk("g_question")),
    "questions:moderate": u("questions:moderate", pk=pk("g_question")),
    "questions:comment": u("questions:comment", pk=pk("g_answer")),
    "questions:vote": u("questions:vote", pk=pk("g_answer")),
    "questions:accept": u("questions:accept", pk=pk("g_answer")),
    "questions:answer_moderate": u("questions:answer_moderate", pk=pk("g_answer")),
    # --- groups
    "groups:list": u("groups:list"),
    "groups:create": u("groups:create"),
    "groups:detail": u("groups:detail", slug=slug("group")),
    "groups:edit": u("groups:edit", slug=slug("group")),
    "groups:join": u("groups:join", slug=slug("group")),
    "groups:request": u("groups:request", slug=slug("group")),
    "groups:leave": u("groups:leave", slug=slug("group")),
    "groups:members": u("groups:members", slug=slug("group")),
    "groups:documents": u("groups:documents", slug=slug("group")),
    "groups:document_download": u("groups:document_download", slug=slug("group"), pk=pk("g_document")),
    "groups:document_delete": u("groups:document_delete", slug=slug("group"), pk=pk("g_document")),
    # --- mentoring
    "mentoring:index": u("mentoring:index"),
    "mentoring:request": u("mentoring:request"),
    "mentoring:offer": u("mentoring:offer"),
    "mentoring:coordination": u("mentoring:coordination"),
    "mentoring:detail": u("mentoring:detail", pk=pk("mentorship")),
    "mentoring:answer": u("mentoring:answer", pk=pk("mentorship")),
    "mentoring:withdraw": u("mentoring:withdraw", pk=pk("mentorship")),
    "mentoring:exchange": u("mentoring:exchange", pk=pk("mentorship")),
    "mentoring:close": u("mentoring:close", pk=pk("mentorship")),
    # --- notifications
    "notifications:list": u("notifications:list"),
    "notifications:open": u("notifications:open", pk=pk("notification")),
    "notifications:mark_all_read": u("notifications:mark_all_read"),
    "notifications:preferences": u("notifications:preferences"),
    "notifications:unsubscribe": u("notifications:unsubscribe", token="jeton-faux"),
    # --- cockpit
    "cockpit:index": u("cockpit:index"),
    "cockpit:export": u("cockpit:export"),
    "cockpit:figure": u("cockpit:figure", key="organisations"),
    "cockpit:figure_csv": u("cockpit:figure_csv", key="organisations"),
    "cockpit:moderation": u("cockpit:moderation"),
    "cockpit:moderation_action": u("cockpit:moderation_action"),
    "cockpit:settings": u("cockpit:settings"),
    # --- portal
    "portal:my_space": u("portal:my_space"),
    "portal:find_organisation": u("portal:find_organisation"),
    "portal:activity": u("portal:activity"),
    # --- api
    "api:index": u("api:index"),
    "api:aid_list": u("api:aid_list"),
    "api:token_list": u("api:token_list"),
    "api:token_revoke": u("api:token_revoke", pk=1),
    # --- api-v1
    "api-v1:api-root": u("api-v1:api-root"),
    "api-v1:openapi-json": u("api-v1:openapi-json"),
    "api-v1:openapi-view": u("api-v1:openapi-view"),
    "api-v1:theme_list": u("api-v1:theme_list"),
    "api-v1:territory_list": u("api-v1:territory_list"),
    "api-v1:aid_list": u("api-v1:aid_list"),
    "api-v1:aid_detail": u("api-v1:aid_detail", slug=slug("aid")),
    "api-v1:organisation_list": u("api-v1:organisation_list"),
    "api-v1:organisation_detail": u("api-v1:organisation_detail", slug=slug("organisation")),
    "api-v1:person_list": u("api-v1:person_list"),
    "api-v1:person_detail": u("api-v1:person_detail", slug=slug("person")),
    "api-v1:experience_list": u("api-v1:experience_list"),
    "api-v1:experience_detail": u("api-v1:experience_detail", slug=slug("experience")),
    "api-v1:resource_list": u("api-v1:resource_list"),
    "api-v1:resource_detail": u("api-v1:resource_detail", slug=slug("resource")),
    "api-v1:event_list": u("api-v1:event_list"),
    "api-v1:event_detail": u("api-v1:event_detail", slug=slug("g_event")),
    "api-v1:group_list": u("api-v1:group_list"),
    # --- opendata
    "opendata:index": u("opendata:index"),
    "opendata:csv": u("opendata:csv", slug="organisations"),
    "opendata:json": u("opendata:json", slug="organisations"),
    # --- allauth
    "socialaccount_login_cancelled": u("socialaccount_login_cancelled"),
    "socialaccount_login_error": u("socialaccount_login_error"),
    "socialaccount_signup": u("socialaccount_signup"),
    "socialaccount_connections": u("socialaccount_connections"),
    "account_login": u("account_login"),
    "account_signup": u("account_signup"),
    "openid_connect_login": u("openid_connect_login", provider_id="proconnect"),
    "openid_connect_callback": u("openid_connect_callback", provider_id="proconnect"),
    # --- directory
    "directory:person_edit": u("directory:person_edit", slug=slug("person")),
    "directory:organisation_create": u("directory:organisation_create"),
    "directory:organisation_merge_search": u(
        "directory:organisation_merge_search", slug=slug("organisation2")
    ),
    "directory:organisation_merge": u(
        "directory:organisation_merge", slug=slug("organisation2"), target_slug=slug("organisation")
    ),
    "directory:invitation_list": u("directory:invitation_list"),
    "directory:invitation_bulk": u("directory:invitation_bulk"),
    "directory:invitation_imported": u("directory:invitation_imported"),
    "directory:invitation_resend": u("directory:invitation_resend", pk=1),
    # --- aids
    "aids:import_file": u("aids:import_file"),
    "aids:import_list": u("aids:import_list"),
    "aids:import_detail": u("aids:import_detail", pk=1),
    # --- events
    "events:registration_promote": u(
        "events:registration_promote", slug=slug("g_event"), pk=pk("g_registration")
    ),
    "events:registration_cancel": u(
        "events:registration_cancel", slug=slug("g_event"), pk=pk("g_registration")
    ),
    "events:registration_settings": u("events:registration_settings", slug=slug("g_event")),
    "events:registration_question_create": u("events:registration_question_create", slug=slug("g_event")),
    "events:registration_question_edit": u("events:registration_question_edit", slug=slug("g_event"), pk=1),
    "events:registration_question_delete": u(
        "events:registration_question_delete", slug=slug("g_event"), pk=1
    ),
    # --- polls
    "polls:edit": u("polls:edit", slug=slug("poll")),
    "polls:invitees": u("polls:invitees", slug=slug("poll")),
    "polls:invitee_remove": u("polls:invitee_remove", slug=slug("poll"), pk=1),
    # --- programmes
    "programmes:create": u("programmes:create"),
    "programmes:edit": u("programmes:edit", slug=lambda w: w["enrolment"].programme.slug),
    "programmes:phase_create": u("programmes:phase_create", slug=lambda w: w["enrolment"].programme.slug),
    "programmes:phase_edit": u(
        "programmes:phase_edit", slug=lambda w: w["enrolment"].programme.slug, pk=pk("phase")
    ),
    "programmes:phase_delete": u(
        "programmes:phase_delete", slug=lambda w: w["enrolment"].programme.slug, pk=pk("phase")
    ),
    "programmes:enrolment_create": u(
        "programmes:enrolment_create", slug=lambda w: w["enrolment"].programme.slug
    ),
    "programmes:enrolment_edit": u(
        "programmes:enrolment_edit", slug=lambda w: w["enrolment"].programme.slug, pk=pk("enrolment")
    ),
    "programmes:enrolment_delete": u(
        "programmes:enrolment_delete", slug=lambda w: w["enrolment"].programme.slug, pk=pk("enrolment")
    ),
    "programmes:support_day_add": u(
        "programmes:support_day_add", slug=lambda w: w["enrolment"].programme.slug, pk=pk("enrolment")
    ),
    "programmes:support_day_delete": u(
        "programmes:support_day_delete",
        slug=lambda w: w["enrolment"].programme.slug,
        pk=pk("enrolment"),
        day_pk=1,
    ),
    # --- groups
    "groups:discussion_create": u("groups:discussion_create", slug=slug("group")),
    "groups:discussion": u("groups:discussion", slug=slug("group"), pk=pk("g_discussion")),
    "questions:from_discussion": u("questions:from_discussion", pk=pk("g_discussion")),
    # --- cockpit
    "cockpit:accounts": u("cockpit:accounts"),
    "cockpit:account": u("cockpit:account", pk=lambda w: w["referent"].pk),
    "cockpit:account_deactivate": u("cockpit:account_deactivate", pk=lambda w: w["referent"].pk),
    "cockpit:account_reactivate": u("cockpit:account_reactivate", pk=lambda w: w["referent"].pk),
    # --- added 5 December 2026: Markdown preview, letter and messages, evaluations, reports, follow-ups
    "core:markdown_preview": u("core:markdown_preview"),
    "mailing:list": u("mailing:list"),
    "mailing:feed": u("mailing:feed"),
    "mailing:edition_create": u("mailing:edition_create"),
    "mailing:subscription": u("mailing:subscription"),
    "mailing:confirm": u("mailing:confirm", token="jeton-faux"),
    "mailing:unsubscribe": u("mailing:unsubscribe", token="jeton-faux"),
    "mailing:edition_edit": u("mailing:edition_edit", pk=pk("edition_draft")),
    "mailing:edition_block": u("mailing:edition_block", pk=pk("edition_draft")),
    "mailing:edition_preview": u("mailing:edition_preview", pk=pk("edition_draft")),
    "mailing:edition_test": u("mailing:edition_test", pk=pk("edition_draft")),
    "mailing:edition_schedule": u("mailing:edition_schedule", pk=pk("edition_draft")),
    "mailing:edition_send": u("mailing:edition_send", pk=pk("edition_draft")),
    "mailing:edition": u("mailing:edition", slug=slug("edition_sent")),
    "mailing:follows": u("mailing:follows"),
    "mailing:follow_add": u("mailing:follow_add"),
    "mailing:follow_remove": u("mailing:follow_remove", pk=pk("staff_follow")),
    "mailing:announcements": u("mailing:announcements"),
    "mailing:announcement_create": u("mailing:announcement_create"),
    "mailing:announcement_edit": u("mailing:announcement_edit", pk=pk("announcement")),
    "mailing:announcement_delete": u("mailing:announcement_delete", pk=pk("announcement")),
    "mailing:messages": u("mailing:messages"),
    "mailing:failed_addresses": u("mailing:failed_addresses"),
    "mailing:message": u("mailing:message", pk=pk("g_message")),
    "mailing:event_message": u("mailing:event_message", slug=slug("g_event")),
    "mailing:consultation_reminder": u("mailing:consultation_reminder", slug=slug("g_consultation")),
    "mailing:poll_invitation": u("mailing:poll_invitation", slug=slug("poll")),
    "evaluations:index": u("evaluations:index"),
    "evaluations:create": u("evaluations:create"),
    "evaluations:detail": u("evaluations:detail", slug=slug("survey")),
    "evaluations:update": u("evaluations:update", slug=slug("survey")),
    "evaluations:delete": u("evaluations:delete", slug=slug("survey")),
    "evaluations:publish": u("evaluations:publish", slug=slug("survey")),
    "evaluations:send": u("evaluations:send", slug=slug("survey"), kind="invitation"),
    "evaluations:question_add": u("evaluations:question_add", slug=slug("survey")),
    "evaluations:question_update": u(
        "evaluations:question_update", slug=slug("survey"), pk=pk("survey_question")
    ),
    "evaluations:question_delete": u(
        "evaluations:question_delete", slug=slug("survey"), pk=pk("survey_question")
    ),
    "evaluations:question_move": u(
        "evaluations:question_move", slug=slug("survey"), pk=pk("survey_question")
    ),
    "evaluations:answer": u("evaluations:answer", slug=slug("survey")),
    "evaluations:results": u("evaluations:results", slug=slug("survey")),
    "evaluations:results_export": u("evaluations:results_export", slug=slug("survey"), fmt="csv"),
    "reports:index": u("reports:index"),
    "reports:detail": u("reports:detail", pk=pk("report")),
    "reports:texts": u("reports:texts", pk=pk("report")),
    "reports:refresh": u("reports:refresh", pk=pk("report")),
    "reports:delete": u("reports:delete", pk=pk("report")),
    "reports:documents": u("reports:documents", pk=pk("report")),
    "reports:document_file": u("reports:document_file", pk=pk("report"), fmt="pdf"),
    "events:followup": u("events:followup", slug=slug("g_event")),
    "events:followup_delete": u("events:followup_delete", slug=slug("g_event"), pk=pk("g_followup")),
    # --- images in texts, organisation picker (issue 14, item 7)
    "core:image_upload": u("core:image_upload"),
    "directory:organisation_search": lambda w, user: reverse("directory:organisation_search") + "?q=mairie",
}

# What each role gets (declarative). A rule name of RULES, or role -> status with "*" for the others.
EXPECTED = {
    "core:home": "public",
    "core:about": "not_found",
    "core:accessibility": "public",
    "core:legal_notice": "public",
    "core:personal_data": "public",
    "core:sitemap": "public",
    "core:health": "public",
    "core:file": "group",
    "accounts:profile": "members",
    "accounts:login": {"*": 302, "anonymous": 200},
    "accounts:logout": "public_post_only",
    "accounts:signup": {"*": 302, "anonymous": 200},
    "accounts:signup_sent": "public",
    "accounts:verify_resend": "public",
    "accounts:verify_email": {"*": 400},
    "accounts:password_reset": "public",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public",
    "accounts:password_reset_complete": "public",
    "accounts:password_change": "members",
    "accounts:profile_edit": "members",
    "accounts:export": "members",
    "accounts:erase": "members",
    "territories:project_list": "public",
    "territories:autocomplete": "public",
    "territories:project_create": "animators",
    "territories:project_update": "animators",
    "territories:project_delete": "animators",
    "territories:detail": "public",
    "themes:list": "public",
    "themes:create": "animators",
    "themes:update": "animators",
    "themes:delete": "animators",
    "themes:move": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "directory:organisation_list": "public",
    "directory:map": "public",
    "directory:map_data": "public",
    "directory:map_popup": "public",
    "directory:who_does_what": "public",
    "directory:trombinoscope": "public",
    "directory:person_list": "public",
    "directory:person_detail": "public",
    "directory:organisation_detail": "public",
    "directory:organisation_similar": "public",
    "directory:organisation_edit": "animators",
    "directory:organisation_members": "animators",
    "directory:membership_toggle_referent": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "directory:membership_remove": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "directory:invitation_cancel": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "directory:membership_request": "members",
    "directory:invitation_accept": "not_found",
    "directory:join_request": "members",
    "directory:animation": "animators",
    "directory:join_request_decide": {"*": 404, "anonymous": "login"},
    "directory:import": "animators",
    "directory:import_preview": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "directory:import_confirm": {"*": 403, "anonymous": "login", "outside_animator": 405},
    "directory:import_report": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "directory:import_template": "animators",
    "directory:export_csv": "public",
    "directory:export_xlsx": "public",
    "directory:export_people_csv": "animators",
    "directory:export_people_xlsx": "animators",
    "search:search": "public",
    "experiences:list": "public",
    "experiences:map": "public",
    "experiences:guide": "public",
    "experiences:mine": "members",
    "experiences:create": "members",
    "experiences:detail": "public",
    "experiences:edit": "animators",
    "experiences:submit": {"*": 403, "anonymous": "login"},
    "experiences:review": {"*": 403, "anonymous": "login"},
    "experiences:publish": {"*": 403, "anonymous": "login"},
    "experiences:unpublish": "animators",
    "experiences:delete": "animators",
    "experiences:history": "animators",
    "experiences:version": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "experiences:attachments": "animators",
    "experiences:attachment_delete": "not_found",
    "resources:list": "public",
    "resources:create": "members",
    "resources:moderation": "animators",
    "resources:mine": "members",
    "resources:freshness": "animators",
    "resources:collection_list": "public",
    "resources:collection_create": "animators",
    "resources:collection_detail": "public",
    "resources:collection_update": "animators",
    "resources:collection_delete": "animators",
    "resources:collection_add": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "resources:collection_item": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "resources:detail": "public",
    "resources:update": "animators",
    "resources:delete": "animators",
    "resources:renew": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "resources:accept": {"*": 404, "anonymous": "login"},
    "resources:refuse": {"*": 404, "anonymous": "login"},
    "aids:list": "public",
    "aids:create": "animators",
    "aids:saved_search_list": "members",
    "aids:saved_search_create": {"*": 302, "anonymous": "login"},
    "aids:saved_search_delete": {"*": 403, "anonymous": "login"},
    "aids:detail": "public",
    "aids:update": "animators",
    "aids:delete": "animators",
    "consultations:index": "members",
    "consultations:create": "animators",
    "workshops:index": "members",
    "workshops:day_create": "animators",
    "workshops:day": "members",
    "workshops:day_edit": "animators",
    "workshops:day_delete": "animators",
    "workshops:organiser_add": "animators",
    "workshops:organiser_delete": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "workshops:atelier_add": "animators",
    "workshops:atelier": "members",
    "workshops:atelier_edit": "animators",
    "workshops:atelier_delete": "animators",
    "workshops:atelier_ideas": "animators",
    "workshops:atelier_idea_add": "public_post_only",
    "workshops:question_add": "animators",
    "workshops:question_edit": "animators",
    "workshops:question_delete": "animators",
    "workshops:table_add": "animators",
    "workshops:table_edit": "animators",
    "workshops:table_delete": "animators",
    "workshops:proposal_add": "animators",
    "workshops:initiative_add": "animators",
    "workshops:initiative_edit": "animators",
    "workshops:initiative_delete": "animators",
    "workshops:vote": "public_post_only",
    "workshops:select_top": "public_post_only",
    "workshops:proposal_edit": "animators",
    # Without ids the animator is sent back to the day with an error message.
    "workshops:proposals_delete": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "workshops:proposals_import": "animators",
    "workshops:batch_undo": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "workshops:participants": "animators",
    "workshops:participant_add": "animators",
    "workshops:participants_import": "animators",
    # The day is not linked to an event: the animator is sent back with an explanation.
    "workshops:participants_from_registrations": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "workshops:participant_edit": "animators",
    "workshops:participant_delete": "animators",
    "workshops:figures": "animators",
    "workshops:booklet": "members",
    "workshops:booklet_texts": "animators",
    "workshops:booklet_produce": "public_post_only",
    # Not produced yet.
    "workshops:booklet_file": {"*": 404, "anonymous": "login"},
    "consultations:detail": {"*": 404, "group_member": 200},
    "consultations:edit": {"*": 404, "group_member": 403},
    "consultations:structure": {"*": 404, "group_member": 403},
    "consultations:action": {"*": 404, "group_member": 200},
    "consultations:action_edit": {"*": 404, "group_member": 403},
    "consultations:contribution_edit": {"*": 404, "group_member": 403},
    "consultations:contribution_moderate": {"*": 404, "group_member": 403},
    "consultations:contribution_highlight": {"*": 404, "group_member": 403},
    "consultations:comment_create": {"*": 404, "group_member": 302},
    "consultations:comment_moderate": "not_found",
    "consultations:by_organisation": {"*": 404, "group_member": 200},
    "consultations:progress": {"*": 404, "group_member": 403},
    "consultations:consultation_booklet": "not_found",
    "consultations:consultation_booklet_edit": {"*": 404, "group_member": 403},
    "consultations:consultation_booklet_generate": "public_post_only",
    "consultations:consultation_booklet_pdf": "not_found",
    "consultations:consultation_booklet_odt": "not_found",
    "consultations:consultation_booklet_docx": "not_found",
    "rotations:list": "group_action",
    "rotations:create": "group_action",
    "rotations:detail": "group_action",
    "rotations:update": "group_action",
    "rotations:delete": "group_action",
    "rotations:participants": "group_action",
    "rotations:import": "group_action",
    "rotations:generate": "group_action",
    "rotations:rounds_done": "group_action",
    "rotations:publish": "group_action",
    "rotations:itineraries_pdf": "group_action",
    "rotations:tables_pdf": "group_action",
    "events:agenda": "public",
    "events:archive": "public",
    "events:month_current": {"*": 302},
    "events:month": "public",
    "events:create": "animators",
    "events:speakers": "public",
    "events:my_registrations": "members",
    "events:partner_feeds": "animators",
    "events:partner_feed_delete": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "events:feeds": "public",
    "events:feed_ical": "public",
    "events:feed_rss": "public",
    "events:feed_private": {"*": 200, "anonymous": 404},
    "events:feed_group_ical": {"*": 404, "group_member": 200},
    "events:feed_group_rss": {"*": 404, "group_member": 200},
    "events:feed_ical_scoped": "public",
    "events:feed_rss_scoped": "public",
    "events:detail": {"*": 404, "group_member": 200},
    "events:event_ical": {"*": 404, "group_member": 200},
    "events:update": "group_action",
    "events:delete": "group_action",
    "events:register": {"*": 404, "anonymous": "login", "group_member": 302},
    "events:unregister": "group",
    "events:participants": "group_action",
    "events:participants_csv": "group_action",
    "polls:list": "members",
    "polls:create": "members",
    "polls:detail": "members",
    "polls:answer": {"*": 302, "anonymous": "login"},
    "polls:comment": {"*": 302, "anonymous": "login"},
    "polls:close": "animators",
    "polls:to_event": {"*": 403, "anonymous": "login"},
    "polls:export": "animators",
    "arbitrages:list": "members",
    "arbitrages:create": "animators",
    "arbitrages:update": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "arbitrages:detail": {"*": 404, "anonymous": "login", "outside_animator": 200},
    "arbitrages:recap": {"*": 404, "anonymous": "login", "outside_animator": 200},
    "arbitrages:export": {"*": 404, "anonymous": "login", "outside_animator": 200},
    "arbitrages:send": {"*": 404, "anonymous": "login", "outside_animator": 403},
    "arbitrages:remind": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "arbitrages:close": {"*": 404, "anonymous": "login", "outside_animator": 200},
    "arbitrages:answer": {"*": 404, "anonymous": "login", "outside_animator": 200},
    "programmes:list": "members",
    "programmes:detail": "members",
    "programmes:delegation": "members",
    "programmes:support_edit": "animators",
    "questions:list": "members",
    "questions:faq": "members",
    "questions:create": "members",
    "questions:similar": "members",
    "questions:moderation": "animators",
    "questions:expertise": "members",
    "questions:stats": "animators",
    "questions:attachment": "group",
    "questions:detail": "group",
    "questions:edit": "group_action",
    "questions:history": "group",
    "questions:answer": {"*": 404, "anonymous": "login", "group_member": 302},
    "questions:follow": {"*": 404, "anonymous": "login", "group_member": 302},
    "questions:resolve": "group_action",
    "questions:report": "group",
    "questions:moderate": "group_action",
    "questions:comment": {"*": 404, "anonymous": "login", "group_member": 302},
    "questions:vote": {"*": 404, "anonymous": "login", "group_member": 302},
    "questions:accept": "group_action",
    "questions:answer_moderate": "group_action",
    "groups:list": "members",
    "groups:create": "animators",
    "groups:detail": {"*": 404, "anonymous": "login", "outside_animator": 200, "group_member": 200},
    "groups:edit": {"*": 404, "anonymous": "login", "outside_animator": 200, "group_member": 403},
    "groups:join": {"*": 404, "anonymous": "login", "outside_animator": 403, "group_member": 403},
    "groups:request": {"*": 404, "anonymous": "login", "outside_animator": 403, "group_member": 403},
    "groups:leave": {"*": 404, "anonymous": "login", "outside_animator": 403, "group_member": 200},
    "groups:members": {"*": 404, "anonymous": "login", "outside_animator": 200, "group_member": 200},
    "groups:documents": "group",
    "groups:document_download": "group",
    "groups:document_delete": "group_action",
    "mentoring:index": "public",
    "mentoring:request": "members",
    "mentoring:offer": "members",
    "mentoring:coordination": "animators",
    "mentoring:detail": {"*": 404, "anonymous": "login", "outside_animator": 200},
    "mentoring:answer": {"*": 404, "anonymous": "login", "outside_animator": 403},
    "mentoring:withdraw": {"*": 404, "anonymous": "login", "outside_animator": 403},
    "mentoring:exchange": {"*": 404, "anonymous": "login", "outside_animator": 403},
    "mentoring:close": {"*": 404, "anonymous": "login", "outside_animator": 403},
    "notifications:list": "members",
    "notifications:open": {"*": 404, "anonymous": "login"},
    "notifications:mark_all_read": {"*": 302, "anonymous": "login"},
    "notifications:preferences": "members",
    "notifications:unsubscribe": {"*": 400},
    "cockpit:index": "animators",
    "cockpit:export": "animators",
    "cockpit:figure": "animators",
    "cockpit:figure_csv": "animators",
    "cockpit:moderation": "animators",
    "cockpit:moderation_action": {"*": 403, "anonymous": "login", "outside_animator": 302},
    "cockpit:settings": "animators",
    "portal:my_space": "members",
    "portal:find_organisation": "members",
    "portal:activity": "members",
    "api:index": "public",
    "api:aid_list": "public",
    "api:token_list": "members",
    "api:token_revoke": {"*": 404, "anonymous": "login"},
    "api-v1:api-root": "not_found",
    "api-v1:openapi-json": "public",
    "api-v1:openapi-view": "public",
    "api-v1:theme_list": "public",
    "api-v1:territory_list": "public",
    "api-v1:aid_list": "public",
    "api-v1:aid_detail": "public",
    "api-v1:organisation_list": "public",
    "api-v1:organisation_detail": "public",
    "api-v1:person_list": "public",
    "api-v1:person_detail": "public",
    "api-v1:experience_list": "public",
    "api-v1:experience_detail": "public",
    "api-v1:resource_list": "public",
    "api-v1:resource_detail": "public",
    "api-v1:event_list": "public",
    "api-v1:event_detail": "not_found",
    "api-v1:group_list": "public",
    "opendata:index": "public",
    "opendata:csv": "public",
    "opendata:json": "public",
    "socialaccount_connections": "members",
    # ProConnect's pages (allauth's views): a cancelled or failed login says so (the failure with
    # a 401); the social signup form without a login in progress leads to the login page.
    "socialaccount_login_cancelled": "public",
    "socialaccount_login_error": {"*": 401},
    "socialaccount_signup": {"*": LOGIN},
    # allauth's names for this site's login and signup pages (same addresses as accounts:*).
    "account_login": {"*": 302, "anonymous": 200},
    "account_signup": {"*": 302, "anonymous": 200},
    "openid_connect_login": "not_found",
    "openid_connect_callback": "not_found",
    "directory:person_edit": "animators",
    "directory:organisation_create": "animators",
    "directory:organisation_merge_search": "animators",
    "directory:organisation_merge": "animators",
    "directory:invitation_list": "animators",
    "directory:invitation_bulk": "animators",
    "directory:invitation_imported": "animators",
    "directory:invitation_resend": "post_only",
    "aids:import_file": "animators",
    "aids:import_list": "animators",
    "aids:import_detail": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "events:registration_promote": "post_only",
    "events:registration_cancel": "group_action",
    "events:registration_settings": "group_action",
    "events:registration_question_create": "group_action",
    "events:registration_question_edit": "group_action",
    "events:registration_question_delete": "group_action",
    "polls:edit": "animators",
    "polls:invitees": "animators",
    "polls:invitee_remove": "post_only",
    "programmes:create": "animators",
    "programmes:edit": "animators",
    "programmes:phase_create": "animators",
    "programmes:phase_edit": "animators",
    "programmes:phase_delete": "animators",
    "programmes:enrolment_create": "animators",
    "programmes:enrolment_edit": "animators",
    "programmes:enrolment_delete": "animators",
    "programmes:support_day_add": "animators",
    "programmes:support_day_delete": {"*": 403, "anonymous": "login", "outside_animator": 404},
    "groups:discussion_create": "group",
    "groups:discussion": "group",
    "questions:from_discussion": "group_action",
    "cockpit:accounts": "animators",
    "cockpit:account": "animators",
    "cockpit:account_deactivate": "animators",
    "cockpit:account_reactivate": {"*": 403, "anonymous": "login"},
    # --- added 5 December 2026
    # The Markdown preview renders and sanitises, stores nothing, reads nothing: open to all (POST).
    "core:markdown_preview": "public",
    "mailing:list": "public",
    "mailing:feed": "public",
    "mailing:edition_create": "animators_only",
    "mailing:subscription": "public",
    "mailing:confirm": "public",  # an unknown token: the page says the link is not valid
    "mailing:unsubscribe": "not_found",
    "mailing:edition_edit": "animators_only",
    "mailing:edition_block": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "mailing:edition_preview": "animators_only",
    "mailing:edition_test": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "mailing:edition_schedule": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "mailing:edition_send": "animators_only",
    "mailing:edition": "members",  # a sent edition whose archive is for members only
    "mailing:follows": "members",
    "mailing:follow_add": {"*": 302, "anonymous": "login"},
    # Someone else's follow: nothing is removed (tests/mailing), the page comes back.
    "mailing:follow_remove": {"*": 302, "anonymous": "login"},
    "mailing:announcements": "animators_only",
    "mailing:announcement_create": "animators_only",
    "mailing:announcement_edit": "animators_only",
    "mailing:announcement_delete": "animators_only",
    "mailing:messages": "animators_only",
    "mailing:failed_addresses": "animators_only",
    # A message to the registrants of the private group's event: group content.
    "mailing:message": {"*": 404, "anonymous": "login"},
    "mailing:event_message": {"*": 404, "anonymous": "login"},
    "mailing:consultation_reminder": {"*": 404, "anonymous": "login"},
    "mailing:poll_invitation": "animators_only",
    "evaluations:index": "members",
    # A member of the audience is sent to the form; the animation team reads the survey.
    "evaluations:detail": {"*": 302, "anonymous": "login", "outside_animator": 200},
    "evaluations:create": "animators_only",
    "evaluations:update": "animators_only",
    "evaluations:delete": "animators_only",
    "evaluations:publish": "animators_only",
    "evaluations:send": "animators_only",
    "evaluations:question_add": "animators_only",
    "evaluations:question_update": "animators_only",
    "evaluations:question_delete": "animators_only",
    "evaluations:question_move": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "evaluations:answer": "members",
    "evaluations:results": "animators_only",
    # No answer yet: back to the results page, which says so.
    "evaluations:results_export": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "reports:index": "animators_only",
    "reports:detail": "animators_only",
    "reports:texts": "animators_only",
    "reports:refresh": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "reports:delete": "animators_only",
    "reports:documents": {"*": 404, "anonymous": "login", "outside_animator": 302},
    "reports:document_file": {"*": 404, "anonymous": "login"},  # not produced yet: 404 for all
    "events:followup": "group_action",
    "events:followup_delete": "group_action",
    # Anyone logged in writes with the editor and picks organisations in forms.
    "core:image_upload": "members",
    "directory:organisation_search": "members",
}

# Actions answered only to POST: the matrix posts to them (an empty form) to reach the permission
# check. Generating a booklet (a PDF) and logging out stay GET (405): posting would do the work.
POSTS = {
    "themes:move", "directory:membership_toggle_referent", "directory:invitation_cancel",
    "directory:join_request_decide", "resources:collection_add", "resources:collection_item",
    "resources:renew", "resources:accept", "aids:saved_search_create",
    "consultations:contribution_highlight", "consultations:comment_create",
    "consultations:comment_moderate", "rotations:generate", "rotations:rounds_done", "rotations:publish",
    "events:register", "polls:answer", "polls:comment", "polls:to_event", "arbitrages:remind",
    "questions:answer", "questions:follow", "questions:resolve", "questions:comment", "questions:vote",
    "questions:accept", "groups:join", "mentoring:answer", "mentoring:exchange",
    "notifications:mark_all_read", "cockpit:moderation_action", "core:markdown_preview",
    "mailing:edition_block", "mailing:edition_test", "mailing:edition_schedule", "mailing:follow_add",
    "mailing:follow_remove", "evaluations:question_move", "reports:refresh", "reports:documents",
}  # fmt: skip
METHODS = dict.fromkeys(POSTS, "POST")


def _names():
    """Every named URL pattern of the site but the admin's."""

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                if inner == "admin":
                    continue
                full = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
                yield from walk(pattern.url_patterns, full)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns))


def expected(name: str, role: str):
    rule = EXPECTED[name]
    table = RULES[rule] if isinstance(rule, str) else rule
    return table.get(role, table.get("*"))


CASES = [(name, role) for name in EXPECTED for role in ROLES]


def test_every_endpoint_is_declared():
    assert sorted(_names() - set(ENDPOINTS)) == []
    assert sorted(set(ENDPOINTS) - _names()) == []
    assert sorted(set(ENDPOINTS) - set(EXPECTED)) == []
    assert set(POSTS) <= set(ENDPOINTS)
    # 6 roles x every endpoint (the count stated in the closing note).
    assert len(CASES) == len(EXPECTED) * len(ROLES)


def _get(client, world, user, name):
    url = ENDPOINTS[name](world, user)
    method = METHODS.get(name, "GET")
    response = client.post(url) if method == "POST" else client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    if response.status_code == 302 and "/compte/connexion/" in response["Location"]:
        return LOGIN, response
    return response.status_code, response


@pytest.mark.parametrize("role", ROLES)
def test_matrix(client, db, settings, role):
    """One world per role (building it is the costly part); every endpoint is checked and every
    difference reported at once."""
    world = build(settings)
    client.raise_request_exception = False  # a 500 is a status like any other here
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    differences = []
    observed = {}
    for name in EXPECTED:
        got, response = _get(client, world, user, name)
        observed[name] = got
        want = expected(name, role)
        if got != want:
            differences.append(f"{name} as {role}: {got}, expected {want}")
        elif (
            got == 200
            and role not in ("group_member", "outside_animator")
            and not response.streaming
            # A former member's own data export lists the registration they once made.
            and name != "accounts:export"
        ):
            # Nothing of the group's content reaches anyone outside it.
            assert b"Zorglub" not in response.content, (name, role)
    if os.environ.get("MATRIX_OBSERVE"):
        with open(f"{os.environ['MATRIX_OBSERVE']}-{role}.json", "w") as out:
            json.dump(observed, out)
    assert differences == [], f"{len(differences)} differences:\n" + "\n".join(differences)
