"""Optimistic concurrency: a save names the version it was opened at, so nobody's words are lost.

A record people edit carries a ``version``. The edit form carries the version the page was
opened at in a hidden field; saving is one ``UPDATE … WHERE pk = … AND version = …`` that
also adds one to the version. When no row matched, someone else saved first: the view shows
the form again with the person's input kept and what the record says now, and the hidden
field then carries the current version, so saving again is a choice made knowingly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.db import models
from django.db.models import F
from django.utils.formats import localize

CHANGED = "Someone else changed this while you were writing."
KEPT = "Your words are below; here is what it says now:"
REMOVED = "It was removed while you were writing; your words are below, not saved."


def still_at(model: type[models.Model], pk: object, version: int | None) -> bool:
    """Hold the row while it is still at version (until the transaction ends); False if not.

    A no-op UPDATE matching the version takes the row's write lock on PostgreSQL (and the
    database's on SQLite), so nothing can change the row between this check and the commit.
    """
    if version is None:
        return False
    return bool(model._base_manager.filter(pk=pk, version=version).update(version=version))


class Versioned(models.Model):
    """A record people edit: saving checks the version the editor opened it at."""

    version = models.PositiveIntegerField(
        default=1, editable=False, help_text="Goes up by one at each saved edit."
    )

    class Meta:
        abstract = True

    def save_if_unchanged(self, opened_at: int | None, fields: Iterable[str]) -> bool:
        """Save fields only if nobody saved since opened_at; True when saved (version + 1)."""
        if opened_at is None:
            return False
        values = {name: getattr(self, name) for name in fields}
        saved = (
            type(self)
            ._base_manager.filter(pk=self.pk, version=opened_at)
            .update(version=F("version") + 1, **values)
        )
        if saved:
            self.version = opened_at + 1
        return bool(saved)


@dataclass
class Changed:
    """What the page says when someone else saved first: what the record says now."""

    now: list[tuple[str, str]] = field(default_factory=list)
    removed: bool = False


def shown(record: models.Model, name: str) -> str:
    """A field's value as people read it: choices by their label, dates in the local format."""
    model_field = record._meta.get_field(name)
    value = getattr(record, name)
    if model_field.choices and value not in (None, ""):
        return str(getattr(record, f"get_{name}_display")())
    if value is None or value == "":
        return "(nothing)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(localize(value))


class OpenedVersionMixin:
    """For a ModelForm editing a versioned record: carries the version the page was opened at.

    Put it before ``forms.ModelForm`` in the bases. A new record has no version field.
    """

    version_field = "version"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[self.version_field] = forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                min_value=1,
                initial=getattr(self.instance, "version", None),
            )

    @property
    def opened_at(self) -> int:
        """The version the page was opened at; 0, which no record has, when the post named none."""
        return self.cleaned_data.get(self.version_field) or 0

    def saved_fields(self) -> list[str]:
        """The record's fields this form edits."""
        names = {f.name for f in self.instance._meta.get_fields()}
        return [name for name in self.fields if name in names and name != "version"]

    def save_if_unchanged(self) -> bool:
        """Save the edit only if nobody saved since the page was opened."""
        record = self.save(commit=False)
        return record.save_if_unchanged(self.opened_at, self.saved_fields())

    def changed(self) -> Changed:
        """Keep the person's input, show what is stored now, and carry the current version."""
        model = type(self.instance)
        current = model._base_manager.filter(pk=self.instance.pk).first()
        if current is None:
            return Changed(removed=True)
        self.data = self.data.copy()
        self.data[self.add_prefix(self.version_field)] = current.version
        return Changed(
            now=[(str(self[name].label), shown(current, name)) for name in self.saved_fields()]
        )
