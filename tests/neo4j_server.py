"""Build, start and stop a real Neo4j 5.26 Community server without Docker.

The server is the embedded DBMS with its Bolt connector (tests/neo4j, built with Maven from
Maven Central), so tests and bench scripts talk to Neo4j exactly as production does. A server
can be stopped and started again on the same data dir and port (fault tests), or killed hard
(crash recovery).

    python tests/neo4j_server.py build
    python tests/neo4j_server.py run [--data-dir DIR] [--port N]   # prints the URI, Ctrl-C stops
"""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Iterator, Optional

HARNESS_DIR = Path(__file__).resolve().parent / "neo4j"
TARGET = HARNESS_DIR / "target"
MARKER = TARGET / ".harness-built"
MAIN_CLASS = "claimgraph.harness.Launcher"
READY = "NEO4J_READY "
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-XX:+ExitOnOutOfMemoryError",
    "-XX:+UseSerialGC",
)
#: Test servers live for a minute on 2 shared cores: C1 only starts much faster; bench scripts
#: pass ``fast_start=False`` for full C2 speed.
FAST_START_FLAGS = ("-XX:TieredStopAtLevel=1",)
#: Class-data-sharing archive of the server's classes, written by the first clean stop and used
#: by every later start (cuts class loading, most of a warm start).
CDS_ARCHIVE = TARGET / "harness.jsa"
HARNESS_JAR = TARGET / "neo4j-harness-1.0.jar"


class HarnessUnavailable(RuntimeError):
    """Java/Maven missing or the build failed: no server can be had on this machine."""


class HarnessFailed(RuntimeError):
    """The server was built but did not start (or stop) as it should."""


def _sources_digest() -> str:
    h = hashlib.sha256()
    for path in [HARNESS_DIR / "pom.xml", *sorted((HARNESS_DIR / "src").rglob("*.java"))]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def is_built() -> bool:
    return MARKER.exists() and MARKER.read_text().strip() == _sources_digest()


