"""From codes to themes: codes grouped into themes, themes into key themes, with a history.

Two levels only: a key theme (no parent) holds themes; a theme sits inside one key theme or
stands alone as a key theme. Both may hold codes. Each carries its valence (validating,
invalidating, both, or not decided yet) and its part of the tree (roots, trunk, branches,
fruits); the study report draws its two trees from them (a theme of both valences is in both).

A code belongs to at most one theme (the constraint theme_code_once). The trees count each
participant's passages in one place: a code in two themes would be counted twice, and a
merge or a split would have two answers for where its passages go. A code added to a
theme leaves the theme it was in, and both themes' histories say so.

Every change writes a ThemeChange row (who, when, what, before and after) in the same
transaction; a refused change raises InquiryError with one sentence and writes nothing.
Which participants and coders a theme came from is read from the codings of its codes,
leaving out participants who withdrew. These models are registered by InquiryConfig.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.db.models.functions import Lower
from django.utils import timezone

from thrive.core.text import without_controls
from thrive.inquiry.models import Code, Coding, Inquiry, InquiryError, MemberCheck, Participant


class ThemeValence(models.TextChoices):
    VALIDATING = "validating", "Validating"
    INVALIDATING = "invalidating", "Invalidating"
    BOTH = "both", "Both validating and invalidating"
    UNSET = "unset", "Not decided yet"


class ThemeTreePart(models.TextChoices):
    ROOTS = "roots", "Roots"
    TRUNK = "trunk", "Trunk"
    BRANCHES = "branches", "Branches"
    FRUITS = "fruits", "Fruits"
    UNSET = "unset", "Not decided yet"


class ChangeKind(models.TextChoices):
    CREATED = "created", "Created"
    RENAMED = "renamed", "Renamed"
    DESCRIBED = "described", "Description changed"
    MERGED = "merged", "Another theme merged in"
    SPLIT = "split", "Split"
    SPLIT_FROM = "split_from", "Made by a split"
    MOVED = "moved", "Moved"
    CODES_ADDED = "codes_added", "Codes added"
    CODES_REMOVED = "codes_removed", "Codes removed"
    VALENCE = "valence", "Valence changed"
    TREE_PART = "tree_part", "Part of the tree changed"
    REMOVED = "removed", "Removed"


MAX_NAME = 200


def checked_name(name: str) -> str:
    """A theme's name, tidied; refuses an empty, over-long or '>'-holding name."""
    name = without_controls(name or "").strip()
    if not name:
        raise InquiryError("Give the theme a name.")
    if len(name) > MAX_NAME:
        raise InquiryError(f"A theme's name can be at most {MAX_NAME} characters.")
    if ">" in name:
        raise InquiryError(
            "A theme's name cannot contain “>”: it separates key themes from themes in exports."
        )
    return name


def code_path(paths: dict[int, tuple[str, ...]], code_id: int) -> str:
    """A code's full path in the codebook, parent codes first, joined with ' > '."""
    return " > ".join(paths.get(code_id, ("(a removed code)",)))


def code_paths(inquiry_id: int) -> dict[int, tuple[str, ...]]:
    """Every code of the inquiry by id, as its path of names (one query)."""
    found = Code.objects.filter(inquiry_id=inquiry_id).only("id", "name", "parent_id")
    return {code.pk: path for path, code in found.by_path().items()}


def _taking_part(codings: models.QuerySet) -> models.QuerySet:
    """Codings without the passages of participants who withdrew or were marked withdrawn."""
    return codings.exclude(transcript__participant__member_check=MemberCheck.WITHDRAWN).exclude(
        transcript__participant__withdrawn_at__isnull=False
    )


def _coder_name(first: str, last: str, username: str | None, external: str) -> str:
    """How a coder is shown, as Coding.coder_name does ("" when nobody is known)."""
    if username:
        return f"{first or ''} {last or ''}".strip() or username
    return f"{external} (from the imported file)" if external else ""


def label_order(label: str) -> tuple:
    """Sort P2 before P10."""
    parts = re.split(r"(\d+)", label)
    return tuple(int(part) if part.isdigit() else part.casefold() for part in parts)


