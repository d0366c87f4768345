"""Word documents (.docx) of the document blocks, written with python-docx: an editable document for the committee
papers a planner writes in Word, not a dump.

- Structure Word's navigation pane shows: headings in the styles Heading 1-3 (never a level skipped), block titles
  as bold lines kept with what follows them, lists in Word's list style.
- Tables with a header row that repeats on every page (w:tblHeader), rows that do not split across pages, numbers
  right-aligned, column widths from the view's ratios, and the table's title as its alternative text.
- The document's language (da-DK or en-GB) in the styles, so Word checks spelling in the right language and a screen
  reader speaks it; title, subject, creator and language in the properties.
- A4 with margins; every page's footer has the document's title, the knowledge base's version and date, and the page
  number as a PAGE field ("side 3 / 12").

python-docx is imported only inside `document_bytes`, and this module only when docx is asked for (the format
registry's loader), so no other command pays for it. The bytes go to `context.binary`; `formats.emit` writes them
atomically to the -o file (never over a file unasked). Each kind of block and cell is written by one function of
`BLOCKS` and `CELLS` (output/blocks.handler).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vold_cli.output.blocks import (
    Bar,
    BulletList,
    Cell,
    Chart,
    Column,
    Fields,
    Heading,
    Lines,
    Notes,
    PageBreak,
    Paragraph,
    Styled,
    Table,
    cell_text,
    handler,
    share,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from docx.document import Document as Docx
    from docx.text.paragraph import Paragraph as Para
    from docx.text.run import Run

    from vold_cli.output.blocks import Document
    from vold_cli.output.formats import Context

#: The document language of each interface language (the styles' w:lang, and the core property).
LANGUAGES = {"da": "da-DK", "en": "en-GB"}
FONT = "Arial"  # on Windows and Mac; LibreOffice uses the metric-compatible Liberation Sans
PAGE_MM = (210, 297)  # A4
MARGINS_MM = (14, 16, 14, 16)  # top, right, bottom, left
BODY_PT, TABLE_PT, SMALL_PT = 9, 8, 8
HEADING_PT = {1: 16, 2: 13, 3: 10.5}
ACCENT = "1F5F8B"
HEADER_FILL = "F2F4F7"
#: The colours of the style names (output/styles.py) on white paper; "dim" is the HTML's muted grey.
COLOURS = {"green": "0B6B2E", "cyan": "0B5D7A", "yellow": "8A5300", "red": "A50E0E", "dim": "5F6368"}
_NOT_XML = re.compile("[\ufffe\uffff]")  # the sanitiser has made every control character visible already


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


class _Writer:
    """One document being written: python-docx's objects, and where the writing stands."""

    def __init__(self, lang: str, solid: str) -> None:
        import docx

        self.doc: Docx = docx.Document()
        self.lang = lang
        self.solid = solid
        self.level = 0  # the last heading level written: the next may go at most one deeper
        self.break_before = False  # a page break is pending: the next paragraph starts a page

    # --- paragraphs and runs ---------------------------------------------------------------------------------

    def paragraph(self, style: str | None = None) -> Para:
        para = self.doc.add_paragraph(style=style)
        if self.break_before:
            para.paragraph_format.page_break_before = True
            self.break_before = False
        return para

    def run(self, para: Para, text: str, style: str = "", *, size: float | None = None, bold: bool = False) -> Run:
        from docx.shared import Pt, RGBColor

        from vold_cli.output.styles import STYLES

        run = para.add_run(_xml(text))
        look = STYLES.get(style)
        if look is not None:
            if look.bold:
                run.bold = True
            if look.colour:
                run.font.color.rgb = RGBColor.from_string(COLOURS.get(look.colour, "000000"))
        if bold:
            run.bold = True
        if size is not None:
            run.font.size = Pt(size)
        return run

    def cell(self, para: Para, cell: Cell, *, size: float | None = None, bold: bool = False) -> None:
        """A cell's content as runs of `para` (one function per kind of cell: CELLS)."""
        handler(CELLS, cell, "Word")(self, para, cell, size, bold)

    def title(self, text: str) -> None:
        """A block's title: a bold line kept on the page of what it introduces (not a heading: the navigation
        pane shows the document's sections, not every table)."""
        from docx.shared import Pt

        if not text:
            return
        para = self.paragraph()
        para.paragraph_format.keep_with_next = True
        para.paragraph_format.space_before = Pt(6)
        para.paragraph_format.space_after = Pt(2)
        self.run(para, text, bold=True)

    def items(self, items: list[str], *, size: float | None = None) -> None:
        from docx.shared import Pt

        for item in items:
            para = self.paragraph("List Bullet")
            para.paragraph_format.space_after = Pt(1)
            self.run(para, item, size=size)

    # --- tables ----------------------------------------------------------------------------------------------

    def table(self, columns: list[Column], rows: list[list[Cell]], *, title: str = "", caption: str = "") -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        self.title(title)
        if self.break_before:  # a table cannot start a page by itself: an empty line does
            self.paragraph()
        table = self.doc.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False
        properties = table._tbl.tblPr
        if title:  # the table's alternative text (Word: Table Properties > Alt Text)
            alt = OxmlElement("w:tblCaption")
            alt.set(qn("w:val"), _xml(title))
            properties.append(alt)
        widths = _widths(columns, rows, self.text_width_pt())
        for index, width in enumerate(widths):
            table.columns[index].width = Pt(width)
        headers: list[Cell] = [c.header for c in columns]
        for r, values in enumerate([headers, *rows]):
            row = table.rows[r]
            flags = OxmlElement("w:cantSplit")  # a row stays on one page
            row._tr.get_or_add_trPr().append(flags)
            if r == 0:
                header = OxmlElement("w:tblHeader")  # the header row repeats on every page
                header.set(qn("w:val"), "true")
                row._tr.get_or_add_trPr().append(header)
            for c, (column, value) in enumerate(zip(columns, values, strict=False)):
                cell = row.cells[c]
                cell.width = Pt(widths[c])
                para = cell.paragraphs[0]
                para.paragraph_format.space_after = Pt(0)
                para.paragraph_format.line_spacing = 1.0
                if column.justify == "right":
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if r == 0:
                    shade = OxmlElement("w:shd")
                    shade.set(qn("w:val"), "clear")
                    shade.set(qn("w:color"), "auto")
                    shade.set(qn("w:fill"), HEADER_FILL)
                    cell._tc.get_or_add_tcPr().append(shade)
                    self.run(para, str(value), size=TABLE_PT, bold=True)
                else:
                    self.cell(para, value, size=TABLE_PT)
        if caption:
            para = self.paragraph()
            para.paragraph_format.space_before = Pt(2)
            self.run(para, caption, "muted", size=SMALL_PT)
        else:
            spacer = self.paragraph()
            spacer.paragraph_format.space_after = Pt(0)
            spacer.paragraph_format.line_spacing = 0.5

    def text_width_pt(self) -> float:
        return (PAGE_MM[0] - MARGINS_MM[1] - MARGINS_MM[3]) / 25.4 * 72


