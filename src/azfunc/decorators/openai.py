"""Azure OpenAI extension binding classes: assistants, completions, embeddings, search.

The binding classes are private, as in the reference; use the decorators
(``app.text_completion_input`` ...). Model fields take an :class:`OpenAIModels` member
(emitted by *name*, e.g. ``"DefaultChatModel"``) or a deployment name string, which is
emitted unchanged.

Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai
"""

from __future__ import annotations

from typing import Any

from azfunc.decorators.constants import (
    ASSISTANT_CREATE,
    ASSISTANT_POST,
    ASSISTANT_QUERY,
    ASSISTANT_SKILL_TRIGGER,
    EMBEDDINGS,
    EMBEDDINGS_STORE,
    SEMANTIC_SEARCH,
    TEXT_COMPLETION,
)
from azfunc.decorators.core import DataType, InputBinding, OutputBinding, Trigger
from azfunc.decorators.utils import StringifyEnum


class InputType(StringifyEnum):
    """What an embeddings ``input`` holds: the text itself or a path to a file."""

    # A one-tuple, as in azure-functions 1.26.0 (a trailing-comma artefact there); kept so
    # that ``InputType.RawText.value`` compares equal. function.json uses the name.
    RawText = ("raw_text",)
    FilePath = "file_path"


class OpenAIModels(StringifyEnum):
    """Default models; function.json carries the member *name*, the host picks the model."""

    DefaultChatModel = "gpt-3.5-turbo"
    DefaultEmbeddingsModel = "text-embedding-ada-002"


#: Default ``system_prompt`` of ``semantic_search_input`` (the text azure-functions 1.26.0
#: emits, indentation included).
semantic_search_system_prompt = (
    "You are a helpful assistant. You are responding to requests\n"
    "    from a user about internal emails and documents. You can and\n"
    "    should refer to the internal documents to help respond to\n"
    "    requests. If a user makes a request that's not covered by the\n"
    "    internal emails and documents, explain that you don't know the\n"
    "    answer or that you don't have access to the information.\n"
    "\n"
    "    The following is a list of documents that you can refer to when\n"
    "    answering questions. The documents are in the format\n"
    "    [filename]: [text] and are separated by newlines. If you answer\n"
    "    a question by referencing any of the documents, please cite the\n"
    "    document in your answer. For example, if you answer a question\n"
    '    by referencing info.txt, you should add "Reference: info.txt"\n'
    "    to the end of your answer on a separate line."
)


