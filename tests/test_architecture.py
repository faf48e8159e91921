"""The import rules in pyproject.toml hold, and would catch a wrong arrow (lint-imports)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on the thrive package found in `tree`, with the project's contracts."""
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--config",
            str(tree / "pyproject.toml"),
            "--no-cache",
        ],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
    )


@pytest.fixture
def copy_of_thrive(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "thrive", tmp_path / "thrive", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_it_keeps_every_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout
    assert "0 broken" in result.stdout


def test_it_fails_when_a_core_module_imports_django(copy_of_thrive: Path):
    (copy_of_thrive / "thrive/economics/core/leak.py").write_text("from django.db import models\n")
    result = lint_imports(copy_of_thrive)
    assert result.returncode == 1
    assert "thrive.economics.core.leak -> django (l.1)" in result.stdout


def test_it_fails_when_an_area_imports_the_console(copy_of_thrive: Path):
    (copy_of_thrive / "thrive/journeys/upward.py").write_text("from thrive.cli import main\n")
    result = lint_imports(copy_of_thrive)
    assert result.returncode == 1
    assert "thrive.journeys.upward -> thrive.cli" in result.stdout


def test_it_fails_on_an_import_cycle(copy_of_thrive: Path):
    (copy_of_thrive / "thrive/core/loop_a.py").write_text("from thrive.core import loop_b\n")
    (copy_of_thrive / "thrive/core/loop_b.py").write_text("from thrive.core import loop_a\n")
    result = lint_imports(copy_of_thrive)
    assert result.returncode == 1
    assert "No cycles are allowed in thrive.core" in result.stdout
