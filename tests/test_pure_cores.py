"""The economic model is a pure library: importing it never loads Django."""

import pkgutil
import subprocess
import sys

import pytest

import thrive.core
import thrive.economics

DJANGO_SIDE = {"models", "views", "forms", "urls", "apps", "admin", "service_records", "migrations"}
PURE = sorted(
    f"thrive.economics.{m.name}"
    for m in pkgutil.iter_modules(thrive.economics.__path__)
    if m.name not in DJANGO_SIDE
)

CORE = sorted(f"thrive.core.{m.name}" for m in pkgutil.iter_modules(thrive.core.__path__))


def imports_django(module: str) -> bool:
    code = f"import sys, {module}; print('django' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return result.stdout.strip() == "True"


def test_it_finds_the_pure_modules():
    assert {"thrive.economics.report", "thrive.economics.cli", "thrive.economics.editing"} <= set(
        PURE
    )
    assert {"thrive.core.charts", "thrive.core.numbers"} <= set(CORE)


@pytest.mark.parametrize("module", ["thrive.economics", *PURE, "thrive.core", *CORE])
def test_it_imports_without_django(module):
    assert not imports_django(module)
