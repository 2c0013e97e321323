"""A tiny slide model and its two renderers: PowerPoint (python-pptx) and PDF (reportlab).

Both draw the same boxes at the same places on a 16:9 page (13.333 × 7.5 in), so the PDF
is the PowerPoint's content page for page. Pure: slides in, bytes out; no Streamlit.

A ``Chart`` is a native PowerPoint chart (bars a reader can restyle and whose data opens in
PowerPoint's sheet); the PDF draws its picture. Each slide's ``notes`` become its speaker
notes (the sources of what it shows), and the deck's properties (title, author = the app,
created = now) replace python-pptx's template defaults.

Text is untrusted article text: the PDF side escapes it before reportlab's paragraph
markup reads it; python-pptx writes it as plain runs.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
MARGIN = 0.6
INK = "14213D"
MUTED = "5B6475"
BLUE = "1F5FA8"
RULE = "D5DCE6"
CARD = "F3F6FA"
PPTX_FONT = "Calibri"  # on every Office install; PowerPoint substitutes on others
PDF_FONT = "DejaVuSans"  # shipped with matplotlib: French punctuation and narrow no-break spaces


@dataclass(frozen=True)
class Run:
    text: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    color: str = INK


@dataclass(frozen=True)
class Para:
    runs: tuple[Run, ...]
    space_after: float = 4  # points
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def para(text: str, size: float = 14, *, bold: bool = False, italic: bool = False, color: str = INK,
         space_after: float = 4, align: str = "left") -> Para:
    return Para((Run(str(text), size, bold, italic, color),), space_after, align)


@dataclass(frozen=True)
class TextBox:
    x: float
    y: float
    w: float
    h: float
    paras: tuple[Para, ...]
    fill: str | None = None
    padding: float = 0.06
    anchor: str = "top"  # top | middle

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class Picture:
    x: float
    y: float
    w: float
    h: float
    png: bytes
    name: str = "image"


@dataclass(frozen=True)
class Grid:
    """A table: header row, text rows, relative column widths."""
    x: float
    y: float
    w: float
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float = 12
    row_h: float = 0.42


@dataclass(frozen=True)
class Chart:
    """A bar chart: one bar per category and series, horizontal by default, largest first as
    given; ``None`` leaves a category without a bar. ``png`` is how the PDF draws it."""
    x: float
    y: float
    w: float
    h: float
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    png: bytes | None = None
    name: str = "chart"
    number_format: str = "#,##0"
    horizontal: bool = True
    color: str = BLUE


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str = BLUE


@dataclass
class Slide:
    title: str
    blocks: list = field(default_factory=list)
    kind: str = ""  # what the slide is for (tests): title, map, chart, tracker, events, sources
    footer: str = ""
    page: str = ""  # "2 / 6", right of the footer
    notes: str = ""  # the speaker notes: where what the slide shows comes from


@dataclass(frozen=True)
class DeckInfo:
    """The document's properties, instead of python-pptx's template defaults."""
    title: str
    author: str
    subject: str = ""
    language: str = "fr-FR"
    keywords: str = ""


def _rgb(hex_color: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_color)


# --------------------------------------------------------------------------- PowerPoint

def _pptx_text(frame, paras: tuple[Para, ...], *, padding: float, anchor: str) -> None:
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Inches, Pt

    frame.word_wrap = True
    frame.margin_left = frame.margin_right = Inches(padding)
    frame.margin_top = frame.margin_bottom = Inches(padding / 2)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE if anchor == "middle" else MSO_ANCHOR.TOP
    for i, p in enumerate(paras):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = {"center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}.get(p.align, PP_ALIGN.LEFT)
        paragraph.space_after = Pt(p.space_after)
        for r in p.runs:
            run = paragraph.add_run()
            run.text = r.text
            run.font.size = Pt(r.size)
            run.font.bold = r.bold
            run.font.italic = r.italic
            run.font.name = PPTX_FONT
            run.font.color.rgb = _rgb(r.color)


def _fit(png: bytes, w: float, h: float) -> tuple[float, float, float, float]:
    """Offset and size (inches) of an image fitted, centred, into a w × h box."""
    from PIL import Image

    with Image.open(io.BytesIO(png)) as img:
        ratio = img.width / img.height
    fw, fh = (w, w / ratio) if w / ratio <= h else (h * ratio, h)
    return (w - fw) / 2, (h - fh) / 2, fw, fh


def _pptx_block(slide, block) -> None:
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    if isinstance(block, Rect):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(block.x), Inches(block.y), Inches(block.w),
                                       Inches(block.h))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(block.fill)
        shape.line.fill.background()
        shape.shadow.inherit = False
    elif isinstance(block, TextBox):
        if block.fill:
            shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(block.x), Inches(block.y), Inches(block.w),
                                           Inches(block.h))
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(block.fill)
            shape.line.fill.background()
            shape.shadow.inherit = False
        else:
            shape = slide.shapes.add_textbox(Inches(block.x), Inches(block.y), Inches(block.w), Inches(block.h))
        _pptx_text(shape.text_frame, block.paras, padding=block.padding, anchor=block.anchor)
    elif isinstance(block, Picture):
        dx, dy, fw, fh = _fit(block.png, block.w, block.h)
        picture = slide.shapes.add_picture(io.BytesIO(block.png), Inches(block.x + dx), Inches(block.y + dy),
                                           Inches(fw), Inches(fh))
        picture.name = block.name
    elif isinstance(block, Chart):
        _pptx_chart(slide, block)
    elif isinstance(block, Grid):
        n_rows = len(block.rows) + 1
        shape = slide.shapes.add_table(n_rows, len(block.header), Inches(block.x), Inches(block.y), Inches(block.w),
                                       Inches(block.row_h * n_rows))
        table = shape.table
        total = sum(block.widths)
        for i, width in enumerate(block.widths):
            table.columns[i].width = Inches(block.w * width / total)
        for r, values in enumerate([block.header, *block.rows]):
            table.rows[r].height = Inches(block.row_h)
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = Inches(0.06)
                cell.margin_top = cell.margin_bottom = Inches(0.03)
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(BLUE if r == 0 else ("FFFFFF" if r % 2 else CARD))
                _pptx_text(cell.text_frame, (para(value, block.size, bold=r == 0,
                                                  color="FFFFFF" if r == 0 else INK, space_after=0),),
                           padding=0.06, anchor="middle")
    else:
        raise TypeError(f"unknown slide block {type(block).__name__}")


def _pptx_chart(slide, block: Chart) -> None:
    """A native clustered bar chart (python-pptx): data labels in the block's number format, the
    categories in the given order top to bottom, no legend for a single series."""
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
    from pptx.util import Inches, Pt

    data = CategoryChartData(number_format=block.number_format)
    data.categories = list(block.categories)
    for name, values in block.series:
        data.add_series(name, list(values))
    kind = XL_CHART_TYPE.BAR_CLUSTERED if block.horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    frame = slide.shapes.add_chart(kind, Inches(block.x), Inches(block.y), Inches(block.w), Inches(block.h), data)
    frame.name = block.name
    chart = frame.chart
    chart.font.size = Pt(12)
    chart.font.name = PPTX_FONT
    chart.font.color.rgb = _rgb(INK)
    chart.has_legend = len(block.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = block.number_format
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(12)
    labels.font.bold = True
    if len(block.series) == 1:
        series = plot.series[0]
        series.format.fill.solid()
        series.format.fill.fore_color.rgb = _rgb(block.color)
    if block.horizontal:
        chart.category_axis.reverse_order = True  # the first category on top, as listed
    chart.category_axis.tick_labels.font.size = Pt(12)
    chart.category_axis.format.line.color.rgb = _rgb(RULE)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = _rgb(RULE)
    value_axis.tick_labels.number_format = block.number_format
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.tick_labels.font.size = Pt(10)
    value_axis.tick_labels.font.color.rgb = _rgb(MUTED)
    value_axis.format.line.fill.background()


def pptx_bytes(slides: list[Slide], info: DeckInfo | None = None, *, now=None) -> bytes:
    """A 16:9 deck; each slide's title goes in its title placeholder (outline view, screen readers),
    its notes in the speaker notes. ``info`` sets the document's properties (created and modified
    ``now``, UTC by default); without it they are cleared of python-pptx's template values."""
    from datetime import UTC, datetime

    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None, microsecond=0)
    props = deck.core_properties
    props.title = info.title if info else ""
    props.author = props.last_modified_by = info.author if info else ""
    props.subject = info.subject if info else ""
    props.language = info.language if info else ""
    props.keywords = info.keywords if info else ""
    props.comments = ""
    props.created = props.modified = stamp
    props.revision = 1
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    title_only = deck.slide_layouts[5]
    for spec in slides:
        slide = deck.slides.add_slide(title_only)
        title = slide.shapes.title
        title.left, title.top, title.width, title.height = Inches(MARGIN), Inches(0.3), Inches(SLIDE_W - 2 * MARGIN), Inches(0.8)
        _pptx_text(title.text_frame, (para(spec.title, 28, bold=True, color=INK, space_after=0),), padding=0,
                   anchor="middle")
        for block in _chrome(spec) + list(spec.blocks):
            _pptx_block(slide, block)
        slide.notes_slide.notes_text_frame.text = spec.notes
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _chrome(spec: Slide) -> list:
    """The rule under the title and the footer, the same on every slide."""
    blocks = [Rect(MARGIN, 1.13, SLIDE_W - 2 * MARGIN, 0.03, RULE)]
    if spec.footer:
        blocks.append(TextBox(MARGIN, SLIDE_H - 0.45, SLIDE_W - 2 * MARGIN - 1.2, 0.32,
                              (para(spec.footer, 10, color=MUTED, space_after=0),), padding=0))
    if spec.page:
        blocks.append(TextBox(SLIDE_W - MARGIN - 1.2, SLIDE_H - 0.45, 1.2, 0.32,
                              (para(spec.page, 10, color=MUTED, space_after=0, align="right"),), padding=0))
    return blocks


