"""HTTP routes as the Functions host reads them.

- :mod:`azfunc._routing.template`: route templates (``items/{id:int?}``) and their parser;
- :mod:`azfunc._routing.constraints`: the host's route constraints (``int``, ``guid``, ...);
- :mod:`azfunc._routing.table`: the route table of an app, matching, ``HttpRoute``.
"""
