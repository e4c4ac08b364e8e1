"""Queue-driven functions kept in a second blueprint."""

import json
import logging

import azfunc as func

bp = func.Blueprint()


@bp.queue_trigger(arg_name="msg", queue_name="tasks", connection="AzureWebJobsStorage")
@bp.blob_output(
    arg_name="report", path="reports/{id}.json", connection="AzureWebJobsStorage"
)
def run_task(msg: func.QueueMessage, report: func.Out[str]) -> None:
    """Run a queued task and write its report next to the others."""
    task = msg.get_json()
    logging.info("Running task %s (dequeue count %s)", msg.id, msg.dequeue_count)
    report.set(json.dumps({"task": task, "status": "done"}))


@bp.timer_trigger(arg_name="timer", schedule="0 0 * * * *")
@bp.queue_output(arg_name="task", queue_name="tasks", connection="AzureWebJobsStorage")
def hourly_task(timer: func.TimerRequest, task: func.Out[str]) -> None:
    """Queue a housekeeping task every hour."""
    if timer.past_due:
        logging.warning("The timer is past due")
    task.set(json.dumps({"kind": "housekeeping"}))
