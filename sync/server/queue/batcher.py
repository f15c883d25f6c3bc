"""Group commit for issuing tickets: one writer per office, several requests per transaction.

Requests wait in a list on the event loop; a single writer task takes all that are there, issues them in
one transaction in the thread pool (app/services/queue/batch.py), and answers each after that commit.
While it commits, the next requests gather: nothing waits on a timer, so a lone kiosk is answered as
fast as before and twenty at once share one commit instead of queueing for the writer lock one by one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from starlette.concurrency import run_in_threadpool

from app.services.queue.batch import IssueOutcome, IssueRequest

MAX_BATCH = 256

IssueMany = Callable[[Sequence[IssueRequest]], list[IssueOutcome]]


@dataclass(eq=False)
class IssueBatcher:
    """Lives on one event loop (a uvicorn worker's); `issue_many` runs in the thread pool."""

    issue_many: IssueMany
    max_batch: int = MAX_BATCH
    _waiting: list[tuple[IssueRequest, asyncio.Future[IssueOutcome]]] = field(default_factory=list)
    _writer: asyncio.Task[None] | None = None
    batches: int = 0  # how many transactions served how many requests: seen by tests and the bench
    requests: int = 0

    async def issue(self, request: IssueRequest) -> IssueOutcome:
        future: asyncio.Future[IssueOutcome] = asyncio.get_running_loop().create_future()
        self._waiting.append((request, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await future

    async def _write(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[: self.max_batch], self._waiting[self.max_batch :]
            try:
                outcomes = await run_in_threadpool(self.issue_many, [r for r, _ in batch])
            except Exception as exc:  # the database failed: every request of the batch hears it
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            self.batches += 1
            self.requests += len(batch)
            for (_, future), outcome in zip(batch, outcomes, strict=True):
                if not future.done():  # its client may have gone (the request was cancelled)
                    future.set_result(outcome)
