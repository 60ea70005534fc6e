"""Public survey routes: the no-JavaScript form, JSON submission for the SPA, QR downloads.

- ``GET  /survei/{token}``                 the HTML form (works without JavaScript)
- ``POST /survei/{token}``                 the form's post (urlencoded) → HTML thank-you or problems
- ``GET  /public/survey/{token}``          JSON: the service, questions and choices (for the SPA)
- ``POST /public/survey/{token}``          JSON answer → ``{"ok": true, "id"}`` or ``{"error": …}``
- ``GET  /public/survey/{token}/qr.svg``   printable QR code of the absolute survey link
- ``GET  /public/survey/{token}/qr.png``
- ``GET  /public/survey/form.css``         the form's stylesheet

No cookies are read or set, so there is no session to ride (CSRF); the form posts to its own
origin (CSP ``form-action 'self'``). Bodies are capped per route (413 beyond).
"""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import parse_qsl, quote

import orjson
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from server.config import Settings
from server.db.engine import Database
from server.domain.enums import SurveyChannel
from server.http.errors import client_address, error_response, json_response
from server.http.survey_html import (
    CSS_PATH,
    SURVEY_CSS,
    render_form,
    render_problem,
    render_thanks,
)
from server.services.survey.fingerprint import survey_secret
from server.services.survey.options import (
    COMMENT_MAX_LENGTH,
    HONEYPOT_FIELD,
    MIN_ANSWERED,
    PROFILE_FIELDS,
    QUESTIONS,
)
from server.services.survey.qr import qr_png, qr_svg, survey_url
from server.services.survey.submission import (
    MAX_FIELDS,
    Accepted,
    ClientInfo,
    ServiceInfo,
    Submission,
    SubmissionRejected,
    SurveyLimits,
    find_active_service,
    not_found,
    parse_client_key,
    parse_form,
    parse_json,
    submit_response,
)

IDEMPOTENCY_HEADER = "idempotency-key"

MAX_BODY = 32_000  # a 2 000-character comment percent-encoded as 4-byte UTF-8 fits
FORM_TYPE = "application/x-www-form-urlencoded"
JSON_TYPE = "application/json"
QR_CACHE = "public, max-age=86400"
# The survey link is printed on posters anyway; still, never hand it on to other sites.
PAGE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}

PROBLEM_TITLES = {
    "NOT_FOUND": "Survei tidak ditemukan",
    "INVALID_FORM": "Formulir tidak valid",
    "INVALID_INPUT": "Periksa kembali isian Anda",
    "DUPLICATE": "Jawaban sudah diterima",
    "RATE_LIMITED": "Terlalu banyak jawaban",
    "UNSUPPORTED_MEDIA_TYPE": "Jenis kiriman tidak didukung",
}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _secret(request: Request) -> bytes:
    cached: bytes | None = getattr(request.app.state, "survey_secret", None)
    if cached is None:
        cached = survey_secret(_settings(request))
        request.app.state.survey_secret = cached
    return cached


def _limits(settings: Settings) -> SurveyLimits:
    return SurveyLimits(
        per_service_per_hour=settings.survey_max_per_service_per_hour,
        per_address_per_hour=settings.survey_max_per_address_per_hour,
    )


def _client(request: Request) -> ClientInfo:
    return ClientInfo(client_address(request.client), request.headers.get("user-agent", "")[:512])


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _form_action(token: str) -> str:
    return f"/survei/{quote(token, safe='')}"


def _html(body: str, status: int, headers: dict[str, str] | None = None) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers={**PAGE_HEADERS, **(headers or {})})


def _rejection_headers(exc: SubmissionRejected) -> dict[str, str]:
    return {"Retry-After": str(exc.retry_after)} if exc.retry_after is not None else {}


async def _submit(
    request: Request,
    token: str,
    submission: Submission,
    channel: SurveyChannel,
    client_key: str | None = None,
) -> Accepted:
    settings = _settings(request)
    return await submit_response(
        _db(request),
        token,
        submission,
        _client(request),
        secret=_secret(request),
        channel=channel,
        limits=_limits(settings),
        client_key=client_key,
    )


