"""The project-local PostgreSQL cluster under ``var/``: the embedded default database.

It listens on a Unix socket only (no TCP port, so it never collides with another server).
PostgreSQL refuses to run as root, so when we are root the cluster belongs to the
``postgres`` system user and every server command runs through ``runuser``.
"""
from __future__ import annotations

import glob
import hashlib
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from registry.config import var_dir
from registry.domain.errors import N_, Message, Show, Translate
from registry.domain.numbers import whole_number

SUPERUSER = "registry"
DATABASE = "registry"
PORT = 5432  # only names the socket file (.s.PGSQL.5432); nothing listens on TCP
SOCKET_PATH_LIMIT = 100  # sun_path is 108 bytes on Linux, keep a margin
SERVICE_USER_WHEN_ROOT = "postgres"


class LocalClusterError(RuntimeError):
    """The local cluster could not be set up or started; the message says what to do. A msgid and
    its values, as the registry's errors are: ``registry`` says it in its language, ``str()`` in English."""

    def __init__(self, msgid: str, **params: str) -> None:
        self.message = Message(msgid, params)
        super().__init__(self.message.render())

    def render(self, gettext: Translate, show: Show | None = None) -> str:
        return self.message.render(gettext, show)


def tool_failed(command: str, result: subprocess.CompletedProcess) -> LocalClusterError:
    """The error of a PostgreSQL tool that failed: the command, its exit status and what it said."""
    return LocalClusterError(N_("%(command)s failed (%(status)s): %(output)s"), command=command,
                             status=str(result.returncode), output=(result.stderr or result.stdout).strip())


def _pg_bindir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
        key=lambda p: whole_number(Path(p).parts[-3]) or 0,
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    raise LocalClusterError(N_(
        "PostgreSQL server binaries not found: run scripts/run (it installs them) or "
        "apt-get install postgresql postgis"))


@dataclass(frozen=True)
class LocalCluster:
    root: Path

    @classmethod
    def default(cls) -> "LocalCluster":
        return cls(var_dir())

    # --- paths -------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.root / "pgdata"

    @property
    def log_file(self) -> Path:
        return self.root / "log" / "postgresql.log"

    @property
    def socket_dir(self) -> Path:
        """``var/run`` when the socket path fits in sun_path, else a short dir in /tmp."""
        preferred = self.root / "run"
        if len(str(preferred / f".s.PGSQL.{PORT}")) <= SOCKET_PATH_LIMIT:
            return preferred
        digest = hashlib.sha1(str(self.root).encode()).hexdigest()[:10]
        return Path(tempfile.gettempdir()) / f"registry-pg-{digest}"

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}&port={PORT}"

    # --- running commands as the right user --------------------------------------------
    @property
    def _as_root(self) -> bool:
        return os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(_pg_bindir() / args[0]), *args[1:]]
        if self._as_root:
            cmd = ["runuser", "-u", SERVICE_USER_WHEN_ROOT, "--", *cmd]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd="/")
        if check and result.returncode != 0:
            raise tool_failed(" ".join(args[:2]), result)
        return result

    def _own(self, *paths: Path) -> None:
        """Hand the cluster's directories to the service user when we are root."""
        if not self._as_root:
            return
        pw = pwd.getpwnam(SERVICE_USER_WHEN_ROOT)
        for path in paths:
            os.chown(path, pw.pw_uid, pw.pw_gid)

    # --- life cycle ------------------------------------------------------------------
    def is_initialised(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    def initialise(self) -> None:
        if self.is_initialised():
            return
        for path in (self.root, self.data_dir.parent, self.log_file.parent, self.socket_dir):
            path.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(mode=0o700, exist_ok=True)
        self._own(self.data_dir, self.log_file.parent, self.socket_dir)
        self._check_reachable_by_service_user()
        self._run(
            "initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "-E", "UTF8",
            "--locale=C.UTF-8", "--auth=trust", "--no-instructions",
        )
        settings = {
            "listen_addresses": "''",
            "unix_socket_directories": f"'{self.socket_dir}'",
            # Only the owner may connect (root passes anyway); trust is safe behind that.
            "unix_socket_permissions": "0700",
            "port": str(PORT),
            "max_connections": "100",
            "shared_buffers": "256MB",
            "work_mem": "16MB",
            "maintenance_work_mem": "256MB",
            # The registry's day (registry/clock.py) for clients that do not set it (QGIS, ogr2ogr, psql).
            "timezone": "'Asia/Shanghai'",
        }
        conf = "\n".join(f"{k} = {v}" for k, v in settings.items())
        self._append_conf(f"\n# registry: local cluster settings\n{conf}\n")

    def _append_conf(self, text: str) -> None:
        conf = self.data_dir / "postgresql.conf"
        with conf.open("a", encoding="utf-8") as fh:
            fh.write(text)

    def _check_reachable_by_service_user(self) -> None:
        if not self._as_root:
            return
        probe = subprocess.run(
            ["runuser", "-u", SERVICE_USER_WHEN_ROOT, "--", "test", "-w", str(self.data_dir)],
            capture_output=True,
        )
        if probe.returncode != 0:
            raise LocalClusterError(N_(
                "the '%(user)s' user cannot reach %(path)s: make the checkout's parent directories traversable "
                "(chmod o+x) or set REGISTRY_VAR_DIR to a directory it can reach"),
                user=SERVICE_USER_WHEN_ROOT, path=str(self.data_dir))

    def is_running(self) -> bool:
        if not self.is_initialised():
            return False
        return self._run("pg_ctl", "status", "-D", str(self.data_dir), check=False).returncode == 0

    def start(self) -> None:
        self.initialise()
        if self.is_running():
            return
        self.socket_dir.mkdir(parents=True, exist_ok=True)  # /tmp may have been cleaned
        self._own(self.socket_dir)
        self._run("pg_ctl", "start", "-D", str(self.data_dir), "-l", str(self.log_file), "-w", "-t", "60")
        self.ensure_database(DATABASE)

    def stop(self) -> None:
        if self.is_running():
            self._run("pg_ctl", "stop", "-D", str(self.data_dir), "-m", "fast", "-w")

    def status(self) -> Message:
        """Whether the cluster is made and running, and where (``registry db status`` says it)."""
        if not self.is_initialised():
            return Message(N_("not initialised (%(path)s)"), {"path": str(self.data_dir)})
        state = N_("running: data %(data)s, socket %(socket)s") if self.is_running() else \
            N_("stopped: data %(data)s, socket %(socket)s")
        return Message(state, {"data": str(self.data_dir), "socket": str(self.socket_dir)})

    def psql(self, sql: str, database: str = "postgres") -> str:
        result = self._run(
            "psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", str(self.socket_dir),
            "-p", str(PORT), "-U", SUPERUSER, "-d", database, "-c", sql,
        )
        return result.stdout.strip()

    def ensure_database(self, name: str) -> None:
        exists = self.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
        if not exists:
            self.psql(f'CREATE DATABASE "{name}"')

    def recreate_database(self, name: str) -> str:
        """Drop ``name`` (ending its sessions) and create it empty; its URL. For ``db reset``, the
        tests' throw-away databases and the benchmarks' data sets."""
        self.psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)
