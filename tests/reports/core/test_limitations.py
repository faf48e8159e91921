"""The study report's limitations carry the inquiry's own figures."""

from thrive.reports.core.limitations import RecordChecks, limitations


def test_it_states_the_sample_and_how_records_were_checked():
    found = limitations(
        RecordChecks(7, reviewed=6, amended=1, approved=5, not_replied=1, not_asked=0)
    )
    assert found[0].startswith("The inquiry heard from 7 participants")
    assert any("chose to take part" in sentence for sentence in found)
    assert any("as they told it" in sentence for sentence in found)
    assert (
        "6 participants read the record of their own interview; 1 asked for changes the team "
        "made, and 5 approved it." in " ".join(found)
    )
    assert found[-1].startswith("1 participant had not replied")


def test_it_says_nothing_of_replies_when_everyone_answered():
    found = limitations(
        RecordChecks(1, reviewed=1, amended=0, approved=1, not_replied=0, not_asked=0)
    )
    assert found[0].startswith("The inquiry heard from 1 participant:")
    assert not any(
        "not replied" in sentence or "not yet been sent" in sentence for sentence in found
    )


def test_it_names_those_not_yet_sent_their_record():
    found = limitations(
        RecordChecks(3, reviewed=0, amended=0, approved=0, not_replied=0, not_asked=3)
    )
    assert (
        found[-1]
        == "3 participants had not yet been sent their record, so nothing they said is quoted."
    )