# --- HTML form ----------------------------------------------------------------------------


def _problem_page(
    request: Request, service: ServiceInfo | None, exc: SubmissionRejected, token: str
) -> HTMLResponse:
    body = render_problem(
        instansi=_settings(request).instansi_name,
        service=service,
        title=PROBLEM_TITLES.get(exc.code, "Jawaban tidak diterima"),
        message=exc.message,
        back_link=_form_action(token) if service is not None and exc.status != 429 else None,
    )
    return _html(body, exc.status, _rejection_headers(exc))


async def survey_form(request: Request) -> Response:
    token = request.path_params["token"]
    service = await find_active_service(_db(request), token)
    if service is None:
        return _problem_page(request, None, not_found(), token)
    body = render_form(
        instansi=_settings(request).instansi_name, service=service, action=_form_action(token)
    )
    return _html(body, 200)


async def survey_form_post(request: Request) -> Response:
    token = request.path_params["token"]
    service = await find_active_service(_db(request), token)
    if service is None:
        return _problem_page(request, None, not_found(), token)
    if _media_type(request) != FORM_TYPE:
        exc = SubmissionRejected(
            415,
            "UNSUPPORTED_MEDIA_TYPE",
            f"Kirim formulir sebagai {FORM_TYPE}. / Send the form as {FORM_TYPE}.",
        )
        return _problem_page(request, service, exc, token)
    raw = await request.body()
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"),
            keep_blank_values=True,
            strict_parsing=False,
            max_num_fields=MAX_FIELDS,
        )
    except (UnicodeDecodeError, ValueError):
        exc = SubmissionRejected(
            422, "INVALID_FORM", "Formulir tidak valid: isi kiriman tidak dapat dibaca."
        )
        return _problem_page(request, service, exc, token)
    try:
        submission = parse_form(pairs)
        accepted = await _submit(request, token, submission, SurveyChannel.FORMULIR)
    except SubmissionRejected as exc:
        if exc.code != "INVALID_INPUT":
            return _problem_page(request, service, exc, token)
        body = render_form(
            instansi=_settings(request).instansi_name,
            service=service,
            action=_form_action(token),
            values={k: v for k, v in pairs if k != HONEYPOT_FIELD},
            message=exc.message,
            errors=exc.fields,
        )
        return _html(body, exc.status)
    body = render_thanks(
        instansi=_settings(request).instansi_name,
        service=service,
        comment=submission.comment,
        status=accepted.comment_status,
    )
    return _html(body, 200)


async def survey_css(request: Request) -> Response:
    return Response(
        SURVEY_CSS,
        media_type="text/css; charset=utf-8",
        headers={"Cache-Control": "public, max-age=86400"},
    )


# --- JSON for the SPA ---------------------------------------------------------------------


def _json_rejection(exc: SubmissionRejected) -> Response:
    extra: dict[str, Any] = {"fields": exc.fields}
    if exc.retry_after is not None:
        extra["retryAfter"] = exc.retry_after
    return error_response(
        exc.status, exc.code, exc.message, {**PAGE_HEADERS, **_rejection_headers(exc)}, **extra
    )


async def survey_info(request: Request) -> Response:
    token = request.path_params["token"]
    service = await find_active_service(_db(request), token)
    if service is None:
        return _json_rejection(not_found())
    return json_response(
        {
            "service": {
                "code": service.code,
                "name": service.name,
                "description": service.description,
                "unit": service.unit_name,
            },
            "questions": [
                {
                    "field": q.field,
                    "unsur": q.code.value,
                    "name": q.info.name,
                    "english": q.english,
                    "question": q.question,
                    "answers": [
                        {"value": score, "label": label}
                        for score, label in enumerate(q.info.answers, start=1)
                    ],
                }
                for q in QUESTIONS
            ],
            "profile": [
                {
                    "field": p.field,
                    "label": p.label,
                    "hint": p.hint,
                    "choices": [
                        {"code": c.code, "label": c.label, "hint": c.hint} for c in p.choices
                    ],
                }
                for p in PROFILE_FIELDS
            ],
            "minAnswered": MIN_ANSWERED,
            "commentMaxLength": COMMENT_MAX_LENGTH,
            "honeypotField": HONEYPOT_FIELD,
        },
        headers={"Cache-Control": "no-cache", "Referrer-Policy": "no-referrer"},
    )