def _widths(columns: list[Column], rows: list[list[Cell]], total: float) -> list[float]:
    """Column widths in points: a column without a ratio (a number, a short mark) as wide as its longest text,
    within limits; the rest shared by the columns' ratios."""
    bold = TABLE_PT * 0.62  # an average bold character of Arial at the table's size (figures are often bold)
    padding = 18  # Word's default cell margins (0.19 cm each side) and a little room
    fixed: dict[int, float] = {}
    for index, column in enumerate(columns):
        if column.ratio is None:
            longest = max([max((len(line) for line in cell_text(row[index]).split(" · ")), default=0)
                           for row in rows if index < len(row)] or [0])
            wide = max(longest * bold, max((len(word) for word in column.header.split()), default=0) * bold)
            fixed[index] = min(max(wide + padding, 36), total * 0.3)
    rest = max(total - sum(fixed.values()), total * 0.3)
    ratios = {i: (c.ratio or 1) for i, c in enumerate(columns) if i not in fixed}
    whole = sum(ratios.values()) or 1
    return [fixed[i] if i in fixed else rest * ratios[i] / whole for i in range(len(columns))]


# --- one function per kind of cell and of block ---------------------------------------------------------------

def _text(w: _Writer, para: Para, cell: str, size: float | None, bold: bool) -> None:
    w.run(para, str(cell), size=size, bold=bold)


