"""The invocation runtime: what runs one function, below the host, the testing kit and the CLI.

- :mod:`azfunc._runtime.runner`: the one invocation runner, with an async and a sync edge;
- :mod:`azfunc._runtime.pipeline`: what each caller adds (``invoke``/``invoke_async``, the
  worker's stand-in);
- :mod:`azfunc._runtime.binding_values`: inputs decoded and outputs encoded per binding;
- :mod:`azfunc._runtime.signature`: the function's parameters against its bindings;
- :mod:`azfunc._runtime.middleware`, :mod:`azfunc._runtime.lifecycle`: middleware chains,
  extension hooks, startup and shutdown hooks;
- :mod:`azfunc._runtime.invocation_context`: the invocation context in ``contextvars``.
"""
