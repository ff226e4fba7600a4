"""A PostgreSQL server of one test's own, to restart under a running bot.

The shared test server (.ci/postgres, port 55432) serves other runs at the same time and must
never be restarted; this one lives in a temporary directory, on a free port of its own, and
is stopped and deleted after the test. It uses the binaries .ci/postgres finds.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def binaries() -> Path | None:
    """The newest installed server's bin directory, as .ci/postgres picks it."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


class PrivateServer:
    def __init__(self, bin_dir: Path, root: Path) -> None:
        self._bin = bin_dir
        self._data = root / "data"
        self._root = root
        self.port = _free_port()

    @property
    def url(self) -> str:
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def initialise(self) -> None:
        self._run("initdb", "-D", str(self._data), "-U", "postgres", "-A", "trust")
        self._ctl("start")

    def restart(self) -> None:
        """A fast restart: the server ends every session, as on a crash or a failover."""
        self._ctl("restart", "-m", "fast")

    def stop(self) -> None:
        self._ctl("stop", "-m", "immediate")

    def _ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self._root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", action, *extra, "-D", str(self._data), "-w", "-o", options,
            "-l", str(self._root / "server.log"),
        )  # fmt: skip

    def _run(self, program: str, *arguments: str) -> None:
        command = [str(self._bin / program), *arguments]
        if os.geteuid() == 0:
            # PostgreSQL refuses to run as root.
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd="/")


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    bin_dir = binaries()
    if bin_dir is None:
        raise RuntimeError("no PostgreSQL server binaries (bash .ci/setup installs them)")
    root = Path(tempfile.mkdtemp(prefix="lokisi-pg-restart-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    server = PrivateServer(bin_dir, root)
    try:
        server.initialise()
        yield server
    finally:
        try:
            server.stop()
        finally:
            shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
