"""How many threads a worker's BLAS may use, set at run time with threadpoolctl.

N workers on N cores must use one BLAS thread each, or every matrix product spawns threads that
fight over the same cores; a lone worker may use them all. `serve` and `worker --workers N` give
their workers `NNSERVICE_BLAS_THREADS` = cores // N unless it is set already.
"""

import os

from threadpoolctl import ThreadpoolController


def threads_per_worker(workers: int, cores: int | None = None) -> int:
    """The cores shared out among `workers` processes on this machine, at least one thread each."""
    return max(1, (cores or usable_cores()) // max(1, workers))


def usable_cores() -> int:
    """The cores this process may run on (a container's cpuset, taskset), else all of them."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def limit_threads(threads: int | None) -> None:
    """Hold this process's BLAS to `threads` (None: leave the library's own default, every core)."""
    if threads is not None:
        ThreadpoolController().limit(limits=threads, user_api="blas")


def libraries() -> list[dict]:
    """The BLAS libraries this process loaded: {"library", "version", "threads"} each."""
    return [
        {"library": info["internal_api"], "version": info.get("version"), "threads": info["num_threads"]}
        for info in ThreadpoolController().info()
        if info["user_api"] == "blas"
    ]


def describe() -> str:
    """The BLAS libraries this process loaded, with their versions and thread counts, e.g. "openblas 0.3.27, 1 thread"."""
    libraries_ = libraries()
    if not libraries_:
        return "no BLAS library loaded"
    return "; ".join(
        f"{info['library']} {info['version'] or '(version unknown)'}, "
        f"{info['threads']} thread{'s' if info['threads'] != 1 else ''}"
        for info in libraries_
    )
