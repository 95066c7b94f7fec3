from django.conf import settings


def network(request):
    return {
        "network": {
            "name": settings.MAILLAGE_NETWORK_NAME,
            "tagline": settings.MAILLAGE_NETWORK_TAGLINE,
            "logo": settings.MAILLAGE_NETWORK_LOGO,
            "operator": settings.MAILLAGE_OPERATOR_NAME,
            "contact_email": settings.MAILLAGE_CONTACT_EMAIL,
            "tile_url": settings.MAILLAGE_TILE_URL,
        }
    }


def navigation(request):
    from apps.core.navigation import main_nav

    return {"main_nav": main_nav(request)}
