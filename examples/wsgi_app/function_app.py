"""A WSGI web app served by one catch-all HTTP function named ``web``.

A real app would pass a Flask or Django application; this one is a plain WSGI callable
so it runs with no framework installed.
"""

import azfunc as func


def wsgi_app(environ, start_response):
    body = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']}".encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body]


app = func.WsgiFunctionApp(
    app=wsgi_app, http_auth_level=func.AuthLevel.FUNCTION, function_name="web"
)