def _styled(w: _Writer, para: Para, cell: Styled, size: float | None, bold: bool) -> None:
    w.run(para, cell.text, cell.style, size=size, bold=bold)


def _bar(w: _Writer, para: Para, cell: Bar, size: float | None, bold: bool) -> None:
    """A bar as solid blocks in the accent colour, its label beside it."""
    filled = share(cell.value, cell.maximum)
    if filled > 0:
        from docx.shared import RGBColor

        bar = w.run(para, w.solid * max(1, round(filled * 10)), size=size)
        bar.font.color.rgb = RGBColor.from_string(ACCENT)
        w.run(para, " ", size=size)
    w.run(para, cell.label, size=size, bold=bold)


def _lines(w: _Writer, para: Para, cell: Lines, size: float | None, bold: bool) -> None:
    """Each part on a line of its own, within the one paragraph of the cell."""
    for index, part in enumerate(cell.parts):
        if index:
            para.add_run().add_break()
        w.cell(para, part, size=size, bold=bold)


#: Each kind of cell (output/blocks.CELLS) as runs of a Word paragraph.
CELLS: dict[type, Callable[..., None]] = {str: _text, Styled: _styled, Bar: _bar, Lines: _lines}



def _heading(w: _Writer, block: Heading) -> None:
    level = max(1, min(block.level, w.level + 1, 9))  # in order: never a level skipped
    w.level = level
    para = w.paragraph(f"Heading {level}")
    w.run(para, block.text)


def _paragraph(w: _Writer, block: Paragraph) -> None:
    para = w.paragraph()
    w.run(para, block.text, block.style, size=SMALL_PT if block.style == "muted" else None)


def _fields(w: _Writer, block: Fields) -> None:
    w.title(block.title)
    from docx.shared import Pt

    for label, value in block.pairs:
        para = w.paragraph()
        para.paragraph_format.space_after = Pt(2)
        w.run(para, f"{label}: ", bold=True)
        w.cell(para, value)


def _table(w: _Writer, block: Table) -> None:
    w.table(block.columns, block.rows, title=block.title, caption=block.caption)


def _bullets(w: _Writer, block: BulletList) -> None:
    w.title(block.title)
    w.items(block.items)


def _notes(w: _Writer, block: Notes) -> None:
    w.title(block.title)
    w.items(block.items, size=SMALL_PT)


def _chart(w: _Writer, block: Chart) -> None:
    """The chart as a table: label, value, and a bar of solid blocks in proportion (the value is the text)."""
    from vold_cli.i18n.lang import tr

    top = max((v for _, v, _ in block.items), default=0) or 1
    columns = [Column(tr(w.lang, "Hvad", "What"), ratio=4),
               Column(block.unit or tr(w.lang, "Antal", "Number"), justify="right"),
               Column(tr(w.lang, "Søjle", "Bar"), ratio=2)]
    rows: list[list[Cell]] = [[label, shown, Styled(w.solid * max(1, round(20 * v / top)) if v > 0 else "",
                                                    "strong")] for label, v, shown in block.items]
    w.table(columns, rows, title=block.title)


def _page_break(w: _Writer, block: PageBreak) -> None:
    w.break_before = True


