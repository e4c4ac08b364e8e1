"""The local host behind ``azfunc start``: an ASGI app serving a function app's HTTP
functions with the Functions host's routing, keys and responses, plus timers, the
admin invocation endpoint and output recording. Not the real Functions host.

Modules: :mod:`.config` (settings of one run), :mod:`.prepare` (loading and checking
the app), :mod:`.asgi` (the ASGI app, the only HTTP dispatcher: the test client calls
it in-process), :mod:`.invoker` (one invocation, its log line and outputs),
:mod:`.timers`, :mod:`.admin` (trigger inputs for the admin endpoint),
:mod:`.recorder` (outputs and the per-invocation log line),
:mod:`.logs`, :mod:`.server` (uvicorn), :mod:`.reload` (restart on edits).
"""
