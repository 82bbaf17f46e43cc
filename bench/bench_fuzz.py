"""Mutation fuzz of every reader, driven by hypothesis: real documents with lines dropped,
duplicated, swapped or inserted, bytes and digits changed, read and checked.  Any
exception other than xephang's own one-line errors (XephangError) is a bug.

    python bench/bench_fuzz.py                  # 10,000 inputs per reader
    python bench/bench_fuzz.py -n 500 --readers text html
    python bench/bench_fuzz.py -n 5000 --readers pdf --seed 1 &   # one half on each core
    python bench/bench_fuzz.py -n 5000 --readers pdf --seed 2

Prints a table: reader, inputs, seconds, inputs read, refused with a one-line error,
uncaught exceptions (each one printed with the shrunk input that raises it).  An input
still being read after HANG_SECONDS is a bug too; it stops the run and is kept.
"""
from __future__ import annotations

import argparse
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings, strategies as st

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus" / "documents").glob("0*.txt"))
HTML = sorted((ROOT / "tests" / "fixtures" / "html").glob("*.html"))
PDF = [ROOT / "tests" / "fixtures" / "pdf" / n for n in ("legacy-tcvn3.pdf", "partly-read.pdf")]
WINDOW = 160            # lines of a text or HTML source kept around a random point


def sources(reader: str) -> list[Path]:
    return {"text": SEEDS, "html": HTML, "pdf": PDF, "office": _office()}[reader]


#: Real Word and Excel documents, read in place when the folder is there (never copied).
REAL = ROOT.parent / "shared" / "real"


def _office() -> list[Path]:
    found = []
    for folder in (ROOT / "tests" / "fixtures", REAL):
        if folder.is_dir():
            found += sorted(folder.glob("**/*.docx")) + sorted(folder.glob("**/*.xlsx"))
    return [p for p in found if p.stat().st_size < 400_000]      # small ones: many inputs


# ---------------------------------------------------------------- mutations

LINE_EDITS = ("drop", "duplicate", "swap", "insert")
BYTE_EDITS = ("byte", "digit")


@st.composite
def line_mutants(draw, files: list[Path]) -> tuple[str, bytes]:
    """A window of a real text or HTML document with a few line and byte edits."""
    path = draw(st.sampled_from(files))
    lines = path.read_bytes().split(b"\n")
    start = draw(st.integers(0, max(0, len(lines) - WINDOW)))
    lines = lines[start:start + WINDOW] if path.suffix == ".txt" else lines
    for _ in range(draw(st.integers(1, 6))):
        lines = apply_line_edit(draw, lines)
    data = b"\n".join(lines)
    for _ in range(draw(st.integers(0, 4))):
        data = apply_byte_edit(draw, data)
    return path.suffix, data


def apply_line_edit(draw, lines: list[bytes]) -> list[bytes]:
    if not lines:
        return lines
    edit = draw(st.sampled_from(LINE_EDITS))
    i = draw(st.integers(0, len(lines) - 1))
    j = draw(st.integers(0, len(lines) - 1))
    out = list(lines)
    if edit == "drop":
        del out[i]
    elif edit == "duplicate":
        out.insert(i, out[i])
    elif edit == "swap":
        out[i], out[j] = out[j], out[i]
    else:
        out.insert(i, draw(st.sampled_from([b"", b"0", b"0,0", b"100", b"-", b"|", b"TT",
                                            b"T\xe1\xbb\x95ng \xc4\x91i\xe1\xbb\x83m", b"<td>",
                                            b"</tr>", b"1.000,5", b"%", b"(1)"])))
    return out


def apply_byte_edit(draw, data: bytes) -> bytes:
    if not data:
        return data
    edit = draw(st.sampled_from(BYTE_EDITS))
    if edit == "digit":
        digits = [k for k, b in enumerate(data[:200000]) if 48 <= b <= 57]
        if digits:
            k = draw(st.sampled_from(digits))
            return data[:k] + bytes([48 + draw(st.integers(0, 9))]) + data[k + 1:]
    k = draw(st.integers(0, len(data) - 1))
    return data[:k] + bytes([draw(st.integers(0, 255))]) + data[k + 1:]


