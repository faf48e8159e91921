"""Numbers and money as people read them: "£1,415,895", "−£200k", "12.5%" (no Django).

Negative amounts use the typographic minus sign (U+2212), never a hyphen.
"""

from __future__ import annotations

MINUS = "\u2212"
SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def _with_currency(sign: str, digits: str, currency: str) -> str:
    symbol = SYMBOLS.get(currency)
    if symbol:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{currency} {digits}"


def money(value: float, currency: str = "GBP") -> str:
    """An amount to the whole unit: "£1,415,895", "−£1,415,895", "CHF 1,200"."""
    rounded = round(value)
    sign = MINUS if rounded < 0 else ""
    return _with_currency(sign, f"{abs(rounded):,.0f}", currency)


def money_short(value: float, currency: str = "GBP", decimals: int | None = None) -> str:
    """A compact amount for axes and tight spaces: "£1.4m", "−£200k", "£950".

    decimals is the number of places after the point in the chosen unit (m, k or none);
    by default 1 for millions and 0 otherwise.
    """
    size = abs(value)
    if size >= 999_500:
        scaled, unit = value / 1e6, "m"
        places = 1 if decimals is None else decimals
    elif size >= 999.5:
        scaled, unit = value / 1e3, "k"
        places = 0 if decimals is None else decimals
    else:
        scaled, unit = value, ""
        places = 0 if decimals is None else decimals
    text = f"{abs(scaled):,.{places}f}"
    sign = MINUS if scaled < 0 and float(text.replace(",", "")) != 0 else ""
    return _with_currency(sign, text + unit, currency)


def money_ticks(ticks: list[float], currency: str = "GBP") -> list[str]:
    """Labels for axis ticks in one unit ("−£1.45m", "£0", "£1.5m"), each exact and distinct.

    Every tick gets the fewest decimals that show all of them exactly, so round ticks
    never collapse into repeated labels.
    """
    if not ticks:
        return []
    largest = max(abs(t) for t in ticks)
    divisor, unit = (1e6, "m") if largest >= 1e6 else (1e3, "k") if largest >= 1e3 else (1.0, "")
    scaled = [t / divisor for t in ticks]
    places = 0
    while places < 6 and any(abs(round(v, places) - v) > 1e-9 * max(1.0, abs(v)) for v in scaled):
        places += 1
    labels = []
    for t, v in zip(ticks, scaled, strict=True):
        text = f"{abs(v):,.{places}f}"
        if float(text.replace(",", "")) == 0:
            labels.append(_with_currency("", "0", currency))
            continue
        labels.append(_with_currency(MINUS if t < 0 else "", text + unit, currency))
    return labels


def number(value: float) -> str:
    """A plain number: four significant figures below 1,000, whole numbers above."""
    text = f"{abs(value):,.4g}" if abs(value) < 1000 else f"{abs(value):,.0f}"
    return (MINUS if value < 0 and float(text.replace(",", "")) != 0 else "") + text


def shown(value: float | None, kind: str, currency: str) -> str:
    """A figure as people read it: money to the pound, ratios to 2 places, shares as %."""
    if value is None:
        return "not defined"
    if kind == "money":
        return money(value, currency)
    if kind == "ratio":
        return f"{value:,.2f}".replace("-", MINUS)
    if kind == "share":
        return f"{value:.1%}"
    return f"{value:,.0f}".replace("-", MINUS)
