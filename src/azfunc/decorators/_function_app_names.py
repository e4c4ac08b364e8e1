"""The names the reference's ``decorators.function_app`` module has in its namespace.

azure-functions 1.26.0 imports every binding class, enum and helper it uses into
``decorators/function_app.py``, and code written for it imports them from there
(``from azure.functions.decorators.function_app import QueueTrigger``). azfunc's
``function_app`` only composes the app classes; it star-imports this module so those
imports keep working. Every name here is defined elsewhere; nothing is added. The names
that belong to data types, converters, middlewares and MCP (``HttpRequest``, ``Context``,
``AsgiMiddleware``, ``PromptArgument``, ...) are not here: ``function_app`` imports them
on first access, so ``import azfunc`` does not load them.
"""

from __future__ import annotations

from azfunc.decorators.blob import BlobInput, BlobOutput, BlobTrigger
from azfunc.decorators.connectors import ConnectorTrigger
from azfunc.decorators.core import (
    SCRIPT_FILE_NAME,
    AccessRights,
    Binding,
    BlobSource,
    Cardinality,
    DataType,
    McpPropertyType,
    Setting,
    Trigger,
)
from azfunc.decorators.cosmosdb import (
    CosmosDBInput,
    CosmosDBInputV3,
    CosmosDBOutput,
    CosmosDBOutputV3,
    CosmosDBTrigger,
    CosmosDBTriggerV3,
)
from azfunc.decorators.dapr import (
    DaprBindingOutput,
    DaprBindingTrigger,
    DaprInvokeOutput,
    DaprPublishOutput,
    DaprSecretInput,
    DaprServiceInvocationTrigger,
    DaprStateInput,
    DaprStateOutput,
    DaprTopicTrigger,
)
from azfunc.decorators.eventgrid import EventGridOutput, EventGridTrigger
from azfunc.decorators.eventhub import EventHubOutput, EventHubTrigger
from azfunc.decorators.function_name import FunctionName
from azfunc.decorators.generic import GenericInputBinding, GenericOutputBinding, GenericTrigger
from azfunc.decorators.http import HttpMethod, HttpOutput, HttpTrigger
from azfunc.decorators.kafka import (
    BrokerAuthenticationMode,
    BrokerProtocol,
    KafkaMessageKeyType,
    KafkaOutput,
    KafkaTrigger,
    OAuthBearerMethod,
)
from azfunc.decorators.mysql import MySqlInput, MySqlOutput, MySqlTrigger
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
from azfunc.decorators.queue import QueueOutput, QueueTrigger
from azfunc.decorators.retry_policy import RetryPolicy
from azfunc.decorators.servicebus import (
    ServiceBusQueueOutput,
    ServiceBusQueueTrigger,
    ServiceBusTopicOutput,
    ServiceBusTopicTrigger,
)
from azfunc.decorators.sql import SqlInput, SqlOutput, SqlTrigger
from azfunc.decorators.table import TableInput, TableOutput
from azfunc.decorators.timer import TimerTrigger
from azfunc.decorators.utils import StringifyEnumJsonEncoder, parse_iterable_param_to_enums
from azfunc.decorators.warmup import WarmUpTrigger

__all__ = [
    "SCRIPT_FILE_NAME",
    "AccessRights",
    "Binding",
    "BlobInput",
    "BlobOutput",
    "BlobSource",
    "BlobTrigger",
    "BrokerAuthenticationMode",
    "BrokerProtocol",
    "Cardinality",
    "ConnectorTrigger",
    "CosmosDBInput",
    "CosmosDBInputV3",
    "CosmosDBOutput",
    "CosmosDBOutputV3",
    "CosmosDBTrigger",
    "CosmosDBTriggerV3",
    "DaprBindingOutput",
    "DaprBindingTrigger",
    "DaprInvokeOutput",
    "DaprPublishOutput",
    "DaprSecretInput",
    "DaprServiceInvocationTrigger",
    "DaprStateInput",
    "DaprStateOutput",
    "DaprTopicTrigger",
    "DataType",
    "EventGridOutput",
    "EventGridTrigger",
    "EventHubOutput",
    "EventHubTrigger",
    "FunctionName",
    "GenericInputBinding",
    "GenericOutputBinding",
    "GenericTrigger",
    "HttpMethod",
    "HttpOutput",
    "HttpTrigger",
    "InputType",
    "KafkaMessageKeyType",
    "KafkaOutput",
    "KafkaTrigger",
    "McpPropertyType",
    "MySqlInput",
    "MySqlOutput",
    "MySqlTrigger",
    "OAuthBearerMethod",
    "OpenAIModels",
    "QueueOutput",
    "QueueTrigger",
    "RetryPolicy",
    "ServiceBusQueueOutput",
    "ServiceBusQueueTrigger",
    "ServiceBusTopicOutput",
    "ServiceBusTopicTrigger",
    "Setting",
    "SqlInput",
    "SqlOutput",
    "SqlTrigger",
    "StringifyEnumJsonEncoder",
    "TableInput",
    "TableOutput",
    "TimerTrigger",
    "Trigger",
    "WarmUpTrigger",
    "_AssistantCreateOutput",
    "_AssistantPostInput",
    "_AssistantQueryInput",
    "_AssistantSkillTrigger",
    "_EmbeddingsInput",
    "_EmbeddingsStoreOutput",
    "_SemanticSearchInput",
    "_TextCompletionInput",
    "parse_iterable_param_to_enums",
    "semantic_search_system_prompt",
]
