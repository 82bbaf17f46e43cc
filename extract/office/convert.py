"""A legacy Word 97-2003 (.doc) or Excel 97-2003 (.xls) file, converted to .docx /
.xlsx by LibreOffice headless, in a throwaway folder:

- the original is copied in under a fixed name, so nothing is written beside it;
- LibreOffice runs with its own new user profile, macros disabled in it, links to
  other files and sites blocked, no network where the system allows it (``unshare``);
- it is killed when it takes longer than the time limit;
- the folder is removed afterwards.

The converted bytes are read like any .docx / .xlsx; the document's Source keeps
the original's path and sha256 and says ``converted_from``.
"""
from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import ConverterUnavailable, OfficeError

TIME_LIMIT = 90.0                 # seconds; a real decision converts in a few
TARGET = {"doc": "docx", "xls": "xlsx", "rtf": "docx"}
WHAT = {"doc": "Word 97-2003 (.doc)", "xls": "Excel 97-2003 (.xls)", "rtf": "Rich Text (.rtf)"}

# The throwaway profile: macros never run, no links followed, no update check.
_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/org.openoffice.Office.Jobs:Job['UpdateCheck']/Arguments"><prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(name: str, data: bytes, kind: str, *, time_limit: float = TIME_LIMIT) -> bytes:
    """The .docx / .xlsx bytes LibreOffice makes of a legacy *kind* ("doc"/"xls") file."""
    program = soffice()
    if program is None:
        raise ConverterUnavailable(name, WHAT[kind])
    with tempfile.TemporaryDirectory(prefix="xephang-office-") as tmp:
        work = Path(tmp)
        source = work / f"input.{kind}"
        source.write_bytes(data)
        profile = _profile(work)
        out = work / "out"
        out.mkdir()
        command = _no_network() + [
            program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible",
            "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", TARGET[kind], "--outdir", str(out), str(source)]
        _run(name, command, work, time_limit, kind)
        made = out / f"input.{TARGET[kind]}"
        if not made.is_file() or made.stat().st_size == 0:
            raise OfficeError(name, f"LibreOffice could not convert this {WHAT[kind]} file "
                                    f"(damaged or password-protected?); refused")
        return made.read_bytes()


def _profile(work: Path) -> Path:
    profile = work / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE, encoding="utf-8")
    return profile


def _run(name: str, command: list[str], work: Path, time_limit: float, kind: str) -> None:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work),
           "TMPDIR": str(work), "LANG": "C.UTF-8", "SAL_USE_VCLPLUGIN": "svp"}
    proc = subprocess.Popen(command, cwd=work, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        proc.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise OfficeError(name, f"LibreOffice took longer than {time_limit:.0f} s to convert this "
                                f"{WHAT[kind]} file; refused") from None


@functools.lru_cache(maxsize=1)
def _no_network() -> list[str]:
    """["unshare", "-rn"] when this system lets an ordinary process drop its network."""
    tool = shutil.which("unshare")
    if not tool:
        return []
    try:
        ok = subprocess.run([tool, "-rn", "true"], capture_output=True, timeout=5).returncode == 0
    except (OSError, subprocess.SubprocessError):
        ok = False
    return [tool, "-rn"] if ok else []
