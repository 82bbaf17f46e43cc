"""xephang — Vietnamese government ranking decisions into checked score and rubric tables."""
from __future__ import annotations

__version__ = "0.1.0"


def load(db):
    """The dataset as pandas DataFrames: ``load("xephang.sqlite").panel``."""
    from .outputs.dataset import load as _load
    return _load(db)