async def survey_json_post(request: Request) -> Response:
    token = request.path_params["token"]
    if _media_type(request) != JSON_TYPE:
        return _json_rejection(
            SubmissionRejected(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                f"Kirim jawaban sebagai {JSON_TYPE}. / Send the answer as {JSON_TYPE}.",
            )
        )
    # Unreadable JSON, or JSON that is not one object (5, "x", null, [...]): a client error.
    try:
        body = orjson.loads(await request.body())
    except orjson.JSONDecodeError:
        return _json_rejection(
            SubmissionRejected(
                400,
                "INVALID_FORM",
                "Formulir tidak valid: JSON tidak dapat dibaca. / The JSON cannot be read.",
            )
        )
    if not isinstance(body, dict):
        return _json_rejection(
            SubmissionRejected(
                400,
                "INVALID_FORM",
                "Formulir tidak valid: kirim satu objek JSON {…}, bukan angka, teks, null atau "
                "daftar. / Send one JSON object {…}, not a number, string, null or list.",
            )
        )
    try:
        if await find_active_service(_db(request), token) is None:
            raise not_found()
        # The form's random UUID, made when the answers were first queued (lib/surveyOutbox).
        client_key = parse_client_key(request.headers.get(IDEMPOTENCY_HEADER))
        submission = parse_json(body)
        accepted = await _submit(request, token, submission, SurveyChannel.APLIKASI, client_key)
    except SubmissionRejected as exc:
        return _json_rejection(exc)
    return json_response(
        {
            "ok": True,
            "id": str(accepted.id),
            "commentStatus": accepted.comment_status.value if accepted.comment_status else None,
            # True for a repeat of an answer stored under the same key: the same reply each
            # time, nothing stored again.
            "alreadyReceived": accepted.already_received,
        },
        headers=PAGE_HEADERS,
    )


# --- QR codes -----------------------------------------------------------------------------


def _cached(request: Request, content: bytes, media_type: str, filename: str) -> Response:
    etag = '"' + hashlib.sha256(content).hexdigest()[:32] + '"'
    headers = {
        "Cache-Control": QR_CACHE,
        "ETag": etag,
        "Content-Disposition": f'inline; filename="{filename}"',
    }
    if etag in {t.strip() for t in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    return Response(content, media_type=media_type, headers=headers)


async def _qr(request: Request, kind: str) -> Response:
    token = request.path_params["token"]
    service = await find_active_service(_db(request), token)
    if service is None:
        return _json_rejection(not_found())
    url = survey_url(_settings(request).public_base_url, token)
    name = f"survei-{service.code.lower()}.{kind}"
    if kind == "svg":
        title = f"Survei Kepuasan Masyarakat: {service.name}"
        return _cached(request, qr_svg(url, title), "image/svg+xml", name)
    return _cached(request, qr_png(url), "image/png", name)


async def survey_qr_svg(request: Request) -> Response:
    return await _qr(request, "svg")


async def survey_qr_png(request: Request) -> Response:
    return await _qr(request, "png")


ROUTES: list[Route] = [
    Route(CSS_PATH, survey_css, methods=["GET"]),
    Route("/survei/{token}", survey_form, methods=["GET"]),
    Route("/survei/{token}", survey_form_post, methods=["POST"], max_body_size=MAX_BODY),
    Route("/public/survey/{token}/qr.svg", survey_qr_svg, methods=["GET"]),
    Route("/public/survey/{token}/qr.png", survey_qr_png, methods=["GET"]),
    Route("/public/survey/{token}", survey_info, methods=["GET"]),
    Route("/public/survey/{token}", survey_json_post, methods=["POST"], max_body_size=MAX_BODY),
]
