"""azfunc.extension: registration of worker extensions and the worker's lookups."""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from azfunc.extension import (
    AppExtensionBase,
    ExtensionMeta,
    FuncExtensionBase,
    FunctionExtensionException,
)
from azfunc.extension._registry import ExtensionRegistry, registry
from azfunc.extension.app_extension_hooks import AppExtensionHooks
from azfunc.extension.extension_hook_meta import ExtensionHookMeta
from azfunc.extension.extension_scope import ExtensionScope
from azfunc.extension.func_extension_hooks import FuncExtensionHooks

ROOT = os.path.join(os.sep, "home", "site", "wwwroot")

APP_INSTANTIATED = (
    "Python worker extension with scope:ExtensionScope.APPLICATION should not "
    "beinstantiable. Please access via class method directly."
)
NO_SCRIPT_ROOT = (
    "AzureWebJobsScriptRoot environment variable is not defined. "
    "Please ensure the extension is running in Azure Functions."
)
NO_TRIGGER_NAME = (
    "Failed to parse trigger name from filename. Function extension should bind to a "
    "trigger script, not share folder. Please ensure extension is create inside atrigger "
    "while __file__ is passed into the argument. The trigger name is resolved from "
    "os.path.relpath(file_path,project_root)."
)


@pytest.fixture(autouse=True)
def clean_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AzureWebJobsScriptRoot", ROOT)
    registry._reset()
    yield
    registry._reset()


class TimerExt(FuncExtensionBase):
    """A function extension as users write one."""

    def __init__(self, file_path: str) -> None:
        super().__init__(file_path)

    def pre_invocation(self, *args: Any, **kwargs: Any) -> None:
        pass


def in_root(*parts: str) -> str:
    return os.path.join(ROOT, *parts)


def call(hook: Callable[..., object], *args: object, **kwargs: object) -> object:
    return hook(*args, **kwargs)


# --- package surface --------------------------------------------------------------------


def test_package_all_is_the_reference_list() -> None:
    import azfunc.extension

    assert azfunc.extension.__all__ == [
        "ExtensionMeta",
        "FunctionExtensionException",
        "AppExtensionBase",
        "FuncExtensionBase",
    ]


def test_star_import_gives_the_four_names() -> None:
    namespace: dict[str, object] = {}
    exec("from azfunc.extension import *", namespace)
    assert sorted(k for k in namespace if k != "__builtins__") == [
        "AppExtensionBase",
        "ExtensionMeta",
        "FuncExtensionBase",
        "FunctionExtensionException",
    ]


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("app_extension_base", "AppExtensionBase"),
        ("func_extension_base", "FuncExtensionBase"),
        ("extension_meta", "ExtensionMeta"),
        ("extension_scope", "ExtensionScope"),
        ("app_extension_hooks", "AppExtensionHooks"),
        ("func_extension_hooks", "FuncExtensionHooks"),
        ("extension_hook_meta", "ExtensionHookMeta"),
        ("function_extension_exception", "FunctionExtensionException"),
    ],
)
def test_reference_module_defines_name(module: str, name: str) -> None:
    import azfunc.extension

    imported = importlib.import_module(f"azfunc.extension.{module}")
    assert getattr(azfunc.extension, module) is imported
    assert getattr(imported, name).__module__ == f"azfunc.extension.{module}"


def test_extension_scope_members() -> None:
    assert [(m.name, m.value) for m in ExtensionScope] == [
        ("UNKNOWN", 0),
        ("APPLICATION", 1),
        ("FUNCTION", 2),
    ]
    assert str(ExtensionScope.APPLICATION) == "ExtensionScope.APPLICATION"


def test_exception_is_a_plain_exception_subclass() -> None:
    assert FunctionExtensionException.__mro__[1:] == (Exception, BaseException, object)


def test_base_classes_use_the_metaclass_and_their_scope() -> None:
    assert type(AppExtensionBase) is ExtensionMeta
    assert type(FuncExtensionBase) is ExtensionMeta
    assert AppExtensionBase._scope is ExtensionScope.APPLICATION
    assert FuncExtensionBase._scope is ExtensionScope.FUNCTION


# --- hook records -----------------------------------------------------------------------


