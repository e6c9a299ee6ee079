"""The job queue (Huey): SQLite under instance/ by default, Redis when HUB_QUEUE_URL=redis://...

`hub worker` consumes it; `make run` starts one beside the web server. Tests run jobs at once
(HUB_QUEUE_URL=memory://). Tasks and periodic jobs live in hub.jobs.tasks.
"""

from hub.jobs.queue import app_for_jobs, base_url_request, base_url_warning, huey, init_app, job_request_context

__all__ = ["app_for_jobs", "base_url_request", "base_url_warning", "huey", "init_app", "job_request_context"]
