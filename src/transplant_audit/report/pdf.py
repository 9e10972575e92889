"""The PDF view (reportlab), with charts rendered offline to PNG by vl-convert.

Chinese names need a CJK font. A TrueType CJK font installed on the machine is
used when one is found; otherwise the PDF falls back to reportlab's built-in
CID font ``STSong-Light`` (Adobe-GB1), which every PDF reader can display
without the font being embedded. Debian's Noto CJK fonts are OpenType/CFF,
which reportlab cannot embed, so on most machines the fallback is what is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Sequence
from functools import cache
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as RLTable

from transplant_audit.fileerrors import write_bytes_atomic, write_cache_atomic
from transplant_audit.jsonvalue import plain
from transplant_audit.report.fmt import is_missing, num
from transplant_audit.report.model import (
    Derivation,
    Figure,
    Headline,
    Link,
    Para,
    Ref,
    Report,
    Run,
    Table,
    Unavailable,
)

CJK_TTF_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
CID_FALLBACK = "STSong-Light"
CJK_PACKAGE = "fonts-wqy-microhei"
"""Debian package of the first candidate: a TrueType CJK font reportlab embeds (subset)."""
MAX_TABLE_ROWS = 80


@cache
def cjk_font(candidates: tuple[str, ...] = CJK_TTF_CANDIDATES) -> str:
    """Register and return the name of a font that can draw Chinese characters.

    Tries each TrueType candidate (reportlab cannot embed CFF-outline fonts such
    as Noto CJK and raises for them); falls back to the CID font STSong-Light.
    """
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for path in candidates:
        if not Path(path).is_file():
            continue
        try:
            font = (
                TTFont("ta-cjk", path, subfontIndex=0)
                if path.endswith(".ttc")
                else TTFont("ta-cjk", path)
            )
            pdfmetrics.registerFont(font)
            return "ta-cjk"
        except (TTFError, OSError, ValueError, KeyError, AssertionError):
            continue
    import warnings

    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    from transplant_audit.errors import MissingFontWarning

    warnings.warn(
        MissingFontWarning(
            "no TrueType CJK font found, so Chinese text in report.pdf uses the "
            f"{CID_FALLBACK} font, which is not embedded (readers without it show boxes); "
            f"install one, e.g. on Debian/Ubuntu: apt-get install {CJK_PACKAGE}"
        ),
        stacklevel=2,
    )
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
    return CID_FALLBACK


_ASCII_FOR = str.maketrans({"\u2212": "-", "\u2264": "<=", "\u2265": ">=", "\u2248": "~"})


def _needs_wide_font(ch: str) -> bool:
    """True for characters the standard PDF fonts (Windows-1252) cannot draw."""
    try:
        ch.encode("cp1252")
        return False
    except UnicodeEncodeError:
        return True


def text(value: object, cjk: str) -> str:
    """Escape for a reportlab Paragraph; characters the standard fonts lack (Chinese, most
    symbols) are drawn in the CJK font, which covers them."""
    out: list[str] = []
    raw = str(value).translate(_ASCII_FOR)
    for chunk, wide in _split_wide(raw):
        esc = escape(chunk)
        out.append(f'<font name="{cjk}">{esc}</font>' if wide else esc)
    return "".join(out)


def _split_wide(raw: str) -> list[tuple[str, bool]]:
    if raw.isascii():  # the usual case: every ASCII character is in the standard fonts
        return [(raw, False)] if raw else []
    runs: list[tuple[str, bool]] = []
    for ch in raw:
        wide = _needs_wide_font(ch)
        if runs and runs[-1][1] == wide:
            runs[-1] = (runs[-1][0] + ch, wide)
        else:
            runs.append((ch, wide))
    return runs


class _Styles:
    def __init__(self) -> None:
        base = getSampleStyleSheet()
        self.title = ParagraphStyle(
            "t", parent=base["Title"], fontSize=18, leading=22, alignment=TA_LEFT
        )
        self.h1 = ParagraphStyle(
            "h1", parent=base["Heading1"], fontSize=14, leading=18, spaceBefore=10
        )
        self.h2 = ParagraphStyle(
            "h2", parent=base["Heading2"], fontSize=11, leading=14, spaceBefore=6
        )
        self.body = ParagraphStyle("b", parent=base["BodyText"], fontSize=9.5, leading=13)
        self.small = ParagraphStyle(
            "s", parent=self.body, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")
        )
        self.cell = ParagraphStyle("c", parent=self.body, fontSize=6.5, leading=8)
        self.head_cell = ParagraphStyle("hc", parent=self.cell, fontName="Helvetica-Bold")
        self.box = ParagraphStyle(
            "box",
            parent=self.body,
            textColor=colors.HexColor("#8a4b00"),
            backColor=colors.HexColor("#fff8ef"),
            borderColor=colors.HexColor("#8a4b00"),
            borderWidth=0.5,
            borderPadding=5,
            spaceBefore=6,
            spaceAfter=8,
        )
        self.big = ParagraphStyle(
            "big", parent=self.body, fontName="Helvetica-Bold", fontSize=16, leading=20
        )


def _runs(runs: Sequence[Run], cjk: str) -> str:
    out: list[str] = []
    for run in runs:
        if isinstance(run, Ref):
            out.append(
                f'<super><a href="#note-{run.number}" color="#1b6ca8">[{run.number}]</a></super>'
            )
        elif isinstance(run, Link):
            out.append(text(run.text, cjk))
        else:
            out.append(text(run, cjk))
    return "".join(out)


def _cell_text(value: object) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "yes" if value else "no"
    if isinstance(value, float):
        if value == int(value) and abs(value) < 1e15:
            return f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
        return num(value) if abs(value) >= 100 else f"{value:.3g}"
    return str(value)


def _table_as_list(t: Table, st: _Styles, cjk: str, limit: int | None) -> list[Flowable]:
    """A long table as one small paragraph per row ("id: col value; col value ...").

    reportlab lays out a table of hundreds of rows of wrapped cells very slowly
    (one Paragraph per cell); one Paragraph per row prints the same content in a
    fraction of the time and reads well for the appendix.
    """
    df = t.data if limit is None else t.data.head(limit)
    cols = [str(c) for c in df.columns]
    out: list[Flowable] = [Paragraph(text(t.title, cjk), st.h2)]
    for row in df.itertuples(index=False, name=None):
        first = _cell_text(row[0])
        rest = "; ".join(
            f"{escape(c)}: {cell_markup(_cell_text(v)[:300], cjk)}"
            for c, v in zip(cols[1:], row[1:], strict=True)
            if _cell_text(v)
        )
        out.append(Paragraph(f"<b>{text(first, cjk)}</b> {rest}", st.cell))
    if len(df) < len(t.data):
        out.append(
            Paragraph(
                f"Showing {len(df)} of {len(t.data)} rows; all rows are in "
                f"data/{escape(t.name)}.csv and in the HTML report.",
                st.small,
            )
        )
    out.append(Spacer(1, 6))
    return out


URL = re.compile(r"https?://[^\s<>\"']+")


def cell_markup(value: str, cjk: str) -> str:
    """A cell's text; a web address (http or https only) becomes a clickable link."""
    if URL.fullmatch(value):
        href = escape(value, {'"': "&quot;"})
        return f'<a href="{href}" color="#1b6ca8">{text(value, cjk)}</a>'
    return text(value, cjk)