class ThemeManager(models.Manager):
    @transaction.atomic
    def create_theme(
        self,
        inquiry: Inquiry,
        name: str,
        *,
        parent: Theme | None = None,
        user=None,
        description: str = "",
        valence: str = ThemeValence.UNSET,
        tree_part: str = ThemeTreePart.UNSET,
        source: str = "",
    ) -> Theme:
        """A new key theme, or a theme inside a key theme; its history starts 'created'
        (from source, such as "a REFI-QDA import", when named)."""
        name = checked_name(name)
        Theme.check_place(inquiry.pk, parent)
        Theme.check_free_name(inquiry.pk, parent, name)
        valence = Theme.checked_choice(valence, ThemeValence, "valence")
        tree_part = Theme.checked_choice(tree_part, ThemeTreePart, "part of the tree")
        theme = self.create(
            inquiry=inquiry,
            parent=parent,
            name=name,
            description=description.strip(),
            valence=valence,
            tree_part=tree_part,
            order=Theme.next_order(inquiry.pk, parent),
        )
        theme.record(
            ChangeKind.CREATED,
            user,
            after={
                "name": name,
                "key_theme": parent.name if parent else None,
                "valence": valence,
                "tree_part": tree_part,
                **({"from": source} if source else {}),
            },
        )
        return theme