@st.composite
def byte_mutants(draw, files: list[Path]) -> tuple[str, bytes]:
    """A real PDF (or Word/Excel file) with bytes changed, cut or repeated."""
    path = draw(st.sampled_from(files))
    data = path.read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, len(data) - 1))
        what = draw(st.sampled_from(("byte", "cut", "repeat", "digit")))
        if what == "byte":
            data = data[:k] + bytes([draw(st.integers(0, 255))]) + data[k + 1:]
        elif what == "cut":
            data = data[:k] + data[k + draw(st.integers(1, 64)):]
        elif what == "repeat":
            data = data[:k] + data[k:k + 64] + data[k:]
        else:
            data = apply_byte_edit(draw, data)
    return path.suffix, data


# ---------------------------------------------------------------- one input

@dataclass
class Tally:
    inputs: int = 0
    read: int = 0
    refused: int = 0
    bugs: list = field(default_factory=list)


#: An input still being read after this many seconds is a bug too: a hang.
HANG_SECONDS = 300


class Hang(BaseException):
    """Raised into an input that takes too long (a BaseException, so that no reader's
    own error handling turns it into a refusal)."""


def _hang(signum, frame):
    raise Hang(f"an input took more than {HANG_SECONDS} s")


def read_and_check(suffix: str, data: bytes, folder: Path, tally: Tally) -> None:
    """Read and check one input; a XephangError is a proper refusal, anything else raises.
    An input that hangs is kept as hang-N.<suffix> in the temporary folder, for a test."""
    from xephang.extract import defects, read_document
    from xephang.extract.errors import XephangError
    from xephang.validate import check_document
    from xephang.validate.findings import locate

    path = folder / f"input{suffix}"
    path.write_bytes(data)
    tally.inputs += 1
    if tally.inputs % 500 == 0:           # progress on a long run, on stderr
        print(f"  … {tally.inputs} inputs, {tally.read} read, {tally.refused} refused",
              file=sys.stderr, flush=True)
    signal.signal(signal.SIGALRM, _hang)
    signal.alarm(HANG_SECONDS)
    try:
        try:
            doc = read_document(path)
        except XephangError:
            tally.refused += 1
            return
        locate(check_document(doc), doc)
        defects(doc)
        tally.read += 1
    except Hang:
        kept = Path(tempfile.gettempdir()) / f"hang-{tally.inputs}{suffix}"
        kept.write_bytes(data)
        raise Hang(f"{HANG_SECONDS} s and still reading; the input is kept as {kept}") from None
    finally:
        signal.alarm(0)


def fuzz(reader: str, examples: int, tally: Tally, seed: int | None = None) -> None:
    """Run *examples* mutated inputs through *reader*; raises on the first uncaught error
    (hypothesis shrinks it first)."""
    files = sources(reader)
    if not files:
        return
    strategy = line_mutants(files) if reader in ("text", "html") else byte_mutants(files)
    with tempfile.TemporaryDirectory() as tmp:
        @settings(max_examples=examples, deadline=None, database=None, derandomize=seed is None,
                  suppress_health_check=list(HealthCheck), print_blob=True)
        @given(strategy)
        def one(mutant):
            read_and_check(*mutant, Path(tmp), tally)
        if seed is not None:
            one = hypothesis_seed(seed)(one)
        one()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="inputs per reader")
    parser.add_argument("--readers", nargs="+", default=["text", "html", "pdf", "office"])
    parser.add_argument("--seed", type=int, default=None,
                        help="draw a different series of inputs (default: the fixed series); "
                             "two runs with different seeds share a long fuzz between two cores")
    args = parser.parse_args()
    print(f"{'reader':<8} {'inputs':>7} {'seconds':>8} {'read':>6} {'refused':>8} {'uncaught':>9}")
    for reader in args.readers:
        tally, start = Tally(), time.perf_counter()
        stopped = ""
        try:
            fuzz(reader, args.n, tally, seed=args.seed)
        except KeyboardInterrupt:             # Ctrl-C: the inputs run so far still count
            stopped = "  (stopped)"
        except (Exception, Hang) as err:  # noqa: BLE001 — the bug is the result
            tally.bugs.append(err)
        seconds = time.perf_counter() - start
        print(f"{reader:<8} {tally.inputs:>7} {seconds:>8.0f} {tally.read:>6} {tally.refused:>8} "
              f"{len(tally.bugs):>9}{stopped}", flush=True)
        if stopped:
            break
        for err in tally.bugs:
            print(f"  uncaught: {type(err).__name__}: {err}", file=sys.stderr)
            print("".join(traceback.format_exception(err)[-6:]), file=sys.stderr)


if __name__ == "__main__":
    main()