#: Each kind of block (output/blocks.BLOCKS) in Word: the one dispatch of block types (output/blocks.handler).
BLOCKS: dict[type, Callable[..., None]] = {
    Heading: _heading, Paragraph: _paragraph, Fields: _fields, Table: _table, BulletList: _bullets,
    Notes: _notes, Chart: _chart, PageBreak: _page_break,
}


# --- the document ---------------------------------------------------------------------------------------------

def _set_styles(w: _Writer) -> None:
    """Arial throughout, compact spacing, the document language in the defaults and every style used."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    language = LANGUAGES.get(w.lang, "en-GB")
    styles = w.doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_defaults.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    fonts = run_defaults.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(key), FONT)
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.08
    for level, size in HEADING_PT.items():
        style = styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor.from_string(ACCENT if level < 3 else "1D1D1F")
        rfonts = style.element.rPr.find(qn("w:rFonts"))
        for attribute in [a for a in rfonts.attrib if "Theme" in a or "theme" in a]:
            del rfonts.attrib[attribute]
        rfonts.set(qn("w:ascii"), FONT)
        rfonts.set(qn("w:hAnsi"), FONT)
        rfonts.set(qn("w:cs"), FONT)
        style.paragraph_format.space_before = Pt({1: 0, 2: 10, 3: 6}[level])
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.keep_with_next = True
    bullets = styles["List Bullet"]
    bullets.font.name = FONT
    bullets.paragraph_format.space_after = Pt(1)
    settings = w.doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), language)


def _page(w: _Writer, footer: str, page_word: str) -> None:
    """A4 with margins; the footer: `footer` on the left, the page number and count (PAGE / NUMPAGES) on the right."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    section = w.doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    top, right, bottom, left = MARGINS_MM
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.footer_distance = Mm(8)
    para = section.footer.paragraphs[0]
    para.paragraph_format.tab_stops.add_tab_stop(Pt(w.text_width_pt()), WD_TAB_ALIGNMENT.RIGHT)
    w.run(para, footer, "muted", size=7.5)
    w.run(para, f"\t{page_word} " if page_word else "\t", "muted", size=7.5)
    for index, field in enumerate(("PAGE", "NUMPAGES")):
        if index:
            w.run(para, " / ", "muted", size=7.5)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), f" {field} ")
        para._p.append(simple)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)


def document_bytes(doc: Document, *, lang: str, title: str, subject: str = "", creator: str = "",
                   footer: str = "", page_word: str = "", solid: str = "█") -> bytes:
    """The .docx file of `doc`, as bytes."""
    import datetime
    import io

    w = _Writer(lang, solid)
    _set_styles(w)
    _page(w, footer, page_word)
    blocks = list(doc.blocks)
    if not blocks or not (isinstance(blocks[0], Heading) and blocks[0].level == 1):
        blocks.insert(0, Heading(title or "vold", 1))  # a listing's table: its title heads the document
    for block in blocks:
        handler(BLOCKS, block, "Word")(w, block)
    props = w.doc.core_properties
    props.title = _xml(title)
    props.subject = _xml(subject)
    props.author = props.last_modified_by = _xml(creator or "vold")
    props.language = LANGUAGES.get(lang, "en-GB")
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now
    out = io.BytesIO()
    w.doc.save(out)
    return out.getvalue()


def render_to(doc: Document, context: Context) -> None:
    """The format registry's renderer: the document's blocks as a Word file, written to `context.binary`."""
    from vold_cli.output.formats import destination, load_error

    binary = destination("docx", context)
    try:
        import docx  # noqa: F401  (here, to say clearly what is missing)
    except ImportError as exc:
        raise load_error("docx", exc) from None
    binary.write(document_bytes(doc, lang=context.lang, title=context.title or "vold", subject=context.subject,
                                creator=context.creator, footer=context.footer, page_word=context.page_word,
                                solid=context.solid))