# --------------------------------------------------------------------------- PDF

@lru_cache(maxsize=1)
def _pdf_fonts() -> str:
    """Register DejaVu Sans (regular, bold, italics) from matplotlib's data folder."""
    import matplotlib
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {(0, 0): "DejaVuSans", (1, 0): "DejaVuSans-Bold", (0, 1): "DejaVuSans-Oblique",
             (1, 1): "DejaVuSans-BoldOblique"}
    for (bold, italic), name in faces.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
        addMapping(PDF_FONT, bold, italic, name)
    return PDF_FONT


def _markup(p: Para) -> str:
    parts = []
    for r in p.runs:
        text = escape(r.text).replace("\n", "<br/>")
        if r.bold:
            text = f"<b>{text}</b>"
        if r.italic:
            text = f"<i>{text}</i>"
        parts.append(f'<font size="{r.size}" color="#{r.color}">{text}</font>')
    return "".join(parts)


def _pdf_paragraphs(paras: tuple[Para, ...]) -> list:
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    font = _pdf_fonts()
    flow = []
    for p in paras:
        size = max((r.size for r in p.runs), default=12)
        style = ParagraphStyle("p", fontName=font, fontSize=size, leading=size * 1.2, spaceAfter=p.space_after,
                               alignment={"center": TA_CENTER, "right": TA_RIGHT}.get(p.align, TA_LEFT))
        flow.append(Paragraph(_markup(p), style))
    return flow


