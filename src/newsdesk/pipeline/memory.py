"""Keep a long run's heap from growing with fragmentation.

A long run allocates and frees a batch's worth of pages, articles and facts over and over. glibc serves
blocks below its mmap threshold from the heap, and that threshold rises (up to 32 MiB) each time a large
block is freed, so a run's big temporary buffers (a page's text, a parse tree, a batch's pickles) end up
in the heap beside long-lived small objects; once freed they leave holes that the heap cannot return.
Two remedies, both no-ops on other C libraries:

* ``limit_heap_fragmentation`` pins the mmap threshold (``limits.mmap_threshold_kb``), so large blocks
  are mapped on their own and go back to the OS when freed. Measured at 5,000 documents (2 workers, a
  store): the parent's heap 171 -> 108 MB, of which free 118 -> 62 MB (bench/README.md).
* ``release_free_memory`` (``malloc_trim``) releases what is free at the top of the heap and in the
  arenas between batches.
"""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)


@lru_cache(maxsize=1)
def _libc():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def _libc_function(name: str):
    libc = _libc()
    return getattr(libc, name, None) if libc is not None else None


def limit_heap_fragmentation(threshold_kb: int) -> bool:
    """Serve allocations of ``threshold_kb`` KiB and more with their own mappings (0 leaves the C
    library's default); True when the setting took. It applies to the whole process and to workers
    forked after it."""
    mallopt = _libc_function("mallopt")
    if threshold_kb <= 0 or mallopt is None:
        return False
    return bool(mallopt(_M_MMAP_THRESHOLD, int(threshold_kb) * 1024))


def release_free_memory() -> bool:
    """Return freed heap pages to the OS; True when the C library could do it."""
    trim = _libc_function("malloc_trim")
    if trim is None:
        return False
    trim(0)
    return True
