"""validate/: recompute every total, rank, maximum and claim; report what does not add up.

    >>> from xephang.extract import read_document
    >>> from xephang.validate import check_document
    >>> doc = read_document("corpus/documents/000_4077041e69013ab5.txt")
    >>> [f.rule for f in check_document(doc) if f.severity == "error"][:1]
    ['row-sum']

Each family of checks lives in its own module (sums, ranks, across, rubric,
claims, structure); `corrections` names the likely misprinted cell.  The rule
slugs and severities are listed in docs/checks.md.
"""
from __future__ import annotations

from typing import Iterable

from ..extract.model import Document
from .findings import Finding, count, finding, findings_frame, sort_key


def check_document(doc: Document, *, library: Iterable[Document] = (),
                   resolved=None) -> list[Finding]:
    """Every finding for *doc*; *library* holds other documents of the corpus (for the
    rubrics a results decision cites with "Căn cứ Quyết định số …").  *resolved* is the
    document's `normalize.resolve(doc)` when the caller already has it (resolving is the
    slow part; a batch that varies one document's numbers can reuse its identities)."""
    from .across import check_across, check_levels, evidence, links
    from .claims import check_claims
    from .context import build_context
    from .documents import check_documents
    from .ranks import check_ranks
    from .relations import check_relations
    from .statements import check_statements
    from .rubric import check_maxima, check_rubrics
    from .structure import check_structure
    from .sums import check_sums

    ctx = build_context(doc, resolved)
    found = links(ctx)
    out = check_structure(ctx)
    out += check_sums(ctx, evidence(ctx, found))
    out += check_ranks(ctx)
    out += check_across(ctx, found)
    out += check_levels(ctx)
    out += check_rubrics(ctx)
    out += check_maxima(ctx, list(library))
    out += check_relations(ctx)
    out += check_claims(ctx)
    out += check_statements(ctx)
    out += check_documents(ctx, list(library))
    return sorted(out, key=sort_key)


__all__ = ["check_document", "Finding", "finding", "findings_frame", "count"]
