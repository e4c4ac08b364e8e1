"""The load-time signature checks: each mismatch yields one clear problem."""

from __future__ import annotations

from typing import Any

import pytest

import azfunc as func
from azfunc._runtime.signature import bind_signature, signature_problems
from azfunc.invocation import FunctionSignatureError, invoke
from azfunc.meta import Datum


def _function(app: func.FunctionApp) -> Any:
    # build() without get_functions(): indexing refuses the apps the worker would refuse
    (builder,) = app._function_builders
    return builder.build(app.auth_level)


def _messages(app: func.FunctionApp) -> list[tuple[str, str]]:
    return [(p.code, p.message) for p in signature_problems(_function(app))]


def test_valid_function_has_no_problem_and_maps_every_parameter() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.queue_output(arg_name="out", queue_name="out", connection="Storage")
    def ok(msg: func.QueueMessage, out: func.Out[str], context: func.Context) -> None: ...

    signature = bind_signature(_function(app))

    assert [(p.name, p.is_out, p.value_type) for p in signature.parameters] == [
        ("msg", False, func.QueueMessage),
        ("out", True, str),
    ]
    assert signature.context_parameter == "context"


def test_parameter_without_binding() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def ingest(msg: func.QueueMessage, extra: str) -> None: ...

    assert _messages(app) == [
        (
            "parameter-without-binding",
            "Function 'ingest' declares parameter 'extra' but no binding named 'extra'; "
            "bindings are 'msg'. Add a binding with arg_name='extra' or remove the parameter.",
        )
    ]


def test_binding_without_parameter() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.blob_input(arg_name="blob", path="c/b", connection="Storage")
    def ingest(msg: func.QueueMessage) -> None: ...

    assert _messages(app) == [
        (
            "binding-without-parameter",
            "Function 'ingest' has a 'blob' binding named 'blob' but no parameter of that "
            "name; parameters are 'msg'. Add a parameter 'blob' or change the binding's "
            "arg_name.",
        )
    ]


def test_output_binding_without_out_annotation() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.queue_output(arg_name="out", queue_name="out", connection="Storage")
    def ingest(msg: func.QueueMessage, out: str) -> None: ...

    assert _messages(app) == [
        (
            "output-without-out",
            "Function 'ingest': parameter 'out' feeds the output binding 'out' ('queue') but "
            "is annotated str. Annotate it func.Out[T] and call out.set(value).",
        )
    ]


def test_out_annotation_on_an_input_binding() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.blob_input(arg_name="blob", path="c/b", connection="Storage")
    def ingest(msg: func.QueueMessage, blob: func.Out[str]) -> None: ...

    assert _messages(app) == [
        (
            "out-on-input-binding",
            "Function 'ingest': parameter 'blob' is annotated Out[str], but binding 'blob' "
            "('blob') is an input (direction IN). Drop the Out[...] annotation, or bind the "
            "parameter to an output binding.",
        )
    ]


def test_annotation_the_converter_rejects_names_the_accepted_types() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def ingest(msg: func.HttpRequest) -> None: ...

    assert _messages(app) == [
        (
            "annotation-rejected",
            "Function 'ingest': parameter 'msg' is annotated HttpRequest, which the "
            "'queueTrigger' binding cannot produce. Annotate it with one of QueueMessage, "
            "bytes, str.",
        )
    ]


def test_str_and_bytes_parameters_pass_as_generic_like_the_worker() -> None:
    text_app, bytes_app = func.FunctionApp(), func.FunctionApp()

    @text_app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def as_text(msg: str) -> None: ...

    @bytes_app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def as_bytes(msg: bytes) -> None: ...

    assert (_messages(text_app), _messages(bytes_app)) == ([], [])


def test_generic_binding_takes_str_or_bytes() -> None:
    app = func.FunctionApp()

    @app.generic_trigger(arg_name="evt", type="customTrigger")
    def custom(evt: int) -> None: ...

    assert _messages(app) == [
        (
            "annotation-rejected",
            "Function 'custom': parameter 'evt' is annotated int, which the 'customTrigger' "
            "binding cannot produce. Annotate it with str or bytes (the binding has no "
            "converter, so the worker treats it as generic).",
        )
    ]


