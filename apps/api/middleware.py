"""CORS for the read API: any web page may read /api/ with GET (public data, or a token the
caller sends explicitly). Never with cookies: the API has no session authentication, and
`Access-Control-Allow-Credentials` is never sent, so a site cannot read a member's data through
their browser."""

from django.http import HttpResponse, JsonResponse

ALLOWED_METHODS = "GET, HEAD, OPTIONS"
_ERRORS = {
    400: "Requête invalide (caractère nul ou paramètre illisible).",
    404: "Adresse inconnue : voir /api/v1/docs.",
    405: "Méthode non permise : l'API est en lecture seule.",
}


def api_cors(get_response):
    def middleware(request):
        if not request.path.startswith("/api/"):
            return get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response["Access-Control-Allow-Headers"] = "Authorization, Accept"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = get_response(request)
            if (
                request.path.startswith("/api/v1/")
                and response.status_code >= 400
                and not response.get("Content-Type", "").startswith("application/json")
                and not request.path.startswith("/api/v1/docs")
            ):
                # Errors answered before the API (a NUL byte refused at the door, an unknown
                # address): JSON as documented, never the site's HTML error page.
                status = response.status_code
                response = JsonResponse({"detail": _ERRORS.get(status, "Erreur.")}, status=status)
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "Retry-After"
        return response

    return middleware