class Theme(models.Model):
    """A theme of an inquiry, or a key theme holding themes; it groups codes."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        # A key theme is removed only once empty; deleting the inquiry still takes all.
        on_delete=models.RESTRICT,
        related_name="themes",
        verbose_name="key theme",
    )
    name = models.CharField(max_length=MAX_NAME)
    description = models.TextField(blank=True)
    valence = models.CharField(
        max_length=12, choices=ThemeValence.choices, default=ThemeValence.UNSET
    )
    tree_part = models.CharField(
        max_length=10, choices=ThemeTreePart.choices, default=ThemeTreePart.UNSET
    )
    order = models.PositiveIntegerField(default=0)
    codes = models.ManyToManyField(Code, through="ThemeCode", related_name="themes", blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ThemeManager()

    class Meta:
        app_label = "inquiry"
        ordering = ["order", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "inquiry",
                condition=Q(parent__isnull=True),
                name="key_theme_name_unique",
            ),
            models.UniqueConstraint(
                Lower("name"), "parent", condition=Q(parent__isnull=False), name="theme_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(valence__in=ThemeValence.values), name="theme_valence_known"
            ),
            models.CheckConstraint(
                condition=Q(tree_part__in=ThemeTreePart.values), name="theme_tree_part_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_key_theme(self) -> bool:
        return self.parent_id is None

    # Rules shared by every change

    @staticmethod
    def check_place(inquiry_id: int, parent: Theme | None, theme: Theme | None = None) -> None:
        """Refuse a key theme from another inquiry, or one that is itself inside a key theme."""
        if parent is None:
            return
        if parent.inquiry_id != inquiry_id:
            raise InquiryError("A theme can only go inside a key theme of its own inquiry.")
        if theme is not None and parent.pk == theme.pk:
            raise InquiryError(f"{theme.name} cannot go inside itself.")
        if theme is not None and parent.parent_id == theme.pk:
            raise InquiryError(f"{theme.name} cannot go inside one of its own themes.")
        if parent.parent_id is not None:
            raise InquiryError(
                f"{parent.name} is itself inside a key theme; themes go one level deep only."
            )

    @staticmethod
    def check_free_name(
        inquiry_id: int, parent: Theme | None, name: str, theme: Theme | None = None
    ) -> None:
        """Refuse a name (in any case) another theme beside it already has."""
        siblings = Theme.objects.filter(inquiry_id=inquiry_id, parent=parent, name__iexact=name)
        if theme is not None:
            siblings = siblings.exclude(pk=theme.pk)
        taken = siblings.values_list("name", flat=True).first()
        if taken is not None:
            where = f"in {parent.name}" if parent is not None else "among the key themes"
            raise InquiryError(f"There is already a theme called “{taken}” {where}.")

    @staticmethod
    def checked_choice(value: str, choices: type[models.TextChoices], what: str) -> str:
        if value not in choices.values:
            allowed = ", ".join(label.lower() for label in choices.labels)
            raise InquiryError(f"Choose the {what} from: {allowed}.")
        return value

    @staticmethod
    def next_order(inquiry_id: int, parent: Theme | None) -> int:
        last = Theme.objects.filter(inquiry_id=inquiry_id, parent=parent).aggregate(n=Max("order"))
        return (last["n"] or 0) + 1

    def record(self, kind: str, user, *, before: dict | None = None, after: dict | None = None):
        """Write one row of this theme's history."""
        known = user if user is not None and getattr(user, "is_authenticated", False) else None
        return ThemeChange.objects.create(
            inquiry_id=self.inquiry_id,
            theme=self,
            theme_name=self.name,
            kind=kind,
            before=before or {},
            after=after or {},
            by=known,
            by_name=known.display_name if known is not None else "",
        )

    def _paths(self, code_ids: Iterable[int]) -> list[str]:
        paths = code_paths(self.inquiry_id)
        return sorted(code_path(paths, pk) for pk in code_ids)

    def code_ids(self) -> set[int]:
        return set(ThemeCode.objects.filter(theme=self).values_list("code_id", flat=True))

    # Changes, each with its history row

    @transaction.atomic
    def rename(self, name: str, user=None) -> bool:
        """Give the theme a new name; False when the name is unchanged."""
        name = checked_name(name)
        if name == self.name:
            return False
        Theme.check_free_name(self.inquiry_id, self.parent, name, self)
        before = self.name
        self.name = name
        self.save(update_fields=["name"])
        self.record(ChangeKind.RENAMED, user, before={"name": before}, after={"name": name})
        return True

    @transaction.atomic
    def describe(self, description: str, user=None) -> bool:
        """Change what the theme says it is about; False when unchanged."""
        description = without_controls(description or "").strip()
        if description == self.description:
            return False
        before = self.description
        self.description = description
        self.save(update_fields=["description"])
        self.record(
            ChangeKind.DESCRIBED,
            user,
            before={"description": before},
            after={"description": description},
        )
        return True

    @transaction.atomic
    def set_valence(self, valence: str, user=None) -> bool:
        """Validating, invalidating, both, or not decided yet; False when unchanged."""
        valence = Theme.checked_choice(valence, ThemeValence, "valence")
        if valence == self.valence:
            return False
        before = self.valence
        self.valence = valence
        self.save(update_fields=["valence"])
        self.record(
            ChangeKind.VALENCE, user, before={"valence": before}, after={"valence": valence}
        )
        return True

    @transaction.atomic
    def set_tree_part(self, tree_part: str, user=None) -> bool:
        """Roots, trunk, branches, fruits, or not decided yet; False when unchanged."""
        tree_part = Theme.checked_choice(tree_part, ThemeTreePart, "part of the tree")
        if tree_part == self.tree_part:
            return False
        before = self.tree_part
        self.tree_part = tree_part
        self.save(update_fields=["tree_part"])
        self.record(
            ChangeKind.TREE_PART, user, before={"tree_part": before}, after={"tree_part": tree_part}
        )
        return True

    @transaction.atomic
    def move_under(self, key_theme: Theme | None, user=None) -> bool:
        """Put the theme inside a key theme, or make it a key theme (None); False if no move."""
        if (key_theme.pk if key_theme else None) == self.parent_id:
            return False
        Theme.check_place(self.inquiry_id, key_theme, self)
        if key_theme is not None and self.themes.exists():
            raise InquiryError(
                f"{self.name} holds themes of its own; move them out first, or merge it into "
                f"{key_theme.name}."
            )
        Theme.check_free_name(self.inquiry_id, key_theme, self.name, self)
        before = self.parent.name if self.parent_id else None
        self.parent = key_theme
        self.order = Theme.next_order(self.inquiry_id, key_theme)
        self.save(update_fields=["parent", "order"])
        self.record(
            ChangeKind.MOVED,
            user,
            before={"key_theme": before},
            after={"key_theme": key_theme.name if key_theme else None},
        )
        return True

    @transaction.atomic
    def add_codes(self, codes: Iterable[Code], user=None) -> int:
        """Put codes in this theme (taking them out of any other theme); how many were added."""
        codes = list(codes)
        if not codes:
            raise InquiryError("Choose at least one code to add.")
        if any(code.inquiry_id != self.inquiry_id for code in codes):
            raise InquiryError("Only codes of this inquiry's codebook can go in its themes.")
        wanted = {code.pk for code in codes} - self.code_ids()
        if not wanted:
            raise InquiryError(f"Those codes are already in {self.name}.")
        elsewhere: dict[int, list[int]] = defaultdict(list)
        for theme_id, code_id in ThemeCode.objects.filter(code_id__in=wanted).values_list(
            "theme_id", "code_id"
        ):
            elsewhere[theme_id].append(code_id)
        others = list(Theme.objects.filter(pk__in=elsewhere))
        for other in others:
            moved = elsewhere[other.pk]
            ThemeCode.objects.filter(theme=other, code_id__in=moved).delete()
            other.record(
                ChangeKind.CODES_REMOVED,
                user,
                before={"codes": self._paths(moved)},
                after={"moved_to": self.name},
            )
        ThemeCode.objects.bulk_create(ThemeCode(theme=self, code_id=pk) for pk in sorted(wanted))
        came_from = {
            path: other.name for other in others for path in self._paths(elsewhere[other.pk])
        }
        after: dict = {"codes": self._paths(wanted)}
        if came_from:
            after["moved_from"] = came_from
        self.record(ChangeKind.CODES_ADDED, user, after=after)
        return len(wanted)

    @transaction.atomic
    def remove_codes(self, codes: Iterable[Code | int], user=None) -> int:
        """Take codes out of this theme (their codings stay as they are); how many."""
        ids = {getattr(code, "pk", code) for code in codes}
        if not ids:
            raise InquiryError("Choose at least one code to take out.")
        present = ids & self.code_ids()
        if present != ids:
            raise InquiryError(f"Choose only codes that are in {self.name}.")
        ThemeCode.objects.filter(theme=self, code_id__in=present).delete()
        self.record(ChangeKind.CODES_REMOVED, user, before={"codes": self._paths(present)})
        return len(present)

    @transaction.atomic
    def merge_into(self, other: Theme, user=None) -> Theme:
        """Move this theme's codes (and its themes) into another, then remove this one.

        Its history goes with it, so the merged theme's history shows where it came from.
        """
        if other.pk == self.pk:
            raise InquiryError("Choose a different theme to merge into.")
        if other.inquiry_id != self.inquiry_id:
            raise InquiryError("Themes can only be merged within one inquiry.")
        if other.parent_id == self.pk:
            raise InquiryError(f"{self.name} cannot merge into one of its own themes.")
        inner = list(self.themes.all())
        if inner and other.parent_id is not None:
            raise InquiryError(
                f"{self.name} holds themes of its own, so it can only merge into a key theme."
            )
        for theme in inner:
            Theme.check_free_name(self.inquiry_id, other, theme.name, theme)
        codes = self.code_ids()
        ThemeCode.objects.filter(theme=self).update(theme=other)
        for theme in inner:
            theme.parent = other
            theme.save(update_fields=["parent"])
            theme.record(
                ChangeKind.MOVED,
                user,
                before={"key_theme": self.name},
                after={"key_theme": other.name},
            )
        if self.description and self.description not in other.description:
            other.description = f"{other.description}\n\nFrom {self.name}: {self.description}"
            other.description = other.description.strip()
            other.save(update_fields=["description"])
        ThemeChange.objects.filter(theme=self).update(theme=other)
        other.record(
            ChangeKind.MERGED,
            user,
            before={
                "theme": self.name,
                "codes": self._paths(codes),
                "themes": sorted(t.name for t in inner),
                "valence": self.valence,
                "tree_part": self.tree_part,
            },
            after={"theme": other.name},
        )
        self.delete()
        return other

    @transaction.atomic
    def split(self, code_ids: Iterable[int], new_name: str, user=None) -> Theme:
        """Move the chosen codes to a new theme beside this one, with its valence and part."""
        new_name = checked_name(new_name)
        chosen = {int(pk) for pk in code_ids}
        if not chosen:
            raise InquiryError("Choose at least one code to move to the new theme.")
        if not chosen <= self.code_ids():
            raise InquiryError(f"Choose only codes that are in {self.name}.")
        Theme.check_free_name(self.inquiry_id, self.parent, new_name)
        new = Theme.objects.create(
            inquiry_id=self.inquiry_id,
            parent_id=self.parent_id,
            name=new_name,
            valence=self.valence,
            tree_part=self.tree_part,
            order=Theme.next_order(self.inquiry_id, self.parent),
        )
        ThemeCode.objects.filter(theme=self, code_id__in=chosen).update(theme=new)
        paths = self._paths(chosen)
        self.record(ChangeKind.SPLIT, user, before={"codes": paths}, after={"new_theme": new.name})
        new.record(ChangeKind.SPLIT_FROM, user, before={"theme": self.name}, after={"codes": paths})
        return new

    @transaction.atomic
    def remove(self, user=None) -> None:
        """Remove an empty theme; its history stays, saying it was removed."""
        if self.themes.exists() or ThemeCode.objects.filter(theme=self).exists():
            raise InquiryError(
                f"{self.name} still holds codes or themes; take them out or merge it instead."
            )
        self.record(ChangeKind.REMOVED, user, before={"name": self.name})
        self.delete()

    # Where it came from

    def _codings(self) -> models.QuerySet:
        """The codings of this theme's codes (and, for a key theme, of its themes' codes)."""
        here = Q(code__theme_links__theme=self) | Q(code__theme_links__theme__parent=self)
        return _taking_part(Coding.objects.filter(here))

    def participants(self) -> models.QuerySet:
        """The participants whose passages are coded with the theme's codes (one query)."""
        ids = self._codings().filter(transcript__participant__isnull=False)
        return Participant.objects.filter(pk__in=ids.values("transcript__participant_id")).order_by(
            "label"
        )

    def coders(self) -> list[str]:
        """Who coded the passages behind the theme, as they are shown (one query)."""
        rows = (
            self._codings()
            .values_list(
                "coder__first_name", "coder__last_name", "coder__username", "external_coder"
            )
            .distinct()
        )
        return sorted({_coder_name(*row) for row in rows} - {""}, key=str.casefold)


