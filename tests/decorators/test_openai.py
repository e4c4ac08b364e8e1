"""Azure OpenAI binding classes: exact dict reprs, defaults, and the enums emitted by name."""

from __future__ import annotations

import json

from azfunc.decorators.core import BindingDirection
from azfunc.decorators.openai import (
    InputType,
    OpenAIModels,
    _AssistantCreateOutput,
    _AssistantPostInput,
    _AssistantQueryInput,
    _AssistantSkillTrigger,
    _EmbeddingsInput,
    _EmbeddingsStoreOutput,
    _SemanticSearchInput,
    _TextCompletionInput,
    semantic_search_system_prompt,
)
from azfunc.decorators.utils import StringifyEnumJsonEncoder

IN, OUT = BindingDirection.IN, BindingDirection.OUT


def test_enum_values_are_the_references() -> None:
    assert [(m.name, m.value) for m in InputType] == [
        ("RawText", ("raw_text",)),
        ("FilePath", "file_path"),
    ]
    assert [(m.name, m.value) for m in OpenAIModels] == [
        ("DefaultChatModel", "gpt-3.5-turbo"),
        ("DefaultEmbeddingsModel", "text-embedding-ada-002"),
    ]


def test_skill_trigger() -> None:
    trigger = _AssistantSkillTrigger(name="t", function_description="Adds", function_name="Add")
    assert trigger.get_dict_repr() == {
        "direction": IN,
        "type": "assistantSkillTrigger",
        "name": "t",
        "functionDescription": "Adds",
        "functionName": "Add",
    }


def test_text_completion_defaults_and_json() -> None:
    binding = _TextCompletionInput(name="r", prompt="Who is {name}?")
    assert list(binding.get_dict_repr().items()) == [
        ("direction", IN),
        ("type", "textCompletion"),
        ("name", "r"),
        ("prompt", "Who is {name}?"),
        ("aiConnectionName", ""),
        ("chatModel", OpenAIModels.DefaultChatModel),
        ("temperature", "0.5"),
        ("maxTokens", "100"),
        ("isReasoningModel", False),
    ]
    assert (
        json.loads(json.dumps(binding.get_dict_repr(), cls=StringifyEnumJsonEncoder))["chatModel"]
        == "DefaultChatModel"
    )


def test_model_strings_are_emitted_unchanged() -> None:
    binding = _AssistantPostInput(name="s", id="a1", user_message="hi", chat_model="gpt-4o")
    assert binding.get_dict_repr() == {
        "direction": IN,
        "type": "assistantPost",
        "name": "s",
        "id": "a1",
        "userMessage": "hi",
        "aiConnectionName": "",
        "chatModel": "gpt-4o",
        "chatStorageConnectionSetting": "AzureWebJobsStorage",
        "collectionName": "ChatState",
        "temperature": "0.5",
        "maxTokens": "100",
        "isReasoningModel": False,
    }


def test_assistant_query_and_create() -> None:
    assert _AssistantQueryInput(name="q", id="a1", timestamp_utc="t").get_dict_repr() == {
        "direction": IN,
        "type": "assistantQuery",
        "name": "q",
        "id": "a1",
        "timestampUtc": "t",
        "chatStorageConnectionSetting": "AzureWebJobsStorage",
        "collectionName": "ChatState",
    }
    assert _AssistantCreateOutput(name="$return").get_dict_repr() == {
        "direction": OUT,
        "type": "assistantCreate",
        "name": "$return",
    }


def test_embeddings_input_and_store() -> None:
    binding = _EmbeddingsInput(name="e", input="text", input_type=InputType.RawText)
    assert binding.get_dict_repr() == {
        "direction": IN,
        "type": "embeddings",
        "name": "e",
        "input": "text",
        "inputType": InputType.RawText,
        "aiConnectionName": "",
        "embeddingsModel": OpenAIModels.DefaultEmbeddingsModel,
        "maxChunkLength": 8192,
        "maxOverlap": 128,
    }
    store = _EmbeddingsStoreOutput(
        name="s",
        input="f.txt",
        input_type=InputType.FilePath,
        store_connection_name="Search",
        collection="docs",
    )
    assert list(store.get_dict_repr())[2:7] == [
        "name",
        "input",
        "inputType",
        "storeConnectionName",
        "collection",
    ]


def test_semantic_search_default_prompt() -> None:
    binding = _SemanticSearchInput(name="s", search_connection_name="Search", collection="docs")
    assert binding.get_dict_repr()["systemPrompt"] == semantic_search_system_prompt
    assert semantic_search_system_prompt.startswith(
        "You are a helpful assistant. You are responding to requests\n    from a user"
    )
    assert semantic_search_system_prompt.endswith("to the end of your answer on a separate line.")
    assert len(semantic_search_system_prompt) == 825
