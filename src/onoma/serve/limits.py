"""The server's limits: API keys, requests per minute, body size, characters."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field

MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted (413 above it): ``--char-limit`` bounds the text, this
bounds what is read before the text is even parsed."""


class ApiError(Exception):
    """A request the server refuses, with the HTTP status LibreTranslate gives it."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class RateLimiter:
    """At most ``per_minute`` requests in any 60 seconds for each caller (0: no limit)."""

    per_minute: int = 0
    window: float = 60.0
    _seen: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, caller: str) -> bool:
        """Count one request of ``caller``; False when it is over the limit."""
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            times = self._seen.setdefault(caller, deque())
            while times and now - times[0] >= self.window:
                times.popleft()
            if len(times) >= self.per_minute:
                return False
            times.append(now)
            if len(self._seen) > 10_000:  # forget callers gone quiet
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return True


@dataclass
class Limits:
    """What ``onoma serve`` allows: --api-keys, --char-limit, --req-limit."""

    api_keys: frozenset[str] = frozenset()
    char_limit: int = 0
    rate: RateLimiter = field(default_factory=RateLimiter)
    max_body: int = MAX_BODY_BYTES

    def check(self, api_key: str | None, client: str) -> None:
        """Raise ApiError 403 for a missing or wrong key, 429 over the rate limit."""
        if self.api_keys and api_key not in self.api_keys:
            message = "Invalid API key" if api_key else "Please provide an API key"
            raise ApiError(403, message)
        caller = api_key or client
        if not self.rate.allow(caller):
            limit = self.rate.per_minute
            raise ApiError(429, f"Too many requests: limited to {limit} per minute")

    def check_chars(self, count: int) -> None:
        """Raise ApiError 400 when the text is over --char-limit (LibreTranslate's rule)."""
        if self.char_limit and count > self.char_limit:
            raise ApiError(
                400,
                f"Invalid request: request ({count}) exceeds text limit ({self.char_limit})",
            )
