from django.urls import path  # noqa: F401

# Included from apps/directory/urls.py, in the "directory" namespace.
urlpatterns = []
