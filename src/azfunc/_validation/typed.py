"""The rules on typed HTTP functions (run by :func:`azfunc._validation.indexing.index`).

A parameter of an HTTP function that no binding feeds is typed (a route, query or body
parameter: :mod:`azfunc._typed.plan`), so a misspelt binding ``arg_name`` would pass
for a query parameter. The signature rules still report the binding left without its
parameter (``binding-without-parameter``); these rules add:

- ``typed-parameter-near-binding``: a typed parameter whose name is close to such a
  binding's name (:func:`~azfunc._validation.problems.close_match`, or the same letters
  in another order): almost surely the binding's parameter, misspelt;
- ``typed-parameter-invalid``: a typed parameter azfunc cannot serve (an annotation
  that is neither a model nor a simple type, two bodies, a route parameter annotated
  with a model): every invocation would fail;
- ``typed-without-http-output``: a typed function without an HTTP output, so it cannot
  answer a rejected request.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from azfunc._typed.plan import TypedPlan, plan_of
from azfunc._validation.problems import Problem, close_match, definition_site

if TYPE_CHECKING:
    from azfunc.decorators._function import Function

__all__ = ["typed_problems"]

_RETURN = "$return"


def _problem(function: Function, code: str, message: str) -> Problem:
    file, line = definition_site(function.get_user_function())
    return Problem.of(code, message, function=function.get_function_name(), file=file, line=line)


def _near_binding_problems(function: Function, plan: TypedPlan) -> list[Problem]:
    taken = {p.name for p in plan.signature.parameters.values()}
    orphans = [
        b.name
        for b in function.get_bindings()
        if b.name != _RETURN and b.name not in taken and b.name != plan.request
    ]
    problems = []
    for parameter in plan.parameters:
        anagram = next((o for o in orphans if sorted(o) == sorted(parameter.name)), None)
        close = anagram or close_match(parameter.name, orphans)
        if close is None:
            continue
        binding = next(b for b in function.get_bindings() if b.name == close)
        problems.append(
            _problem(
                function,
                "typed-parameter-near-binding",
                f"Function {plan.function_name!r} takes parameter {parameter.name!r} as a "
                f"typed {parameter.source} parameter, but its name is close to "
                f"{close!r}, the arg_name of its {binding.type!r} binding, which no "
                f"parameter receives. Rename the parameter {close!r} (or the "
                f"binding's arg_name {parameter.name!r}); to keep a typed parameter, "
                "give it a name no binding resembles.",
            )
        )
    return problems


def typed_problems(function: Function) -> list[Problem]:
    """Return every problem of one typed HTTP function (``[]`` for any other function).

    :param function: A built function (``app.get_functions()`` or ``builder.build()``).
    """
    plan = plan_of(function)
    if plan is None:
        return []
    problems = [_problem(function, "typed-parameter-invalid", text) for text in plan.problems]
    if plan.http_output is None:
        problems.append(
            _problem(
                function,
                "typed-without-http-output",
                f"Function {plan.function_name!r} has typed parameters or a response model "
                "but no HTTP output, so it can neither answer a rejected request (422) nor "
                "send the model. Add an HTTP output binding: app.route adds one; with "
                "generic_trigger, add generic_output_binding(arg_name='$return', "
                "type='http').",
            )
        )
    return [*problems, *_near_binding_problems(function, plan)]