def test_hook_meta_is_a_named_tuple() -> None:
    meta = ExtensionHookMeta(ext_name="Ext", ext_impl=print)
    assert ExtensionHookMeta._fields == ("ext_name", "ext_impl")
    assert tuple(meta) == ("Ext", print)
    assert meta._asdict() == {"ext_name": "Ext", "ext_impl": print}
    assert meta._replace(ext_name="Other") == ExtensionHookMeta("Other", print)
    assert repr(meta) == "ExtensionHookMeta(ext_name='Ext', ext_impl=<built-in function print>)"


def test_hook_containers_field_names() -> None:
    assert FuncExtensionHooks._fields == ("post_function_load", "pre_invocation", "post_invocation")
    assert AppExtensionHooks._fields == (
        "post_function_load_app_level",
        "pre_invocation_app_level",
        "post_invocation_app_level",
    )
    assert repr(FuncExtensionHooks([], [], [])) == (
        "FuncExtensionHooks(post_function_load=[], pre_invocation=[], post_invocation=[])"
    )
    assert tuple(AppExtensionHooks([], [], [])) == ([], [], [])


def test_hook_containers_require_every_field() -> None:
    with pytest.raises(TypeError):
        FuncExtensionHooks()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        AppExtensionHooks([], [])  # type: ignore[call-arg]


# --- empty registry ---------------------------------------------------------------------


def test_nothing_registered() -> None:
    assert ExtensionMeta.get_application_hooks() is None
    assert ExtensionMeta.get_function_hooks("HttpTrigger") is None
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_lookups_are_reachable_from_the_base_classes() -> None:
    assert AppExtensionBase.get_registered_extensions_json() == "{}"
    assert FuncExtensionBase.get_application_hooks() is None


def test_registry_is_one_attrs_object() -> None:
    assert attrs.has(ExtensionRegistry)
    assert isinstance(registry, ExtensionRegistry)


# --- application extensions -------------------------------------------------------------


def test_app_extension_registers_on_class_creation() -> None:
    calls: list[str] = []

    class MyAppExt(AppExtensionBase):
        @classmethod
        def init(cls) -> None:
            calls.append(cls.__name__)

        @classmethod
        def pre_invocation_app_level(cls, *args: Any, **kwargs: Any) -> None:
            pass

    assert calls == ["MyAppExt"]
    assert ExtensionMeta.get_application_hooks() == AppExtensionHooks(
        post_function_load_app_level=[
            ExtensionHookMeta("MyAppExt", MyAppExt.post_function_load_app_level)
        ],
        pre_invocation_app_level=[ExtensionHookMeta("MyAppExt", MyAppExt.pre_invocation_app_level)],
        post_invocation_app_level=[
            ExtensionHookMeta("MyAppExt", MyAppExt.post_invocation_app_level)
        ],
    )
    assert ExtensionMeta.get_registered_extensions_json() == '{"AppExtension": ["MyAppExt"]}'


def test_app_hooks_are_bound_to_the_extension_class() -> None:
    class MyAppExt(AppExtensionBase):
        pass

    hooks = ExtensionMeta.get_application_hooks()
    assert hooks is not None
    inherited = hooks.post_invocation_app_level[0].ext_impl
    assert inherited.__self__ is MyAppExt  # type: ignore[attr-defined]
    assert inherited.__func__ is AppExtensionBase.post_invocation_app_level.__func__  # type: ignore[attr-defined]


def test_init_runs_before_the_hooks_are_registered() -> None:
    seen: list[object] = []

    class MyAppExt(AppExtensionBase):
        @classmethod
        def init(cls) -> None:
            seen.append(ExtensionMeta.get_application_hooks())
            seen.append(ExtensionMeta.get_registered_extensions_json())

    assert seen == [None, "{}"]


def test_failing_init_registers_nothing() -> None:
    with pytest.raises(RuntimeError, match=r"^boom$"):

        class Broken(AppExtensionBase):
            @classmethod
            def init(cls) -> None:
                raise RuntimeError("boom")

    assert ExtensionMeta.get_application_hooks() is None
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_every_app_subclass_registers_in_order() -> None:
    class First(AppExtensionBase):
        pass

    class Second(First):
        pass

    hooks = ExtensionMeta.get_application_hooks()
    assert hooks is not None
    assert [[m.ext_name for m in stage] for stage in hooks] == [["First", "Second"]] * 3
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"AppExtension": ["First", "Second"]}'
    )


def test_class_named_like_the_base_is_not_registered() -> None:
    calls: list[str] = []
    namespace = {"init": classmethod(lambda cls: calls.append("init"))}
    ExtensionMeta("AppExtensionBase", (AppExtensionBase,), namespace)
    assert calls == []
    assert ExtensionMeta.get_application_hooks() is None