class ThemeCode(models.Model):
    """A code in a theme; a code is in at most one theme (see the module's docstring)."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="code_links")
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="theme_links")

    class Meta:
        app_label = "inquiry"
        constraints = [models.UniqueConstraint(fields=["code"], name="theme_code_once")]

    def __str__(self) -> str:
        return f"{self.code} in {self.theme}"


class ThemeChange(models.Model):
    """One change to a theme: who, when, what, and the values before and after."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="theme_changes")
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes"
    )
    theme_name = models.CharField(max_length=MAX_NAME, help_text="Its name at the time.")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=150, blank=True, help_text="Their name at the time.")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "inquiry"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["theme", "at"], name="theme_change_idx")]

    def __str__(self) -> str:
        return f"{self.theme_name}: {self.get_kind_display()}"

    @property
    def who(self) -> str:
        return self.by_name or "Someone (from the command line or an import)"

    @property
    def summary(self) -> str:
        """What happened, in one plain sentence."""
        before, after = self.before, self.after
        valence = dict(ThemeValence.choices)
        part = dict(ThemeTreePart.choices)

        def codes(values: list[str]) -> str:
            return "; ".join(values) or "no codes"

        match self.kind:
            case ChangeKind.CREATED:
                where = f" inside {after['key_theme']}" if after.get("key_theme") else ""
                source = f" from {after['from']}" if after.get("from") else ""
                return f"Created “{after.get('name', self.theme_name)}”{where}{source}."
            case ChangeKind.RENAMED:
                return f"Renamed from “{before.get('name')}” to “{after.get('name')}”."
            case ChangeKind.DESCRIBED:
                return "Changed the description."
            case ChangeKind.MERGED:
                return f"“{before.get('theme')}” merged in, with {codes(before.get('codes', []))}."
            case ChangeKind.SPLIT:
                moved = codes(before.get("codes", []))
                return f"Split: {moved} moved to the new theme “{after.get('new_theme')}”."
            case ChangeKind.SPLIT_FROM:
                moved = codes(after.get("codes", []))
                return f"Made by splitting “{before.get('theme')}”: {moved}."
            case ChangeKind.MOVED:
                old = before.get("key_theme") or "the key themes"
                new = after.get("key_theme") or "the key themes"
                return f"Moved from {old} to {new}."
            case ChangeKind.CODES_ADDED:
                return f"Added {codes(after.get('codes', []))}."
            case ChangeKind.CODES_REMOVED:
                moved = f" (moved to “{after['moved_to']}”)" if after.get("moved_to") else ""
                into = after.get("merged_into")
                merged = f" (merged into {into})" if into else ""
                return f"Took out {codes(before.get('codes', []))}{moved}{merged}."
            case ChangeKind.VALENCE:
                old, new = before.get("valence"), after.get("valence")
                return f"Valence changed from {valence.get(old, old)} to {valence.get(new, new)}."
            case ChangeKind.TREE_PART:
                old, new = before.get("tree_part"), after.get("tree_part")
                old, new = part.get(old, old), part.get(new, new)
                return f"Part of the tree changed from {old} to {new}."
            case ChangeKind.REMOVED:
                return f"Removed “{before.get('name', self.theme_name)}”."
        return self.get_kind_display()


