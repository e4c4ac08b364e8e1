"""Typed HTTP functions: what a function returns to send a model with another status
or headers. See docs/typed-http.md.

.. versionadded:: 0.2.0
"""

from azfunc._typed.response import ModelResponse

__all__ = ["ModelResponse"]