@pytest.mark.parametrize("make", ["base", "subclass"])
def test_app_extension_cannot_be_instantiated(make: str) -> None:
    class MyAppExt(AppExtensionBase):
        pass

    cls = AppExtensionBase if make == "base" else MyAppExt
    with pytest.raises(FunctionExtensionException) as info:
        cls()
    assert str(info.value) == APP_INSTANTIATED


def test_app_base_hooks_are_no_ops() -> None:
    assert [
        call(AppExtensionBase.init),
        call(AppExtensionBase.configure, 1, key="value"),
        call(AppExtensionBase.post_function_load_app_level, "fn", "/dir"),
        call(AppExtensionBase.pre_invocation_app_level, None, None),
        call(AppExtensionBase.post_invocation_app_level, None, None, {}, 1),
    ] == [None] * 5


# --- classes with neither base ----------------------------------------------------------


@pytest.mark.parametrize("scope", [None, ExtensionScope.UNKNOWN, 5])
def test_class_without_a_known_scope_cannot_be_instantiated(scope: object) -> None:
    namespace = {} if scope is None else {"_scope": scope}
    stray = ExtensionMeta("Stray", (), namespace)
    assert ExtensionMeta.get_registered_extensions_json() == "{}"
    with pytest.raises(FunctionExtensionException) as info:
        stray()
    assert str(info.value) == (
        "Python worker extension:Stray is not properly implemented from AppExtensionBase "
        "or FuncExtensionBase."
    )


# --- function extensions: trigger name --------------------------------------------------


def test_func_extension_base_is_abstract() -> None:
    if sys.version_info >= (3, 12):
        expected = (
            "Can't instantiate abstract class FuncExtensionBase without an implementation "
            "for abstract method '__init__'"
        )
    else:
        expected = (
            "Can't instantiate abstract class FuncExtensionBase with abstract method __init__"
        )
    with pytest.raises(TypeError) as info:
        FuncExtensionBase("x")  # type: ignore[abstract]
    assert str(info.value) == expected


def test_missing_script_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AzureWebJobsScriptRoot")
    with pytest.raises(FunctionExtensionException) as info:
        TimerExt(in_root("HttpTrig", "__init__.py"))
    assert str(info.value) == NO_SCRIPT_ROOT
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


@pytest.mark.parametrize(
    ("parts", "trigger_name"),
    [
        (("HttpTrig", "__init__.py"), "HttpTrig"),
        (("HttpTrig",), "HttpTrig"),
        (("HttpTrig", "sub", "deep.py"), "HttpTrig"),
        (("main.py",), "main.py"),
        (("", "B", "", "c.py"), "B"),
        (("x", "..", "A", "b.py"), "A"),
    ],
)
def test_trigger_name_is_first_folder_under_the_root(
    parts: tuple[str, ...], trigger_name: str
) -> None:
    assert TimerExt(in_root(*parts))._trigger_name == trigger_name


def test_script_root_is_normalised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AzureWebJobsScriptRoot", ROOT + os.sep + "sub" + os.sep + ".." + os.sep)
    assert TimerExt(in_root("Trig", "a.py"))._trigger_name == "Trig"


def test_empty_script_root_means_working_directory(
    monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]
) -> None:
    monkeypatch.setenv("AzureWebJobsScriptRoot", "")
    monkeypatch.chdir(tmp_path)
    assert TimerExt(os.path.join("Trig", "a.py"))._trigger_name == "Trig"
    assert TimerExt(os.path.join(os.fspath(tmp_path), "T", "x.py"))._trigger_name == "T"


@pytest.mark.parametrize(
    "path",
    [
        ROOT,
        ROOT + os.sep,
        os.path.join(os.sep, "elsewhere", "Trig", "a.py"),
        in_root(".hidden", "a.py"),
        in_root("..", "Trig", "a.py"),
    ],
)
def test_path_without_a_trigger_folder(path: str) -> None:
    with pytest.raises(FunctionExtensionException) as info:
        TimerExt(path)
    assert str(info.value) == NO_TRIGGER_NAME
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


# --- function extensions: registration --------------------------------------------------


