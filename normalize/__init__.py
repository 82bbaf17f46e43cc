"""normalize/: numbers as Decimal, repaired-text proposals, agency identities.

Nothing here changes a printed value: every result sits beside what was printed.

    from xephang.normalize import resolve, match_name, parse_number
"""
from __future__ import annotations

from .categories import canonical_category
from .matching import Candidate, Match, Matcher, match_name
from .numbers import Number, detect_convention, parse_number
from .resolve import Resolved, resolve
from .text import Repair, damage_share, nfc_tone, repair_proposals

__all__ = ["Candidate", "Match", "Matcher", "Number", "Repair", "Resolved", "canonical_category",
           "damage_share", "detect_convention", "match_name", "nfc_tone", "parse_number",
           "repair_proposals", "resolve"]
