"""The README's examples, run: the outputs it shows are the outputs kg prints today.

Every ```` ```console ```` block of README.md is a little session: ``$ kg …``
lines are run (in a scratch folder that sees the repository's ``seeds/`` and
``examples/``), and the lines after each are replaced by what the command
printed. A line that is only ``…`` elides: the lines before it are kept as the
head of the output, the lines after it as its tail. ``make docs`` rewrites the
README this way, and ``tests/test_docs.py`` fails when the committed README
differs from a fresh run, so its examples cannot drift.

Commands that do not finish (``kg serve``), need the network (``curl``) or
pipe into other programs are left as written, and so is a block marked
``<!-- not run: why -->`` on the line before it. ``$ make demo`` is checked
through the ``kg`` command it ends with.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
#: What a README example may see of the repository (as symlinks in the scratch folder).
SHARED_FOLDERS = ("seeds", "examples")
ELISION = "…"
#: A console block right after ``<!-- not run: WHY -->`` is left as written (say why: e.g. a
#: person edits files between its commands).
_BLOCK = re.compile(r"^(<!-- not run:[^\n]*-->\n)?```console\n(.*?)^```\n", re.M | re.S)


def _skip(command: str) -> bool:
    return (
        not (command.startswith("kg ") or command == "make demo")
        or command.startswith("kg serve")
        or "|" in command
        or command.endswith("\\")
    )


def run_kg(command: str) -> list[str]:
    """Run one ``kg …`` line (as a shell would split it) and return the lines it printed (stdout and stderr)."""
    from click.testing import CliRunner

    from kg.cli import cli

    words = [w for word in shlex.split(command, comments=True)[1:] for w in _glob(word)]
    quiet = False
    if len(words) >= 2 and words[-2] == ">" and words[-1] == "/dev/null":
        words, quiet = words[:-2], True
    result = CliRunner().invoke(cli, words, prog_name="kg", catch_exceptions=False)
    if quiet:
        return [line for line in result.stderr.splitlines()]
    return result.output.rstrip("\n").splitlines() if result.output.strip() else []


def demo_commands() -> list[str]:
    """The ``kg`` lines of the Makefile's ``demo`` recipe, as a shell in the repository would run them."""
    recipe = re.search(r"^demo:.*?\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert recipe is not None, "the Makefile has no demo recipe"
    steps = []
    for line in recipe.group(1).splitlines():
        line = line.strip().lstrip("@")
        if line.startswith("$(BIN)/kg "):
            steps.append(line.replace("$(BIN)/", "").replace("$(OUT)", "out"))
    return steps


def _glob(word: str) -> list[str]:
    """``seeds/*.txt`` as a shell expands it (a pattern matching nothing stays as it is)."""
    import glob

    if not any(c in word for c in "*?["):
        return [word]
    return sorted(glob.glob(word)) or [word]


def _same(shown: str, printed: str) -> bool:
    """A shown line with ``…`` inside stands for any printed line it matches."""
    pattern = ".*".join(re.escape(part) for part in shown.split(ELISION))
    return re.fullmatch(pattern, printed) is not None


def _merge(shown: list[str], printed: list[str]) -> list[str]:
    """The printed lines, elided where the README elides."""
    at = next((i for i, line in enumerate(shown) if line.strip() == ELISION), None)
    if at is None:
        if len(shown) == len(printed):  # keep lines that elide inside, where they still match
            return [s if ELISION in s and _same(s, p) else p for s, p in zip(shown, printed, strict=True)]
        return printed
    head, tail = shown[:at], shown[at + 1 :]
    if len(printed) <= len(head) + len(tail):
        return printed
    kept_head = [s if ELISION in s and _same(s, p) else p for s, p in zip(head, printed, strict=False)]
    return kept_head + [shown[at]] + (printed[len(printed) - len(tail) :] if tail else [])


def _session(block: str) -> str:
    lines = block.rstrip("\n").split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line.startswith("$ "):
            out.append(line)
            continue
        command = line[2:].strip()
        shown = []
        while index < len(lines) and not lines[index].startswith("$ "):
            shown.append(lines[index])
            index += 1
        out.append(line)
        if _skip(command):
            out += shown
        elif command == "make demo":
            # the demo's kg commands, as the Makefile runs them; it ends by echoing its last one (indented)
            printed: list[str] = []
            for step in demo_commands():
                printed = run_kg(step)
            at = next(i for i, s in enumerate(shown) if s.startswith("  .venv/bin/kg "))
            out += shown[: at + 1] + printed
        else:
            out += _merge(shown, run_kg(command))
    return "\n".join(out) + "\n"


@contextmanager
def _scratch(folder: Path) -> Iterator[None]:
    for name in SHARED_FOLDERS:
        link = folder / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    (folder / "out").mkdir(exist_ok=True)  # `make demo` starts from an empty out/
    saved_cwd, saved_env = Path.cwd(), dict(os.environ)
    for name in list(os.environ):
        if name.startswith("KG_"):
            del os.environ[name]
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)


def run_examples(text: str, folder: Path) -> str:
    """``text`` (a README) with every console block's outputs replaced by a fresh run in ``folder``."""
    with _scratch(folder):
        return _BLOCK.sub(
            lambda m: m.group(0) if m.group(1) else "```console\n" + _session(m.group(2)) + "```\n", text
        )


def write_readme(path: Path = README) -> Path:
    """Rerun the README's examples and rewrite it (``make docs``)."""
    import tempfile

    from kg.fsutil import atomic_write_text

    with tempfile.TemporaryDirectory(prefix="kg-readme-") as scratch:
        text = run_examples(path.read_text(encoding="utf-8"), Path(scratch))
    atomic_write_text(path, text)
    return path
