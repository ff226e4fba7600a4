"""Record ids arrive from outside (links, buttons): one that no INTEGER column can hold names
no record, and must be refused as such instead of reaching the database."""

from __future__ import annotations

ID_RANGE = range(-(2**31), 2**31)


def storable(record_id: int) -> bool:
    return record_id in ID_RANGE
