"""Waiting for a condition, never for a time: the one polling loop the tests share."""

import threading
import time

_never_set = threading.Event()


def wait_until(condition, timeout=60.0, interval=0.02, what="the condition"):
    """Return ``condition()``'s first truthy value, polling it until ``timeout`` seconds pass.

    The timeout is generous on purpose: it bounds a failure, it is not a guess at how long
    something takes, so a busy machine only makes the test slower, never red."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s waiting for {what}")
        _never_set.wait(interval)  # between two looks; nothing is expected to happen in it
