"""Counting related rows for each row of a list, without joining the relations to each other."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(rows: QuerySet, *, per: str) -> Coalesce:
    """How many of `rows` belong to each outer row (0 when none), as a correlated subquery.

    `per` names the field of `rows` that points at the outer row, such as "inquiry" or
    "transcript__inquiry". Counting two relations through joins instead multiplies one by
    the other for every outer row (participants × transcripts) before DISTINCT undoes it.
    """
    grouped = rows.filter(**{per: OuterRef("pk")}).order_by().values(per)
    counted = grouped.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
