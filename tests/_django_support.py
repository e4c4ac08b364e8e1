"""A one-view Django project, configured in code, for the WSGI and ASGI middleware tests."""

from __future__ import annotations

from typing import Any


def django_view(request: Any, item: str) -> Any:
    from django.http import JsonResponse

    response = JsonResponse(
        {
            "item": item,
            "path": request.path,
            "path_info": request.path_info,
            "method": request.method,
            "q": request.GET.getlist("q"),
            "body": request.body.decode("utf-8", "replace"),
        }
    )
    response.set_cookie("session", "abc")
    response["X-Extra"] = "yes"
    return response


urlpatterns: list[Any] = []


def setup_django() -> None:
    """Configure Django once per process, with this module as the URLconf."""
    import django
    from django.conf import settings
    from django.urls import path

    if not settings.configured:
        settings.configure(
            DEBUG=False,
            SECRET_KEY="azfunc-tests",
            ALLOWED_HOSTS=["*"],
            ROOT_URLCONF=__name__,
            MIDDLEWARE=[],
            INSTALLED_APPS=[],
            DATABASES={},
            USE_TZ=True,
        )
        django.setup()
    urlpatterns[:] = [path("api/view/<str:item>", django_view)]