def test_func_extension_registers_bound_hooks_on_instantiation() -> None:
    ext = TimerExt(in_root("HttpTrig", "__init__.py"))
    assert ExtensionMeta.get_function_hooks("httptrig") == FuncExtensionHooks(
        post_function_load=[ExtensionHookMeta("TimerExt", ext.post_function_load)],
        pre_invocation=[ExtensionHookMeta("TimerExt", ext.pre_invocation)],
        post_invocation=[ExtensionHookMeta("TimerExt", ext.post_invocation)],
    )
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"FuncExtension": {"HttpTrig": ["TimerExt"]}}'
    )
    assert ExtensionMeta.get_application_hooks() is None


def test_function_hooks_lookup_ignores_case() -> None:
    TimerExt(in_root("HttpTrig", "a.py"))
    hooks = ExtensionMeta.get_function_hooks("HttpTrig")
    assert hooks is not None
    assert ExtensionMeta.get_function_hooks("HTTPTRIG") is hooks
    assert ExtensionMeta.get_function_hooks("other") is None


def test_trigger_spellings_share_hooks_but_not_json_keys() -> None:
    first = TimerExt(in_root("HttpTrig", "a.py"))
    second = TimerExt(in_root("httptrig", "b.py"))
    hooks = ExtensionMeta.get_function_hooks("HttpTrig")
    assert hooks is not None
    assert hooks.pre_invocation == [
        ExtensionHookMeta("TimerExt", first.pre_invocation),
        ExtensionHookMeta("TimerExt", second.pre_invocation),
    ]
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"FuncExtension": {"HttpTrig": ["TimerExt"], "httptrig": ["TimerExt"]}}'
    )


def test_registered_extensions_json_full_shape() -> None:
    class Other(FuncExtensionBase):
        def __init__(self, file_path: str) -> None:
            super().__init__(file_path)

    TimerExt(in_root("HttpTrig", "a.py"))
    Other(in_root("HttpTrig", "a.py"))
    TimerExt(in_root("QueueTrig", "a.py"))

    class LaterApp(AppExtensionBase):
        pass

    text = ExtensionMeta.get_registered_extensions_json()
    # Sections appear in the order their first extension registered.
    assert text == (
        '{"FuncExtension": {"HttpTrig": ["TimerExt", "Other"], "QueueTrig": ["TimerExt"]}, '
        '"AppExtension": ["LaterApp"]}'
    )
    assert json.loads(text) == {
        "FuncExtension": {"HttpTrig": ["TimerExt", "Other"], "QueueTrig": ["TimerExt"]},
        "AppExtension": ["LaterApp"],
    }


def test_json_escapes_non_ascii_names() -> None:
    TimerExt(in_root("Trigé", "a.py"))
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"FuncExtension": {"Trig\\u00e9": ["TimerExt"]}}'
    )


def test_forgotten_super_init_is_reported_and_not_registered() -> None:
    class Forgetful(FuncExtensionBase):
        def __init__(self, file_path: str) -> None:
            self.file_path = file_path

    with pytest.raises(AttributeError) as info:
        Forgetful(in_root("HttpTrig", "a.py"))
    assert str(info.value) == (
        "Function extension 'Forgetful' has no trigger name: FuncExtensionBase.__init__ "
        "never ran. Call super().__init__(file_path) from Forgetful.__init__ so the "
        "extension can be registered for its function."
    )
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_func_class_named_like_the_base_is_not_registered() -> None:
    def init(self: FuncExtensionBase, file_path: str) -> None:
        FuncExtensionBase.__init__(self, file_path)

    cls = ExtensionMeta("FuncExtensionBase", (FuncExtensionBase,), {"__init__": init})
    assert cls(in_root("HttpTrig", "a.py"))._trigger_name == "HttpTrig"
    assert ExtensionMeta.get_registered_extensions_json() == "{}"


def test_func_base_hooks_are_no_ops() -> None:
    ext = TimerExt(in_root("HttpTrig", "a.py"))
    assert [
        call(ext.post_function_load, "fn", "/dir"),
        call(ext.pre_invocation, None, None),
        call(ext.post_invocation, None, None, {}, 1),
    ] == [None] * 3


def test_reset_forgets_everything() -> None:
    class MyAppExt(AppExtensionBase):
        pass

    TimerExt(in_root("HttpTrig", "a.py"))
    registry._reset()
    assert ExtensionMeta.get_application_hooks() is None
    assert ExtensionMeta.get_function_hooks("HttpTrig") is None
    assert ExtensionMeta.get_registered_extensions_json() == "{}"
    assert registry == ExtensionRegistry()


