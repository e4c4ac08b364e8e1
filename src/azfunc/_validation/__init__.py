"""Checks of a function app that the Python worker and the Functions host would otherwise
make only on Azure (or never): ``get_functions()`` runs them on every indexing, and
``azfunc check`` reports them together with the host.json and local.settings.json checks.

- :mod:`azfunc._validation.problems`: the :class:`~azfunc._validation.problems.Problem`
  record, the error and warning classes, and how problems are listed.
- :mod:`azfunc._validation.functions`: the rules on indexed functions, and the hook
  ``get_functions()`` calls.
- :mod:`azfunc._validation.blueprints`: blueprints that hold functions but were never
  registered.
- :mod:`azfunc._validation.config`: host.json and local.settings.json.
"""
