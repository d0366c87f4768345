"""One self-contained HTML5 file for the document blocks: inline CSS, charts as inline SVG, no scripts, nothing
fetched. Every text is escaped, because a knowledge base loaded with --kb may contain anything."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .blocks import (
    Bar,
    BulletList,
    Cell,
    Chart,
    Document,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
    share,
)
from .styles import css_rules

if TYPE_CHECKING:
    from .formats import Context

CSS = """
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d0d4da; --accent:#1f5f8b; --bg:#fff; }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
       "Helvetica Neue",Arial,sans-serif; }
main { max-width:60rem; margin:0 auto; padding:1rem; }
h1 { font-size:1.6rem; line-height:1.25; margin:0.5rem 0 0.25rem; }
h2 { font-size:1.3rem; margin:2rem 0 0.5rem; padding-top:0.5rem; border-top:3px solid var(--accent); }
h3 { font-size:1.1rem; margin:1.25rem 0 0.5rem; }
p { margin:0.5rem 0; }
.table-wrap { overflow-x:auto; margin:0.75rem 0; }
table { border-collapse:collapse; width:100%; font-size:0.95rem; }
caption { caption-side:top; text-align:left; font-weight:600; padding:0.25rem 0; }
.table-note { color:var(--muted); font-size:0.9rem; margin-top:0.25rem; }
th, td { border:1px solid var(--line); padding:0.35rem 0.5rem; vertical-align:top; text-align:left; }
th { background:#f2f4f7; }
td.right, th.right { text-align:right; white-space:nowrap; }
dl { display:grid; grid-template-columns:minmax(8rem,14rem) 1fr; gap:0.25rem 1rem; margin:0.75rem 0; }
dt { font-weight:600; } dd { margin:0; }
.notes { border-left:4px solid #d9a400; background:#fff8e1; padding:0.5rem 0.75rem; margin:0.75rem 0; }
.notes h3 { margin-top:0.25rem; }
ul { margin:0.25rem 0 0.5rem 1.25rem; padding:0; }
.bar { display:inline-block; height:0.8rem; background:var(--accent); vertical-align:middle; margin-right:0.4rem; }
svg.chart { width:100%; height:auto; max-width:60rem; }
svg.chart text { font:13px system-ui,Arial,sans-serif; fill:#1d1d1f; }
/* STYLE RULES */
@media (max-width:40rem) { dl { grid-template-columns:1fr; } dt { margin-top:0.5rem; } body { font-size:15px; } }
@media print {
  body { font-size:11pt; } main { max-width:none; padding:0; }
  h2 { break-before:page; page-break-before:always; border-top:none; }
  section:first-of-type h2 { break-before:auto; page-break-before:auto; }
  table, .notes, dl, svg { break-inside:avoid; page-break-inside:avoid; }
  .table-wrap { overflow:visible; }
  th { background:#eee !important; -webkit-print-color-adjust:exact; print-color-adjust:exact; }
}
""".replace("/* STYLE RULES */\n", css_rules())  # the styles of Styled text: one table, in styles.py


def _cell(cell: Cell) -> str:
    if isinstance(cell, Lines):
        return "<br>".join(_cell(part) for part in cell.parts)
    if isinstance(cell, Bar):
        return f'<span class="bar" style="width:{share(cell.value, cell.maximum) * 6:.2f}rem"></span>{escape(cell.label)}'
    if isinstance(cell, Styled):
        return f'<span class="{escape(cell.style)}">{escape(cell.text)}</span>' if cell.style else escape(cell.text)
    return escape(cell)


def _chart(chart: Chart) -> str:
    """A horizontal bar chart as inline SVG (text labels, so it prints and reads without colour)."""
    rows = chart.items
    label_w, bar_w, value_w, row_h = 330, 330, 140, 28
    width, height = label_w + bar_w + value_w, row_h * len(rows) + 10
    top = max((v for _, v, _ in rows), default=0) or 1
    parts = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-label="{escape(chart.title)}">']
    for n, (label, value, shown) in enumerate(rows):
        y = 5 + n * row_h
        length = max(1.0, bar_w * value / top) if value > 0 else 0
        short = label if len(label) <= 48 else label[:47] + "…"
        parts.append(f'<text x="0" y="{y + 18}">{escape(short)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 5}" width="{length:.1f}" height="16" fill="#1f5f8b"/>')
        parts.append(f'<text x="{label_w + length + 6:.1f}" y="{y + 18}">{escape(shown)}</text>')
    parts.append("</svg>")
    return f"<figure><figcaption class=\"strong\">{escape(chart.title)}</figcaption>{''.join(parts)}</figure>"


def _block(block: object) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        cls = f' class="{escape(block.style)}"' if block.style else ""
        return f"<p{cls}>{escape(block.text)}</p>"
    if isinstance(block, Fields):
        title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
        items = "".join(f"<dt>{escape(label)}</dt><dd>{_cell(value)}</dd>" for label, value in block.pairs)
        return f"{title}<dl>{items}</dl>"
    if isinstance(block, Table):
        def th(col: object) -> str:
            cls = ' class="right"' if getattr(col, "justify", "") == "right" else ""
            return f'<th scope="col"{cls}>{escape(col.header)}</th>'  # type: ignore[attr-defined]

        head = "".join(th(c) for c in block.columns)
        right = ' class="right"'
        body = "".join(
            "<tr>" + "".join(
                f"<td{right if col.justify == 'right' else ''}>{_cell(cell)}</td>"
                for col, cell in zip(block.columns, row, strict=False)) + "</tr>"
            for row in block.rows)
        caption = f"<caption>{escape(block.title)}</caption>" if block.title else ""
        note = f'<p class="table-note">{escape(block.caption)}</p>' if block.caption else ""
        return f'<div class="table-wrap"><table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>{note}'
    if isinstance(block, Notes):
        title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
        return f'<aside class="notes">{title}<ul>' + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul></aside>"
    if isinstance(block, BulletList):
        title = f"<h3>{escape(block.title)}</h3>" if block.title else ""
        return f"{title}<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"
    if isinstance(block, Chart):
        return _chart(block)
    if isinstance(block, PageBreak):
        return ""
    raise TypeError(f"no HTML for {type(block).__name__}")


def render(doc: Document, *, title: str, lang: str) -> str:
    """The whole page. Level-2 headings open a <section>, which starts a new page when printed."""
    out: list[str] = []
    open_section = False
    for block in doc.blocks:
        if isinstance(block, Heading) and block.level == 2:
            if open_section:
                out.append("</section>")
            out.append(f'<section id="{_slug(block.text)}">')
            open_section = True
        out.append(_block(block))
    if open_section:
        out.append("</section>")
    body = "\n".join(out)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _slug(text: str) -> str:
    from ..text import fold

    slug = "".join(ch if ch.isalnum() else "-" for ch in fold(text))
    return "-".join(part for part in slug.split("-") if part)[:60] or "section"


def render_to(doc: Document, context: Context) -> None:
    context.stream.write(render(doc, title=context.title, lang=context.lang))