class _OutlinedDoc(SimpleDocTemplate):
    """A document whose section and table headings become PDF bookmarks (the outline)."""

    LEVELS = {"h1": 0, "h2": 1}

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab hook
        level = self.LEVELS.get(getattr(getattr(flowable, "style", None), "name", ""))
        if level is None or not isinstance(flowable, Paragraph):
            return
        if level > 0 and not getattr(self, "_has_top_entry", False):
            level = 0  # a table before any section heading: keep the outline well formed
        self._has_top_entry = True
        title = flowable.getPlainText()
        key = f"outline-{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)


SHORT_CELL = 18
"""Cells up to this many ASCII characters are drawn as plain strings, without wrapping."""
LIST_MODE_ROWS = 40
"""Tables longer than this print as one paragraph per row."""


def _table(t: Table, st: _Styles, cjk: str, width: float, limit: int | None) -> list[Flowable]:
    df = t.data
    shown = df if limit is None else df.head(limit)
    if len(shown) > LIST_MODE_ROWS:
        return _table_as_list(t, st, cjk, limit)
    head = [Paragraph(text(c, cjk), st.head_cell) for c in df.columns]
    rows: list[list[object]] = [head]
    for row in shown.itertuples(index=False, name=None):
        cells: list[object] = []
        for v in row:
            t_ = _cell_text(v)[:400]
            # short plain cells are drawn as strings (fast); long or Chinese text wraps
            if len(t_) <= SHORT_CELL and t_.isascii():
                cells.append(t_)
            else:
                cells.append(Paragraph(cell_markup(t_, cjk), st.cell))
        rows.append(cells)
    # column widths proportional to content length (capped), so long text columns get room
    lengths = []
    for i, c in enumerate(df.columns):
        sample = [len(_cell_text(v)) for v in shown.iloc[:, i].head(200)] or [0]
        lengths.append(min(40, max(len(str(c)), int(pd.Series(sample).quantile(0.9)))) + 3)
    total = sum(lengths)
    widths = [width * n / total for n in lengths]
    table = RLTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f5")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 6.5, 8),
            ]
        )
    )
    out: list[Flowable] = [Paragraph(text(t.title, cjk), st.h2), table]
    if len(shown) < len(df):
        out.append(
            Paragraph(
                f"Showing {len(shown)} of {len(df)} rows; all rows are in "
                f"data/{escape(t.name)}.csv "
                "and in the HTML report.",
                st.small,
            )
        )
    if t.caption:
        out.append(Paragraph(_runs(t.caption, cjk), st.small))
    out.append(Spacer(1, 6))
    return out


