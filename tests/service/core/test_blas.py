"""Worker BLAS threads: the share of the cores, and the limit as threadpoolctl applies it."""

import subprocess
import sys

import pytest

from service.core import blas


@pytest.mark.parametrize(("workers", "cores", "threads"), [(1, 2, 2), (2, 2, 1), (4, 2, 1), (2, 8, 4), (0, 2, 2)])
def test_the_cores_are_shared_out_at_least_one_thread_each(workers, cores, threads):
    assert blas.threads_per_worker(workers, cores) == threads


def test_a_limit_holds_the_process_blas_to_that_many_threads():
    # in a process of its own: the limit lasts for the life of the process
    code = (
        "import numpy, threadpoolctl\n"
        "from service.core import blas\n"
        "blas.limit_threads(1)\n"
        "print([i['num_threads'] for i in threadpoolctl.threadpool_info() if i['user_api'] == 'blas'])\n"
        "print(blas.describe())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0] == "[1]"
    assert out[1].endswith(", 1 thread")


def test_no_limit_leaves_the_library_default():
    code = "import numpy\nfrom service.core import blas\nblas.limit_threads(None)\nprint(blas.describe())\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert f", {blas.usable_cores()} thread" in out