# A code merged in the codebook -----------------------------------------------------------


@transaction.atomic
def follow_code_merge(source: Code, target: Code, user=None) -> None:
    """Before source merges into target: keep its passages in its theme, with history.

    If target is in no theme it joins source's theme; either way source leaves its theme.
    """
    link = ThemeCode.objects.filter(code=source).select_related("theme").first()
    if link is None:
        return
    theme = link.theme
    paths = code_paths(source.inquiry_id)
    link.delete()
    theme.record(
        ChangeKind.CODES_REMOVED,
        user,
        before={"codes": [code_path(paths, source.pk)]},
        after={"merged_into": code_path(paths, target.pk)},
    )
    if not ThemeCode.objects.filter(code=target).exists():
        ThemeCode.objects.create(theme=theme, code=target)
        theme.record(ChangeKind.CODES_ADDED, user, after={"codes": [code_path(paths, target.pk)]})


# The whole picture, in a fixed number of queries -------------------------------------------


@dataclass
class ThemeNode:
    """A theme with its codes (full paths), and the participants and coders behind it.

    For a key theme, participants and coders include those of its themes; codes are its own.
    """

    theme: Theme
    codes: list[str] = field(default_factory=list)
    code_ids: list[int] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    coders: list[str] = field(default_factory=list)
    themes: list[ThemeNode] = field(default_factory=list)

    def as_dict(self) -> dict:
        theme = self.theme
        found = {
            "id": theme.pk,
            "name": theme.name,
            "description": theme.description,
            "valence": theme.valence,
            "tree_part": theme.tree_part,
            "codes": self.codes,
            "participants": self.participants,
            "coders": self.coders,
        }
        if theme.is_key_theme:
            found["themes"] = [node.as_dict() for node in self.themes]
        return found


