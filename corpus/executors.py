"""Where documents are processed: in this process, on a local process pool, or on
a Dask distributed cluster.  Each executor yields Results as they complete; the
build writes them (one transaction per document) in whatever order they come.

On a cluster the workers open the documents by path, so they must see the
corpus folder at the same path (one machine, or a shared filesystem).
"""
from __future__ import annotations

from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import islice
from typing import Iterable, Iterator

from .process import Job, Library, Result, process, share_library


def run_serial(jobs: list[Job], library: Library) -> Iterator[Result]:
    for job in jobs:
        yield process(job, library)


def run_pool(jobs: list[Job], library: Library, workers: int) -> Iterator[Result]:
    """A local process pool, each worker given the library once.  A few jobs per worker
    are in flight at a time and each result is dropped once yielded, so memory stays flat
    however large the corpus."""
    queue = iter(jobs)
    with ProcessPoolExecutor(max_workers=workers, initializer=share_library,
                             initargs=(library,)) as pool:
        running = {pool.submit(process, job) for job in islice(queue, 4 * workers)}
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            running |= {pool.submit(process, job) for job in islice(queue, len(done))}
            for future in done:
                yield future.result()


def run_dask(jobs: list[Job], library: Library, scheduler: str) -> Iterator[Result]:
    """The documents as tasks on the Dask cluster whose scheduler listens at *scheduler*;
    the library is sent to every worker once."""
    from dask.distributed import Client, as_completed as dask_completed

    with Client(scheduler, set_as_default=False) as client:
        (shared,) = client.scatter([library], broadcast=True, hash=False)
        futures = client.map(process, jobs, library=shared, pure=False)
        for future in dask_completed(futures, loop=client.loop):
            yield future.result()
            future.release()


def executor(jobs: list[Job], library: Library, *, workers: int = 1,
             scheduler: str | None = None) -> Iterable[Result]:
    if scheduler:
        return run_dask(jobs, library, scheduler)
    if workers > 1 and len(jobs) > 1:
        return run_pool(jobs, library, workers)
    return run_serial(jobs, library)