def _pdf_box(canvas, x: float, y: float, w: float, h: float, flow: list, *, padding: float = 0.0,
             anchor: str = "top") -> None:
    """Draw flowables in a box given in inches from the top-left; shrink them if they overflow."""
    from reportlab.lib.units import inch
    from reportlab.platypus import KeepInFrame

    inner_w, inner_h = (w - 2 * padding) * inch, (h - padding) * inch
    content = KeepInFrame(inner_w, inner_h, flow, mode="shrink")
    _, used_h = content.wrapOn(canvas, inner_w, inner_h)
    top = (SLIDE_H - y) * inch - padding / 2 * inch
    offset = (inner_h - used_h) / 2 if anchor == "middle" else 0
    content.drawOn(canvas, (x + padding) * inch, top - offset - used_h)


def _pdf_block(canvas, block) -> None:
    from reportlab.lib import colors
    from reportlab.lib.units import inch
    from reportlab.lib.utils import ImageReader

    if isinstance(block, Rect):
        canvas.setFillColor(colors.HexColor(f"#{block.fill}"))
        canvas.rect(block.x * inch, (SLIDE_H - block.y - block.h) * inch, block.w * inch, block.h * inch,
                    stroke=0, fill=1)
    elif isinstance(block, TextBox):
        if block.fill:
            _pdf_block(canvas, Rect(block.x, block.y, block.w, block.h, block.fill))
        _pdf_box(canvas, block.x, block.y, block.w, block.h, _pdf_paragraphs(block.paras), padding=block.padding,
                 anchor=block.anchor)
    elif isinstance(block, Picture):
        dx, dy, fw, fh = _fit(block.png, block.w, block.h)
        canvas.drawImage(ImageReader(io.BytesIO(block.png)), (block.x + dx) * inch,
                         (SLIDE_H - block.y - dy - fh) * inch, fw * inch, fh * inch)
    elif isinstance(block, Chart):
        if block.png:
            _pdf_block(canvas, Picture(block.x, block.y, block.w, block.h, block.png, block.name))
    elif isinstance(block, Grid):
        _pdf_grid(canvas, block)
    else:
        raise TypeError(f"unknown slide block {type(block).__name__}")