class _AssistantSkillTrigger(Trigger):
    """``assistantSkillTrigger``: expose the function as a skill an assistant can call."""

    @staticmethod
    def get_binding_name() -> str:
        return ASSISTANT_SKILL_TRIGGER

    def __init__(
        self,
        name: str,
        function_description: str,
        function_name: str | None = None,
        parameter_description_json: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.function_description = function_description
        self.function_name = function_name
        self.parameter_description_json = parameter_description_json
        super().__init__(name=name, data_type=data_type)


class _TextCompletionInput(InputBinding):
    """``textCompletion``: the model's completion of a prompt."""

    @staticmethod
    def get_binding_name() -> str:
        return TEXT_COMPLETION

    def __init__(
        self,
        name: str,
        prompt: str,
        ai_connection_name: str | None = "",
        chat_model: OpenAIModels | str | None = OpenAIModels.DefaultChatModel,
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.prompt = prompt
        self.ai_connection_name = ai_connection_name
        self.chat_model = chat_model
        self.temperature = temperature
        self.top_p = top_p
        self.max_tokens = max_tokens
        self.is_reasoning_model = is_reasoning_model
        super().__init__(name=name, data_type=data_type)


class _AssistantQueryInput(InputBinding):
    """``assistantQuery``: the chat history of an assistant."""

    @staticmethod
    def get_binding_name() -> str:
        return ASSISTANT_QUERY

    def __init__(
        self,
        name: str,
        id: str,
        timestamp_utc: str,
        chat_storage_connection_setting: str | None = "AzureWebJobsStorage",
        collection_name: str | None = "ChatState",
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.id = id
        self.timestamp_utc = timestamp_utc
        self.chat_storage_connection_setting = chat_storage_connection_setting
        self.collection_name = collection_name
        super().__init__(name=name, data_type=data_type)


class _EmbeddingsInput(InputBinding):
    """``embeddings``: vector embeddings of a text or a file."""

    @staticmethod
    def get_binding_name() -> str:
        return EMBEDDINGS

    def __init__(
        self,
        name: str,
        input: str,
        input_type: InputType | str,
        ai_connection_name: str | None = "",
        embeddings_model: OpenAIModels | str | None = OpenAIModels.DefaultEmbeddingsModel,
        max_chunk_length: int | None = 8192,
        max_overlap: int | None = 128,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.input = input
        self.input_type = input_type
        self.ai_connection_name = ai_connection_name
        self.embeddings_model = embeddings_model
        self.max_chunk_length = max_chunk_length
        self.max_overlap = max_overlap
        super().__init__(name=name, data_type=data_type)


class _SemanticSearchInput(InputBinding):
    """``semanticSearch``: a chat answer grounded in the closest documents of a vector store."""

    @staticmethod
    def get_binding_name() -> str:
        return SEMANTIC_SEARCH

    def __init__(
        self,
        name: str,
        search_connection_name: str,
        collection: str,
        query: str | None = None,
        ai_connection_name: str | None = "",
        embeddings_model: OpenAIModels | str | None = OpenAIModels.DefaultEmbeddingsModel,
        chat_model: OpenAIModels | str | None = OpenAIModels.DefaultChatModel,
        system_prompt: str | None = semantic_search_system_prompt,
        max_knowledge_count: int | None = 1,
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.search_connection_name = search_connection_name
        self.collection = collection
        self.query = query
        self.ai_connection_name = ai_connection_name
        self.embeddings_model = embeddings_model
        self.chat_model = chat_model
        self.system_prompt = system_prompt
        self.max_knowledge_count = max_knowledge_count
        self.temperature = temperature
        self.top_p = top_p
        self.max_tokens = max_tokens
        self.is_reasoning_model = is_reasoning_model
        super().__init__(name=name, data_type=data_type)


class _AssistantPostInput(InputBinding):
    """``assistantPost``: the assistant's reply after posting a user message to it."""

    @staticmethod
    def get_binding_name() -> str:
        return ASSISTANT_POST

    def __init__(
        self,
        name: str,
        id: str,
        user_message: str,
        ai_connection_name: str | None = "",
        chat_model: OpenAIModels | str | None = OpenAIModels.DefaultChatModel,
        chat_storage_connection_setting: str | None = "AzureWebJobsStorage",
        collection_name: str | None = "ChatState",
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.id = id
        self.user_message = user_message
        self.ai_connection_name = ai_connection_name
        self.chat_model = chat_model
        self.chat_storage_connection_setting = chat_storage_connection_setting
        self.collection_name = collection_name
        self.temperature = temperature
        self.top_p = top_p
        self.max_tokens = max_tokens
        self.is_reasoning_model = is_reasoning_model
        super().__init__(name=name, data_type=data_type)


class _EmbeddingsStoreOutput(OutputBinding):
    """``embeddingsStore``: embeddings of a text or file the function writes to a vector store."""

    @staticmethod
    def get_binding_name() -> str:
        return EMBEDDINGS_STORE

    def __init__(
        self,
        name: str,
        input: str,
        input_type: InputType | str,
        store_connection_name: str,
        collection: str,
        ai_connection_name: str | None = "",
        embeddings_model: OpenAIModels | str | None = OpenAIModels.DefaultEmbeddingsModel,
        max_chunk_length: int | None = 8192,
        max_overlap: int | None = 128,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> None:
        self.input = input
        self.input_type = input_type
        self.store_connection_name = store_connection_name
        self.collection = collection
        self.ai_connection_name = ai_connection_name
        self.embeddings_model = embeddings_model
        self.max_chunk_length = max_chunk_length
        self.max_overlap = max_overlap
        super().__init__(name=name, data_type=data_type)


class _AssistantCreateOutput(OutputBinding):
    """``assistantCreate``: an assistant the function creates (its id and instructions)."""

    @staticmethod
    def get_binding_name() -> str:
        return ASSISTANT_CREATE

    def __init__(self, name: str, data_type: DataType | str | None = None, **kwargs: Any) -> None:
        super().__init__(name=name, data_type=data_type)
