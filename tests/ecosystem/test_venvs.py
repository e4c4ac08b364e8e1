"""The import rewrite that points a vendored package at azfunc."""

from __future__ import annotations

from tests.ecosystem.venvs import rewrite_imports


def test_rewrite_imports_every_spelling() -> None:
    source = (
        "import azure.functions as func\n"
        "from azure.functions import HttpRequest\n"
        "from azure.functions.decorators.core import Trigger\n"
        "import azure.functions._durable_functions as _sdk\n"
        "    from azure import functions\n"
        "x = azure.functions.HttpResponse\n"
        "import azure.functions_worker\n"
    )
    assert rewrite_imports(source) == (
        "import azfunc as func\n"
        "from azfunc import HttpRequest\n"
        "from azfunc.decorators.core import Trigger\n"
        "import azfunc._durable_functions as _sdk\n"
        "    import azfunc as functions\n"
        "x = azfunc.HttpResponse\n"
        "import azure.functions_worker\n"
    )
