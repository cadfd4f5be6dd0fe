"""The states a job, a claim of it and a worker's attempt at it can end in: each spelled once, here.

They are `StrEnum`s, so a member equals its string (`JobStatus.QUEUED == "queued"`) and is stored and
answered as that string; the database columns stay plain strings.
"""

from enum import StrEnum


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)  # a job a worker has yet to finish
ENDED = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)  # a job nothing changes any more


class ClaimOutcome(StrEnum):
    """How one claim (one attempt) of a job ended: the job's own end, or one of these two."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    LOST = "lost"  # its lease ran out: the worker died or was cut off
    RELEASED = "released"  # the worker stopped and handed the job back to the queue


class AttemptOutcome(StrEnum):
    """What a worker's training of a claimed job came to, before it writes the job's end."""

    SUCCEEDED = "succeeded"
    FAILED = "failed"
    STOPPED = "stopped"  # the worker is stopping: hand the job back (or keep its best weights on a cancel)
    UNREACHABLE = "unreachable"  # the database could not be reached to load the job: the lease rescues it
