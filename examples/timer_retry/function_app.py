"""Timer triggers (and the schedule alias) with fixed-delay and exponential-backoff retries."""

import datetime
import json
import logging

import azfunc as func

app = func.FunctionApp()


@app.retry(strategy="fixed_delay", max_retry_count="3", delay_interval="00:00:10")
@app.timer_trigger(
    schedule="0 */5 * * * *", arg_name="mytimer", run_on_startup=False, use_monitor=True
)
@app.queue_output(arg_name="msg", queue_name="heartbeats", connection="AzureWebJobsStorage")
def heartbeat(mytimer: func.TimerRequest, msg: func.Out[str]) -> None:
    """Every five minutes, queue a heartbeat; retried up to 3 times, 10 s apart."""
    utc_timestamp = datetime.datetime.now(datetime.timezone.utc).isoformat()
    if mytimer.past_due:
        logging.info("The timer is past due!")
    msg.set(json.dumps({"at": utc_timestamp}))


@app.function_name(name="NightlyCleanup")
@app.schedule(schedule="0 30 2 * * *", arg_name="timer", run_on_startup=True)
@app.retry(
    strategy="exponential_backoff",
    max_retry_count="5",
    minimum_interval="00:00:05",
    maximum_interval="00:15:00",
)
def nightly_cleanup(timer: func.TimerRequest, context: func.Context) -> None:
    """At 02:30 every night; retried with exponential backoff between 5 s and 15 min."""
    retry = context.retry_context
    if retry is not None and retry.retry_count:
        logging.warning("Retry %s of %s", retry.retry_count, retry.max_retry_count)
    logging.info("Cleanup %s started (past due: %s)", context.invocation_id, timer.past_due)


@app.timer_trigger(schedule="%REPORT_SCHEDULE%", arg_name="timer")
@app.queue_output(arg_name="$return", queue_name="reports", connection="AzureWebJobsStorage")
def weekly_report(timer: func.TimerRequest) -> str:
    """Schedule taken from an app setting; the return value becomes a queue message."""
    return json.dumps({"report": "weekly", "past_due": timer.past_due})
