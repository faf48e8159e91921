"""Deeply nested TOML is refused with one line on the page and the command line, never a 500."""

import pytest
from click.testing import CliRunner

from thrive.economics.cli import economics
from thrive.economics.core.editing import parse_text, read_value
from thrive.economics.core.errors import ScenarioError
from thrive.economics.core.scenario import load_scenario
from thrive.economics.models import SavedScenario

DEEP_LIST = "[scenario]\nname = " + "[" * 50_000 + "]" * 50_000 + "\n"
DEEP_TABLE = "x = " + "{a = " * 3_000 + "1" + "}" * 3_000 + "\n"
NESTED_BUT_PARSEABLE = "x = " + "[" * 60 + "]" * 60 + "\n"


@pytest.mark.parametrize(
    "text", [DEEP_LIST, DEEP_TABLE, NESTED_BUT_PARSEABLE], ids=["lists", "tables", "sixty"]
)
def test_it_refuses_deep_nesting_with_a_scenario_error(text):
    with pytest.raises(ScenarioError) as error:
        parse_text(text)
    assert error.value.key == "toml"
    assert "nested more than 32 levels deep" in str(error.value)


def test_it_refuses_a_deep_value_typed_into_a_headline_field():
    with pytest.raises(ValueError, match="must be a number or a distribution"):
        read_value("[" * 50_000 + "]" * 50_000)


def test_it_refuses_a_deep_scenario_file(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text(DEEP_LIST)
    with pytest.raises(ScenarioError, match="nested more than 32 levels deep"):
        load_scenario(str(path))


def test_it_says_one_line_on_the_command_line(tmp_path):
    path = tmp_path / "deep.toml"
    path.write_text(DEEP_TABLE)
    result = CliRunner().invoke(economics, ["run", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and not isinstance(result.exception, RecursionError)
    assert "nested more than 32 levels deep" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.django_db
def test_it_explains_deep_nesting_on_the_page(login_as, coordinator):
    response = login_as(coordinator).post(
        "/economics/new/", {"name": "Deep", "template": "", "toml": DEEP_LIST}
    )
    assert response.status_code == 400
    assert "nested more than 32 levels deep" in response.content.decode()
    assert not SavedScenario.objects.exists()
