"""The same batches on a Dask cluster (``litsite build --scheduler ADDRESS``, issue 18).

``ClusterPool`` is the local ``workers.Pool`` with Dask underneath: the same module-level tasks,
the context sent to each worker once (``scatter``), batches (partitions of about 100 records)
streamed in with a bounded number in flight, results yielded as they finish with the messages
each task logged. The per-record work is a pure function of its batch and the context, so where
a batch ran changes no byte of the site; a worker lost mid-build makes the scheduler run its
batches again elsewhere, and they write (or return) exactly the same files.

Dask is an optional extra: ``pip install 'litsite[dask]'``. Workers need litsite installed (the
same version as the builder) and, to write pages themselves, the site's folder on a file system
they share with the builder (``shares``); otherwise they return the files to the builder.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import LitsiteError
from .workers import IN_FLIGHT, Captured, capture

__all__ = ["ClusterPool", "connect", "require_dask", "INSTALL"]

INSTALL = "pip install 'litsite[dask]'"
#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 30
#: Tasks of one worker process run one at a time: ``capture`` swaps the process's log handlers.
_one_at_a_time = threading.Lock()


def require_dask(address: str) -> None:
    """Raise LitsiteError, in one line saying how to install it, when Dask is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise LitsiteError(
            f"scheduler {address}: Dask is not installed; install it with: {INSTALL}"
        ) from None


def connect(address: str) -> Any:
    """A ``distributed.Client`` on the scheduler at ``address``; LitsiteError, in one line, when
    Dask is not installed or the scheduler does not answer."""
    require_dask(address)
    from distributed import Client

    try:
        return Client(address, set_as_default=False, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise LitsiteError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc


def _run_batch(task: Callable[[Any, Any], Any], context: Any, batch: Any) -> Captured:
    with _one_at_a_time, capture() as messages:
        value = task(context, batch)
    return Captured(value, messages)


def _sees(path: str, token: str) -> bool:
    try:
        return Path(path).read_text("ascii") == token
    except OSError:
        return False


class ClusterPool:
    """Runs ``task(context, batch)`` over batches on the Dask cluster at ``address``."""

    def __init__(self, address: str, task: Callable[[Any, Any], Any], context: Any) -> None:
        self.address = address
        self.task = task
        self.context = context
        self._client = connect(address)

    def shares(self, folder: Path) -> bool:
        """Whether every worker sees ``folder`` as this process does (a file only this build
        wrote there, read back on each worker): then workers can write the site themselves."""
        token = secrets.token_hex(16)
        probe = Path(folder) / f".litsite-probe-{token}"
        probe.write_text(token, "ascii")
        try:
            answers = self._client.run(_sees, str(probe), token)
        finally:
            probe.unlink(missing_ok=True)
        return bool(answers) and all(answers.values())

    def map(self, batches: Iterable[Any]) -> Iterator[tuple[int, Captured]]:
        """``(batch number, result)`` for every batch, in the order they finish."""
        from distributed import KilledWorker, as_completed

        client = self._client
        try:
            context = client.scatter(self.context, broadcast=True, hash=False)
            limit = max(1, sum(client.nthreads().values())) * IN_FLIGHT
            # Keys name the task (``record_task-…``): the dashboard shows what runs where.
            name, build = self.task.__name__.strip("_"), secrets.token_hex(4)
            running = as_completed(loop=client.loop)
            numbers: dict[str, int] = {}
            for number, batch in enumerate(batches):
                future = client.submit(
                    _run_batch, self.task, context, batch, key=f"{name}-{build}-{number}"
                )
                numbers[future.key] = number
                running.add(future)
                if running.count() >= limit:
                    yield from self._finished(running, numbers, 1)
            yield from self._finished(running, numbers, running.count())
        except KilledWorker as exc:
            raise LitsiteError(
                f"Dask workers died running the same batch again and again ({exc}); "
                f"the previous site is kept"
            ) from exc
        finally:
            client.close()

    @staticmethod
    def _finished(running: Any, numbers: dict[str, int], count: int) -> Iterator:
        for _ in range(count):
            future = next(running)
            result = future.result()
            future.release()
            yield numbers.pop(future.key), result
