"""The JSON contract of `xephang extract`, checked against its JSON Schema on every seed."""
from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from conftest import SEEDS
from xephang.extract import read_document
from xephang.outputs.contract import document_dict


@pytest.fixture(scope="module")
def schema():
    return json.loads(resources.files("xephang").joinpath("schema/extract.schema.json").read_text())


@pytest.mark.parametrize("key", sorted(SEEDS))
def test_seed_output_matches_schema(schema, key):
    out = document_dict(read_document(SEEDS[key]))
    jsonschema.validate(out, schema)
    assert out["source"]["format"] == "text"
    for table in out["tables"]:
        for row in table["rows"]:
            assert len(row["cells"]) == len(table["columns"])
            assert len(row["provenance"]) == len(row["cells"])


def test_schema_rejects_a_broken_document(schema):
    out = document_dict(read_document(SEEDS["002"]))
    out["tables"][0]["kind"] = "ranking"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(out, schema)


def test_every_cell_is_on_the_line_it_names():
    """Provenance: the cell text is the printed line, whitespace collapsed."""
    path = SEEDS["000"]
    lines = path.read_text(encoding="utf-8").split("\n")
    doc = read_document(path)
    checked = 0
    for _, _, _, cell in doc.iter_cells():
        if cell.text:
            assert " ".join(lines[cell.where.line - 1].split()) == cell.text
            checked += 1
    # 20 departments × (7+6+19+8+11 columns) + 11 districts × (9+7+6+19+8+11 columns)
    assert checked == 20 * 51 + 11 * 60
