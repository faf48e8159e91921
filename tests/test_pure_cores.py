"""Every module under a `core/` folder is pure: importing it never loads Django."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import thrive

SCRIPT = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
    if any(m == "django" or m.startswith("django.") for m in sys.modules):
        print(name)
        break
"""

CORE = sorted(f"thrive.core.{m.name}" for m in pkgutil.iter_modules(thrive.core.__path__))


def core_modules() -> list[str]:
    """Every module in a package named `core` anywhere under thrive/, found by walking."""
    return sorted(
        info.name
        for info in pkgutil.walk_packages(thrive.__path__, "thrive.")
        if ".core." in info.name + "." and not info.name.endswith(".migrations")
    )


def first_to_load_django(modules: list[str]) -> str:
    """Import the modules in a fresh interpreter; the first after which Django is loaded."""
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(modules)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_it_finds_the_core_of_every_area():
    found = set(core_modules())
    for package in ("core", "economics.core", "inquiry.core", "framework.core", "reports.core"):
        assert f"thrive.{package}" in found
    assert "thrive.inquiry.core.refi.reader" in found


def test_it_imports_every_core_module_without_django():
    assert first_to_load_django(core_modules()) == ""


def test_it_runs_economics_commands_without_django_until_they_need_the_records():
    assert first_to_load_django(["thrive.economics.cli"]) == ""


def test_it_notices_a_module_that_loads_django():
    assert first_to_load_django(["thrive.core.text", "thrive.lib.htmx"]) == "thrive.lib.htmx"
