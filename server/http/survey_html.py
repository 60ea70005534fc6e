"""Plain HTML pages of the public survey: the form, thank-you and problem pages.

Built from escaped pieces (``html.escape`` on every value, attributes always quoted). No inline
script or style: the CSP is ``default-src 'self'``; styling comes from ``SURVEY_CSS`` served at
``CSS_PATH``. Indonesian first, English hints in ``lang="en"`` spans.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from server.domain.enums import CommentStatus
from server.services.survey.options import (
    COMMENT_FIELD,
    COMMENT_MAX_LENGTH,
    HONEYPOT_FIELD,
    MIN_ANSWERED,
    PROFILE_FIELDS,
    QUESTIONS,
)
from server.services.survey.submission import ServiceInfo

CSS_PATH = "/public/survey/form.css"

SURVEY_CSS = """\
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;
line-height:1.5;color:#1a1a1a;background:#f4f6f8}
main{max-width:42rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}
h1{font-size:1.5rem;margin:.5rem 0}
h2{font-size:1.25rem;margin:.75rem 0 .25rem}
.instansi{margin:0;color:#444;font-weight:600}
.service{font-size:1.125rem;margin:.25rem 0 1rem}
.hint{display:block;color:#555;font-size:.9rem;font-weight:400}
fieldset{border:1px solid #c5ccd3;border-radius:.5rem;margin:0 0 1rem;padding:.75rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.question{margin:.25rem 0 .5rem}
.choices label{display:flex;gap:.6rem;align-items:center;padding:.5rem;margin:.25rem 0;
border:1px solid #dde2e6;border-radius:.4rem;min-height:2.75rem}
input[type=radio]{width:1.25rem;height:1.25rem;flex:none}
.field{margin:0 0 .75rem}
.field label{display:block;font-weight:600}
select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #8a949e;border-radius:.4rem}
button{font:inherit;font-weight:700;color:#fff;background:#0b5394;border:0;border-radius:.4rem;
padding:.75rem 1.5rem;min-height:2.75rem;cursor:pointer}
button .hint{color:#e8f0f8}
button:focus,input:focus,select:focus,textarea:focus,a:focus{outline:3px solid #f0a500;outline-offset:2px}
.errors{border:2px solid #b00020;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem;background:#fff5f5}
.errors h2{font-size:1.125rem;margin:0 0 .5rem;color:#b00020}
.error{color:#b00020;font-weight:600;margin:.25rem 0}
.notice{border-left:4px solid #0b5394;padding:.5rem 1rem;background:#eef4fa}
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #c5ccd3;white-space:pre-wrap;
overflow-wrap:anywhere}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{_e(title)}</title>\n"
        f'<link rel="stylesheet" href="{_e(CSS_PATH)}">\n'
        f"</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _header(instansi: str, service: ServiceInfo | None) -> str:
    parts = [
        "<header>",
        f'<p class="instansi">{_e(instansi)}</p>',
        '<h1>Survei Kepuasan Masyarakat <span class="hint" lang="en">Public satisfaction '
        "survey</span></h1>",
    ]
    if service is not None:
        parts.append(
            f'<p class="service"><strong>{_e(service.name)}</strong> — {_e(service.unit_name)}</p>'
        )
    parts.append("</header>")
    return "\n".join(parts)


def _error_summary(message: str, fields: Mapping[str, str]) -> str:
    items = "".join(
        f'<li><a href="#{_e(_anchor(name))}">{_e(text)}</a></li>' for name, text in fields.items()
    )
    return (
        '<div class="errors" role="alert" id="masalah">'
        f"<h2>{_e(message)}</h2>"
        f"<ul>{items}</ul></div>"
    )


def _anchor(field: str) -> str:
    if field == "answers":
        return "f-u1"
    return f"f-{field}"


def _field_error(field: str, fields: Mapping[str, str]) -> str:
    if field not in fields:
        return ""
    return f'<p class="error" id="e-{_e(field)}">{_e(fields[field])}</p>'


def render_form(
    *,
    instansi: str,
    service: ServiceInfo,
    action: str,
    values: Mapping[str, str] | None = None,
    message: str | None = None,
    errors: Mapping[str, str] | None = None,
) -> str:
    """The survey form; with ``errors``, the same form again with the answers kept."""
    values = values or {}
    errors = errors or {}
    out: list[str] = [_header(instansi, service)]
    if message is not None:
        out.append(_error_summary(message, errors))
    if service.description:
        out.append(f"<p>{_e(service.description)}</p>")
    out.append(
        '<p class="notice">Jawaban Anda anonim: kami tidak menanyakan nama, nomor telepon atau '
        f"alamat. Jawab sedikitnya {MIN_ANSWERED} dari 9 pertanyaan; profil dan komentar tidak "
        'wajib. <span class="hint" lang="en">Your answers are anonymous: we never ask for your '
        f"name, phone number or address. Answer at least {MIN_ANSWERED} of the 9 questions; the "
        "profile and comment are optional.</span></p>"
    )
    out.append(f'<form method="post" action="{_e(action)}" accept-charset="utf-8">')
    out.append(_field_error("answers", errors))
    for number, q in enumerate(QUESTIONS, start=1):
        described = f' aria-describedby="e-{q.field}"' if q.field in errors else ""
        out.append(f'<fieldset id="f-{q.field}"{described}>')
        out.append(
            f"<legend>{number}. {_e(q.info.name)} "
            f'<span class="hint" lang="en">{_e(q.english)}</span></legend>'
        )
        out.append(f'<p class="question">{_e(q.question)}</p>')
        out.append(_field_error(q.field, errors))
        out.append('<div class="choices">')
        for score, label in enumerate(q.info.answers, start=1):
            checked = " checked" if values.get(q.field) == str(score) else ""
            out.append(
                f'<label><input type="radio" name="{q.field}" value="{score}"{checked}> '
                f"{_e(label)}</label>"
            )
        out.append("</div></fieldset>")

    out.append('<fieldset id="f-profile">')
    out.append(
        '<legend>Tentang Anda (tidak wajib) <span class="hint" lang="en">About you '
        "(optional)</span></legend>"
    )
    for p in PROFILE_FIELDS:
        out.append(f'<div class="field" id="f-{p.field}">')
        out.append(
            f'<label for="{p.field}">{_e(p.label)} <span class="hint" lang="en">{_e(p.hint)}'
            "</span></label>"
        )
        out.append(_field_error(p.field, errors))
        out.append(f'<select id="{p.field}" name="{p.field}">')
        out.append('<option value="">— Tidak diisi / Not given —</option>')
        for c in p.choices:
            selected = " selected" if values.get(p.field) == c.code else ""
            out.append(
                f'<option value="{_e(c.code)}"{selected}>{_e(c.label)} / {_e(c.hint)}</option>'
            )
        out.append("</select></div>")
    out.append("</fieldset>")

    out.append(f'<div class="field" id="f-{COMMENT_FIELD}">')
    out.append(
        f'<label for="{COMMENT_FIELD}">Saran atau komentar (tidak wajib) '
        '<span class="hint" lang="en">Suggestions or comments (optional)</span></label>'
    )
    out.append(
        f'<p class="hint" id="{COMMENT_FIELD}-help">Maksimal {COMMENT_MAX_LENGTH} karakter. '
        "Komentar dibaca petugas sebelum dipakai dan tidak pernah menjadi penilaian atas "
        "seseorang; komentar yang menyebut nama petugas hanya diteruskan ke pimpinan unit. "
        '<span lang="en">Comments are read before any use; one that names an officer is only '
        "passed on to the unit's management.</span></p>"
    )
    out.append(_field_error(COMMENT_FIELD, errors))
    out.append(
        f'<textarea id="{COMMENT_FIELD}" name="{COMMENT_FIELD}" rows="5" '
        f'maxlength="{COMMENT_MAX_LENGTH}" aria-describedby="{COMMENT_FIELD}-help">'
        f"{_e(values.get(COMMENT_FIELD, ''))}</textarea>"
    )
    out.append("</div>")
    # Hidden from people (off-screen by CSS, out of the tab order, hidden from screen readers);
    # form-filling bots tend to fill it, and a filled one is refused.
    out.append(
        '<div class="hp" aria-hidden="true">'
        f'<label for="{HONEYPOT_FIELD}">Jangan diisi / Leave empty</label>'
        f'<input type="text" id="{HONEYPOT_FIELD}" name="{HONEYPOT_FIELD}" value="" '
        'tabindex="-1" autocomplete="off"></div>'
    )
    out.append(
        '<p><button type="submit">Kirim jawaban <span class="hint" lang="en">Submit</span>'
        "</button></p>"
    )
    out.append("</form>")
    return _page(f"Survei Kepuasan Masyarakat — {service.name}", "\n".join(x for x in out if x))


def render_thanks(
    *, instansi: str, service: ServiceInfo, comment: str | None, status: CommentStatus | None
) -> str:
    out = [
        _header(instansi, service),
        '<div class="notice" role="status"><h2>Terima kasih! <span class="hint" lang="en">Thank '
        "you!</span></h2><p>Jawaban Anda sudah kami terima dan akan dihitung dalam Indeks "
        "Kepuasan Masyarakat layanan ini. "
        '<span class="hint" lang="en">Your answers were received and count towards this '
        "service's satisfaction index.</span></p></div>",
    ]
    if comment is not None:
        out.append('<h2>Komentar Anda <span class="hint" lang="en">Your comment</span></h2>')
        out.append(f"<blockquote>{_e(comment)}</blockquote>")
        if status is CommentStatus.DITERUSKAN:
            out.append(
                "<p>Komentar ini tampaknya menyebut seseorang, jadi tidak akan dipublikasikan; "
                "komentar diteruskan kepada pengelola unit sebagai masukan internal. "
                '<span class="hint" lang="en">It seems to name someone, so it will not be '
                "published; it is passed on to the unit's management as internal input.</span></p>"
            )
        else:
            out.append(
                "<p>Komentar dibaca petugas sebelum dipakai. "
                '<span class="hint" lang="en">Comments are read before any use.</span></p>'
            )
    return _page("Terima kasih — Survei Kepuasan Masyarakat", "\n".join(out))


def render_problem(
    *,
    instansi: str,
    service: ServiceInfo | None,
    title: str,
    message: str,
    back_link: str | None = None,
) -> str:
    """A refusal with its reason (unknown link, too many answers, duplicate, invalid form)."""
    out = [
        _header(instansi, service),
        f'<div class="errors" role="alert"><h2>{_e(title)}</h2><p>{_e(message)}</p></div>',
    ]
    if back_link is not None:
        out.append(
            f'<p><a href="{_e(back_link)}">Kembali ke formulir</a> '
            '<span class="hint" lang="en">Back to the form</span></p>'
        )
    return _page(f"{title} — Survei Kepuasan Masyarakat", "\n".join(out))
