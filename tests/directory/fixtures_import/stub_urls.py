"""URL names the site shell links to but that another app has not shipped yet.

Used only when `reverse()` cannot find them (see `stub_missing_urls` in the import view tests):
once the real views exist, the real URLconf is used."""

from django.http import HttpResponse
from django.urls import include, path

from maillage.urls import urlpatterns as base

territories = ([path("projets/", lambda request: HttpResponse(""), name="project_list")], "territories")
urlpatterns = [path("stub-territoires/", include(territories)), *base]
