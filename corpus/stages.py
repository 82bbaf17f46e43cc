"""The three stages one document goes through, by their agreed entry points:
``extract.read_document`` → ``normalize.resolve`` → ``validate.check_document``."""
from __future__ import annotations

from ..extract import read_document
from ..normalize import resolve
from ..normalize.categories import canonical_category
from ..validate import check_document

__all__ = ["read_document", "resolve", "canonical_category", "check_document"]
