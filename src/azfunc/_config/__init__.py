"""The app's configuration files as the Functions host reads them, and their rules.

- :mod:`azfunc._config.host_json`: host.json (route prefix, timeouts, extension bundle);
- :mod:`azfunc._config.local_settings`: local.settings.json (``Values``, ``Host``);
- :mod:`azfunc._config.rules`: the checks ``azfunc check`` makes of both.
"""
