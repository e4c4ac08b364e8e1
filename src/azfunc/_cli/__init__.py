"""The ``azfunc`` command line: ``azfunc index`` (more commands join it)."""
