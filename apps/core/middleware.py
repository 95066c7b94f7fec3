from django.middleware.csp import get_nonce


def csp_nonce_for_dsfr(get_response):
    """django-dsfr's templates read `request.csp_nonce` (a django-csp convention);
    expose Django's built-in CSP nonce under that name."""

    def middleware(request):
        request.csp_nonce = get_nonce(request)
        return get_response(request)

    return middleware
