from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    name = "apps.questions"
    label = "questions"
    verbose_name = "Questions au réseau"

    def ready(self):
        # groups imports no content app: it calls back what each one does when someone leaves.
        from apps.groups.hooks import register_content_section, register_member_leaving
        from apps.questions.services import group_member_forget
        from apps.questions.views_groups import group_questions_section

        register_member_leaving(group_member_forget)
        register_content_section(group_questions_section)
        # The directory imports no content app: « Qui me ressemble » asks what organisations need.
        from apps.directory.similar_sources import register_needs_source
        from apps.questions.selectors import organisation_question_themes

        register_needs_source(organisation_question_themes)
