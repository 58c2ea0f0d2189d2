"""
A throwaway PostgreSQL server for tests that stop and start their database.

Such a test must never stop the machine's own server: other people's
connections and test runs depend on it. ``throwaway_cluster()`` makes a
cluster of the test's own in a temporary directory, on a free port of
127.0.0.1, and always stops and removes it afterwards.
"""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

# initdb and postgres refuse to run as root; as root, they run as this user.
SERVER_USER = "postgres"


def bin_dir():
    """The newest installed PostgreSQL's bin directory, or None."""
    installed = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: float(p.parent.parent.name))
    if installed:
        return str(installed[-1].parent)
    initdb = shutil.which("initdb")
    return str(Path(initdb).resolve().parent) if initdb else None


def why_unavailable():
    """Why no throwaway cluster can be made here (a sentence), or None when one can."""
    if bin_dir() is None:
        return "PostgreSQL's initdb is not installed"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root, and runuser (to run PostgreSQL as another user) is not installed"
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root, and there is no {SERVER_USER!r} user to run PostgreSQL as"
    return None


@dataclass
class Cluster:
    """
    A PostgreSQL cluster in ``directory`` (data, log and unix socket), listening
    on 127.0.0.1:``port`` and trusting every local connection. Plain data, so a
    child process can rebuild it from ``vars(cluster)`` and stop or start it.
    """

    bin_dir: str
    directory: str
    port: int

    @property
    def url(self):
        return f"postgres://{SERVER_USER}@127.0.0.1:{self.port}/postgres"

    def start(self):
        """Start the server, returning once it accepts connections."""
        self._pg_ctl("start", "--wait", "--timeout=30", "--log", str(Path(self.directory) / "server.log"))

    def stop(self, mode="fast"):
        """Stop the server, returning once it is gone; "fast" ends open connections as an outage would."""
        self._pg_ctl("stop", "--wait", "--timeout=30", "--mode", mode)

    def is_running(self):
        return self._pg_ctl("status", check=False).returncode == 0

    def init(self):
        """Make the cluster's data directory (the server is not started)."""
        data = Path(self.directory) / "data"
        self._run(
            "initdb", "--pgdata", str(data), "--username", SERVER_USER, "--auth=trust",
            "--no-locale", "--encoding=UTF8", "--no-sync",
        )  # fmt: skip
        settings = {
            "port": self.port,
            "listen_addresses": "'127.0.0.1'",
            "unix_socket_directories": f"'{self.directory}'",
            "fsync": "off",  # a throwaway cluster need not survive a power cut
        }
        with open(data / "postgresql.conf", "a") as conf:
            conf.writelines(f"{name} = {value}\n" for name, value in settings.items())

    def _pg_ctl(self, action, *args, check=True):
        return self._run("pg_ctl", action, "--pgdata", str(Path(self.directory) / "data"), *args, check=check)

    def _run(self, program, *args, check=True):
        as_server_user = [shutil.which("runuser"), "-u", SERVER_USER, "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*as_server_user, str(Path(self.bin_dir) / program), *args],
            cwd=self.directory,  # the server user may not be allowed into ours
            env={"PATH": os.defpath, "LC_ALL": "C"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        if check and result.returncode != 0:
            log = Path(self.directory) / "server.log"
            raise RuntimeError(
                f"{program} {' '.join(args)} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
                + (f"\nserver log:\n{log.read_text()}" if log.exists() else "")
            )
        return result


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def throwaway_cluster():
    """A started ``Cluster`` of our own; stopped and deleted on leaving, whatever happened inside."""
    directory = tempfile.mkdtemp(prefix="healthcms-pg-")
    cluster = Cluster(bin_dir(), directory, free_port())
    try:
        if os.geteuid() == 0:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(directory, user.pw_uid, user.pw_gid)
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        try:
            if cluster.is_running():
                cluster.stop(mode="immediate")
        finally:
            shutil.rmtree(directory)
