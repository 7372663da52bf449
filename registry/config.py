"""Configuration, read from the environment when the app is created (never at import time)."""
from __future__ import annotations

import os
import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path

from registry.clock import ZONE_NAME

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def var_dir() -> Path:
    """Where the project-local database, logs and uploads live (``REGISTRY_VAR_DIR`` to move it)."""
    return Path(os.environ.get("REGISTRY_VAR_DIR", PROJECT_ROOT / "var")).resolve()


def normalise_database_url(url: str) -> str:
    """Accept the usual ``postgresql://`` spelling and select the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def database_url() -> str:
    """``DATABASE_URL`` if set, else the project-local cluster under ``var/``."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return normalise_database_url(url)
    from registry.localdb import LocalCluster

    return LocalCluster.default().url()


def installation_secret_key() -> str:
    """The key of this installation when ``SECRET_KEY`` is unset: made once under ``var/`` (mode
    0600) and read by every worker process. A key per process, as before, logged a user out
    whenever a request reached another gunicorn worker (``scripts/run`` starts two)."""
    path = var_dir() / "secret_key"
    try:
        if not path.exists():
            _make_key_file(path)
        return path.read_text().strip()
    except OSError as exc:
        raise RuntimeError(f"SECRET_KEY is not set and {path} cannot be made or read ({exc.strerror}): "
                           "set SECRET_KEY (docs/operations.md) or make the directory writable") from None


def _make_key_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    draft = path.with_name(f"secret_key.{os.getpid()}")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32))
    try:
        os.link(draft, path)  # atomic and complete: a worker starting at the same moment reads the winner's key
    except FileExistsError:
        pass
    finally:
        draft.unlink()


# The largest supporting document a project may hold, in MB (docs/operations.md): the default suits
# scanned reports and photos; the bound keeps a file within what a worker holds in memory at once.
DOCUMENT_MAX_MB_DEFAULT = 20
DOCUMENT_MAX_MB_CEILING = 200


def document_max_bytes() -> int:
    """``REGISTRY_DOCUMENT_MAX_MB`` (1 to 200, a fraction allowed) in bytes; a clear error for anything else."""
    raw = os.environ.get("REGISTRY_DOCUMENT_MAX_MB", str(DOCUMENT_MAX_MB_DEFAULT))
    try:
        megabytes = float(raw)
    except ValueError:
        megabytes = -1.0
    if not 1 <= megabytes <= DOCUMENT_MAX_MB_CEILING:
        raise RuntimeError(f"REGISTRY_DOCUMENT_MAX_MB must be a number of MB from 1 to {DOCUMENT_MAX_MB_CEILING}, "
                           f"not {raw!r}")
    return int(megabytes * 1024 * 1024)


# How far an exit's claimed prior-year consumption may deviate from the online monitoring's figure
# before its project is flagged (docs/accounting.md, "Online monitoring cross-check"), in %.
MONITORING_TOLERANCE_PERCENT_DEFAULT = Decimal(10)


def monitoring_tolerance_percent() -> Decimal:
    """``REGISTRY_MONITORING_TOLERANCE_PERCENT`` (more than 0, at most 100; default 10) as a Decimal; a
    clear error for anything else. Read when a check is made, so the pages, the API and the command
    line flag alike; the app reads it once at start too, so a bad value stops it there."""
    raw = os.environ.get("REGISTRY_MONITORING_TOLERANCE_PERCENT", "").strip()
    if not raw:
        return MONITORING_TOLERANCE_PERCENT_DEFAULT
    try:
        percent = Decimal(raw)
    except InvalidOperation:
        percent = Decimal(-1)
    if not percent.is_finite() or not 0 < percent <= 100:
        raise RuntimeError(f"REGISTRY_MONITORING_TOLERANCE_PERCENT must be a number of % above 0 and at most 100, "
                           f"not {raw!r}")
    return percent


def settings_from_env(need_database: bool = True) -> dict:
    """The Flask config keys the app needs, from the environment."""
    secret = os.environ.get("SECRET_KEY")
    monitoring_tolerance_percent()  # read at each check (services/monitoring_checks.py): a bad value stops the app here
    return {
        "DATABASE_URL": database_url() if need_database else None,
        # Production sets SECRET_KEY (docs/operations.md); a local installation gets its own key
        # under var/, shared by its workers.
        "SECRET_KEY": secret or installation_secret_key(),
        # none | osm | tianditu — 'none' suits offline intranets (no request leaves the server).
        "BASEMAP": os.environ.get("REGISTRY_BASEMAP", "none"),
        "TIANDITU_KEY": os.environ.get("TIANDITU_KEY", ""),
        # Rendered map tiles kept per worker process (services/tiles.py); 0 turns the cache off.
        "TILE_CACHE_MB": int(os.environ.get("REGISTRY_TILE_CACHE_MB", "256")),
        # Parts of computed reports (land output) kept per worker process until their data changes
        # (services/report_cache.py); 0 turns the cache off.
        "REPORT_CACHE_ENTRIES": int(os.environ.get("REGISTRY_REPORT_CACHE_ENTRIES", "256")),
        # The largest file a project's supporting documents take (services/documents.py).
        "DOCUMENT_MAX_BYTES": document_max_bytes(),
        # The OGC items shortcut (registry/api/ogc/shortcut.py); 0 sends every request through Flask.
        "OGC_ITEMS_SHORTCUT": os.environ.get("REGISTRY_OGC_ITEMS_SHORTCUT", "1") != "0",
        "BABEL_DEFAULT_LOCALE": "zh_Hans_CN",
        "BABEL_DEFAULT_TIMEZONE": ZONE_NAME,  # the registry's day and clock (registry/clock.py)
        # A sign-in lasts this long from the session's last change (Flask checks the cookie's signed
        # time on every request, the OGC items shortcut too); the cookie itself ends with the browser.
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=float(os.environ.get("REGISTRY_SESSION_HOURS", "12"))),
        # Reverse proxies in front of the app that set X-Forwarded-For/-Proto/-Host (nginx: 1). Without
        # it every client has the proxy's address: the per-address login throttle would lock everyone out.
        "PROXY_HOPS": int(os.environ.get("REGISTRY_PROXY_HOPS", "0")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("REGISTRY_INSECURE_COOKIES") != "1"
        and os.environ.get("FLASK_DEBUG") != "1"
        and bool(secret),
    }
