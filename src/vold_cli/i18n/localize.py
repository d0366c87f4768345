"""Numbers, ranges, approximations, percentages, dates, lists and names in the chosen language, in one place.

Danish: 43.000 and 23,5; "ca. 220"; "23,5 pct."; "1. juli 2024"; "a, b og c"; "færre end 1".
English: 43,000 and 23.5; "ca. 220"; "23.5 %"; "1 July 2024"; "a, b and c"; "fewer than 1".
Pure functions of plain values; no rich, no typer.
"""

from __future__ import annotations

import math

MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}


def number(value: float, lang: str) -> str:
    """A whole number with thousands grouped: 43.000 / 43,000."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "da" else text


def decimal(value: float, lang: str, digits: int = 1) -> str:
    """A number with `digits` decimals: 23,5 / 23.5 (thousands grouped as in `number`)."""
    text = f"{value:,.{digits}f}"
    if lang == "da":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(value: float, lang: str, digits: int | None = None) -> str:
    """23,5 pct. / 23.5 % (whole numbers without decimals unless `digits` is given)."""
    if digits is None:
        digits = 0 if float(value).is_integer() else 1
    shown = decimal(value, lang, digits)
    return f"{shown} pct." if lang == "da" else f"{shown} %"


def below_one(lang: str) -> str:
    return "færre end 1" if lang == "da" else "fewer than 1"


def approx(value: float | None, lang: str, *, raw: float | None = None) -> str:
    """'ca. 220' (the note's 'ca.', in both languages) for a value rounded the note's way; 'færre end 1' /
    'fewer than 1' when it rounds to 0 (or when the unrounded `raw` is below a half)."""
    if value is None or (raw is not None and raw < 0.5) or (raw is None and value < 0.5):
        return below_one(lang)
    return "ca. " + number(value, lang)


def span(low: float, high: float, lang: str) -> str:
    """'28.000-33.000' / '28,000-33,000' (a hyphen, no spaces, as the note writes ranges)."""
    return f"{number(low, lang)}-{number(high, lang)}"


def approx_span(low: float, high: float, lang: str, *, raw_low: float | None = None) -> str:
    """'ca. 210-250'; 'færre end 1-3' / 'fewer than 1-3' when the low end rounds below 1; 'færre end 1' when the
    whole range does."""
    if high < 0.5:
        return below_one(lang)
    if (raw_low if raw_low is not None else low) < 0.5:
        return f"{below_one(lang)}-{number(high, lang)}"
    return "ca. " + span(low, high, lang)


def kroner(value: float, lang: str) -> str:
    """'1.200.000 kr.' / 'DKK 1,200,000'."""
    return f"{number(value, lang)} kr." if lang == "da" else f"DKK {number(value, lang)}"


def date(iso: str, lang: str) -> str:
    """'2024-07-01' -> '1. juli 2024' / '1 July 2024'; '2014-06' -> 'juni 2014' / 'June 2014'; a bare year, or
    anything else, stays as it is written."""
    parts = iso.split("-")
    if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2 and all(p.isdigit() for p in parts) \
            and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS['da' if lang == 'da' else 'en'][int(parts[1]) - 1]} {parts[0]}"
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return iso
    year, month, day = (int(p) for p in parts)
    if not 1 <= month <= 12:
        return iso
    name = MONTHS["da" if lang == "da" else "en"][month - 1]
    return f"{day}. {name} {year}" if lang == "da" else f"{day} {name} {year}"


def join(items: list[str], lang: str, *, word: str | None = None) -> str:
    """'a, b og c' / 'a, b and c' (`word` instead of og/and, e.g. eller/or)."""
    items = [i for i in items if i]
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    last = word or ("og" if lang == "da" else "and")
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def significant(value: float) -> int:
    """Digits needed to show `value` with two significant digits (for shares such as 0,04 pct.)."""
    if value == 0:
        return 0
    return max(0, 1 - int(math.floor(math.log10(abs(value)))))


def when(date_text: str | None, lang: str) -> str:
    """A change's date in words ('1. juli 2024'); the source's silence said as such when there is none."""
    if not date_text:
        return "dato ikke oplyst i kilden" if lang == "da" else "date not stated in the source"
    return date(date_text, lang)


def attribution(authority: str | None, reported_by: list[str] | tuple[str, ...], lang: str) -> str:
    """Who a change comes from: 'Folketinget, L 104 (2023-24); ifølge A og B' / '...; as reported by A and B'.
    The names stay as they are (they are names); only the words around them are in `lang`."""
    parts = [authority or ("kilden nævner ingen lov eller myndighed" if lang == "da"
                           else "no act or authority named in the source")]
    if reported_by:
        parts.append(("ifølge " if lang == "da" else "as reported by ") + join(list(reported_by), lang))
    return "; ".join(parts)
