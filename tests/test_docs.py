"""Documentation is part of every change: settings and commands must be documented."""

import re
from pathlib import Path

import click

from thrive.cli import main

ROOT = Path(__file__).resolve().parents[1]


def environment_variables() -> set[str]:
    source = (ROOT / "thrive" / "settings.py").read_text()
    return set(
        re.findall(
            r"""(?:environ(?:\.get)?[\[(]|env_bool\(|env_list\(|env_int\()"([A-Z_]+)\"""", source
        )
    )


def command_paths(group: click.Group, prefix: str = "thrive") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        paths.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, f"{prefix} {name}"))
    return paths


def test_it_documents_every_environment_variable_settings_read():
    documented = (ROOT / "docs" / "configuration.md").read_text()
    found = environment_variables()
    assert {"THRIVE_DATA_DIR", "DATABASE_URL", "THRIVE_SECRET_KEY"} <= found
    missing = sorted(name for name in found if f"`{name}`" not in documented)
    assert missing == []


def test_it_documents_every_command():
    documented = (ROOT / "docs" / "cli.md").read_text()
    missing = [path for path in command_paths(main) if f"`{path}" not in documented]
    assert missing == []