def test_return_annotation_and_context_annotation_are_checked() -> None:
    app = func.FunctionApp(http_auth_level=func.AuthLevel.ANONYMOUS)

    @app.route(route="x")
    def web(req: func.HttpRequest, context: str) -> int:
        return 1

    assert _messages(app) == [
        (
            "context-annotation",
            "Function 'web' declares parameter 'context' annotated 'str', but no binding is "
            "named 'context', so it receives the invocation context. Annotate it "
            "func.Context, or add a binding with arg_name='context'.",
        ),
        (
            "return-annotation-rejected",
            "Function 'web': the return annotation int does not suit its '$return' binding "
            "('http'). Annotate the return with one of HttpResponse, str.",
        ),
    ]


def test_unresolvable_annotation_is_reported() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def ingest(msg: Missing) -> None: ...  # type: ignore[name-defined]  # noqa: F821

    assert _messages(app) == [
        (
            "unresolved-annotation",
            "Function 'ingest': its annotations cannot be resolved (NameError: name "
            "'Missing' is not defined). Import every name an annotation uses at module "
            "level, or quote nothing that cannot be imported.",
        )
    ]


def test_every_problem_of_a_function_is_listed_in_one_error() -> None:
    app = func.FunctionApp()

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    @app.queue_output(arg_name="out", queue_name="out", connection="Storage")
    def ingest(msg: func.QueueMessage, out: str, extra: int) -> None: ...

    with pytest.raises(FunctionSignatureError) as caught:
        invoke(_function(app), {"msg": "x"})

    assert [p.code for p in caught.value.problems] == [
        "output-without-out",
        "parameter-without-binding",
    ]
    assert str(caught.value).count("\n") == 1


def test_unannotated_parameters_are_accepted_and_decoded() -> None:
    app = func.FunctionApp()
    seen: list[Any] = []

    @app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")
    def loose(msg):  # type: ignore[no-untyped-def]
        seen.append(msg)

    invoke(_function(app), {"msg": Datum("hi", "string")})

    assert isinstance(seen[0], func.QueueMessage)
    assert seen[0].get_body() == b"hi"


def test_sdk_type_annotations_are_accepted() -> None:
    blob_client = type("BlobClient", (), {"__module__": "azurefunctions.extensions.bindings.blob"})
    app = func.FunctionApp()
    ns: dict[str, Any] = {"func": func, "BlobClient": blob_client}
    exec(
        "def sdk(msg: func.QueueMessage, client: BlobClient) -> None: ...",
        ns,
    )
    app.queue_trigger(arg_name="msg", queue_name="in", connection="Storage")(
        app.blob_input(arg_name="client", path="c/b", connection="Storage")(ns["sdk"])
    )

    assert _messages(app) == []


def test_iterables_of_one_sdk_type_are_accepted_and_others_are_not() -> None:
    # The worker accepts an iterable of one SDK type for a cardinality="many" trigger
    # (the batch sample of azurefunctions-extensions-bindings-servicebus).
    received = type(
        "ServiceBusReceivedMessage",
        (),
        {"__module__": "azurefunctions.extensions.bindings.servicebus"},
    )
    app = func.FunctionApp()
    ns: dict[str, Any] = {"func": func, "List": list, "Received": received}
    exec(
        "def batch(messages: List[Received]) -> None: ...\n"
        "def pair(messages: dict[str, Received]) -> None: ...",
        ns,
    )
    for handler in ("batch", "pair"):
        app.function_name(handler)(
            app.service_bus_queue_trigger(
                arg_name="messages", queue_name="q", connection="Bus", cardinality="many"
            )(ns[handler])
        )

    problems = {
        builder._function.get_function_name(): [
            (p.code, p.message) for p in signature_problems(builder.build(app.auth_level))
        ]
        for builder in app._function_builders
    }
    assert problems == {
        "batch": [],
        "pair": [
            (
                "annotation-rejected",
                "Function 'pair': parameter 'messages' is annotated "
                "dict[str, ServiceBusReceivedMessage], which the 'serviceBusTrigger' binding "
                "cannot produce. Annotate it with one of ServiceBusMessage, bytes, str.",
            )
        ],
    }
