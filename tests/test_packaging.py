"""One import package: the wheel holds xephang/… only — no bare `validate` or `extract`."""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_only_the_xephang_package(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, timeout=300)
    wheel = next(tmp_path.glob("xephang-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.startswith("xephang-")}
    assert tops == {"xephang"}
    assert "xephang/extract/model.py" in names
    assert "xephang/schema/extract.schema.json" in names
    assert any(n.startswith("xephang/corpus/documents/000_") for n in names)
    assert not any("/tests/" in n or n.startswith("xephang/tests") for n in names)
