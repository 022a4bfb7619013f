"""The heap settings of a long run (pipeline/memory.py), checked against glibc's own accounting."""
from __future__ import annotations

import ctypes

import pytest

from newsdesk.pipeline.memory import _libc_function, limit_heap_fragmentation, release_free_memory


class _Mallinfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
                 "fordblks", "keepcost")]


def _mallinfo2():
    fn = _libc_function("mallinfo2")
    if fn is None:
        pytest.skip("not glibc >= 2.33 (no mallinfo2): the heap settings are no-ops here")
    fn.restype = _Mallinfo2
    return fn()


def test_large_blocks_get_their_own_mappings_and_go_back_when_freed():
    _mallinfo2()  # skips off glibc
    assert limit_heap_fragmentation(128) is True
    big = bytearray(4 * 1024 * 1024)
    del big  # unpinned, glibc would now raise its threshold to 4 MiB and serve the blocks below from the heap
    before = _mallinfo2().hblks
    blocks = [bytearray(256 * 1024) for _ in range(20)]  # above the threshold: one mapping each
    during = _mallinfo2().hblks
    assert during - before >= 20
    del blocks
    assert _mallinfo2().hblks <= before + 1  # unmapped on free, not left in the heap


def test_zero_leaves_the_default():
    assert limit_heap_fragmentation(0) is False


def test_release_free_memory_runs():
    _mallinfo2()
    assert release_free_memory() is True
