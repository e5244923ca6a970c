"""The embedded store's folder: numbered versions and one pointer, so every write is all-or-nothing.

::

    .kg/
      kg-store.json     {"format": "kg-store/2", "current": "v000007"}  <- the only thing a write changes in place
      v000007/          the RocksDB database readers open (read-only)
      v000007.lock      readers hold a shared lock on it while they have v000007 open
      write.lock        one writer at a time (an exclusive lock, released by the kernel when a writer dies)

A write checks the current version out into a new folder (``Store.backup``: a RocksDB
checkpoint of hard links, instant), writes there at bulk-load speed, and then
replaces ``kg-store.json`` with one atomic rename. A crash (``kill -9``, a full disk)
at any moment leaves the pointer naming either the old version or the complete new
one; unfinished versions are deleted by the next writer. Readers keep the version
they opened (the writer never deletes a version while a reader's shared lock is on it).

A folder with RocksDB files at its top (``CURRENT``) is a store from an older kg: it is
read in place and becomes ``v000001`` at the first write.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Literal

from kg.errors import StoreError

POINTER = "kg-store.json"
FORMAT = "kg-store/2"
WRITE_LOCK = "write.lock"
#: kg's cache of fetched web pages (kg.web) lives in the store folder too; it is not a foreign file.
FETCH_CACHE = "fetch-cache"
_VERSION = re.compile(r"^v(\d{6,})$")
#: RocksDB's own files in a store folder written by kg before versions (legacy layout).
_ROCKSDB_FILE = re.compile(
    r"^(CURRENT|IDENTITY|LOCK|LOG(\.old\.\d+)?|MANIFEST-\d+|OPTIONS-\d+|\d+\.(sst|log|blob))$"
)

Kind = Literal["versioned", "legacy", "empty", "missing", "foreign"]


def kind(root: Path) -> Kind:
    """What ``root`` holds: a kg store (versioned or legacy), nothing yet, or something else."""
    if (root / POINTER).is_file():
        return "versioned"
    if (root / "CURRENT").is_file():
        return "legacy"
    if not root.exists():
        return "missing"
    if not root.is_dir():
        return "foreign"
    leftovers = {p.name for p in root.iterdir()} - {WRITE_LOCK, FETCH_CACHE}
    return "empty" if not leftovers else "foreign"


def current_version(root: Path) -> str:
    """The name of the version the pointer names."""
    try:
        data = json.loads((root / POINTER).read_text("utf-8"))
        name = data["current"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"{root}: unreadable store pointer {POINTER}: {exc}") from None
    if data.get("format") != FORMAT or not isinstance(name, str) or not _VERSION.match(name):
        raise StoreError(f"{root}: {POINTER} is not a {FORMAT} pointer (written by a newer kg?)")
    return name


def signature(root: Path) -> object:
    """Changes whenever a write becomes visible (what ``kg serve`` workers watch)."""
    try:
        return ("versioned", (root / POINTER).read_bytes())
    except OSError:
        pass
    try:  # legacy layout: the database files themselves
        return tuple(
            sorted(
                (e.name, e.stat().st_size, e.stat().st_mtime_ns)
                for e in os.scandir(root)
                if e.is_file() and not e.name.startswith(("LOG", "LOCK"))
            )
        )
    except OSError:
        return ()


class ReaderLease:
    """A shared lock on one version: the writer does not delete it while we read it."""

    def __init__(self, root: Path, version: str):
        self.path = root / version
        self._fd: int | None = None
        try:
            self._fd = os.open(root / f"{version}.lock", os.O_RDWR | os.O_CREAT, 0o666)
            fcntl.flock(self._fd, fcntl.LOCK_SH)
        except OSError:  # a read-only medium: nobody can delete versions there either
            self.release()

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None


def open_version(root: Path) -> tuple[str, ReaderLease]:
    """The current version, leased; retried if a writer switches and collects it meanwhile."""
    for _ in range(20):
        version = current_version(root)
        lease = ReaderLease(root, version)
        if (root / version / "CURRENT").is_file():
            return version, lease
        lease.release()
        time.sleep(0.05)
    raise StoreError(f"{root}: the store's current version keeps disappearing (another writer?)")


class WriteLock:
    """The writer's exclusive lock on the store folder."""

    def __init__(self, root: Path, wait: float = 0.0):
        self._fd = os.open(root / WRITE_LOCK, os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    os.close(self._fd)
                    raise
                if time.monotonic() >= deadline:
                    os.close(self._fd)
                    raise StoreError(
                        f"cannot write to the store at {root}: another kg process is writing to it "
                        "(lock held); try again when it finishes"
                    ) from None
                time.sleep(0.05)

    def release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


def next_version(root: Path) -> str:
    """A version name higher than every version folder present."""
    numbers = [int(m.group(1)) for p in root.iterdir() if (m := _VERSION.match(p.name))]
    return f"v{max(numbers, default=0) + 1:06d}"


def switch(root: Path, version: str) -> None:
    """Make ``version`` current: write the pointer beside the old one, fsync, rename over it."""
    _fsync_tree(root / version)
    fd, tmp = tempfile.mkstemp(prefix=f".{POINTER}.", suffix=".tmp", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": FORMAT, "current": version}, fh)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600; the store's readers may be other users
        os.replace(tmp, root / POINTER)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(root)


def collect_garbage(root: Path) -> None:
    """Delete versions that are not current and that no reader holds, and unfinished writes' leftovers.

    Call with the write lock held. A legacy store's top-level files go once a version exists.
    """
    try:
        current = current_version(root)
    except StoreError:
        return
    for entry in list(root.iterdir()):
        name = entry.name
        if name.startswith((".trash-", ".load-")) or (
            name.startswith(f".{POINTER}.") and name.endswith(".tmp")
        ):
            _remove(entry)
        elif _VERSION.match(name) and name != current and entry.is_dir():
            lock_path = root / f"{name}.lock"
            try:
                fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                continue  # a reader still has it open: next time
            try:
                trash = root / f".trash-{name}"
                os.replace(entry, trash)
                lock_path.unlink(missing_ok=True)
            finally:
                os.close(fd)
            _remove(trash)
        elif name.endswith(".lock") and _VERSION.match(name[:-5]) and not (root / name[:-5]).exists():
            entry.unlink(missing_ok=True)
        elif _ROCKSDB_FILE.match(name) and entry.is_file():
            entry.unlink(missing_ok=True)  # the legacy database, now superseded by a version


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(path: Path) -> None:
    """Durable before it becomes visible (RocksDB syncs its own SSTs; this covers the rest)."""
    for entry in path.iterdir():
        if entry.is_file():
            with contextlib.suppress(OSError):
                fd = os.open(entry, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
    _fsync_dir(path)
