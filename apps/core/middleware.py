from django.middleware.csp import get_nonce


def csp_nonce_for_dsfr(get_response):
    """django-dsfr's templates read `request.csp_nonce` (a django-csp convention);
    expose Django's built-in CSP nonce under that name."""

    def middleware(request):
        # A plain string (not Django's lazy nonce): django-dsfr tests it with `{% if %}`,
        # and once evaluated the middleware adds it to the header.
        nonce = get_nonce(request)
        request.csp_nonce = str(nonce) if nonce is not None else None
        return get_response(request)

    return middleware
