"""gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py`.

Every value can be changed from the environment (the names below); a value that is not a whole
number stops gunicorn at start-up rather than running with a guess.
"""

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    if raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}.") from exc


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "alliance.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers, the classic (2 x cores) + 1: a worker waits on PostgreSQL most of the time.
workers = _int("WEB_CONCURRENCY", 2 * _cores() + 1)
# A request that runs longer than this is killed and its transaction rolled back by PostgreSQL.
# Keep DB_STATEMENT_TIMEOUT_MS below it so a slow query is cancelled first, with a clean error.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, at staggered moments, so slow leaks never add up.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)

# The heartbeat file lives in memory: a worker on a slow disk is not mistaken for a hung one.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Only the reverse proxy on this host may say which scheme and client address a request had.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
proc_name = "alliance"
# gunicorn 24+ opens a control socket in the home folder; two servers on one host would fight
# over it and we do not use it.
control_socket_disable = True