PNG_SCALE = 1.5
MAX_CACHED_PNGS = 400
"""Chart PNGs kept in the cache directory; the least recently used beyond this are removed."""
_PNG_START, _PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


def chart_png(spec: dict) -> bytes:
    """Render a Vega-Lite spec to PNG offline (vl-convert's embedded engine; no network).

    A rendered chart is kept in the cache directory under the sha256 of its spec, the
    scale and the vl-convert version, so a chart whose spec did not change since the
    last report is read back instead of rendered (about 0.1-0.3 s a chart). A damaged
    or unreadable cache file is rendered again. The spec is rendered and keyed as
    ``jsonvalue.plain`` makes it, the same JSON the HTML report embeds.
    """
    import vl_convert

    spec = plain(spec)
    path = _png_cache_path(spec, getattr(vl_convert, "__version__", "unknown"))
    try:
        cached = path.read_bytes()
        if cached.startswith(_PNG_START) and cached.endswith(_PNG_END):
            os.utime(path)  # recently used: kept by the pruning
            return cached
    except OSError:
        pass
    png = vl_convert.vegalite_to_png(spec, scale=PNG_SCALE)
    write_cache_atomic(path, png)  # if it fails, no cache: rendered again next time
    return png


def _png_cache_path(spec: dict, renderer: str) -> Path:
    from transplant_audit.paths import cache_dir

    text = json.dumps(plain(spec), sort_keys=True, ensure_ascii=False, allow_nan=False)
    key = hashlib.sha256(f"{renderer}\0{PNG_SCALE}\0{text}".encode()).hexdigest()
    return cache_dir() / "charts" / f"{key}.png"


