"""Forms anyone can post, and codebook files: never a 500, at most one record, one message."""

import csv
import io

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import examples
from tests.hostile.strategies import CONTROLS, TEXT, ZIPS, mutated, one_line
from thrive.inquiry.codebook_files import CodebookError, read_codebook
from thrive.journeys.models import Journey, Person

CHOICE = st.sampled_from(["phone", "email", "text", "post", "", "PHONE", "☎"]) | TEXT
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "name": TEXT | CONTROLS | st.text(min_size=90, max_size=200),
        "contact_preference": CHOICE,
        "phone": TEXT | CONTROLS | st.from_regex(r"\+?[0-9 ()-]{0,45}", fullmatch=True),
        "email": TEXT | st.emails(),
        "help_with": TEXT | CONTROLS | st.text(max_size=3000),
        "referral_source": CHOICE,
        "website": TEXT,
        "unexpected": TEXT,
    },
)


@pytest.mark.django_db
@settings(max_examples=examples(60))
@given(fields=FIELDS, as_list=st.booleans())
def test_it_answers_any_self_referral_without_a_500_and_writes_at_most_one(fields, as_list):
    cache.clear()
    data = {key: [value, value] for key, value in fields.items()} if as_list else fields
    with transaction.atomic():
        response = Client().post(reverse("journeys:refer"), data, REMOTE_ADDR="192.0.2.7")
        assert response.status_code in (200, 302), response.status_code
        assert Person.objects.count() <= 1 and Journey.objects.count() <= 1
        if response.status_code == 200:
            assert not Person.objects.exists()
            assert 'class="error-summary"' in response.content.decode()
        transaction.set_rollback(True)


CODEBOOK_CELLS = TEXT | st.sampled_from(["#7a9e7e", "#zzzzzz", "yes", "no", "positive", "A / B"])


def codebook_csv(header: list[str], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


HEADER = st.lists(
    st.sampled_from(["code", "description", "colour", "memo", "valence", "tree part", "area"]),
    max_size=8,
)


def read(name: str, data: bytes) -> None:
    try:
        read_codebook(name, data)
    except CodebookError as error:
        one_line(str(error))


@settings(max_examples=examples(60))
@given(header=HEADER, rows=st.lists(st.lists(CODEBOOK_CELLS, max_size=8), max_size=6))
def test_it_reads_or_refuses_a_generated_codebook(header, rows):
    read("codes.csv", codebook_csv(header, rows))


@settings(max_examples=examples(40))
@given(name=st.sampled_from(["codes.csv", "codes.xlsx", "codes.txt"]), data=st.data())
def test_it_reads_or_refuses_any_codebook_bytes(name, data):
    read(name, data.draw(st.binary(max_size=1024) | ZIPS | mutated(b"code,colour\nA,#112233\n")))
