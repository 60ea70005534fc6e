"""The Dokumen Evaluasi Kinerja Pegawai as a PDF (fpdf2: pure Python, no system packages).

The built-in PDF fonts (Helvetica/Times) cover Latin-1, which is enough for Indonesian. The few
typographic characters our own sentences use (quotes, dashes, ≥, ×, →) are replaced by ASCII;
anything else outside Latin-1 in user input is reduced to its base letter or ``?`` rather than
failing the whole document.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Literal

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

if TYPE_CHECKING:
    from server.services.evaluation.document import EvaluationDocument, Person

FONT = "Helvetica"
LINE = 5.0
CELL_PADDING = 1.0  # mm on every side of a table cell
BLANK_DATE = "." * 24  # filled in by hand when signed on paper
HEADINGS = FontFace(emphasis="BOLD", fill_color=(235, 235, 235))
REPLACEMENTS = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "—": "-",
        "–": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
        "≥": ">=",
        "≤": "<=",
        "×": "x",
        "→": "->",
        "·": "-",
        "•": "-",
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
    }
)


def latin1(text: object) -> str:
    """Text the core fonts can draw: typographic characters replaced, the rest reduced."""
    s = str(text).translate(REPLACEMENTS)
    try:
        s.encode("latin-1")
        return s
    except UnicodeEncodeError:
        pass
    out = []
    for ch in s:
        if ord(ch) < 256:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


class _Document(FPDF):
    def __init__(self, doc: EvaluationDocument) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.doc = doc
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=18)
        self.set_title(latin1(doc.title))
        self.set_creator("e-Kinerja Salatiga")
        self.set_lang("id")

    def header(self) -> None:
        marks = []
        if self.doc.demo:
            marks.append("DATA DEMO SINTETIS - bukan data pegawai sebenarnya")
        if self.doc.is_draft:
            marks.append("DRAF - penilaian belum ditetapkan")
        if not marks:
            return
        self.set_font(FONT, "B", 10)
        self.set_text_color(176, 0, 32)
        for mark in marks:
            self.centred_line(6, mark, border=1)
        self.set_text_color(0, 0, 0)
        self.ln(2)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.cell(
            0,
            5,
            latin1(
                f"Dokumen penilaian #{self.doc.evaluation_id} - {self.doc.pegawai.name} - "
                f"{self.doc.period} - dicetak {self.doc.printed_on} - "
                f"halaman {self.page_no()}/{{nb}}"
            ),
            align="C",
        )

    # -- building blocks ----------------------------------------------------------------------

    def centred_line(self, height: float, text: str, border: Literal[0, 1] = 0) -> None:
        """One line across the page, centred (``text`` already in Latin-1)."""
        self.cell(0, height, text, border=border, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(FONT, "B", 11)
        self.cell(0, 7, latin1(text), border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)
        self.set_font(FONT, "", 9)

    def subheading(self, text: str) -> None:
        self.set_font(FONT, "B", 9)
        self.cell(0, LINE + 1, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 9)

    def paragraph(self, text: str) -> None:
        self.multi_cell(0, LINE, latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def bullets(self, items: list[str]) -> None:
        if not items:
            self.paragraph("-")
            return
        for item in items:
            self.multi_cell(0, LINE, latin1(f"- {item}"), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def longest_word(self, texts: list[str], style: str, size: float) -> float:
        """Width (mm) of the longest word in ``texts`` at a font: a column narrower than this
        would have to break the word between letters."""
        self.set_font(FONT, style, size)
        words = [w for t in texts for w in latin1(t).split()]
        return max((self.get_string_width(w) for w in words), default=0.0)

    def fit_columns(
        self, weights: tuple[float, ...], head: list[str], rows: list[list[str]]
    ) -> tuple[tuple[float, ...], float]:
        """Column widths (and the font size) so that every word fits its column whole: each
        column gets at least its longest word, the rest of the page width by ``weights``. When
        even the longest words do not fit side by side, the font shrinks (down to 6.5 pt).
        Only a single word wider than the whole column can still be broken (a long URL)."""
        total = self.epw
        for size in (8.0, 7.5, 7.0, 6.5):
            minimum = [
                max(
                    self.longest_word([head[c]], "B", size),
                    self.longest_word([r[c] for r in rows], "", size),
                )
                + 2 * CELL_PADDING
                + 0.6
                for c in range(len(weights))
            ]
            if sum(minimum) <= total:
                break
        widths = _spread(minimum, weights, total)
        return widths, size

    def grid(self, weights: tuple[float, ...], head: list[str], rows: list[list[str]]) -> None:
        widths, size = self.fit_columns(weights, head, rows)
        self.set_font(FONT, "", size)
        with self.table(
            col_widths=widths,
            width=self.epw,
            padding=CELL_PADDING,
            line_height=4.2,
            text_align="LEFT",
            headings_style=HEADINGS,
            first_row_as_headings=True,
        ) as table:
            heading = table.row()
            for h in head:
                heading.cell(latin1(h))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(latin1(value))
        self.set_font(FONT, "", 9)


def _spread(minimum: list[float], weights: tuple[float, ...], total: float) -> tuple[float, ...]:
    """Widths by ``weights`` over ``total``, none below its minimum (those are fixed first)."""
    fixed: dict[int, float] = {}
    while True:
        free = [c for c in range(len(weights)) if c not in fixed]
        room = total - sum(fixed.values())
        share = sum(weights[c] for c in free)
        if not free or share <= 0:
            break
        grown = {c: room * weights[c] / share for c in free}
        short = {c: minimum[c] for c in free if grown[c] < minimum[c]}
        if not short:
            fixed.update(grown)
            break
        fixed.update(short)
    return tuple(fixed.get(c, minimum[c]) for c in range(len(weights)))


def _identity_rows(pegawai: Person, penilai: Person) -> list[list[str]]:
    return [
        ["Nama", pegawai.name, penilai.name],
        ["NIP", pegawai.nip, penilai.nip],
        ["Pangkat/Golongan", pegawai.pangkat, penilai.pangkat],
        ["Jabatan", pegawai.jabatan, penilai.jabatan],
        ["Unit Kerja", pegawai.unit, penilai.unit],
    ]


def build_pdf(doc: EvaluationDocument) -> FPDF:
    """The laid-out document (``render_pdf`` gives its bytes; tests may switch compression)."""
    pdf = _Document(doc)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.set_font(FONT, "B", 11)
    pdf.centred_line(6, latin1(doc.instansi.upper()))
    pdf.set_font(FONT, "B", 13)
    pdf.centred_line(8, "DOKUMEN EVALUASI KINERJA PEGAWAI")
    pdf.set_font(FONT, "", 9)
    pdf.centred_line(LINE, latin1(f"Periode penilaian: {doc.period} ({doc.period_dates})"))
    pdf.centred_line(LINE, latin1(f"Pendekatan: {doc.approach} - Status: {doc.status}"))

    pdf.heading("I. Identitas")
    pdf.grid(
        (30, 75, 75),
        ["", "Pegawai yang Dinilai", "Pejabat Penilai Kinerja"],
        _identity_rows(doc.pegawai, doc.penilai),
    )
    pdf.paragraph(f"Identitas per {doc.identities_on}.")

    pdf.heading("II. Hasil Kerja")
    if doc.work_results:
        pdf.grid(
            (8, 34, 36, 22, 36, 20, 24),
            [
                "No",
                "Rencana Hasil Kerja",
                "Indikator Kinerja Individu",
                "Target",
                "Realisasi",
                "Penilaian",
                "Umpan Balik",
            ],
            [
                [
                    str(w.number),
                    f"{w.text} (RHK {w.kind.lower()})",
                    "\n".join(i.text for i in w.indicators) or "-",
                    "\n".join(i.target for i in w.indicators) or "-",
                    "\n".join(i.realization for i in w.indicators) or "-",
                    w.rating,
                    w.feedback,
                ]
                for w in doc.work_results
            ],
        )
    else:
        pdf.paragraph("Tidak ada Rencana Hasil Kerja.")

    pdf.heading("III. Perilaku Kerja (BerAKHLAK)")
    pdf.grid(
        (8, 34, 52, 30, 56),
        ["No", "Nilai BerAKHLAK", "Ekspektasi Khusus Pimpinan", "Pengamatan", "Catatan"],
        [[str(b.number), b.value, b.expectation, b.rating, b.note] for b in doc.behaviors],
    )

    pdf.heading("IV. Rating dan Predikat Kinerja")
    pdf.grid(
        (34, 34, 34, 34, 44),
        ["Aspek", "Penilaian Diri Pegawai", "Usulan Sistem", "Ditetapkan Penilai", "Alasan"],
        [[r.aspect, r.self_rating, r.proposed, r.decided, r.override_reason] for r in doc.ratings],
    )
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(
        0,
        8,
        latin1(f"Predikat Kinerja Pegawai: {doc.predicate}"),
        border=1,
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font(FONT, "", 9)
    pdf.subheading("Catatan penilaian diri pegawai")
    pdf.paragraph(doc.self_note)
    pdf.subheading("Catatan Pejabat Penilai")
    pdf.paragraph(doc.assessor_note)

    pdf.heading("V. Mengapa Predikat Ini")
    for title, items in (
        ("Masukan", doc.inputs),
        ("Aturan yang diterapkan", doc.rules_applied),
        ("Perubahan dan keputusan", doc.overrides),
        ("Sumber kebijakan", doc.sources),
    ):
        pdf.subheading(title)
        pdf.bullets(items)

    pdf.heading("VI. Pengesahan")
    pdf.paragraph(f"Ditetapkan: {doc.finalised_on} - Diterima pegawai: {doc.acknowledged_on}")
    if pdf.will_page_break(45):
        pdf.add_page()
    pdf.ln(4)
    _signatures(pdf, doc)
    return pdf


def _signatures(pdf: FPDF, doc: EvaluationDocument) -> None:
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    top = pdf.get_y()
    blocks = (
        ("Pejabat Penilai Kinerja", doc.penilai, doc.finalised_on),
        ("Pegawai yang Dinilai", doc.pegawai, doc.acknowledged_on),
    )
    for n, (role, person, when) in enumerate(blocks):
        x = pdf.l_margin + n * half
        pdf.set_xy(x, top)
        pdf.set_font(FONT, "", 9)
        pdf.cell(half, LINE, latin1(f"Salatiga, {when if when != '-' else BLANK_DATE}"), align="C")
        pdf.set_xy(x, top + LINE)
        pdf.cell(half, LINE, latin1(f"{role},"), align="C")
        pdf.set_xy(x, top + LINE * 6)
        pdf.set_font(FONT, "BU", 9)
        pdf.cell(half, LINE, latin1(person.name), align="C")
        pdf.set_xy(x, top + LINE * 7)
        pdf.set_font(FONT, "", 9)
        pdf.cell(half, LINE, latin1(f"NIP {person.nip}"), align="C")
    pdf.set_xy(pdf.l_margin, top + LINE * 8)


def render_pdf(doc: EvaluationDocument) -> bytes:
    return bytes(build_pdf(doc).output())
