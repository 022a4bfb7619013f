"""The heap settings of a long run (pipeline/memory.py), checked against glibc's own accounting.

The mapping check runs in a fresh interpreter: in a process whose heap already has large free chunks
(this test process, after other tests), glibc rightly serves large blocks from those holes first.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from newsdesk.pipeline.memory import _libc_function, limit_heap_fragmentation, release_free_memory

_CHECK = """
import ctypes, sys
from newsdesk.pipeline.memory import _libc_function, limit_heap_fragmentation

class Mallinfo2(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                               "fsmblks", "uordblks", "fordblks", "keepcost")]

info = _libc_function("mallinfo2")
info.restype = Mallinfo2
if sys.argv[1] == "pin":
    assert limit_heap_fragmentation(128)
big = bytearray(4 * 1024 * 1024)
del big  # unpinned, glibc now raises its threshold to 4 MiB and serves the blocks below from the heap
before = info().hblks
blocks = [bytearray(256 * 1024) for _ in range(20)]
during = info().hblks
del blocks
after = info().hblks
print(during - before, after - before)
"""


def _mapped_blocks(mode: str) -> tuple[int, int]:
    if _libc_function("mallinfo2") is None:
        pytest.skip("not glibc >= 2.33 (no mallinfo2): the heap settings are no-ops here")
    out = subprocess.run([sys.executable, "-c", _CHECK, mode], capture_output=True, text=True, check=True)
    during, after = out.stdout.split()
    return int(during), int(after)


def test_large_blocks_get_their_own_mappings_and_go_back_when_freed():
    during, after = _mapped_blocks("pin")
    assert during >= 20       # one mapping per 256 KiB block
    assert after <= 1         # unmapped on free, not left in the heap


def test_without_the_pin_glibc_keeps_them_in_the_heap():
    during, _ = _mapped_blocks("default")  # what the setting changes: the check above is not vacuous
    assert during < 20


def test_zero_leaves_the_default():
    assert limit_heap_fragmentation(0) is False


def test_release_free_memory_runs():
    if _libc_function("malloc_trim") is None:
        pytest.skip("not glibc: no malloc_trim")
    assert release_free_memory() is True
