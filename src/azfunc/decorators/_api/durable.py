"""Durable Functions decorators.

They build their bindings natively, so decorating never imports the Durable Functions
SDK. Orchestrator, entity and client functions are adapted to the SDK when they first
run (see :mod:`azfunc.decorators.durable`); bindings and settings stacked on either side
of a durable decorator are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionBuilder, FunctionDecorator
from azfunc.decorators.durable import (
    ActivityTrigger,
    DurableClient,
    EntityTrigger,
    OrchestrationTrigger,
    client_function,
    entity_function,
    orchestrator_function,
)


def _then_adapt(
    decorator: FunctionDecorator, adapt: Callable[[Callable[..., Any]], Callable[..., Any]]
) -> FunctionDecorator:
    """Return ``decorator`` followed by replacing the function the worker calls with ``adapt(it)``.

    The builder's ``__wrapped__`` stays the user's own function, for direct calls in tests.
    """

    def apply(func: Any) -> FunctionBuilder[Any, Any]:
        builder: FunctionBuilder[Any, Any] = decorator(func)
        builder._function._func = adapt(builder._function._func)
        return builder

    return apply


class _DurableTriggers(DecoratorApi):
    def orchestration_trigger(
        self, context_name: str, orchestration: str | None = None
    ) -> FunctionDecorator:
        """Run the function as a Durable Functions orchestrator (a generator function).

        Emits an ``orchestrationTrigger`` binding (direction IN) into function.json.
        When it runs, the function is driven by the SDK's ``Orchestrator``, which needs
        ``azure-functions-durable``; call the decorated name's ``__wrapped__`` to reach
        the generator function itself in unit tests.

        :param context_name: Parameter that receives the ``DurableOrchestrationContext``.
        :param orchestration: Name under which clients start the orchestration; the
            function name by default.
        :raises ImportError: (when the function runs) ``azure-functions-durable`` is not
            installed.

        Source: https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-bindings#orchestration-trigger
        """
        return _then_adapt(
            self._add_trigger(OrchestrationTrigger(name=context_name, orchestration=orchestration)),
            lambda fn: orchestrator_function(fn, context_name),
        )

    def entity_trigger(
        self, context_name: str, entity_name: str | None = None
    ) -> FunctionDecorator:
        """Run the function as a durable entity (a stateful object addressed by key).

        Emits an ``entityTrigger`` binding (direction IN) into function.json. When it
        runs, the function is driven by the SDK's ``Entity``, which needs
        ``azure-functions-durable``.

        :param context_name: Parameter that receives the ``DurableEntityContext``.
        :param entity_name: Name under which the entity is signalled; the function name
            by default.
        :raises ImportError: (when the function runs) ``azure-functions-durable`` is not
            installed.

        Source: https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-bindings#entity-trigger
        """
        return _then_adapt(
            self._add_trigger(EntityTrigger(name=context_name, entity_name=entity_name)),
            lambda fn: entity_function(fn, context_name),
        )

    def activity_trigger(self, input_name: str, activity: str | None = None) -> FunctionDecorator:
        """Run the function as an activity that orchestrators call.

        Emits an ``activityTrigger`` binding (direction IN) into function.json. The
        function runs as written; it does not need the Durable Functions SDK.

        :param input_name: Parameter that receives the input the orchestrator passes.
        :param activity: Name under which orchestrators call the activity; the function
            name by default.

        Source: https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-bindings#activity-trigger
        """
        return self._add_trigger(ActivityTrigger(name=input_name, activity=activity))


class _DurableBindings(DecoratorApi):
    def durable_client_input(
        self, client_name: str, task_hub: str | None = None, connection_name: str | None = None
    ) -> FunctionDecorator:
        """Give the function a Durable Functions client, to start and manage orchestrations.

        Emits a ``durableClient`` binding (direction IN) into function.json. When the
        function runs, its ``client_name`` argument is turned into the SDK's
        ``DurableOrchestrationClient``, which needs ``azure-functions-durable``.

        :param client_name: Parameter that receives the ``DurableOrchestrationClient``.
        :param task_hub: Task hub of the orchestrations; the app's default task hub when
            omitted.
        :param connection_name: Name of the app setting that locates the task hub's storage.
        :raises ImportError: (when the function runs) ``azure-functions-durable`` is not
            installed.

        Source: https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-bindings#orchestration-client
        """
        return _then_adapt(
            self._add_binding(
                DurableClient(name=client_name, task_hub=task_hub, connection_name=connection_name)
            ),
            lambda fn: client_function(fn, client_name),
        )
