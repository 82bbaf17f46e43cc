"""The three stages one document goes through, by their agreed entry points:
``extract.read_document`` → ``normalize.resolve`` → ``validate.check_document``."""
from __future__ import annotations

from ..extract import read_document

try:
    from ..normalize import resolve
    from ..normalize.categories import canonical_category
except ImportError:  # DEVELOPMENT ONLY — removed once normalize.resolve lands
    from ._dev import canonical_category, resolve
try:
    from ..validate import check_document
except ImportError:  # DEVELOPMENT ONLY — removed once validate.check_document lands
    from ._dev import check_document

__all__ = ["read_document", "resolve", "canonical_category", "check_document"]