@dataclass
class Overview:
    key_themes: list[ThemeNode]
    codes_without_theme: list[tuple[int, str]]  # (code id, full path)

    def as_list(self) -> list[dict]:
        return [node.as_dict() for node in self.key_themes]


def overview(inquiry: Inquiry) -> Overview:
    """Key themes > themes with codes, participants and coders: five queries, however many."""
    themes = list(Theme.objects.filter(inquiry=inquiry))
    paths = code_paths(inquiry.pk)
    links = list(
        ThemeCode.objects.filter(theme__inquiry=inquiry).values_list("theme_id", "code_id")
    )
    codings = _taking_part(Coding.objects.filter(code__theme_links__theme__inquiry=inquiry))
    labels: dict[int, set[str]] = defaultdict(set)
    for theme_id, label in (
        codings.filter(transcript__participant__isnull=False)
        .values_list("code__theme_links__theme_id", "transcript__participant__label")
        .distinct()
    ):
        labels[theme_id].add(label)
    coders: dict[int, set[str]] = defaultdict(set)
    for theme_id, *who in codings.values_list(
        "code__theme_links__theme_id",
        "coder__first_name",
        "coder__last_name",
        "coder__username",
        "external_coder",
    ).distinct():
        coders[theme_id].add(_coder_name(*who))

    nodes = {theme.pk: ThemeNode(theme) for theme in themes}
    for theme_id, code_id in links:
        nodes[theme_id].code_ids.append(code_id)
    for node in nodes.values():
        node.code_ids.sort(key=lambda pk: paths.get(pk, ()))
        node.codes = [code_path(paths, pk) for pk in node.code_ids]
    key_themes = []
    for theme in themes:  # already in order
        node = nodes[theme.pk]
        if theme.parent_id is None:
            key_themes.append(node)
        else:
            parent = nodes[theme.parent_id]
            node.theme.parent = parent.theme
            parent.themes.append(node)
    for node in key_themes:
        ids = [node.theme.pk, *(child.theme.pk for child in node.themes)]
        for child in node.themes:
            child.participants = sorted(labels[child.theme.pk], key=label_order)
            child.coders = sorted(coders[child.theme.pk] - {""}, key=str.casefold)
        node.participants = sorted(set().union(*(labels[i] for i in ids)), key=label_order)
        node.coders = sorted(set().union(*(coders[i] for i in ids)) - {""}, key=str.casefold)
    themed = {code_id for _, code_id in links}
    without = sorted(
        ((pk, code_path(paths, pk)) for pk in paths if pk not in themed), key=lambda row: row[1]
    )
    return Overview(key_themes, without)
