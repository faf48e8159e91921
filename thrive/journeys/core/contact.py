"""How long since someone was last seen, said as information: never a deadline or a warning."""

from __future__ import annotations

from datetime import date

NOT_SEEN_FOR_A_WHILE_WEEKS = 8


def last_seen(day: date | None, today: date) -> str:
    """'Last seen 9 weeks ago', 'Last seen today', or 'Not met yet' for someone not met."""
    if day is None:
        return "Not met yet"
    days = (today - day).days
    if days <= 0:
        return "Last seen today"
    if days == 1:
        return "Last seen yesterday"
    if days < 14:
        return f"Last seen {days} days ago"
    if days < 7 * 16:
        return f"Last seen {days // 7} weeks ago"
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    return f"Last seen {months} months ago"
