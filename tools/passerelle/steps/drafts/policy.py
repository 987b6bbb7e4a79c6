"""How drafting talks to a paid, rate-limited service: politely, boundedly, and never forever.

Batches go out on a few threads at most. A request that fails with 429, a 5xx, a timeout or a
garbled answer is tried again after an exponential, jittered delay - or exactly as long as the
server's ``Retry-After`` asks. A request that still fails counts against a circuit breaker: a few
failures in a row (or one failure retrying cannot fix, such as a rejected key) stop the engine,
the work already received is kept, and the user gets one clear line instead of a storm of errors.
"""

from __future__ import annotations

import email.utils
import functools
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TypeVar

from passerelle.steps.drafts.base import EngineFailure

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class RequestPolicy:
    """Limits for one run; the defaults suit public APIs."""

    concurrency: int = 4
    timeout: float = 20.0
    retries: int = 4
    backoff: float = 0.5  # first delay, doubled on every retry
    backoff_cap: float = 30.0
    max_retry_after: float = 120.0  # a server asking for longer is treated as a failure
    breaker: int = 3  # failed batches in a row that stop the engine


class Stopped(Exception):
    """The engine was stopped (circuit open or interrupted) before this batch was sent."""


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


def backoff_delay(
    policy: RequestPolicy, attempt: int, retry_after: float | None, rng: random.Random
) -> float:
    """Delay before retry ``attempt`` (0-based): Retry-After plus a little, else full jitter
    over an exponentially growing window (so many clients do not retry in lockstep)."""
    if retry_after is not None:
        return retry_after + rng.uniform(0.0, 0.1 * max(retry_after, 0.5))
    window = min(policy.backoff_cap, policy.backoff * 2**attempt)
    return rng.uniform(window / 2, window)


class CircuitBreaker:
    """Counts failed batches in a row; opens after ``threshold`` or on a fatal failure."""

    def __init__(self, threshold: int) -> None:
        self.threshold = max(1, threshold)
        self.failures = 0
        self.reason: str | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self.reason is not None

    def success(self) -> None:
        with self._lock:
            self.failures = 0

    def failure(self, message: str, *, fatal: bool = False) -> None:
        with self._lock:
            self.failures += 1
            if self.reason is None and (fatal or self.failures >= self.threshold):
                count = (
                    "a failure retrying cannot fix"
                    if fatal
                    else (f"{self.failures} failed requests in a row")
                )
                self.reason = f"stopped after {count} (last: {message})"


class Caller:
    """Runs requests under a policy; shared by every batch of a run."""

    def __init__(
        self,
        policy: RequestPolicy,
        *,
        on_retry: Callable[[float, EngineFailure], None] | None = None,
        sleep: Callable[[float], bool] | None = None,
        seed: int | None = None,
    ) -> None:
        self.policy = policy
        self.breaker = CircuitBreaker(policy.breaker)
        self.stop = threading.Event()
        self.on_retry = on_retry
        self.sleep = sleep or self.stop.wait
        self.rng = random.Random(seed)
        self.requests = 0
        self.retries = 0
        self._lock = threading.Lock()

    def call(self, fn: Callable[[], T]) -> T:
        """``fn()`` with retries; raises :class:`Stopped` or the last :class:`EngineFailure`."""
        attempt = 0
        while True:
            if self.breaker.is_open or self.stop.is_set():
                raise Stopped()
            with self._lock:
                self.requests += 1
            try:
                result = fn()
            except EngineFailure as failure:
                delay = self._retry_delay(failure, attempt)
                if delay is None:
                    self.breaker.failure(failure.message, fatal=failure.fatal)
                    raise
                with self._lock:
                    self.retries += 1
                if self.on_retry is not None:
                    self.on_retry(delay, failure)
                if self.sleep(delay):
                    raise Stopped() from None
                attempt += 1
                continue
            self.breaker.success()
            return result

    def _retry_delay(self, failure: EngineFailure, attempt: int) -> float | None:
        if failure.fatal or not failure.retryable or attempt >= self.policy.retries:
            return None
        if failure.retry_after is not None and failure.retry_after > self.policy.max_retry_after:
            return None
        with self._lock:
            return backoff_delay(self.policy, attempt, failure.retry_after, self.rng)

    def run(
        self, items: Sequence[T], fn: Callable[[T], R]
    ) -> Iterator[tuple[T, R | BaseException]]:
        """``fn`` over ``items`` on at most ``concurrency`` threads, yielding as each finishes.

        Yields ``(item, result)`` or ``(item, exception)``; once the breaker opens, items not yet
        started yield :class:`Stopped`. On interruption, pending work is cancelled.
        """
        pool = ThreadPoolExecutor(max_workers=max(1, self.policy.concurrency))
        pending: dict[Future[R], T] = {}
        queue = list(reversed(items))
        try:
            while queue or pending:
                while queue and len(pending) < max(1, self.policy.concurrency):
                    item = queue.pop()
                    pending[pool.submit(self.call, functools.partial(fn, item))] = item
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    item = pending.pop(future)
                    error = future.exception()
                    yield item, (error if error is not None else future.result())
        except BaseException:
            self.stop.set()  # wakes retry sleeps, so no thread waits out a long backoff
            raise
        finally:
            pool.shutdown(wait=False, cancel_futures=True)
