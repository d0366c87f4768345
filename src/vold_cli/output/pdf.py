"""A tagged PDF (PDF/UA-1, ISO 14289-1) of the document: the HTML brief (output/html.py, with its print styles:
A4, page numbers and the knowledge base's date in the footer) laid out by WeasyPrint, an optional extra
(`pip install "vold-cli[pdf]"`). The structure tree holds the headings, paragraphs, lists and tables with their
header cells; the document's language and title are set, as PDF/UA asks.

WeasyPrint is imported only inside `render_to`, and this module only when pdf is asked for (the format registry's
loader). Without WeasyPrint, or without the Pango library it loads, the error is one line naming what to install
(`formats.missing`, exit 1). The bytes go to `context.binary`; `formats.emit` writes them atomically to the -o file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vold_cli.output.blocks import Document
    from vold_cli.output.formats import Context

VARIANT = "pdf/ua-1"


def pdf_bytes(page: str) -> bytes:
    """The PDF of one HTML page (a self-contained document: nothing is fetched)."""
    import logging

    import weasyprint  # type: ignore[import-untyped, import-not-found, unused-ignore]

    # WeasyPrint reports CSS it skips (e.g. screen-only properties) on its logger: not the user's concern
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=page, url_fetcher=_no_fetch)
    data = document.write_pdf(pdf_variant=VARIANT)
    assert isinstance(data, bytes)
    return data


def _no_fetch(url: str, timeout: int = 10, ssl_context: object = None) -> dict[str, object]:
    """The page loads nothing (its Content-Security-Policy says so too): any fetch is refused."""
    raise ValueError(f"vold's PDF fetches nothing ({url[:40]})")


def render_to(doc: Document, context: Context) -> None:
    """The format registry's renderer: the document as the printed HTML page, laid out as a tagged PDF."""
    from vold_cli.output.formats import destination, load_error

    binary = destination("pdf", context)
    try:
        import weasyprint  # type: ignore[import-untyped, import-not-found, unused-ignore]  # noqa: F401
    except (ImportError, OSError) as exc:  # not installed, or the Pango library it loads is missing
        raise load_error("pdf", exc) from None
    from vold_cli.output.html import render

    page = render(doc, title=context.title or "vold", lang=context.lang, footer=context.footer,
                  page_word=context.page_word, subject=context.subject, creator=context.creator)
    binary.write(pdf_bytes(page))