def build(force: bool = False, timeout: float = 1200.0) -> float:
    """Compile the launcher and copy its jars to target/lib; a no-op when already built from
    the same sources. Returns the seconds spent. Safe to call from several processes."""
    start = time.monotonic()
    lock_path = Path(tempfile.gettempdir()) / "claimgraph-neo4j-build.lock"
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_built() and not force:
            return time.monotonic() - start
        mvn = shutil.which("mvn")
        if mvn is None:
            raise HarnessUnavailable("Maven (mvn) is not installed; cannot build the Neo4j harness")
        if _java() is None:
            raise HarnessUnavailable("no java on PATH (need JDK 17+) for the Neo4j harness")
        MARKER.unlink(missing_ok=True)
        CDS_ARCHIVE.unlink(missing_ok=True)
        CDS_CLAIM.unlink(missing_ok=True)
        shutil.rmtree(TARGET / "lib", ignore_errors=True)
        cmd = [mvn, "-B", "-q", "-DskipTests", "package"]
        try:
            proc = subprocess.run(cmd, cwd=HARNESS_DIR, stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise HarnessUnavailable(f"Maven build of the Neo4j harness took over {timeout:.0f}s")
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise HarnessUnavailable(f"Maven build of the Neo4j harness failed:\n{tail}")
        MARKER.write_text(_sources_digest())
    return time.monotonic() - start


CDS_CLAIM = TARGET / "harness.jsa.dumping"


def _claim_cds_dump() -> bool:
    """True for the one server that may write the CDS archive; a claim older than 15 minutes is
    stale (its process died) and is taken over."""
    try:
        fd = os.open(CDS_CLAIM, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        try:
            if time.time() - CDS_CLAIM.stat().st_mtime < 900:
                return False
        except FileNotFoundError:
            return False
        CDS_CLAIM.unlink(missing_ok=True)
        return _claim_cds_dump()
    os.close(fd)
    return True


def _java() -> Optional[str]:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Neo4jServer:
    """One harness server process. ``start``/``stop`` may be called repeatedly; a restart
    reuses the data dir and port unless new ones are given."""

    def __init__(self, data_dir: Optional[os.PathLike[str] | str] = None,
                 port: Optional[int] = None, heap: Optional[str] = None,
                 conf: Optional[dict[str, str]] = None, fast_start: bool = True) -> None:
        self._own_dir = data_dir is None
        self.data_dir = Path(data_dir) if data_dir else None
        self.port = port
        self.heap = heap or os.environ.get("CLAIMGRAPH_NEO4J_HEAP", "1g")
        self.conf = dict(conf or {})
        self.fast_start = fast_start
        self.proc: Optional[subprocess.Popen[bytes]] = None
        self._log: Optional[IO[bytes]] = None
        self.startup_seconds: Optional[float] = None
        self._cds_tmp: Optional[Path] = None

    @property
    def uri(self) -> str:
        if self.port is None:
            raise HarnessFailed("server has no port yet")
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        assert self.data_dir is not None
        return self.data_dir / "launcher.log"

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self, data_dir: Optional[os.PathLike[str] | str] = None,
              port: Optional[int] = None, timeout: Optional[float] = None) -> str:
        """Start (building first if needed) and wait for the ready line; returns the URI.

        The wait is ``timeout`` seconds, else CLAIMGRAPH_NEO4J_START_TIMEOUT, else 180 (a
        first start on two busy cores has taken over 60 s)."""
        if timeout is None:
            timeout = float(os.environ.get("CLAIMGRAPH_NEO4J_START_TIMEOUT", "180"))
        if self.running:
            raise HarnessFailed(f"server already running at {self.uri}")
        build()
        java = _java()
        if java is None:
            raise HarnessUnavailable("no java on PATH (need JDK 17+) for the Neo4j harness")
        if data_dir is not None:
            self.data_dir = Path(data_dir)
        if self.data_dir is None:
            self.data_dir = Path(tempfile.mkdtemp(prefix="claimgraph-neo4j-"))
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if port is not None:
            self.port = port
        if self.port is None:
            self.port = free_port()
        flags = [f"-Xmx{self.heap}", *JVM_FLAGS]
        if self.fast_start:
            flags += FAST_START_FLAGS
        flags += ["-Xlog:cds=off", "-Xlog:cds+dynamic=off"]
        self._cds_tmp = None
        if CDS_ARCHIVE.exists():
            flags += [f"-XX:SharedArchiveFile={CDS_ARCHIVE}", "-Xshare:auto"]
        elif _claim_cds_dump():
            # Dumped when this JVM exits cleanly (adds ~30 s to that one stop); renamed into
            # place by stop(). Only one server at a time dumps.
            self._cds_tmp = CDS_ARCHIVE.with_name(f"{CDS_ARCHIVE.name}.{os.getpid()}.tmp")
            flags += [f"-XX:ArchiveClassesAtExit={self._cds_tmp}"]
        # CDS needs jars, not a classes directory, on the class path.
        cmd = [java, *flags, "-cp",
               f"{HARNESS_JAR}{os.pathsep}{TARGET / 'lib'}/*", MAIN_CLASS,
               str(self.data_dir), str(self.port), "--exit-on-stdin-close"]
        for key, value in self.conf.items():
            cmd += ["--conf", f"{key}={value}"]
        log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        self._log = open(self.log_path, "ab")
        began = time.monotonic()
        # stdin stays an open pipe: when this Python process dies, the pipe closes and the
        # launcher shuts the server down instead of outliving the test run.
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=self._log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        while True:
            text = self._log_text(log_offset)
            if READY in text:
                self.startup_seconds = time.monotonic() - began
                return self.uri
            if self.proc.poll() is not None:
                self._close_log()
                raise HarnessFailed(
                    f"Neo4j harness exited with code {self.proc.returncode} before it was "
                    f"ready:\n{_tail(self._log_text(log_offset))}")
            if time.monotonic() - began > timeout:
                self.kill()
                raise HarnessFailed(
                    f"Neo4j harness not ready after {timeout:.0f}s:\n"
                    f"{_tail(self._log_text(log_offset))}")
            time.sleep(0.2)

    def stop(self, timeout: Optional[float] = None) -> None:
        """Clean shutdown (SIGTERM → checkpoint, close stores); SIGKILL if it hangs."""
        proc = self.proc
        if proc is None:
            return
        if timeout is None:
            timeout = 240.0 if self._cds_tmp is not None else 90.0
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(10)
        self._finish(clean=proc.returncode in (0, 143))  # 143: exit after SIGTERM

    def kill(self) -> None:
        """Hard crash (SIGKILL): no checkpoint; the next start runs recovery."""
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        self._finish()

    def cleanup(self) -> None:
        """Stop, and remove the data dir if this object made it."""
        self.stop()
        if self._own_dir and self.data_dir is not None:
            shutil.rmtree(self.data_dir, ignore_errors=True)

    def _finish(self, clean: bool = False) -> None:
        tmp, self._cds_tmp = self._cds_tmp, None
        if tmp is not None:
            if clean and tmp.exists() and tmp.stat().st_size > 0 and not CDS_ARCHIVE.exists():
                os.replace(tmp, CDS_ARCHIVE)
            else:
                tmp.unlink(missing_ok=True)
            CDS_CLAIM.unlink(missing_ok=True)
        if self.proc is not None and self.proc.stdin is not None:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()
        self.proc = None
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def _log_text(self, offset: int) -> str:
        with open(self.log_path, "rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")

    def __enter__(self) -> "Neo4jServer":
        if not self.running:
            self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def _tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


def start(data_dir: Optional[os.PathLike[str] | str] = None, port: Optional[int] = None,
          timeout: Optional[float] = None, **kwargs: object) -> Neo4jServer:
    """Start a server (building it if needed) and return it; call ``.stop()`` when done."""
    server = Neo4jServer(data_dir, port, **kwargs)  # type: ignore[arg-type]
    server.start(timeout=timeout)
    return server


@contextlib.contextmanager
def running(**kwargs: object) -> Iterator[Neo4jServer]:
    """``with running() as server:`` for bench scripts; removes its temp data dir after."""
    server = start(**kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.cleanup()


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the harness (no-op when built)")
    b.add_argument("--force", action="store_true")
    r = sub.add_parser("run", help="start a server and wait for Ctrl-C")
    r.add_argument("--data-dir")
    r.add_argument("--port", type=int)
    args = parser.parse_args(argv)
    if args.cmd == "build":
        seconds = build(force=args.force)
        print(f"built in {seconds:.1f}s" if seconds > 1 else "already built")
        return 0
    server = start(args.data_dir, args.port)
    print(f"{server.uri} (started in {server.startup_seconds:.1f}s; data in {server.data_dir})",
          flush=True)
    try:
        while server.running:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
