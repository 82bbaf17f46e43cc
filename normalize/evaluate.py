"""Measure the normalize stage against hand labels: repair precision/recall and
matcher accuracy.  Used by the tests (floors) and bench/ (the full figures)."""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .text import repair_proposals


@dataclass(frozen=True)
class Label:
    printed: str
    correct: str
    seed: str
    line: int
    kind: str


def read_labels(path: Path) -> list[Label]:
    rows = [r for r in csv.reader(_data_lines(path), delimiter="\t")]
    return [Label(p, c, src.split(":")[0], int(src.split(":")[1]), kind) for p, c, src, kind in rows]


def _data_lines(path: Path) -> Iterable[str]:
    return (line for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))


_KIND = {"dropped-letter": "dropped", "glued": "glued"}


@dataclass(frozen=True)
class RepairScore:
    labelled: int
    proposed: int
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


def score_repairs(labels: list[Label], texts: dict[str, str], kinds=("dropped", "glued"),
                  min_confidence: float | None = None) -> RepairScore:
    """Proposals on each seed text vs the labels, matched by (seed, line, printed)."""
    wanted = [lab for lab in labels if lab.kind in kinds]
    expected = Counter((lab.seed, lab.line, lab.printed, lab.correct.casefold()) for lab in wanted)
    proposed = correct = 0
    for seed, text in texts.items():
        kw = {} if min_confidence is None else {"min_confidence": min_confidence}
        for r in repair_proposals(text, **kw):
            if _KIND[r.kind] not in kinds:
                continue
            line = text.count("\n", 0, r.start) + 1
            proposed += 1
            key = (seed, line, r.printed, r.proposed.casefold())
            if expected[key] > 0:
                expected[key] -= 1
                correct += 1
    return RepairScore(len(wanted), proposed, correct)
