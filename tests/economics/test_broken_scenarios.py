import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from thrive.economics.cli import economics

BROKEN = sorted((Path(__file__).parent / "broken").glob("*.toml"))


def expected_key(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.search(r"expect: (\S+)$", first)
    assert match, f"{path.name}: first line must say 'expect: KEY'"
    return match.group(1)


def test_it_has_a_corpus_of_at_least_twenty_broken_files():
    assert len(BROKEN) >= 20


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_it_refuses_each_broken_scenario_naming_the_key(path):
    result = CliRunner().invoke(economics, ["run", str(path), "--iterations", "0"])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Error: {expected_key(path)}: ")
    assert "Traceback" not in result.output
