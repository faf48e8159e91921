"""Signed links carry one value, for one purpose, for a limited time."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from thrive.lib.signing import LinkProblem, LinkRefused, make_link_token, read_link_token

FOUR_WEEKS = timedelta(days=28)


def test_it_reads_back_what_it_signed():
    token = make_link_token("member-check", [7, 1])
    assert read_link_token("member-check", token, FOUR_WEEKS) == [7, 1]


def test_it_makes_tokens_that_do_not_show_a_guessable_number_alone():
    assert make_link_token("member-check", 7) != "7"
    assert len(make_link_token("member-check", 7)) > 30


def test_it_refuses_a_token_made_for_another_purpose():
    token = make_link_token("member-check", 7)
    with pytest.raises(LinkRefused) as refused:
        read_link_token("report-preview", token, FOUR_WEEKS)
    assert refused.value.problem is LinkProblem.NOT_VALID


def test_it_refuses_a_changed_token():
    token = make_link_token("member-check", 7)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    with pytest.raises(LinkRefused) as refused:
        read_link_token("member-check", tampered, FOUR_WEEKS)
    assert refused.value.problem is LinkProblem.NOT_VALID


def test_it_refuses_a_token_older_than_its_life():
    with time_machine.travel("2026-01-01 09:00", tick=False):
        token = make_link_token("member-check", 7)
    with time_machine.travel("2026-01-29 09:01", tick=False), pytest.raises(LinkRefused) as refused:
        read_link_token("member-check", token, FOUR_WEEKS)
    assert refused.value.problem is LinkProblem.EXPIRED
    with time_machine.travel("2026-01-28 09:00", tick=False):
        assert read_link_token("member-check", token, FOUR_WEEKS) == 7
