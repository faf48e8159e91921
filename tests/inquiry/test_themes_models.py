"""Themes: each change and its history row, refusals that change nothing, and provenance."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.inquiry.theme_study import make_study
from thrive.inquiry.models import Code, Inquiry, InquiryError, MemberCheck
from thrive.inquiry.themes import (
    ChangeKind,
    Theme,
    ThemeChange,
    ThemeCode,
    ThemeTreePart,
    ThemeValence,
    follow_code_merge,
    overview,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(django_user_model):
    return make_study(django_user_model)


def snapshot(inquiry) -> tuple:
    """Everything a theme change could touch, to show a refusal changed nothing."""
    return (
        list(
            Theme.objects.filter(inquiry=inquiry)
            .order_by("pk")
            .values_list("pk", "name", "parent_id", "valence", "tree_part", "description")
        ),
        sorted(ThemeCode.objects.filter(theme__inquiry=inquiry).values_list("theme_id", "code_id")),
        ThemeChange.objects.filter(inquiry=inquiry).count(),
    )


def last_change(theme) -> ThemeChange:
    return ThemeChange.objects.filter(theme=theme).order_by("-at", "-id").first()


def new(study, name, **kw):
    return Theme.objects.create_theme(study.inquiry, name, user=study.ana, **kw)


# Creating and the history row --------------------------------------------------------------


def test_it_creates_a_key_theme_and_a_theme_inside_it_with_who_and_when(study):
    key = new(study, "Being heard", valence=ThemeValence.VALIDATING)
    theme = new(study, "Asked, not told", parent=key, tree_part=ThemeTreePart.ROOTS)
    assert key.is_key_theme and theme.parent == key
    assert list(key.themes.all()) == [theme]
    change = last_change(theme)
    assert change.kind == ChangeKind.CREATED and change.by == study.ana
    assert change.by_name == "Ana" and change.at is not None
    assert change.after == {
        "name": "Asked, not told",
        "key_theme": "Being heard",
        "valence": "unset",
        "tree_part": "roots",
    }
    assert change.summary == "Created “Asked, not told” inside Being heard."


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Give the theme a name."),
        ("A > B", "cannot contain “>”"),
        ("x" * 201, "at most 200 characters"),
        ("being HEARD", "There is already a theme called “Being heard” among the key themes."),
    ],
)
def test_it_refuses_a_bad_name_with_one_message_and_creates_nothing(study, name, message):
    new(study, "Being heard")
    before = snapshot(study.inquiry)
    with pytest.raises(InquiryError, match=message.replace(">", ".")) as refusal:
        new(study, name)
    assert str(refusal.value).count(".") <= 2  # one sentence (the "200" has none)
    assert snapshot(study.inquiry) == before


def test_it_allows_the_same_name_under_different_key_themes_but_not_under_one(study):
    first, second = new(study, "Home"), new(study, "Work")
    new(study, "Belonging", parent=first)
    new(study, "Belonging", parent=second)
    with pytest.raises(InquiryError, match="already a theme called “Belonging” in Home"):
        new(study, "belonging", parent=first)


def test_the_database_refuses_two_key_themes_of_one_name_whatever_the_code_says(study):
    new(study, "Home")
    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(inquiry=study.inquiry, name="home")


def test_it_refuses_a_third_level_and_a_key_theme_of_another_inquiry(study, django_user_model):
    key = new(study, "Home")
    theme = new(study, "Warmth", parent=key)
    with pytest.raises(InquiryError, match="Warmth is itself inside a key theme"):
        new(study, "Radiators", parent=theme)
    other = Theme.objects.create_theme(Inquiry.objects.create_inquiry("Other"), "Elsewhere")
    with pytest.raises(InquiryError, match="key theme of its own inquiry"):
        new(study, "Stray", parent=other)


def test_it_refuses_an_unknown_valence_or_tree_part(study):
    with pytest.raises(InquiryError, match="Choose the valence from"):
        new(study, "Home", valence="neutral")
    theme = new(study, "Home")
    before = snapshot(study.inquiry)
    with pytest.raises(InquiryError, match="Choose the part of the tree from"):
        theme.set_tree_part("leaves", study.ana)
    assert snapshot(study.inquiry) == before


# Rename, valence, tree part ------------------------------------------------------------------


def test_it_renames_and_records_before_and_after(study):
    theme = new(study, "Home")
    assert theme.rename("  Somewhere to dwell ", study.ben) is True
    theme.refresh_from_db()
    assert theme.name == "Somewhere to dwell"
    change = last_change(theme)
    assert (change.kind, change.before, change.after) == (
        ChangeKind.RENAMED,
        {"name": "Home"},
        {"name": "Somewhere to dwell"},
    )
    assert change.by == study.ben and change.theme_name == "Somewhere to dwell"
    assert change.summary == "Renamed from “Home” to “Somewhere to dwell”."


def test_it_writes_no_history_when_nothing_changes(study):
    theme = new(study, "Home")
    before = snapshot(study.inquiry)
    assert theme.rename("Home", study.ana) is False
    assert theme.set_valence(ThemeValence.UNSET, study.ana) is False
    assert theme.describe("", study.ana) is False
    assert snapshot(study.inquiry) == before


def test_it_refuses_renaming_to_a_sibling_name_and_changes_nothing(study):
    new(study, "Home")
    work = new(study, "Work")
    before = snapshot(study.inquiry)
    with pytest.raises(InquiryError, match="already a theme called “Home”"):
        work.rename("HOME", study.ana)
    assert snapshot(study.inquiry) == before


def test_it_sets_valence_and_tree_part_with_history(study):
    theme = new(study, "Home")
    theme.set_valence(ThemeValence.BOTH, study.ana)
    theme.set_tree_part(ThemeTreePart.FRUITS, study.ana)
    theme.refresh_from_db()
    assert (theme.valence, theme.tree_part) == ("both", "fruits")
    kinds = list(theme.changes.order_by("id").values_list("kind", "before", "after"))
    assert kinds[1:] == [
        ("valence", {"valence": "unset"}, {"valence": "both"}),
        ("tree_part", {"tree_part": "unset"}, {"tree_part": "fruits"}),
    ]
    assert last_change(theme).summary == "Part of the tree changed from Not decided yet to Fruits."


# Codes in themes ---------------------------------------------------------------------------


def test_it_adds_and_removes_codes_with_their_full_paths_in_the_history(study):
    theme = new(study, "Home")
    codes = study.codes
    assert theme.add_codes([codes["Warm home"], codes["Cold flat"]], study.ana) == 2
    assert last_change(theme).after == {"codes": ["Places > Cold flat", "Places > Warm home"]}
    assert theme.remove_codes([codes["Cold flat"]], study.ben) == 1
    change = last_change(theme)
    assert (change.kind, change.before) == ("codes_removed", {"codes": ["Places > Cold flat"]})
    assert set(theme.codes.all()) == {codes["Warm home"]}


def test_a_code_belongs_to_one_theme_so_adding_it_elsewhere_moves_it_with_both_histories(study):
    home, people = new(study, "Home"), new(study, "People")
    home.add_codes([study.codes["Warm home"]], study.ana)
    people.add_codes([study.codes["Warm home"], study.codes["Kind people"]], study.ben)
    assert list(study.codes["Warm home"].themes.all()) == [people]
    assert last_change(home).after == {"moved_to": "People"}
    assert last_change(people).after["moved_from"] == {"Places > Warm home": "Home"}


def test_the_database_refuses_one_code_in_two_themes(study):
    home, people = new(study, "Home"), new(study, "People")
    ThemeCode.objects.create(theme=home, code=study.codes["Warm home"])
    with pytest.raises(IntegrityError), transaction.atomic():
        ThemeCode.objects.create(theme=people, code=study.codes["Warm home"])


def test_it_refuses_codes_of_another_inquiry_none_at_all_and_codes_already_there(study):
    theme = new(study, "Home")
    theme.add_codes([study.codes["Warm home"]], study.ana)
    stranger = Code.objects.create(inquiry=Inquiry.objects.create_inquiry("Other"), name="X")
    before = snapshot(study.inquiry)
    for codes, message in (
        ([stranger, study.codes["Cold flat"]], "Only codes of this inquiry's codebook"),
        ([], "Choose at least one code to add."),
        ([study.codes["Warm home"]], "Those codes are already in Home."),
    ):
        with pytest.raises(InquiryError, match=message):
            theme.add_codes(codes, study.ana)
    with pytest.raises(InquiryError, match="Choose only codes that are in Home"):
        theme.remove_codes([study.codes["Warm home"], study.codes["Cold flat"]], study.ana)
    assert snapshot(study.inquiry) == before


# Move ----------------------------------------------------------------------------------------


def test_it_moves_a_theme_under_a_key_theme_and_back_out(study):
    home, warmth = new(study, "Home"), new(study, "Warmth")
    assert warmth.move_under(home, study.ana) is True
    assert Theme.objects.get(pk=warmth.pk).parent == home
    assert last_change(warmth).summary == "Moved from the key themes to Home."
    warmth.move_under(None, study.ana)
    assert Theme.objects.get(pk=warmth.pk).parent is None
    assert last_change(warmth).after == {"key_theme": None}


def test_it_refuses_cycles_third_levels_and_other_inquiries_when_moving(study):
    home = new(study, "Home")
    warmth = new(study, "Warmth", parent=home)
    work = new(study, "Work")
    other = Theme.objects.create_theme(Inquiry.objects.create_inquiry("Other"), "Elsewhere")
    new(study, "Warmth", parent=work)
    loose = new(study, "Loose")
    before = snapshot(study.inquiry)
    for theme, target, message in (
        (home, home, "Home cannot go inside itself."),
        (home, warmth, "Home cannot go inside one of its own themes."),
        (loose, warmth, "Warmth is itself inside a key theme"),
        (home, work, "Home holds themes of its own"),
        (loose, other, "key theme of its own inquiry"),
        (warmth, work, "There is already a theme called “Warmth” in Work."),
    ):
        with pytest.raises(InquiryError, match=message):
            theme.move_under(target, study.ana)
    assert snapshot(study.inquiry) == before


# Merge ---------------------------------------------------------------------------------------


def test_it_merges_a_theme_into_another_taking_its_codes_and_history(study):
    home, shelter = new(study, "Home"), new(study, "Shelter", description="A roof.")
    home.add_codes([study.codes["Warm home"]], study.ana)
    shelter.add_codes([study.codes["Cold flat"]], study.ana)
    shelter.set_valence(ThemeValence.INVALIDATING, study.ana)
    merged = shelter.merge_into(home, study.ben)
    assert not Theme.objects.filter(pk=shelter.pk).exists()
    assert set(merged.codes.all()) == {study.codes["Warm home"], study.codes["Cold flat"]}
    assert "From Shelter: A roof." in Theme.objects.get(pk=home.pk).description
    history = list(home.changes.order_by("id"))
    assert [c.theme_name for c in history].count("Shelter") == 3  # created, codes, valence
    change = last_change(home)
    assert change.kind == ChangeKind.MERGED and change.by == study.ben
    assert change.before["theme"] == "Shelter"
    assert change.before["codes"] == ["Places > Cold flat"]
    assert change.before["valence"] == "invalidating"
    assert change.summary == "“Shelter” merged in, with Places > Cold flat."


def test_it_merges_a_key_theme_with_its_themes_into_another_key_theme(study):
    home, place = new(study, "Home"), new(study, "Place")
    warmth = new(study, "Warmth", parent=place)
    place.merge_into(home, study.ana)
    assert Theme.objects.get(pk=warmth.pk).parent_id == home.pk
    assert last_change(warmth).after == {"key_theme": "Home"}


def test_it_refuses_merges_that_would_break_the_tree_and_changes_nothing(study):
    home = new(study, "Home")
    warmth = new(study, "Warmth", parent=home)
    place = new(study, "Place")
    new(study, "Warmth", parent=place)
    other = Theme.objects.create_theme(Inquiry.objects.create_inquiry("Other"), "Elsewhere")
    before = snapshot(study.inquiry)
    for theme, target, message in (
        (home, home, "Choose a different theme to merge into."),
        (home, warmth, "Home cannot merge into one of its own themes."),
        (place, warmth, "holds themes of its own, so it can only merge into a key theme"),
        (place, home, "There is already a theme called “Warmth” in Home."),
        (home, other, "Themes can only be merged within one inquiry."),
    ):
        with pytest.raises(InquiryError, match=message):
            theme.merge_into(target, study.ana)
    assert snapshot(study.inquiry) == before


# Split and remove ----------------------------------------------------------------------------


def test_it_splits_chosen_codes_into_a_new_theme_beside_it(study):
    home = new(study, "Home")
    warmth = new(study, "Warmth", parent=home, valence=ThemeValence.VALIDATING)
    warmth.add_codes([study.codes["Warm home"], study.codes["Kind people"]], study.ana)
    made = warmth.split([study.codes["Kind people"].pk], "Kindness", study.ben)
    assert made.parent == home and made.valence == "validating"
    assert list(made.codes.all()) == [study.codes["Kind people"]]
    assert list(warmth.codes.all()) == [study.codes["Warm home"]]
    assert last_change(warmth).summary == "Split: Kind people moved to the new theme “Kindness”."
    assert last_change(made).kind == ChangeKind.SPLIT_FROM
    assert last_change(made).before == {"theme": "Warmth"}


def test_it_refuses_a_split_without_codes_a_name_or_with_codes_from_elsewhere(study):
    home = new(study, "Home")
    new(study, "Work")
    home.add_codes([study.codes["Warm home"]], study.ana)
    before = snapshot(study.inquiry)
    for codes, name, message in (
        ([], "New", "Choose at least one code"),
        ([study.codes["Warm home"].pk], "", "Give the theme a name."),
        ([study.codes["Cold flat"].pk], "New", "Choose only codes that are in Home."),
        ([study.codes["Warm home"].pk], "work", "already a theme called “Work”"),
    ):
        with pytest.raises(InquiryError, match=message):
            home.split(codes, name, study.ana)
    assert snapshot(study.inquiry) == before


def test_it_removes_only_an_empty_theme_and_keeps_its_history(study):
    home = new(study, "Home")
    home.add_codes([study.codes["Warm home"]], study.ana)
    with pytest.raises(InquiryError, match="still holds codes or themes"):
        home.remove(study.ana)
    home.remove_codes([study.codes["Warm home"]], study.ana)
    home.remove(study.ana)
    assert not Theme.objects.filter(pk=home.pk).exists()
    kept = ThemeChange.objects.filter(inquiry=study.inquiry, theme_name="Home")
    assert kept.count() == 4 and kept.filter(kind="removed", theme=None).exists()


# Provenance ----------------------------------------------------------------------------------


def test_it_tells_which_participants_and_coders_a_theme_came_from(study):
    theme = new(study, "Home")
    theme.add_codes([study.codes["Warm home"], study.codes["Kind people"]], study.ana)
    assert [p.label for p in theme.participants()] == ["P1", "P2"]
    assert theme.coders() == ["Ana", "Ben", "Kit (from the imported file)"]
    flat = new(study, "Cold")
    flat.add_codes([study.codes["Cold flat"]], study.ana)
    assert [p.label for p in flat.participants()] == ["P2", "P3"]
    assert flat.coders() == ["Ana", "Ben"]


def test_a_key_themes_provenance_includes_its_themes(study):
    key = new(study, "Home")
    theme = new(study, "Cold", parent=key)
    theme.add_codes([study.codes["Cold flat"]], study.ana)
    key.add_codes([study.codes["Kind people"]], study.ana)
    assert [p.label for p in key.participants()] == ["P1", "P2", "P3"]
    assert key.coders() == ["Ana", "Ben", "Kit (from the imported file)"]


def test_an_empty_theme_or_a_heading_code_has_no_participants(study):
    theme = new(study, "Home")
    assert list(theme.participants()) == [] and theme.coders() == []
    theme.add_codes([study.codes["Places"], study.codes["Loneliness"]], study.ana)
    assert list(theme.participants()) == [] and theme.coders() == []


def test_it_leaves_out_participants_who_withdrew(study):
    theme = new(study, "Cold")
    theme.add_codes([study.codes["Cold flat"]], study.ana)
    p3 = study.participants["P3"]
    p3.member_check = MemberCheck.WITHDRAWN
    p3.save(update_fields=["member_check"])
    assert [p.label for p in theme.participants()] == ["P2"]
    assert theme.coders() == ["Ben"]  # Ana coded only P3's passage
    assert overview(study.inquiry).key_themes[0].participants == ["P2"]


def test_provenance_takes_one_query_each(study, django_assert_num_queries):
    theme = new(study, "Home")
    theme.add_codes([study.codes["Warm home"]], study.ana)
    with django_assert_num_queries(1):
        list(theme.participants())
    with django_assert_num_queries(1):
        theme.coders()


# The overview the page, the command and the report read --------------------------------------


def test_the_overview_gives_key_themes_with_themes_codes_participants_and_coders(study):
    key = new(study, "Home", valence=ThemeValence.VALIDATING, tree_part=ThemeTreePart.ROOTS)
    warm = new(study, "Warmth", parent=key)
    warm.add_codes([study.codes["Warm home"]], study.ana)
    kind = new(study, "Kindness", parent=key)
    kind.add_codes([study.codes["Kind people"]], study.ana)
    found = overview(study.inquiry)
    assert [node.theme.name for node in found.key_themes] == ["Home"]
    home = found.key_themes[0]
    assert [child.theme.name for child in home.themes] == ["Warmth", "Kindness"]  # in order
    assert home.participants == ["P1", "P2"] and home.codes == []
    assert home.themes[0].as_dict() == {
        "id": warm.pk,
        "name": "Warmth",
        "description": "",
        "valence": "unset",
        "tree_part": "unset",
        "codes": ["Places > Warm home"],
        "participants": ["P1", "P2"],
        "coders": ["Ana", "Ben"],
    }
    assert home.as_dict()["valence"] == "validating" and len(home.as_dict()["themes"]) == 2
    assert [path for _, path in found.codes_without_theme] == [
        "Loneliness",
        "Places",
        "Places > Cold flat",
    ]


def test_the_overview_takes_the_same_few_queries_however_many_themes(
    study, django_assert_max_num_queries
):
    names = ["Warm home", "Kind people", "Cold flat"]
    for number in range(12):
        theme = new(study, f"Theme {number}", parent=new(study, f"Key {number}"))
        if number < len(names):
            theme.add_codes([study.codes[names[number]]], study.ana)
    with django_assert_max_num_queries(5):
        overview(study.inquiry)


# A code merged in the codebook ------------------------------------------------------------


def test_a_code_merged_into_an_unthemed_code_keeps_its_passages_in_the_theme(study):
    theme = new(study, "Cold")
    theme.add_codes([study.codes["Cold flat"]], study.ana)
    follow_code_merge(study.codes["Cold flat"], study.codes["Loneliness"], study.ben)
    study.codes["Cold flat"].merge_into(study.codes["Loneliness"])
    assert list(theme.codes.all()) == [study.codes["Loneliness"]]
    assert [p.label for p in theme.participants()] == ["P2", "P3"]
    kinds = list(theme.changes.order_by("id").values_list("kind", flat=True))
    assert kinds[-2:] == ["codes_removed", "codes_added"]
    assert "merged into Loneliness" in theme.changes.get(kind="codes_removed").summary


def test_deleting_the_inquiry_takes_its_themes_and_history_but_a_key_theme_alone_is_kept(study):
    key = new(study, "Home")
    new(study, "Warmth", parent=key).add_codes([study.codes["Warm home"]], study.ana)
    with pytest.raises(Exception, match="restricted"), transaction.atomic():
        key.delete()  # remove() is the way, and only once it is empty
    study.inquiry.delete()
    assert not Theme.objects.exists() and not ThemeChange.objects.exists()
    assert not ThemeCode.objects.exists()
