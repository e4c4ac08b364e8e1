"""Azure OpenAI extension decorators: assistants, completions, embeddings, semantic search."""

from __future__ import annotations

from typing import Any

from azfunc.decorators._builder import DecoratorApi, FunctionDecorator
from azfunc.decorators.core import DataType
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


class _OpenAITriggers(DecoratorApi):
    def assistant_skill_trigger(
        self,
        arg_name: str,
        function_description: str,
        function_name: str | None = None,
        parameter_description_json: str | None = None,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Expose the function as a skill (a tool) that an assistant can call.

        Emits an ``assistantSkillTrigger`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the argument the assistant passes.
        :param function_description: What the skill does, for the model to decide when to call it.
        :param function_name: Skill name shown to the model; the function name by default.
        :param parameter_description_json: JSON schema of the skill's parameter.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-assistant-trigger
        """
        return self._add_trigger(
            _AssistantSkillTrigger(
                name=arg_name,
                function_description=function_description,
                function_name=function_name,
                parameter_description_json=parameter_description_json,
                data_type=data_type,
                **kwargs,
            )
        )


class _OpenAIBindings(DecoratorApi):
    def assistant_create_output(
        self,
        arg_name: str,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Create an assistant (a chat bot with instructions) from the function.

        Emits an ``assistantCreate`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter or ``$return``: JSON ``{"id", "instructions"}``.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-assistant-create-output
        """
        return self._add_binding(
            _AssistantCreateOutput(
                name=arg_name,
                data_type=data_type,
                **kwargs,
            )
        )

    def assistant_query_input(
        self,
        arg_name: str,
        id: str,
        timestamp_utc: str,
        chat_storage_connection_setting: str | None = "AzureWebJobsStorage",
        collection_name: str | None = "ChatState",
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Read an assistant's chat history into the function.

        Emits an ``assistantQuery`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the chat state as JSON.
        :param id: Id of the assistant.
        :param timestamp_utc: Only messages after this UTC timestamp (ISO 8601) are returned.
        :param chat_storage_connection_setting: Name of the app setting that locates the table
            storage holding chat state.
        :param collection_name: Table holding the chat state.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-assistant-query-input
        """
        return self._add_binding(
            _AssistantQueryInput(
                name=arg_name,
                id=id,
                timestamp_utc=timestamp_utc,
                chat_storage_connection_setting=chat_storage_connection_setting,
                collection_name=collection_name,
                data_type=data_type,
                **kwargs,
            )
        )

    def assistant_post_input(
        self,
        arg_name: str,
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
    ) -> FunctionDecorator:
        """Post a user message to an assistant and receive its reply in the function.

        Emits an ``assistantPost`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the updated chat state as JSON.
        :param id: Id of the assistant.
        :param user_message: The message; may be a binding expression.
        :param ai_connection_name: Name of the app setting (or prefix) that locates the Azure OpenAI
            resource; empty uses the default ``AZURE_OPENAI_*`` settings.
        :param chat_model: Chat model deployment; an :class:`~azfunc.decorators.openai.OpenAIModels`
            member is emitted by name.
        :param chat_storage_connection_setting: Name of the app setting that locates the table
            storage holding chat state.
        :param collection_name: Table holding the chat state.
        :param temperature: Sampling temperature between 0 and 2, as a string.
        :param top_p: Nucleus sampling probability mass, as a string (use instead of
            ``temperature``).
        :param max_tokens: Most tokens to generate, as a string.
        :param is_reasoning_model: The chat model is a reasoning model (``o1`` ...), which takes no
            temperature.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-assistant-post-input
        """
        return self._add_binding(
            _AssistantPostInput(
                name=arg_name,
                id=id,
                user_message=user_message,
                ai_connection_name=ai_connection_name,
                chat_model=chat_model,
                chat_storage_connection_setting=chat_storage_connection_setting,
                collection_name=collection_name,
                temperature=temperature,
                top_p=top_p,
                max_tokens=max_tokens,
                is_reasoning_model=is_reasoning_model,
                data_type=data_type,
                **kwargs,
            )
        )

    def text_completion_input(
        self,
        arg_name: str,
        prompt: str,
        ai_connection_name: str | None = "",
        chat_model: OpenAIModels | str | None = OpenAIModels.DefaultChatModel,
        temperature: str | None = "0.5",
        top_p: str | None = None,
        max_tokens: str | None = "100",
        is_reasoning_model: bool | None = False,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Receive the model's completion of a prompt in the function.

        Emits a ``textCompletion`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the completion as JSON (``{"content", ...}``).
        :param prompt: The prompt; may be a binding expression such as ``{name}``.
        :param ai_connection_name: Name of the app setting (or prefix) that locates the Azure OpenAI
            resource; empty uses the default ``AZURE_OPENAI_*`` settings.
        :param chat_model: Chat model deployment; an :class:`~azfunc.decorators.openai.OpenAIModels`
            member is emitted by name.
        :param temperature: Sampling temperature between 0 and 2, as a string.
        :param top_p: Nucleus sampling probability mass, as a string (use instead of
            ``temperature``).
        :param max_tokens: Most tokens to generate, as a string.
        :param is_reasoning_model: The chat model is a reasoning model (``o1`` ...), which takes no
            temperature.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-text-completion-input
        """
        return self._add_binding(
            _TextCompletionInput(
                name=arg_name,
                prompt=prompt,
                ai_connection_name=ai_connection_name,
                chat_model=chat_model,
                temperature=temperature,
                top_p=top_p,
                max_tokens=max_tokens,
                is_reasoning_model=is_reasoning_model,
                data_type=data_type,
                **kwargs,
            )
        )

    def embeddings_input(
        self,
        arg_name: str,
        input: str,
        input_type: InputType | str,
        ai_connection_name: str | None = "",
        embeddings_model: OpenAIModels | str | None = OpenAIModels.DefaultEmbeddingsModel,
        max_chunk_length: int | None = 8192,
        max_overlap: int | None = 128,
        data_type: DataType | str | None = None,
        **kwargs: Any,
    ) -> FunctionDecorator:
        """Receive vector embeddings of a text or a file in the function.

        Emits an ``embeddings`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the embeddings as JSON.
        :param input: The text, or the path of the file, to embed; may be a binding expression.
        :param input_type: What ``input`` holds: :class:`~azfunc.decorators.openai.InputType`
            ``RawText`` or ``FilePath``.
        :param ai_connection_name: Name of the app setting (or prefix) that locates the Azure OpenAI
            resource; empty uses the default ``AZURE_OPENAI_*`` settings.
        :param embeddings_model: Embeddings model deployment; an
            :class:`~azfunc.decorators.openai.OpenAIModels` member is emitted by name.
        :param max_chunk_length: Longest chunk the input is split into, in characters.
        :param max_overlap: Overlap of consecutive chunks, in characters.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-embeddings-input
        """
        return self._add_binding(
            _EmbeddingsInput(
                name=arg_name,
                input=input,
                input_type=input_type,
                ai_connection_name=ai_connection_name,
                embeddings_model=embeddings_model,
                max_chunk_length=max_chunk_length,
                max_overlap=max_overlap,
                data_type=data_type,
                **kwargs,
            )
        )

    def semantic_search_input(
        self,
        arg_name: str,
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
    ) -> FunctionDecorator:
        """Receive an answer grounded in the documents of a vector store closest to a query.

        Emits a ``semanticSearch`` binding (direction IN) into function.json.

        :param arg_name: Parameter that receives the answer and the documents as JSON.
        :param search_connection_name: Name of the app setting that locates the vector store.
        :param collection: Collection (index) to search.
        :param query: The question; may be a binding expression.
        :param ai_connection_name: Name of the app setting (or prefix) that locates the Azure OpenAI
            resource; empty uses the default ``AZURE_OPENAI_*`` settings.
        :param embeddings_model: Embeddings model deployment; an
            :class:`~azfunc.decorators.openai.OpenAIModels` member is emitted by name.
        :param chat_model: Chat model deployment; an :class:`~azfunc.decorators.openai.OpenAIModels`
            member is emitted by name.
        :param system_prompt: Instructions for the chat model; the default tells it to answer from
            the documents and cite them.
        :param max_knowledge_count: Most documents given to the model.
        :param temperature: Sampling temperature between 0 and 2, as a string.
        :param top_p: Nucleus sampling probability mass, as a string (use instead of
            ``temperature``).
        :param max_tokens: Most tokens to generate, as a string.
        :param is_reasoning_model: The chat model is a reasoning model (``o1`` ...), which takes no
            temperature.
        :param data_type: How the host hands over the payload.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-semantic-search-input
        """
        return self._add_binding(
            _SemanticSearchInput(
                name=arg_name,
                search_connection_name=search_connection_name,
                collection=collection,
                query=query,
                ai_connection_name=ai_connection_name,
                embeddings_model=embeddings_model,
                chat_model=chat_model,
                system_prompt=system_prompt,
                max_knowledge_count=max_knowledge_count,
                temperature=temperature,
                top_p=top_p,
                max_tokens=max_tokens,
                is_reasoning_model=is_reasoning_model,
                data_type=data_type,
                **kwargs,
            )
        )

    def embeddings_store_output(
        self,
        arg_name: str,
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
    ) -> FunctionDecorator:
        """Write embeddings of a text or a file to a vector store from the function.

        Emits an ``embeddingsStore`` binding (direction OUT) into function.json.

        :param arg_name: ``Out`` parameter or ``$return``: the document to store.
        :param input: The text, or the path of the file, to embed; may be a binding expression.
        :param input_type: What ``input`` holds: :class:`~azfunc.decorators.openai.InputType`
            ``RawText`` or ``FilePath``.
        :param store_connection_name: Name of the app setting that locates the vector store.
        :param collection: Collection (index) to write to.
        :param ai_connection_name: Name of the app setting (or prefix) that locates the Azure OpenAI
            resource; empty uses the default ``AZURE_OPENAI_*`` settings.
        :param embeddings_model: Embeddings model deployment; an
            :class:`~azfunc.decorators.openai.OpenAIModels` member is emitted by name.
        :param max_chunk_length: Longest chunk the input is split into, in characters.
        :param max_overlap: Overlap of consecutive chunks, in characters.
        :param data_type: How the worker hands the payload to the host.
        :param kwargs: Extra function.json keys, written snake_case, emitted camelCase.
        :raises KeyError: ``data_type`` is a string that names no :class:`~azfunc.DataType`.

        Source: https://learn.microsoft.com/azure/azure-functions/functions-bindings-openai-embeddings-store-output
        """
        return self._add_binding(
            _EmbeddingsStoreOutput(
                name=arg_name,
                input=input,
                input_type=input_type,
                store_connection_name=store_connection_name,
                collection=collection,
                ai_connection_name=ai_connection_name,
                embeddings_model=embeddings_model,
                max_chunk_length=max_chunk_length,
                max_overlap=max_overlap,
                data_type=data_type,
                **kwargs,
            )
        )
