"""The printable HTML of the Dokumen Evaluasi Kinerja Pegawai.

Built from escaped pieces (``html.escape`` on every value, attributes always quoted): names,
feedback, notes and reasons are user input. No inline script or style (the CSP is
``default-src 'self'; style-src 'self'``): the layout, A4 print rules included, comes from
``DOCUMENT_CSS`` served at ``CSS_PATH``.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server.services.evaluation.document import EvaluationDocument, Person

CSS_PATH = "/api/evaluations/document.css"
BLANK_DATE = "." * 24  # filled in by hand when signed on paper

DOCUMENT_CSS = """\
*{box-sizing:border-box}
body{margin:0;font-family:"Times New Roman",Times,serif;font-size:11pt;line-height:1.4;
color:#000;background:#e9ecef}
main{max-width:210mm;margin:1rem auto;padding:15mm;background:#fff}
header{text-align:center;margin-bottom:1rem}
.instansi{margin:0;font-weight:700;text-transform:uppercase}
h1{font-size:14pt;margin:.25rem 0;text-transform:uppercase}
h2{font-size:12pt;margin:1.25rem 0 .4rem;border-bottom:1px solid #000}
h3{font-size:11pt;margin:.6rem 0 .2rem}
.meta{margin:.1rem 0}
table{width:100%;border-collapse:collapse;margin:.25rem 0}
th,td{border:1px solid #000;padding:.2rem .35rem;vertical-align:top;text-align:left;
overflow-wrap:break-word;word-break:normal;hyphens:manual}
.wide{overflow-x:auto}
.wide table{min-width:40rem}
table.dense{font-size:9pt}
table.dense th,table.dense td{padding:.15rem .25rem}
th{background:#f0f0f0}
table.identity td:first-child,table.identity td:nth-child(3){width:17%;font-weight:700}
.num{width:2.2em;text-align:center}
.predicate{font-size:13pt;margin:.6rem 0;padding:.4rem .6rem;border:2px solid #000}
.note{white-space:pre-wrap;margin:.2rem 0}
ul{margin:.2rem 0;padding-left:1.3rem}
.mark{margin:0 0 .8rem;padding:.3rem;text-align:center;font-weight:700;letter-spacing:.1em;
border:3px double #b00020;color:#b00020}
.draft{border-color:#7a5a00;color:#7a5a00}
.signatures{display:flex;justify-content:space-between;gap:2rem;margin-top:2rem;
break-inside:avoid;page-break-inside:avoid}
.signature{flex:1;text-align:center}
.signature .space{height:5.5rem}
.signature .name{font-weight:700;text-decoration:underline;margin:0}
.signature p{margin:.1rem 0}
@media screen and (max-width:40rem){main{margin:0;padding:4mm}}
footer{margin-top:1.5rem;font-size:9pt;color:#333;border-top:1px solid #999;padding-top:.3rem}
@page{size:A4;margin:15mm}
@media print{
body{background:#fff}
main{margin:0;padding:0;max-width:none}
th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,li{break-inside:avoid;page-break-inside:avoid}
h2,h3{break-after:avoid;page-break-after:avoid}
.wide{overflow:visible}
.mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _list(items: list[str]) -> str:
    if not items:
        return "<p>-</p>"
    return "<ul>" + "".join(f"<li>{_e(x)}</li>" for x in items) + "</ul>"


def _table(css_class: str | None, columns: tuple[str, ...], body: str) -> str:
    """A table that scrolls sideways on a narrow screen; a column "No" is numbered."""
    head = "".join(
        f'<th class="num" scope="col">{c}</th>' if c == "No" else f'<th scope="col">{c}</th>'
        for c in columns
    )
    table = "<table>" if css_class is None else f'<table class="{css_class}">'
    return (
        f'<div class="wide">{table}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )


def _identity(pegawai: Person, penilai: Person) -> str:
    rows = [
        ("Nama", pegawai.name, penilai.name),
        ("NIP", pegawai.nip, penilai.nip),
        ("Pangkat/Golongan", pegawai.pangkat, penilai.pangkat),
        ("Jabatan", pegawai.jabatan, penilai.jabatan),
        ("Unit Kerja", pegawai.unit, penilai.unit),
    ]
    body = "".join(
        f"<tr><td>{_e(label)}</td><td>{_e(a)}</td><td>{_e(label)}</td><td>{_e(b)}</td></tr>"
        for label, a, b in rows
    )
    return (
        '<div class="wide"><table class="identity"><thead><tr><th colspan="2" scope="colgroup">Pegawai yang '
        'Dinilai</th><th colspan="2" scope="colgroup">Pejabat Penilai Kinerja</th></tr>'
        f"</thead><tbody>{body}</tbody></table></div>"
    )


def _work_results(doc: EvaluationDocument) -> str:
    if not doc.work_results:
        return "<p>Tidak ada Rencana Hasil Kerja.</p>"
    rows = []
    for w in doc.work_results:
        indicators = w.indicators or []
        span = max(len(indicators), 1)
        rs = f' rowspan="{span}"' if span > 1 else ""
        head = (
            f'<td class="num"{rs}>{w.number}</td>'
            f"<td{rs}>{_e(w.text)}<br>(RHK {_e(w.kind.lower())})</td>"
        )
        tail = f"<td{rs}>{_e(w.rating)}</td><td{rs}>{_e(w.feedback)}</td>"
        if not indicators:
            rows.append(f"<tr>{head}<td>-</td><td>-</td><td>-</td>{tail}</tr>")
            continue
        for n, i in enumerate(indicators):
            cells = f"<td>{_e(i.text)}</td><td>{_e(i.target)}</td><td>{_e(i.realization)}</td>"
            rows.append(f"<tr>{head}{cells}{tail}</tr>" if n == 0 else f"<tr>{cells}</tr>")
    return _table(
        "dense",
        (
            "No",
            "Rencana Hasil Kerja",
            "Indikator Kinerja Individu",
            "Target",
            "Realisasi",
            "Penilaian Pejabat Penilai",
            "Umpan Balik",
        ),
        "".join(rows),
    )


def _behaviors(doc: EvaluationDocument) -> str:
    rows = "".join(
        f'<tr><td class="num">{b.number}</td><td>{_e(b.value)}</td><td>{_e(b.expectation)}</td>'
        f"<td>{_e(b.rating)}</td><td>{_e(b.note)}</td></tr>"
        for b in doc.behaviors
    )
    return _table(
        "dense",
        ("No", "Nilai BerAKHLAK", "Ekspektasi Khusus Pimpinan", "Pengamatan", "Catatan"),
        rows,
    )


def _ratings(doc: EvaluationDocument) -> str:
    rows = "".join(
        f'<tr><th scope="row">{_e(r.aspect)}</th><td>{_e(r.self_rating)}</td>'
        f"<td>{_e(r.proposed)}</td><td>{_e(r.decided)}</td><td>{_e(r.override_reason)}</td></tr>"
        for r in doc.ratings
    )
    columns = (
        "Aspek",
        "Penilaian Diri Pegawai",
        "Usulan Sistem",
        "Ditetapkan Pejabat Penilai",
        "Alasan Perubahan",
    )
    return (
        _table(None, columns, rows)
        + f'<p class="predicate">Predikat Kinerja Pegawai: <strong>{_e(doc.predicate)}</strong></p>'
        f'<h3>Catatan penilaian diri pegawai</h3><p class="note">{_e(doc.self_note)}</p>'
        f'<h3>Catatan Pejabat Penilai</h3><p class="note">{_e(doc.assessor_note)}</p>'
    )


def _signature(role: str, person: Person, when: str) -> str:
    return (
        '<div class="signature">'
        f"<p>Salatiga, {_e(when if when != '-' else BLANK_DATE)}</p><p>{_e(role)},</p>"
        '<div class="space"></div>'
        f'<p class="name">{_e(person.name)}</p><p>NIP {_e(person.nip)}</p></div>'
    )


def render_html(doc: EvaluationDocument) -> str:
    marks = ""
    if doc.demo:
        marks += '<p class="mark">DATA DEMO SINTETIS — bukan data pegawai sebenarnya</p>'
    if doc.is_draft:
        marks += '<p class="mark draft">DRAF — penilaian belum ditetapkan</p>'
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex">'
        f"<title>{_e(doc.title)}</title>"
        f'<link rel="stylesheet" href="{_e(CSS_PATH)}"></head><body><main>{marks}'
        f'<header><p class="instansi">{_e(doc.instansi)}</p>'
        "<h1>Dokumen Evaluasi Kinerja Pegawai</h1>"
        f'<p class="meta">Periode penilaian: <strong>{_e(doc.period)}</strong> '
        f"({_e(doc.period_dates)})</p>"
        f'<p class="meta">Pendekatan: {_e(doc.approach)} · Status: {_e(doc.status)}</p>'
        "</header>"
        f"<section><h2>I. Identitas</h2>{_identity(doc.pegawai, doc.penilai)}"
        f'<p class="meta">Identitas per {_e(doc.identities_on)}.</p></section>'
        f"<section><h2>II. Hasil Kerja</h2>{_work_results(doc)}</section>"
        f"<section><h2>III. Perilaku Kerja (BerAKHLAK)</h2>{_behaviors(doc)}</section>"
        f"<section><h2>IV. Rating dan Predikat Kinerja</h2>{_ratings(doc)}</section>"
        "<section><h2>V. Mengapa Predikat Ini</h2>"
        f"<h3>Masukan</h3>{_list(doc.inputs)}"
        f"<h3>Aturan yang diterapkan</h3>{_list(doc.rules_applied)}"
        f"<h3>Perubahan dan keputusan</h3>{_list(doc.overrides)}"
        f"<h3>Sumber kebijakan</h3>{_list(doc.sources)}</section>"
        "<section><h2>VI. Pengesahan</h2>"
        f'<p class="meta">Ditetapkan: {_e(doc.finalised_on)} · '
        f"Diterima pegawai: {_e(doc.acknowledged_on)}</p>"
        '<div class="signatures">'
        f"{_signature('Pejabat Penilai Kinerja', doc.penilai, doc.finalised_on)}"
        f"{_signature('Pegawai yang Dinilai', doc.pegawai, doc.acknowledged_on)}"
        "</div></section>"
        f"<footer>Dokumen penilaian #{doc.evaluation_id} · dicetak {_e(doc.printed_on)} · "
        "e-Kinerja Salatiga</footer>"
        "</main></body></html>"
    )
