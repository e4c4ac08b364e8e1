"""Typed HTTP functions: route, query and body parameters converted and validated
before the call, response models, and the OpenAPI document.

- :mod:`azfunc._typed.models`: conversion of values to models and simple types (every
  field error collected); :mod:`azfunc._typed.dump`: values to JSON;
  :mod:`azfunc._typed.schema`: JSON Schema;
- :mod:`azfunc._typed.plan`: which parameters of a function are typed, and from where;
- :mod:`azfunc._typed.view`: the worker's view of a typed function, an adapter whose
  signature lists only the bindings (the one hook of the runner, the checks and the
  worker bridge);
- :mod:`azfunc._typed.response`: ``ModelResponse``, JSON and RFC 9457 problem answers;
- :mod:`azfunc._typed.openapi`: the OpenAPI 3.1 document of an app's HTTP functions.
"""
