"""The Themes pages: each change from the page, refusals, roles, audit and query counts."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.inquiry.theme_study import make_study
from thrive.audit.models import Action, AuditEvent
from thrive.inquiry.models import Inquiry
from thrive.inquiry.themes import Theme, ThemeChange, ThemeCode

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(django_user_model, co_researcher):
    made = make_study(django_user_model)
    made.inquiry.team.add(co_researcher)
    return made


@pytest.fixture
def home(study):
    theme = Theme.objects.create_theme(study.inquiry, "Home", user=study.ana)
    theme.add_codes([study.codes["Warm home"], study.codes["Kind people"]], study.ana)
    return theme


def themes_url(study):
    return reverse("inquiry:themes", args=[study.inquiry.pk])


def theme_url(theme):
    return reverse("inquiry:theme_edit", args=[theme.inquiry_id, theme.pk])


def text(page) -> str:
    return html.unescape(page.content.decode())


NEW = {"new-valence": "unset", "new-tree_part": "unset"}
EDIT = {"action": "edit", "edit-valence": "unset", "edit-tree_part": "unset"}


def test_it_lists_key_themes_with_their_themes_codes_participants_and_coders(
    study, home, login_as, co_researcher
):
    Theme.objects.create_theme(study.inquiry, "Warmth", parent=home, valence="validating")
    page = login_as(co_researcher).get(themes_url(study))
    body = text(page)
    assert page.status_code == 200
    assert "Key theme:</span> <a" in body and ">Home</a>" in body and ">Warmth</a>" in body
    assert "Places > Warm home" in body and "2: P1, P2" in body
    assert "Ana, Ben, Kit (from the imported file)" in body
    assert "Codes not in a theme yet" in body and "Loneliness" in body
    assert AuditEvent.objects.filter(
        action=Action.VIEW, subject_type="participant", detail__contains="themes of inquiry"
    ).exists()


def test_it_adds_a_theme_inside_a_key_theme_from_the_page(study, home, login_as, co_researcher):
    page = login_as(co_researcher).post(
        themes_url(study),
        {**NEW, "new-name": "Warmth", "new-key_theme": home.pk, "new-valence": "validating"},
    )
    assert page.status_code == 302
    made = Theme.objects.get(name="Warmth")
    assert made.parent == home and made.valence == "validating"
    assert made.changes.get().by == co_researcher
    assert AuditEvent.objects.filter(
        action=Action.CHANGE, subject_id=str(study.inquiry.pk), detail=f"theme {made.pk} created"
    ).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"new-name": ""}, "Please fill this in."),
        ({"new-name": "Home"}, "There is already a theme called “Home” among the key themes."),
        ({"new-name": "A > B"}, "cannot contain “>”"),
        ({"new-name": "Ok", "new-valence": "neutral"}, "Please choose one of the options shown."),
        ({"new-name": "Ok", "new-key_theme": "999999"}, "Please choose one of the options shown."),
    ],
)
def test_it_explains_a_refused_theme_and_adds_nothing(
    study, home, login_as, co_researcher, data, message
):
    page = login_as(co_researcher).post(themes_url(study), {**NEW, **data})
    body = text(page)
    assert page.status_code == 200 and "<title>Error: " in body and message in body
    assert list(Theme.objects.values_list("name", flat=True)) == ["Home"]


def test_it_refuses_a_key_theme_of_another_inquiry(study, login_as, co_researcher):
    elsewhere = Theme.objects.create_theme(Inquiry.objects.create_inquiry("Other"), "There")
    page = login_as(co_researcher).post(
        themes_url(study), {**NEW, "new-name": "Stray", "new-key_theme": elsewhere.pk}
    )
    assert "Please choose one of the options shown." in text(page)
    assert not Theme.objects.filter(name="Stray").exists()


def test_the_theme_page_shows_what_it_holds_and_its_history(home, login_as, co_researcher):
    home.rename("A home", co_researcher)
    page = login_as(co_researcher).get(theme_url(home))
    body = text(page)
    assert page.status_code == 200
    assert "Renamed from “Home” to “A home”." in body and "Created “Home”." in body
    assert "Places > Warm home" in body and "2: P1, P2" in body
    assert body.index("Renamed from") < body.index("Created “Home”")  # newest first


def test_it_edits_name_valence_and_tree_part_in_one_go_each_with_a_history_row(
    home, login_as, co_researcher
):
    page = login_as(co_researcher).post(
        theme_url(home),
        {**EDIT, "edit-name": "A home", "edit-valence": "validating", "edit-tree_part": "roots"},
    )
    assert page.status_code == 302
    home.refresh_from_db()
    assert (home.name, home.valence, home.tree_part) == ("A home", "validating", "roots")
    kinds = set(home.changes.filter(by=co_researcher).values_list("kind", flat=True))
    assert kinds == {"renamed", "valence", "tree_part"}
    assert AuditEvent.objects.filter(action=Action.CHANGE, detail=f"theme {home.pk}: edit").exists()


def test_a_refused_rename_changes_nothing_not_even_the_valence(
    study, home, login_as, co_researcher
):
    Theme.objects.create_theme(study.inquiry, "Work")
    before = ThemeChange.objects.count()
    page = login_as(co_researcher).post(
        theme_url(home), {**EDIT, "edit-name": "work", "edit-valence": "validating"}
    )
    body = text(page)
    assert "<title>Error: " in body and "There is already a theme called “Work”" in body
    home.refresh_from_db()
    assert (home.name, home.valence) == ("Home", "unset")
    assert ThemeChange.objects.count() == before


def test_it_adds_and_takes_out_codes_from_the_page(study, home, login_as, co_researcher):
    client = login_as(co_researcher)
    added = client.post(
        theme_url(home), {"action": "add_codes", "add_codes-codes": [study.codes["Cold flat"].pk]}
    )
    assert added.status_code == 302
    assert study.codes["Cold flat"] in home.codes.all()
    taken = client.post(
        theme_url(home),
        {"action": "remove_codes", "remove_codes-codes": [study.codes["Warm home"].pk]},
    )
    assert taken.status_code == 302
    assert set(home.codes.all()) == {study.codes["Cold flat"], study.codes["Kind people"]}


def test_it_refuses_taking_out_a_code_the_theme_does_not_hold(study, home, login_as, co_researcher):
    page = login_as(co_researcher).post(
        theme_url(home),
        {"action": "remove_codes", "remove_codes-codes": [study.codes["Loneliness"].pk]},
    )
    assert "Please choose from the options shown." in text(page)
    assert ThemeCode.objects.filter(theme=home).count() == 2


def test_it_moves_splits_and_merges_from_the_page(study, home, login_as, co_researcher):
    client = login_as(co_researcher)
    key = Theme.objects.create_theme(study.inquiry, "Living")
    moved = client.post(theme_url(home), {"action": "move", "move-key_theme": key.pk})
    assert moved.status_code == 302 and Theme.objects.get(pk=home.pk).parent == key
    split = client.post(
        theme_url(home),
        {
            "action": "split",
            "split-name": "Kindness",
            "split-codes": [study.codes["Kind people"].pk],
        },
    )
    assert split.status_code == 302
    kindness = Theme.objects.get(name="Kindness")
    assert kindness.parent == key and list(kindness.codes.all()) == [study.codes["Kind people"]]
    merged = client.post(theme_url(kindness), {"action": "merge", "merge-target": home.pk})
    assert merged.status_code == 302 and merged["Location"] == themes_url(study)
    assert not Theme.objects.filter(pk=kindness.pk).exists()
    assert home.codes.count() == 2


def test_it_explains_a_refused_move_and_changes_nothing(study, home, login_as, co_researcher):
    inner = Theme.objects.create_theme(study.inquiry, "Warmth", parent=home)
    before = ThemeChange.objects.count()
    page = login_as(co_researcher).post(
        theme_url(home), {"action": "move", "move-key_theme": inner.pk}
    )
    body = text(page)
    assert "<title>Error: " in body
    # Warmth is inside Home, so it is not offered as a key theme at all.
    assert "Please choose one of the options shown." in body
    assert Theme.objects.get(pk=home.pk).parent is None and ThemeChange.objects.count() == before


def test_it_explains_a_refused_merge_and_changes_nothing(study, home, login_as, co_researcher):
    inner = Theme.objects.create_theme(study.inquiry, "Warmth", parent=home)
    before = ThemeChange.objects.count()
    page = login_as(co_researcher).post(
        theme_url(home), {"action": "merge", "merge-target": inner.pk}
    )
    body = text(page)
    assert "<title>Error: " in body and "Home cannot merge into one of its own themes." in body
    assert Theme.objects.filter(pk=home.pk).exists() and ThemeChange.objects.count() == before


def test_it_removes_an_empty_theme_only(study, home, login_as, co_researcher):
    client = login_as(co_researcher)
    refused = client.post(theme_url(home), {"action": "remove"})
    assert "still holds codes or themes" in text(refused)
    empty = Theme.objects.create_theme(study.inquiry, "Empty")
    assert client.post(theme_url(empty), {"action": "remove"}).status_code == 302
    assert not Theme.objects.filter(pk=empty.pk).exists()


def test_it_answers_an_unknown_action_with_a_kind_400_and_changes_nothing(
    home, login_as, co_researcher
):
    before = ThemeChange.objects.count()
    page = login_as(co_researcher).post(theme_url(home), {"action": "explode"})
    assert page.status_code == 400 and "Choose one of the changes on this page." in text(page)
    assert ThemeChange.objects.count() == before


def test_a_code_merged_in_the_codebook_keeps_its_passages_in_its_theme(
    study, home, login_as, co_researcher
):
    merge = reverse("inquiry:code_merge", args=[study.inquiry.pk, study.codes["Kind people"].pk])
    page = login_as(co_researcher).post(merge, {"target": study.codes["Loneliness"].pk})
    assert page.status_code == 302
    assert set(home.codes.all()) == {study.codes["Warm home"], study.codes["Loneliness"]}
    assert AuditEvent.objects.filter(action=Action.CHANGE, detail__contains="merged into").exists()


# Roles -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [("coordinator", 200), ("worker", 403), ("viewer", 403), ("co_researcher", 200)],
)
def test_only_the_team_and_coordinators_open_the_themes_pages(request, home, login_as, who, status):
    user = request.getfixturevalue(who)
    client = login_as(user)
    assert client.get(themes_url(home)).status_code == status
    assert client.get(theme_url(home)).status_code == status


@pytest.mark.parametrize("who", ["worker", "viewer"])
def test_someone_off_the_team_cannot_change_a_theme(request, home, login_as, who):
    client = login_as(request.getfixturevalue(who))
    before = ThemeChange.objects.count()
    page = client.post(theme_url(home), {**EDIT, "edit-name": "Not theirs"})
    assert page.status_code == 403
    assert Theme.objects.get(pk=home.pk).name == "Home" and ThemeChange.objects.count() == before


def test_a_theme_of_another_inquiry_is_not_found_under_this_one(
    study, home, login_as, co_researcher
):
    other = Inquiry.objects.create_inquiry("Other")
    other.team.add(co_researcher)
    page = login_as(co_researcher).get(reverse("inquiry:theme_edit", args=[other.pk, home.pk]))
    assert page.status_code == 404


# Query counts ------------------------------------------------------------------------------


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_themes_page_takes_the_same_queries_however_many_themes(study, login_as, co_researcher):
    client = login_as(co_researcher)
    Theme.objects.create_theme(study.inquiry, "One").add_codes([study.codes["Warm home"]])
    few = count_queries(client, themes_url(study))
    names = ["Kind people", "Cold flat", "Loneliness"]
    for number in range(15):
        key = Theme.objects.create_theme(study.inquiry, f"Key {number}", valence="validating")
        theme = Theme.objects.create_theme(study.inquiry, f"Theme {number}", parent=key)
        if number < len(names):
            theme.add_codes([study.codes[names[number]]])
    many = count_queries(client, themes_url(study))
    assert many == few
