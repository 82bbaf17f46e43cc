"""validate/ has no import cycle (counting imports inside functions) and no module imports
another's private names."""
from __future__ import annotations

import ast
from pathlib import Path

VALIDATE = Path(__file__).resolve().parent.parent / "validate"


def imports() -> dict[str, list[tuple[str, list[str]]]]:
    out = {}
    for path in sorted(VALIDATE.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                module = node.module or ""
                names = [a.name for a in node.names]
                if not module:                      # from . import corrections
                    found += [(n, []) for n in names]
                else:
                    found.append((module.split(".")[0], names))
        out[path.stem] = found
    return out


def test_no_private_names_across_modules():
    bad = [(m, target, n) for m, found in imports().items() for target, names in found
           for n in names if n.startswith("_")]
    assert bad == []


def test_no_import_cycle():
    graph = {m: {t for t, _ in found if t != m} for m, found in imports().items()}
    graph.pop("__init__", None)

    def reach(start: str, node: str, seen: set) -> bool:
        for nxt in graph.get(node, ()):
            if nxt == start:
                return True
            if nxt not in seen:
                seen.add(nxt)
                if reach(start, nxt, seen):
                    return True
        return False

    assert [m for m in graph if reach(m, m, set())] == []
