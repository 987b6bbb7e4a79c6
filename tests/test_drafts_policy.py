"""Retries, backoff with jitter, Retry-After, the circuit breaker and bounded concurrency."""

from __future__ import annotations

import random
import threading
import time

import pytest

from passerelle.steps.drafts.base import EngineFailure
from passerelle.steps.drafts.cache import DraftCache, cache_key
from passerelle.steps.drafts.policy import (
    Caller,
    RequestPolicy,
    Stopped,
    backoff_delay,
    parse_retry_after,
)


def test_parse_retry_after() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 30))
    assert 25 <= (parse_retry_after(later) or 0) <= 31


def test_backoff_grows_exponentially_with_jitter_and_honours_retry_after() -> None:
    policy = RequestPolicy(backoff=1.0, backoff_cap=8.0)
    rng = random.Random(1)
    delays = [backoff_delay(policy, n, None, rng) for n in range(6)]
    for n, delay in enumerate(delays):
        window = min(8.0, 2.0**n)
        assert window / 2 <= delay <= window
    assert len({round(d, 6) for d in delays}) == len(delays)  # jittered, not lockstep
    assert 5.0 <= backoff_delay(policy, 0, 5.0, rng) <= 5.5


def test_caller_retries_retryable_failures_then_succeeds() -> None:
    slept: list[float] = []
    caller = Caller(RequestPolicy(retries=3), sleep=lambda d: bool(slept.append(d)))
    answers = iter([EngineFailure("503", retryable=True, retry_after=2.0), "ok"])

    def call() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert caller.call(call) == "ok"
    assert caller.requests == 2 and 2.0 <= slept[0] <= 2.2


def test_breaker_opens_after_repeated_failures_and_stops_the_rest() -> None:
    caller = Caller(RequestPolicy(retries=0, breaker=3, concurrency=1), sleep=lambda d: False)
    calls = []

    def fail(item: int) -> int:
        calls.append(item)
        raise EngineFailure("HTTP 500 server error", retryable=True)

    results = list(caller.run(list(range(6)), fail))
    assert calls == [0, 1, 2]
    assert [type(r).__name__ for _, r in results] == ["EngineFailure"] * 3 + ["Stopped"] * 3
    assert caller.breaker.reason == (
        "stopped after 3 failed requests in a row (last: HTTP 500 server error)"
    )


def test_a_fatal_failure_opens_the_breaker_at_once() -> None:
    caller = Caller(RequestPolicy(retries=5), sleep=lambda d: False)
    with pytest.raises(EngineFailure):
        caller.call(lambda: (_ for _ in ()).throw(EngineFailure("bad key", fatal=True)))
    assert caller.breaker.is_open and caller.requests == 1
    with pytest.raises(Stopped):
        caller.call(lambda: 1)


def test_concurrency_is_bounded() -> None:
    caller = Caller(RequestPolicy(concurrency=2))
    active = 0
    peak = 0
    lock = threading.Lock()

    def work(item: int) -> int:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.02)
        with lock:
            active -= 1
        return item * 2

    results = dict(caller.run(list(range(8)), work))
    assert results == {n: n * 2 for n in range(8)}
    assert peak == 2


def test_cache_round_trip_and_key(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    key = cache_key("libre", "url=x", "fr", "de", "Bonjour")
    assert key != cache_key("libre", "url=y", "fr", "de", "Bonjour")
    cache = DraftCache(folder)
    cache.put_many([(key, "libre", "fr", "de", "Hallo")])
    cache.close()
    assert DraftCache(folder).get_many([key, "other"]) == {key: "Hallo"}
    assert DraftCache(None).get_many([key]) == {}