def _pdf_grid(canvas, block: Grid) -> None:
    from reportlab.lib import colors
    from reportlab.lib.units import inch
    from reportlab.platypus import Table, TableStyle

    total = sum(block.widths)
    widths = [block.w * inch * w / total for w in block.widths]
    header = [_pdf_paragraphs((para(v, block.size, bold=True, color="FFFFFF", space_after=0),))[0] for v in block.header]
    rows = [[_pdf_paragraphs((para(v, block.size, space_after=0),))[0] for v in row] for row in block.rows]
    table = Table([header, *rows], colWidths=widths, rowHeights=[block.row_h * inch] * (len(rows) + 1))
    style = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(f"#{BLUE}")),
             ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LEFTPADDING", (0, 0), (-1, -1), 0.06 * inch), ("RIGHTPADDING", (0, 0), (-1, -1), 0.06 * inch)]
    style += [("BACKGROUND", (0, r), (-1, r), colors.HexColor(f"#{CARD}")) for r in range(2, len(rows) + 1, 2)]
    table.setStyle(TableStyle(style))
    height = block.row_h * (len(rows) + 1)
    _pdf_box(canvas, block.x, block.y, block.w, height + 0.05, [table])


def pdf_bytes(slides: list[Slide], *, title: str = "", lang: str = "fr", author: str = "") -> bytes:
    """One 16:9 page per slide, drawn like the PowerPoint."""
    from reportlab.lib.units import inch
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(SLIDE_W * inch, SLIDE_H * inch), pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator(author)
    canvas.setSubject(title)
    if hasattr(canvas, "setLang"):  # reportlab ≥ 4: screen readers pick the right voice
        canvas.setLang(lang)
    for spec in slides:
        title_box = TextBox(MARGIN, 0.3, SLIDE_W - 2 * MARGIN, 0.8,
                            (para(spec.title, 28, bold=True, space_after=0),), padding=0, anchor="middle")
        for block in [title_box, *_chrome(spec), *spec.blocks]:
            _pdf_block(canvas, block)
        canvas.bookmarkPage(f"p{id(spec)}")
        canvas.addOutlineEntry(spec.title, f"p{id(spec)}", level=0)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
