"""An MCP tool server: tools inferred from signatures, a hand-made tool, a resource, a prompt."""

import dataclasses
import json
import logging
from typing import Optional

import azfunc as func
from azfunc.decorators.mcp import PromptArgument, mcp_content
from azfunc.mcp import MCPToolContext

app = func.FunctionApp(http_auth_level=func.AuthLevel.FUNCTION)

FORECASTS = {"Seattle": ["rain", "rain", "clouds"], "Phoenix": ["sun", "sun", "sun"]}


@app.mcp_tool()
@app.mcp_tool_property(arg_name="city", description="City to forecast, e.g. Seattle.")
@app.mcp_tool_property(arg_name="days", description="How many days ahead (1-3).", is_required=False)
def get_forecast(
    city: str,
    days: int = 1,
    units: str | None = None,
    # azure-functions 1.26.0 sees a list in Optional[...] but not in `list[str] | None`
    tags: Optional[list[str]] = None,  # noqa: UP045
    context: MCPToolContext = None,
) -> str:
    """Forecast the weather of a city for the next few days."""
    logging.info("Forecast for %s asked in session %s", city, (context or {}).get("sessionId"))
    forecast = FORECASTS.get(city, ["unknown"])[:days]
    return f"{city} ({units or 'metric'}): {', '.join(forecast)} {tags or ''}".strip()


@mcp_content
@dataclasses.dataclass
class Snippet:
    """A saved snippet, returned as structured content."""

    name: str
    text: str
    lines: int


@app.mcp_tool()
@app.queue_output(arg_name="audit", queue_name="snippet-audit", connection="AzureWebJobsStorage")
async def save_snippet(name: str, text: str, audit: func.Out[str]) -> Snippet:
    """Save a text snippet under a name and return it."""
    audit.set(json.dumps({"saved": name}))
    return Snippet(name=name, text=text, lines=text.count("\n") + 1)


@app.mcp_tool_trigger(
    arg_name="context",
    tool_name="echo",
    description="Echo a message back.",
    tool_properties=json.dumps(
        [
            {
                "propertyName": "message",
                "propertyType": "string",
                "description": "Message to echo.",
                "isArray": False,
                "isRequired": True,
            }
        ]
    ),
)
def echo(context: str) -> str:
    """A tool described by hand: the context arrives as JSON text."""
    return json.loads(context)["arguments"]["message"]


@app.mcp_resource_trigger(
    arg_name="context",
    uri="file://snippets/readme.md",
    resource_name="readme",
    title="Snippet server README",
    description="How to use the snippet tools.",
    mime_type="text/markdown",
)
def readme(context: str) -> str:
    """Serve the README resource."""
    return "# Snippets\n\nUse `save_snippet` to save text and `get_forecast` for weather."


@app.mcp_prompt_trigger(
    arg_name="context",
    prompt_name="summarize",
    prompt_arguments=[
        PromptArgument(name="topic", description="What to summarize.", required=True),
        PromptArgument(name="style"),
    ],
    description="Ask for a summary of a topic.",
)
def summarize(context: func.PromptInvocationContext) -> str:
    """Build the summary prompt from its arguments."""
    arguments = context.arguments
    return f"Summarize {arguments.get('topic')} in a {arguments.get('style', 'short')} style."
