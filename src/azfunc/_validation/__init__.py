"""Checks of a function app that the Python worker and the Functions host would otherwise
make only on Azure (or never). ``get_functions()`` runs none of them; they run where
they are asked for, through :func:`azfunc._validation.indexing.index`: ``azfunc check``
(with the host.json and local.settings.json checks), ``azfunc index``, ``azfunc start``
and the testing kit.

- :mod:`azfunc._validation.indexing`: :func:`~azfunc._validation.indexing.index`, the
  one entry point.
- :mod:`azfunc._validation.problems`: the :class:`~azfunc._validation.problems.Problem`
  record, the error and warning classes, and how problems are listed.
- :mod:`azfunc._validation.rules`: every rule (id, level, scope, summary); a new rule is
  one ``register`` call.
- :mod:`azfunc._validation.functions`: the rules on indexed functions, with
  :mod:`~azfunc._validation.bindings` (resource names, cardinality and data type) and
  :mod:`~azfunc._validation.source` (decorator order, blocking calls in async functions).
- :mod:`azfunc._validation.config`: ``[tool.azfunc.check]`` and ``# azfunc: ignore[rule]``.
- :mod:`azfunc._validation.blueprints`: blueprints that hold functions but were never
  registered.
- :mod:`azfunc._config.rules`: host.json and local.settings.json.
"""