# --- the reference's internal names (expected values from azure-functions 1.26.0) ---------


def test_internal_records_show_the_registry_with_the_reference_shapes() -> None:
    assert (ExtensionMeta._info, ExtensionMeta._func_exts, ExtensionMeta._app_exts) == (
        {}, {}, None)

    class MyAppExt(AppExtensionBase):
        pass

    first = TimerExt(in_root("HttpTrig", "a.py"))
    second = TimerExt(in_root("Other", "b.py"))
    assert ExtensionMeta._info == {
        "AppExtension": ["MyAppExt"],
        "FuncExtension": {"HttpTrig": ["TimerExt"], "Other": ["TimerExt"]},
    }
    assert ExtensionMeta._func_exts == {
        "httptrig": FuncExtensionHooks(
            post_function_load=[ExtensionHookMeta("TimerExt", first.post_function_load)],
            pre_invocation=[ExtensionHookMeta("TimerExt", first.pre_invocation)],
            post_invocation=[ExtensionHookMeta("TimerExt", first.post_invocation)],
        ),
        "other": FuncExtensionHooks(
            post_function_load=[ExtensionHookMeta("TimerExt", second.post_function_load)],
            pre_invocation=[ExtensionHookMeta("TimerExt", second.pre_invocation)],
            post_invocation=[ExtensionHookMeta("TimerExt", second.post_invocation)],
        ),
    }
    assert ExtensionMeta._app_exts is ExtensionMeta.get_application_hooks()
    assert MyAppExt._info is ExtensionMeta._info  # read through the metaclass, as in 1.26.0


def test_internal_info_is_what_the_json_reports() -> None:
    TimerExt(in_root("HttpTrig", "a.py"))
    ExtensionMeta._info["Extra"] = 1
    assert ExtensionMeta.get_registered_extensions_json() == (
        '{"FuncExtension": {"HttpTrig": ["TimerExt"]}, "Extra": 1}'
    )


def test_get_extension_scope_returns_the_scope_attribute_unchecked() -> None:
    class Odd:
        _scope = "APPLICATION"

    assert [
        ExtensionMeta._get_extension_scope(AppExtensionBase),
        ExtensionMeta._get_extension_scope(TimerExt),
        ExtensionMeta._get_extension_scope(int),
        ExtensionMeta._get_extension_scope(None),
        ExtensionMeta._get_extension_scope(Odd),
    ] == [
        ExtensionScope.APPLICATION, ExtensionScope.FUNCTION, ExtensionScope.UNKNOWN,
        ExtensionScope.UNKNOWN, "APPLICATION",
    ]


def test_set_hooks_records_hooks_that_are_not_none_and_leaves_the_summary() -> None:
    class Partial:
        pre_invocation = 5
        post_invocation = None

    class AppLike:
        post_function_load_app_level = 0

    ExtensionMeta._set_hooks_for_function("NewTrig", Partial())
    ExtensionMeta._set_hooks_for_application(AppLike)
    assert ExtensionMeta._func_exts == {
        "newtrig": FuncExtensionHooks([], [ExtensionHookMeta("Partial", 5)], []),
    }
    assert ExtensionMeta._app_exts == AppExtensionHooks([ExtensionHookMeta("AppLike", 0)], [], [])
    assert ExtensionMeta._info == {}


def test_register_application_extension_calls_init_and_records_again() -> None:
    calls = []

    class Counted(AppExtensionBase):
        @classmethod
        def init(cls) -> None:
            calls.append(cls.__name__)

    ExtensionMeta._register_application_extension(Counted)
    assert calls == ["Counted", "Counted"]
    assert ExtensionMeta._info == {"AppExtension": ["Counted", "Counted"]}
    assert len(ExtensionMeta.get_application_hooks().pre_invocation_app_level) == 2


def test_register_function_extension_records_under_its_trigger_again() -> None:
    ext = TimerExt(in_root("HttpTrig", "a.py"))
    ExtensionMeta._register_function_extension(ext)
    assert ExtensionMeta._info == {"FuncExtension": {"HttpTrig": ["TimerExt", "TimerExt"]}}
    assert len(ExtensionMeta.get_function_hooks("httptrig").pre_invocation) == 2


def test_default_hooks_are_empty_lists() -> None:
    assert ExtensionMeta._create_default_app_hook() == AppExtensionHooks([], [], [])
    assert ExtensionMeta._create_default_function_hook() == FuncExtensionHooks([], [], [])