def prune_png_cache(keep: int | None = None) -> None:
    """Remove the least recently used chart PNGs beyond ``keep`` (default ``MAX_CACHED_PNGS``)."""
    from transplant_audit.paths import cache_dir

    keep = MAX_CACHED_PNGS if keep is None else keep
    try:
        files = sorted(
            (cache_dir() / "charts").glob("*.png"), key=lambda f: f.stat().st_mtime, reverse=True
        )
        for stale in files[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass


def render_pngs(
    figures: Sequence[Figure],
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[bytes | Exception]:
    """Every chart as PNG, rendered in parallel (vl-convert renders outside the GIL) or read
    from the cache of charts rendered before (``chart_png``).

    A chart that fails to render gives its exception in place of the PNG, so the PDF
    can say which chart is missing and why.
    """
    from concurrent.futures import ThreadPoolExecutor, as_completed

    def one(f: Figure) -> bytes | Exception:
        try:
            return chart_png(f.spec)
        except Exception as exc:  # noqa: BLE001 - handed to the PDF, which shows it
            return exc

    if not figures:
        return []
    with ThreadPoolExecutor(max_workers=workers or min(len(figures), os.cpu_count() or 1)) as ex:
        futures = [ex.submit(one, f) for f in figures]
        for done, _ in enumerate(as_completed(futures), start=1):
            if progress:
                progress(done, len(figures))
        pngs = [future.result() for future in futures]
    prune_png_cache()
    return pngs


def _figure(
    f: Figure, png: bytes | Exception, st: _Styles, cjk: str, width: float
) -> list[Flowable]:
    if isinstance(png, Exception):
        reason = escape(str(png))[:200]
        return [Paragraph(f"Not available: chart {escape(f.title)} ({reason})", st.box)]
    img = Image(BytesIO(png))
    scale = min(1.0, width / img.imageWidth)
    img.drawWidth = img.imageWidth * scale
    img.drawHeight = img.imageHeight * scale
    if img.drawHeight > 180 * mm:
        shrink = 180 * mm / img.drawHeight
        img.drawWidth *= shrink
        img.drawHeight *= shrink
    caption = Paragraph(
        f"<b>{text(f.title, cjk)}.</b> {_runs(f.caption, cjk)} "
        f"<i>Chart description:</i> {text(f.alt, cjk)}",
        st.small,
    )
    return [KeepTogether([img, caption]), Spacer(1, 8)]


def render_pdf(
    report: Report,
    path: Path,
    *,
    version: str,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write the report as a PDF to ``path``, atomically (nothing is left there on failure)."""
    cjk = cjk_font()
    st = _Styles()
    # built in memory, then written by the shared atomic writer: a failed build or write
    # leaves no file at ``path`` (neither a half-written PDF nor a temp file)
    built = BytesIO()
    doc = _OutlinedDoc(
        built,
        pagesize=A4,
        leftMargin=16 * mm,
        rightMargin=16 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=report.title,
        author="transplant-audit",
        subject=report.subtitle,
        creator=f"transplant-audit {version}",
    )
    width = doc.width
    story: list[Flowable] = [
        Paragraph(text(report.title, cjk), st.title),
        Paragraph(text(report.subtitle, cjk), st.body),
        Paragraph(
            f"transplant-audit {escape(version)}; "
            f"inputs {escape(str(report.inputs.get('inputs_digest') or ''))}; "
            f"seed {escape(str(report.inputs.get('seed')))}; "
            f"draws {escape(str(report.inputs.get('draws')))}.",
            st.small,
        ),
        Spacer(1, 8),
    ]
    figures = report.figures()
    pngs = dict(zip(map(id, figures), render_pngs(figures, progress=progress), strict=True))
    for sec in report.sections:
        if sec.id.startswith("appendix-sources"):
            story.append(PageBreak())
        story.append(Paragraph(text(sec.title, cjk), st.h1))
        for b in sec.blocks:
            if isinstance(b, Para):
                style = st.body
                story.append(Paragraph(_runs(b.runs, cjk), style))
                story.append(Spacer(1, 4))
            elif isinstance(b, Unavailable):
                story.append(
                    Paragraph(
                        f"<b>Not available: {text(b.what, cjk)}</b><br/>{text(b.reason, cjk)}",
                        st.box,
                    )
                )
            elif isinstance(b, Headline):
                cells = [
                    [
                        Paragraph(text(i.label, cjk), st.small),
                        Paragraph(text(i.value, cjk), st.big),
                        Paragraph(_runs(i.detail, cjk), st.small),
                    ]
                    for i in b.items
                ]
                row = [cell for cell in cells]
                tbl = RLTable([row], colWidths=[width / max(1, len(row))] * len(row))
                tbl.setStyle(
                    TableStyle(
                        [
                            ("BOX", (0, 0), (-1, -1), 0.5, colors.HexColor("#1b6ca8")),
                            ("INNERGRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#cccccc")),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ]
                    )
                )
                story += [tbl, Spacer(1, 8)]
            elif isinstance(b, Figure):
                story += _figure(b, pngs[id(b)], st, cjk, width)
            elif isinstance(b, Table):
                limit = b.max_rows_pdf if b.max_rows_pdf is not None else None
                if (
                    limit is None
                    and len(b.data) > MAX_TABLE_ROWS
                    and b.name not in ("sources", "observations", "assumptions")
                ):
                    limit = MAX_TABLE_ROWS
                story += _table(b, st, cjk, width, limit)
            elif isinstance(b, Derivation):
                items = [Paragraph(f"<b>{text(b.title, cjk)}</b>", st.body)]
                items += [Paragraph("• " + _runs(line, cjk), st.small) for line in b.lines]
                story += [KeepTogether(items), Spacer(1, 4)]
    story.append(PageBreak())
    notes_title = report.ui.get("notes_title", "Notes: where each figure comes from")
    story.append(Paragraph(text(notes_title, cjk), st.h1))
    for n in report.notes.items:
        parts = [f'<a name="note-{n.number}"/><b>[{n.number}]</b> {text(n.text, cjk)}']
        same = report.notes.same_as(n)
        if same is not None:
            parts.append(f"the same observations, assumptions and sources as note [{same}]")
        elif n.observations:
            shown = ", ".join(n.observations[:40])
            more = (
                f" and {len(n.observations) - 40} more (data/notes.json)"
                if len(n.observations) > 40
                else ""
            )
            parts.append(f"observations: {text(shown, cjk)}{more}")
        if n.assumptions and same is None:
            parts.append(f"assumptions: {text(', '.join(n.assumptions), cjk)}")
        if n.sources and same is None:
            parts.append(f"sources: {text(', '.join(n.sources), cjk)}")
        if n.anchors:
            parts.append("see: " + text(", ".join(a.text for a in n.anchors), cjk))
        story.append(Paragraph("<br/>".join(parts), st.small))
        story.append(Spacer(1, 2))
    doc.build(story, onFirstPage=_footer(version), onLaterPages=_footer(version))
    write_bytes_atomic(path, built.getvalue())


def _footer(version: str) -> Callable:
    def draw(canvas, doc) -> None:  # noqa: ANN001 - reportlab callback signature
        canvas.saveState()
        canvas.setFont("Helvetica", 7)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(
            16 * mm,
            9 * mm,
            f"transplant-audit {version} · every figure is linked to its sources in the notes",
        )
        canvas.drawRightString(A4[0] - 16 * mm, 9 * mm, f"page {doc.page}")
        canvas.restoreState()

    return draw
