"""gunicorn's settings for tungAnh, from the environment (``make serve``, ``deploy/tunganh.service``).

BIND            address to listen on; default 127.0.0.1:8000 (nginx in front)
WEB_CONCURRENCY worker processes; default 2 (one per core of a small server)
WEB_TIMEOUT     seconds before a stuck worker is restarted; default 60 (a PDF renders in < 1 s)
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))
graceful_timeout = 30
# Load the app once, before forking: a wrong setting or an unreachable database then stops
# the server at once with one line (tungAnh/wsgi.py), and workers share the loaded code.
preload_app = True
# Recycle workers now and then, so that no slow leak grows for weeks.
max_requests = 5000
max_requests_jitter = 500
# No access log: nginx keeps one, and addresses are personal data. Errors go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
# Workers' heartbeat files in memory, not on a slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
