"""One self-contained HTML5 file for the document blocks: inline CSS, charts as inline SVG, no scripts, nothing
fetched. Every text is escaped, because a knowledge base loaded with --kb may contain anything."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from vold_cli.output.blocks import (
    Bar,
    BulletList,
    Cell,
    Chart,
    Column,
    Document,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
    handler,
    share,
)
from vold_cli.output.styles import css_rules

if TYPE_CHECKING:
    from collections.abc import Callable

    from vold_cli.output.formats import Context

CSS = """
:root { --ink:#1d1d1f; --muted:#5f6368; --line:#d0d4da; --accent:#1f5f8b; --bg:#fff; }
* { box-sizing:border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
       "Helvetica Neue",Arial,sans-serif; overflow-wrap:break-word; }
main { max-width:60rem; margin:0 auto; padding:1rem; }
h1 { font-size:1.6rem; line-height:1.25; margin:0.5rem 0 0.25rem; }
h2 { font-size:1.3rem; margin:2rem 0 0.5rem; padding-top:0.5rem; border-top:3px solid var(--accent); }
h3 { font-size:1.1rem; margin:1.25rem 0 0.5rem; }
h1, h2, h3, caption, figcaption { break-after:avoid; page-break-after:avoid; }
p { margin:0.5rem 0; }
.first-page { border-bottom:3px solid var(--accent); padding-bottom:0.5rem; }
.first-page h2 { font-size:0.9rem; letter-spacing:0.04em; color:var(--muted); border-top:none; margin:0.75rem 0 0;
                 padding:0; }
.first-page h3 { margin:0.9rem 0 0.3rem; }
.first-page table, .first-page dl { margin:0.4rem 0; }
.table-wrap { overflow-x:auto; margin:0.75rem 0; }
.table-wrap:focus-visible { outline:2px solid var(--accent); outline-offset:2px; }
table { border-collapse:collapse; width:100%; font-size:0.95em; }
thead { display:table-header-group; }
tr { break-inside:avoid; page-break-inside:avoid; }
caption { caption-side:top; text-align:left; font-weight:600; padding:0.25rem 0; }
.table-note { color:var(--muted); font-size:0.9em; margin-top:0.25rem; }
th, td { border:1px solid var(--line); padding:0.35rem 0.5rem; vertical-align:top; text-align:left; }
th { background:#f2f4f7; }
td.right, th.right { text-align:right; white-space:nowrap; }
dl { display:grid; grid-template-columns:minmax(8rem,14rem) 1fr; gap:0.25rem 1rem; margin:0.75rem 0; }
dt { font-weight:600; } dd { margin:0; }
.notes { border-left:4px solid #d9a400; background:#fff8e1; padding:0.5rem 0.75rem; margin:0.75rem 0; }
.notes h3 { margin-top:0.25rem; }
li { break-inside:avoid; page-break-inside:avoid; }
ul { margin:0.25rem 0 0.5rem 1.25rem; padding:0; }
.bar { display:inline-block; height:0.8rem; background:var(--accent); vertical-align:middle; margin-right:0.4rem; }
/* STYLE RULES */
figure.chart { margin:0.75rem 0; break-inside:avoid; page-break-inside:avoid; }
figure.chart figcaption { font-weight:600; padding:0.25rem 0; }
.chart-rows { margin:0; padding:0; list-style:none; border:1px solid var(--line); }
.chart-row { display:grid; grid-template-columns:minmax(0,3fr) minmax(0,4fr); gap:0.15rem 0.75rem;
             align-items:center; padding:0.35rem 0.5rem; border-top:1px solid var(--line); }
.chart-row:first-child { border-top:none; }
.chart-label { min-width:0; }
.chart-value { display:flex; align-items:center; gap:0.5rem; min-width:0; }
.chart-value svg { flex:1 1 auto; width:100%; height:0.9rem; min-width:2rem; }
.chart-value svg rect { fill:var(--accent); }
.chart-value svg rect.track { fill:#eef1f5; }
.chart-number { white-space:nowrap; font-weight:700; min-width:5.5rem; text-align:right; }
@media (max-width:40rem) {
  body { font-size:15px; }
  main { padding:0.75rem; }
  dl { grid-template-columns:1fr; } dt { margin-top:0.5rem; }
  .chart-row { grid-template-columns:1fr; }
  /* Every table becomes a stack of cards: one card per row, each cell under its column's name, so the
     answer columns (Lokalt, Afrundet, ...) are on screen without sideways scrolling. */
  .table-wrap { overflow-x:visible; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display:block; width:100%; }
  table.cards thead { position:absolute; width:1px; height:1px; overflow:hidden; clip:rect(0 0 0 0); }
  table.cards tr { border:1px solid var(--line); margin:0 0 0.5rem; }
  table.cards td { border:none; border-top:1px solid var(--line); display:grid;
                   grid-template-columns:minmax(0,2fr) minmax(0,3fr); gap:0.5rem; }
  table.cards caption { display:block; width:100%; }
  table.cards td:first-child { border-top:none; background:#f7f8fa; grid-template-columns:1fr; }
  table.cards td:first-child::before { display:none; }
  table.cards td.right { text-align:left; white-space:normal; }
  table.cards td::before { content:attr(data-label); font-weight:600; color:var(--muted); }
  table.cards td[data-label=""] { grid-template-columns:1fr; }
  table.cards td[data-label=""]::before { display:none; }
}
@page { size:A4; margin:12mm 13mm 14mm 13mm;
  @bottom-left { content:FOOTER_LEFT; font:8pt system-ui,Arial,sans-serif; color:#5f6368; }
  @bottom-right { content:FOOTER_RIGHT counter(page) " / " counter(pages);
                  font:8pt system-ui,Arial,sans-serif; color:#5f6368; } }
@media print {
  /* Arial's metrics (Liberation Sans where Arial is missing): the brief fits 12 A4 pages in both languages */
  body { font-size:9pt; line-height:1.2; font-family:Arial,"Liberation Sans",Helvetica,sans-serif; }
  main { max-width:none; padding:0; }
  h2 { font-size:13pt; margin:0.75rem 0 0.3rem; }
  /* a tall row may go on over a page break, as Word lets it, under the repeated header row: a row kept whole
     left up to a sixth of a page empty before each long table (the brief must fit 12 A4 pages) */
  tr { break-inside:auto; page-break-inside:auto; }
  h3 { font-size:10.5pt; margin:0.6rem 0 0.25rem; }
  table { font-size:8pt; }
  td, th { padding:0.12rem 0.3rem; }
  .muted { font-size:0.95em; }
  dl { grid-template-columns:9rem 1fr; }
  .chart-rows { font-size:8pt; }
  .chart-row { padding:0.08rem 0.5rem; grid-template-columns:minmax(0,5fr) minmax(0,3fr); }  /* a label per line */
  .table-wrap, dl, .notes { margin:0.45rem 0; }
  .notes { padding:0.3rem 0.6rem; }
  .first-page { border-bottom:none; padding:0; font-size:8.5pt; line-height:1.2; break-after:page; page-break-after:always; }
  .first-page h1 { font-size:16pt; margin-top:0; }
  .first-page h2 { font-size:8pt; margin:0.3rem 0 0; }
  .first-page h3, .first-page caption { font-size:10pt; margin:0.45rem 0 0.1rem; padding:0; }
  .first-page .table-wrap, .first-page dl { margin:0.2rem 0; }
  .first-page .notes { padding:0.2rem 0.5rem; margin:0.3rem 0; font-size:8pt; }
  .first-page .notes h3 { font-size:9pt; margin:0.1rem 0; }
  .first-page td, .first-page th { padding:0.08rem 0.35rem; }
  .first-page ul { margin:0.1rem 0 0.2rem 1.1rem; }
  .first-page p { margin:0.25rem 0; }
  .page-break { break-after:page; page-break-after:always; height:0; margin:0; }
  .first-page > .page-break:last-child { break-after:auto; page-break-after:auto; }
  .table-wrap { overflow:visible; }
  th, .chart-value svg, .notes { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
}
""".replace("/* STYLE RULES */\n", css_rules())  # the styles of Styled text: one table, in styles.py


def _bar(cell: Bar) -> str:
    return f'<span class="bar" style="width:{share(cell.value, cell.maximum) * 6:.2f}rem"></span>{escape(cell.label)}'


def _styled(cell: Styled) -> str:
    return f'<span class="{escape(cell.style)}">{escape(cell.text)}</span>' if cell.style else escape(cell.text)


#: Each kind of cell (output/blocks.CELLS) as HTML.
CELLS: dict[type, Callable[..., str]] = {
    str: escape, Styled: _styled, Bar: _bar, Lines: lambda cell: "<br>".join(_cell(part) for part in cell.parts),
}


def _cell(cell: Cell) -> str:
    return handler(CELLS, cell, "HTML")(cell)


def _chart(chart: Chart) -> str:
    """A horizontal bar chart in the page's own grid: each label is HTML text that wraps (never cut), the bar
    an inline SVG that scales with its column, and the printed value beside it. The list is the text
    equivalent; the bars are decoration for screen readers (aria-hidden)."""
    top = max((v for _, v, _ in chart.items), default=0) or 1
    rows = []
    for label, value, shown in chart.items:
        share = 0.0 if value <= 0 else max(0.5, min(100.0, 100 * value / top))
        rows.append(
            f'<li class="chart-row"><span class="chart-label">{escape(label)}</span>'
            f'<span class="chart-value"><svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" '
            f'focusable="false"><rect class="track" width="100" height="10"/>'
            f'<rect width="{share:.1f}" height="10"/></svg>'
            f'<span class="chart-number">{escape(shown)}</span></span></li>')
    return (f'<figure class="chart" aria-label="{escape(chart.title)}"><figcaption>{escape(chart.title)}</figcaption>'
            f'<ul class="chart-rows">{"".join(rows)}</ul></figure>')


def _heading(block: Heading) -> str:
    level = min(max(block.level, 1), 6)
    return f"<h{level}>{escape(block.text)}</h{level}>"


def _paragraph(block: Paragraph) -> str:
    cls = f' class="{escape(block.style)}"' if block.style else ""
    return f"<p{cls}>{escape(block.text)}</p>"


def _title(title: str) -> str:
    return f"<h3>{escape(title)}</h3>" if title else ""


def _fields(block: Fields) -> str:
    items = "".join(f"<dt>{escape(label)}</dt><dd>{_cell(value)}</dd>" for label, value in block.pairs)
    return f"{_title(block.title)}<dl>{items}</dl>"


def _table(block: Table) -> str:
    right = ' class="right"'
    head = "".join(f'<th scope="col"{right if col.justify == "right" else ""}>{escape(col.header)}</th>'
                   for col in block.columns)
    body = "".join(
        "<tr>" + "".join(
            f'<td data-label="{escape(col.header)}"{right if col.justify == "right" else ""}>{_cell(cell)}</td>'
            for col, cell in zip(block.columns, row, strict=False)) + "</tr>"
        for row in block.rows)
    caption = f"<caption>{escape(block.title)}</caption>" if block.title else ""
    note = f'<p class="table-note">{escape(block.caption)}</p>' if block.caption else ""
    # A wide table scrolls inside its wrapper: the wrapper can be reached and scrolled by keyboard (tabindex) and is
    # named for screen readers by the table's title, else its column headers (WCAG 2.1.1, axe's
    # scrollable-region-focusable).
    name = block.title or " · ".join(c.header for c in block.columns)
    wrap = f'<div class="table-wrap" tabindex="0" role="group" aria-label="{escape(name)}">'
    return (f'{wrap}<table class="cards">{caption}{_colgroup(block.columns)}<thead><tr>{head}</tr></thead>'
            f'<tbody>{body}</tbody></table></div>{note}')


def _colgroup(columns: list[Column]) -> str:
    """Column widths from the columns' ratios, as shares of the table (columns without a ratio, such as numbers,
    take what their content needs), so that text columns get the room the view meant for them."""
    if not any(c.ratio for c in columns):
        return ""
    total = sum(c.ratio or 0 for c in columns) or 1
    share = 100 if all(c.ratio for c in columns) else 88  # leave room for the columns that size themselves
    return "<colgroup>" + "".join(f'<col style="width:{share * c.ratio / total:.1f}%">' if c.ratio else "<col>"
                                  for c in columns) + "</colgroup>"


def _notes(block: Notes) -> str:
    return f'<aside class="notes">{_title(block.title)}<ul>' + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul></aside>"


def _bullets(block: BulletList) -> str:
    return f"{_title(block.title)}<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>"


def _page_break(block: PageBreak) -> str:
    return '<div class="page-break"></div>'


#: Each kind of block (output/blocks.BLOCKS) as HTML.
BLOCKS: dict[type, Callable[..., str]] = {
    Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table, BulletList: _bullets, Notes: _notes,
    Chart: _chart, PageBreak: _page_break,
}


def _block(block: object) -> str:
    return handler(BLOCKS, block, "HTML")(block)


def css_string(text: str) -> str:
    """`text` as a CSS string literal that can end neither the string nor the <style> element."""
    safe = "".join(ch if ch.isalnum() or ch in " .,:;-/()+" else f"\\{ord(ch):x} " for ch in text)
    return f'"{safe}"'


def render(doc: Document, *, title: str, lang: str, footer: str = "", page_word: str = "", subject: str = "",
           creator: str = "") -> str:
    """The whole page. The first page (<header>) is what comes before the first page break, or, in a document
    without one, before the first level-2 heading; after it, each level-2 heading opens a numbered <section>.
    Printed on A4, with `footer` bottom left and the page number bottom right."""
    out: list[str] = ['<header class="first-page">']
    first_end = next((i for i, b in enumerate(doc.blocks) if isinstance(b, PageBreak)), None)
    open_section = False
    in_header = True
    for index, block in enumerate(doc.blocks):
        if isinstance(block, Heading) and block.level == 2 and (first_end is None or index > first_end):
            if open_section or in_header:
                out.append("</section>" if open_section else "</header>")
            out.append(f'<section id="{_slug(block.text)}">')
            open_section, in_header = True, False
        out.append(_block(block))
        if index == first_end and in_header:
            out.append("</header>")
            in_header = False
    out.append("</section>" if open_section else "</header>" if in_header else "")
    body = "\n".join(out)
    css = CSS.replace("FOOTER_LEFT", css_string(footer)).replace(
        "FOOTER_RIGHT", css_string(f"{page_word} " if page_word else ""))
    about = "".join(f'<meta name="{name}" content="{escape(value)}">\n'
                    for name, value in (("description", subject), ("author", creator)) if value)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' + about +
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        "img-src data:\">\n"
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _slug(text: str) -> str:
    from vold_cli.text import fold

    slug = "".join(ch if ch.isalnum() else "-" for ch in fold(text))
    return "-".join(part for part in slug.split("-") if part)[:60] or "section"


def render_to(doc: Document, context: Context) -> None:
    context.stream.write(render(doc, title=context.title, lang=context.lang, footer=context.footer,
                               page_word=context.page_word, subject=context.subject, creator=context.creator))
