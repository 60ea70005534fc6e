"""Bulk files of a release (CSV and JSON per dataset) and their data dictionary.

Files are rendered once, at publication, and stored in ``release_file``; the downloads serve
those bytes, never a new rendering, so a later change to this module's layout only reaches
later releases and a release's files and checksums never change. CSV: UTF-8, CRLF line ends,
a fixed header, nulls as empty cells with the reason in the
``<column>_status`` column next to them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import weakref
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import orjson
import sqlalchemy as sa
import sqlalchemy.exc
from sqlalchemy.ext.asyncio import AsyncSession

from server.db.engine import Database
from server.db.models import Release, ReleaseFile
from server.domain.audit_actions import AuditAction
from server.domain.evaluation import PREDICATE_LABELS
from server.domain.ikm import UNSUR
from server.services.actor import system_actor
from server.services.audit import record_event
from server.services.csv_files import protect_cell
from server.services.releases.methodology import DEFINITIONS
from server.services.releases.periods import period_label
from server.services.releases.read import (
    IkmFigures,
    ReleaseSnapshot,
    ServiceFigures,
    UnitFigures,
    snapshot_in,
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # frictionless field type: string, integer, number, boolean, date
    description_id: str
    description_en: str


def _c(name: str, type_: str, id_: str, en: str) -> Column:
    return Column(name, type_, id_, en)


def _status_col(of: str) -> Column:
    return _c(
        f"{of}_status",
        "string",
        f"Alasan bila {of} kosong: WITHHELD (dilindungi), NOT_AVAILABLE (belum ada data)",
        f"Why {of} is empty: WITHHELD (protected), NOT_AVAILABLE (no source data yet)",
    )


PERIOD_COLUMNS: tuple[Column, ...] = (
    _c("release", "integer", "Nomor rilis", "Release number"),
    _c("period", "string", "Kode periode, mis. 2026-S1", "Period code, e.g. 2026-S1"),
    _c("period_label", "string", "Nama periode, mis. Semester 1 2026", "Period as read"),
    _c("period_start", "date", "Hari pertama periode", "First day of the period"),
    _c("period_end", "date", "Hari terakhir periode", "Last day of the period"),
)
UNIT_CONTEXT_COLUMNS: tuple[Column, ...] = (
    _c("unit_code", "string", "Kode unit (kosong untuk kota)", "Unit code (empty for the city)"),
    _c("unit_name", "string", "Nama unit (atau kota)", "Unit (or city) name"),
    _c("unit_kind", "string", "Jenis unit", "Kind of unit"),
    _c("parent_code", "string", "Kode unit induk", "Parent unit code"),
    _c("parent_name", "string", "Nama unit induk", "Parent unit name"),
)
_SCOPE = _c("scope", "string", "CITY (kota) atau UNIT", "CITY or UNIT")


def _share_col(of: str, base: str) -> Column:
    return _c(
        f"{of}_pct",
        "number",
        f"{of} sebagai % dari {base}; kosong bila salah satunya kosong",
        f"{of} as % of {base}; empty when either is empty",
    )


SURVEY_COLUMNS: tuple[Column, ...] = (
    _c("survey_responses", "integer", "Jumlah responden SKM", "Survey responses"),
    _c("ikm", "number", "IKM (1–4)", "Satisfaction index (1–4)"),
    _c("ikm_converted", "number", "IKM × 25", "Index × 25"),
    _c("ikm_band", "string", "Mutu pelayanan A–D", "Quality band A–D"),
    _status_col("ikm"),
    _c(
        "service_population",
        "integer",
        "Penerima layanan dalam periode (kosong bila belum diisi)",
        "Service users in the period (empty when not entered)",
    ),
    _c(
        "required_sample",
        "integer",
        "Sampel minimum Krejcie–Morgan",
        "Krejcie–Morgan minimum sample",
    ),
    _c(
        "sample_sufficient",
        "boolean",
        "Sampel memenuhi (kosong bila penerima layanan belum diisi)",
        "Sample sufficient (empty when service users are not entered)",
    ),
)
UNIT_COLUMNS: tuple[Column, ...] = (
    *PERIOD_COLUMNS,
    _SCOPE,
    *UNIT_CONTEXT_COLUMNS,
    _c("depth", "integer", "Kedalaman di pohon unit", "Depth in the unit tree"),
    _c("headcount", "integer", "Jumlah pegawai termasuk sub-unit", "Head count incl. sub-units"),
    _status_col("headcount"),
    _c("direct_headcount", "integer", "Pegawai di unit itu sendiri", "Staff of the unit itself"),
    _status_col("direct_headcount"),
    _c(
        "skp_coverage_pct",
        "number",
        "% pegawai dengan SKP ditetapkan",
        "% of staff with an approved SKP",
    ),
    _status_col("skp_coverage_pct"),
    _c("realization_on_time_pct", "number", "% realisasi tepat waktu", "% of realisations on time"),
    _status_col("realization_on_time_pct"),
    _c("evaluation_completion_pct", "number", "% penilaian selesai", "% of evaluations completed"),
    _status_col("evaluation_completion_pct"),
    _c(
        "org_performance",
        "string",
        "Predikat kinerja organisasi: ISTIMEWA, BAIK, BUTUH_PERBAIKAN, KURANG, SANGAT_KURANG",
        "Organisation performance level (same five codes)",
    ),
    _status_col("org_performance"),
    _c(
        "objections_filed",
        "integer",
        "Pegawai yang mengajukan keberatan",
        "Staff who filed an objection",
    ),
    _status_col("objections_filed"),
    _c(
        "objections_upheld",
        "integer",
        "Keberatan dikabulkan (hasil diubah)",
        "Objections upheld (result changed)",
    ),
    _status_col("objections_upheld"),
    _share_col("objections_upheld", "objections_filed"),
    _c(
        "objections_rejected",
        "integer",
        "Keberatan ditolak (hasil tetap)",
        "Objections rejected (result stands)",
    ),
    _status_col("objections_rejected"),
    _share_col("objections_rejected", "objections_filed"),
    _c(
        "objections_pending",
        "integer",
        "Keberatan belum diputus",
        "Objections not yet decided",
    ),
    _status_col("objections_pending"),
    _share_col("objections_pending", "objections_filed"),
    *SURVEY_COLUMNS,
)
SERVICE_COLUMNS: tuple[Column, ...] = (
    *PERIOD_COLUMNS,
    _c("service_code", "string", "Kode layanan", "Service code"),
    _c("service_name", "string", "Nama layanan", "Service name"),
    *UNIT_CONTEXT_COLUMNS,
    *SURVEY_COLUMNS,
)
UNSUR_COLUMNS: tuple[Column, ...] = (
    *PERIOD_COLUMNS,
    _c("scope", "string", "CITY, UNIT atau SERVICE", "CITY, UNIT or SERVICE"),
    _c("service_code", "string", "Kode layanan (baris SERVICE)", "Service code (SERVICE rows)"),
    _c("service_name", "string", "Nama layanan (baris SERVICE)", "Service name (SERVICE rows)"),
    *UNIT_CONTEXT_COLUMNS,
    _c("unsur", "string", "Kode unsur U1–U9", "Element code U1–U9"),
    _c(
        "unsur_name",
        "string",
        "Nama unsur menurut PermenPANRB 14/2017",
        "Element name as in PermenPANRB 14/2017",
    ),
    _c("nrr", "number", "Nilai rata-rata unsur (1–4)", "Mean score (1–4)"),
    _status_col("nrr"),
    _c("answers", "integer", "Jumlah jawaban sah", "Valid answers"),
)
DISTRIBUTION_COLUMNS: tuple[Column, ...] = (
    *PERIOD_COLUMNS,
    _SCOPE,
    *UNIT_CONTEXT_COLUMNS,
    _c(
        "category",
        "string",
        "Kode kategori predikat (SANGAT_BAIK … SANGAT_KURANG)",
        "Performance category code",
    ),
    _c("category_label", "string", "Nama kategori predikat", "Performance category as read"),
    _c("count", "integer", "Jumlah pegawai", "Number of staff"),
    _status_col("count"),
    _c(
        "share_pct",
        "number",
        "% dari jumlah semua kategori unit itu; kosong bila ada kategori yang kosong",
        "% of the unit's total over all categories; empty when any category is empty",
    ),
)
FOLLOW_UP_COLUMNS: tuple[Column, ...] = (
    *PERIOD_COLUMNS,
    *UNIT_CONTEXT_COLUMNS,
    _c("year", "integer", "Tahun SKM", "Survey year"),
    _c("unsur", "string", "Kode unsur yang ditangani (kosong: umum)", "Element addressed"),
    _c("unsur_name", "string", "Nama unsur (PermenPANRB 14/2017)", "Element name"),
    _c("action", "string", "Rencana tindak lanjut", "Follow-up action"),
    _c("target_date", "date", "Target selesai", "Target date"),
    _c("done", "boolean", "Sudah selesai", "Done"),
)

UNSUR_NAMES: dict[str, str] = {u.code.value: u.name for u in UNSUR}
CATEGORY_LABELS: dict[str, str] = {p.value: label for p, label in PREDICATE_LABELS.items()}


def _share(part: int | None, whole: int | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (2 decimals), only when both are published: a
    share computed from a withheld figure would publish it."""
    if part is None or whole is None or whole <= 0:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"))


def _survey_row(s: IkmFigures) -> list[Any]:
    return [
        s.survey_responses,
        s.ikm,
        s.ikm_converted,
        s.ikm_band,
        s.ikm_status,
        s.service_population,
        s.required_sample,
        s.sample_sufficient,
    ]


class _Context:
    """The columns that spare a reader every join: period, unit and parent by code and name."""

    def __init__(self, snapshot: ReleaseSnapshot) -> None:
        info = snapshot.info
        self.period = [
            info.number,
            info.period_code,
            period_label(info.period_code),
            info.period_start,
            info.period_end,
        ]
        self.units: dict[str | None, UnitFigures] = {u.code: u for u in snapshot.units}
        self.city = snapshot.city

    def unit(self, code: str | None) -> list[Any]:
        u = self.city if code is None else self.units.get(code)
        if u is None:  # a unit gone from the tree (cannot happen within one snapshot)
            return [code, None, None, None, None]
        parent = self.units.get(u.parent_code) if u.parent_code else None
        return [u.code, u.name, u.kind, u.parent_code, parent.name if parent else None]


def _unit_row(ctx: _Context, u: UnitFigures) -> list[Any]:
    return [
        *ctx.period,
        u.scope,
        *ctx.unit(u.code),
        u.depth,
        u.headcount,
        u.headcount_status,
        u.direct_headcount,
        u.direct_headcount_status,
        u.skp_coverage_pct,
        u.skp_coverage_pct_status,
        u.realization_on_time_pct,
        u.realization_on_time_pct_status,
        u.evaluation_completion_pct,
        u.evaluation_completion_pct_status,
        u.org_performance,
        u.org_performance_status,
        u.objections_filed,
        u.objections_filed_status,
        u.objections_upheld,
        u.objections_upheld_status,
        _share(u.objections_upheld, u.objections_filed),
        u.objections_rejected,
        u.objections_rejected_status,
        _share(u.objections_rejected, u.objections_filed),
        u.objections_pending,
        u.objections_pending_status,
        _share(u.objections_pending, u.objections_filed),
        *_survey_row(u.survey),
    ]


def _distribution_rows(ctx: _Context, u: UnitFigures) -> list[list[Any]]:
    counts = [d.count for d in u.distribution]
    total = None if any(c is None for c in counts) else sum(c for c in counts if c is not None)
    return [
        [
            *ctx.period,
            u.scope,
            *ctx.unit(u.code),
            d.category,
            CATEGORY_LABELS.get(d.category, d.category),
            d.count,
            d.count_status,
            _share(d.count, total),
        ]
        for d in u.distribution
    ]


def _unsur_rows(
    ctx: _Context, scope: str, service: ServiceFigures | None, unit_code: str | None,
    survey: IkmFigures,
) -> list[list[Any]]:  # fmt: skip
    if survey.survey_responses == 0:
        return []  # nothing answered: nine empty rows would say no more than units.csv's 0
    return [
        [
            *ctx.period,
            scope,
            service.code if service else None,
            service.name if service else None,
            *ctx.unit(unit_code),
            x.unsur,
            UNSUR_NAMES.get(x.unsur),
            x.nrr,
            x.nrr_status,
            x.answers,
        ]
        for x in survey.unsur
    ]


def _rows(snapshot: ReleaseSnapshot) -> dict[str, tuple[tuple[Column, ...], list[list[Any]]]]:
    ctx = _Context(snapshot)
    everyone = (snapshot.city, *snapshot.units)
    unsur: list[list[Any]] = []
    for u in everyone:
        unsur += _unsur_rows(ctx, u.scope, None, u.code, u.survey)
    for sv in snapshot.services:
        unsur += _unsur_rows(ctx, "SERVICE", sv, sv.unit_code, sv.survey)
    return {
        "units": (UNIT_COLUMNS, [_unit_row(ctx, u) for u in everyone]),
        "services": (
            SERVICE_COLUMNS,
            [
                [*ctx.period, sv.code, sv.name, *ctx.unit(sv.unit_code), *_survey_row(sv.survey)]
                for sv in snapshot.services
            ],
        ),
        "ikm_unsur": (UNSUR_COLUMNS, unsur),
        "distribution": (
            DISTRIBUTION_COLUMNS,
            [row for u in everyone for row in _distribution_rows(ctx, u)],
        ),
        "follow_ups": (
            FOLLOW_UP_COLUMNS,
            [
                [
                    *ctx.period,
                    *ctx.unit(f.unit_code),
                    f.year,
                    f.unsur,
                    UNSUR_NAMES.get(f.unsur or ""),
                    f.action,
                    f.target_date,
                    f.done,
                ]
                for f in snapshot.follow_ups
            ],
        ),
    }


DATASET_TITLES: dict[str, tuple[str, str]] = {
    "units": ("Angka agregat per unit dan kota", "Aggregates per unit and for the city"),
    "services": ("IKM per jenis layanan", "Satisfaction index per service"),
    "ikm_unsur": ("NRR per unsur SKM", "Mean score per survey element"),
    "distribution": ("Sebaran predikat kinerja", "Distribution of performance categories"),
    "follow_ups": ("Rencana tindak lanjut SKM", "Survey follow-up actions"),
}


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Names and follow-up texts come from people: the same formula rule as every internal CSV.
    return protect_cell(value) if isinstance(value, str) else str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return value


def to_csv(columns: Sequence[Column], rows: list[list[Any]]) -> bytes:
    out = io.StringIO(newline="")
    # RFC 4180 line ends: the writer then quotes any cell holding a carriage return or a line
    # feed (with "\n" alone, a cell holding a bare "\r" went out unquoted and split its row).
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue().encode("utf-8")


def to_json(release: int, name: str, columns: Sequence[Column], rows: list[list[Any]]) -> bytes:
    data = {
        "release": release,
        "dataset": name,
        "rows": [
            {c.name: _json_value(v) for c, v in zip(columns, row, strict=True)} for row in rows
        ],
    }
    return orjson.dumps(data, option=orjson.OPT_INDENT_2)


MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


def media_type(name: str) -> str:
    return MEDIA_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")


@dataclass(frozen=True)
class StoredFile:
    name: str
    media_type: str
    content: bytes
    sha256: str  # hex, the ETag and the datapackage.json hash


@dataclass(frozen=True)
class ReleaseFiles:
    number: int
    files: dict[str, StoredFile]  # file name → file, datapackage.json included


SYNTHETIC_NOTE = (
    "DATA SINTETIS (demo): angka rekaan untuk mencoba aplikasi, bukan data Pemerintah Kota "
    "Salatiga / SYNTHETIC (demo) data: invented figures for trying the application, not data "
    "of the city government."
)
DESCRIPTION = (
    "Angka agregat kinerja ASN dan IKM per unit, tanpa data perorangan. Setiap baris memuat "
    "periode, unit dan unit induknya (kode dan nama), jadi tidak perlu digabung dengan berkas "
    "lain. Sel kosong (CSV) atau null (JSON) berarti tidak diterbitkan; kolom <nama>_status di "
    "sebelahnya memberi alasannya (WITHHELD dilindungi, NOT_AVAILABLE belum ada data) — kosong "
    "tidak pernah berarti 0 / Aggregate ASN performance and satisfaction figures per unit, no "
    "individual data. Every row carries the period, the unit and its parent (code and name), "
    "so no join is needed. An empty cell (CSV) or null (JSON) is not published; the "
    "<name>_status column beside it says why — empty never means 0."
)


def build_files(
    snapshot: ReleaseSnapshot, contact: str, *, synthetic: bool = False
) -> dict[str, bytes]:
    """Render every download of a release: file name → bytes, datapackage.json last.

    Only publication calls this (and the one-time freeze of a release older than stored
    files): what it renders is stored and served as is from then on.
    """
    info = snapshot.info
    files: dict[str, bytes] = {}
    resources: list[dict[str, Any]] = []
    for name, (columns, rows) in _rows(snapshot).items():
        for ext, media, content in (
            ("csv", "text/csv", to_csv(columns, rows)),
            ("json", "application/json", to_json(info.number, name, columns, rows)),
        ):
            file_name = f"{name}.{ext}"
            files[file_name] = content
            resources.append(
                {
                    "name": f"{name}-{ext}",
                    "path": file_name,
                    "title": DATASET_TITLES[name][0] + " / " + DATASET_TITLES[name][1],
                    "format": ext,
                    "mediatype": media,
                    "encoding": "utf-8",
                    "bytes": len(content),
                    "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                    "rows": len(rows),
                    "schema": {
                        "missingValues": [""],
                        "fields": [
                            {
                                "name": c.name,
                                "type": c.type,
                                "description": f"{c.description_id} / {c.description_en}",
                                "description_id": c.description_id,
                                "description_en": c.description_en,
                            }
                            for c in columns
                        ],
                    },
                }
            )
    title = f"e-Kinerja Kota Salatiga — rilis {info.number} ({period_label(info.period_code)})"
    package = {
        "name": f"ekinerja-salatiga-release-{info.number}",
        "title": ("[DEMO] " if synthetic else "") + title,
        "description": (SYNTHETIC_NOTE + " " if synthetic else "") + DESCRIPTION,
        "synthetic": synthetic,
        "release": info.number,
        "period": {
            "code": info.period_code,
            "label": period_label(info.period_code),
            "start": info.period_start,
            "end": info.period_end,
        },
        "published_at": info.published_at,
        "supersedes": info.supersedes_number,
        "provisional": info.provisional,
        "licenses": [{"name": info.licence, "path": info.licence_url}],
        "contributors": [{"title": contact, "role": "publisher"}],
        "methodology": {
            "version": info.methodology_version,
            "headcount_threshold": info.headcount_threshold,
            "distribution_threshold": info.distribution_threshold,
            "definitions": [
                {
                    "key": d.key,
                    "formula": d.formula,
                    "description_id": d.description_id,
                    "description_en": d.description_en,
                }
                for d in DEFINITIONS
            ],
        },
        "resources": resources,
    }
    files["datapackage.json"] = orjson.dumps(package, option=orjson.OPT_INDENT_2)
    return files


async def store_release_files(
    session: AsyncSession, number: int, contact: str, *, synthetic: bool = False
) -> dict[str, str]:
    """Render release ``number`` as ``session`` sees it and store its files; name → SHA-256."""
    snapshot = await snapshot_in(session, number)
    if snapshot is None:
        raise LookupError(f"release {number} does not exist")
    release_id = (
        await session.execute(sa.select(Release.id).where(Release.number == number))
    ).scalar_one()
    rendered = build_files(snapshot, contact, synthetic=synthetic)
    checksums = {name: hashlib.sha256(content).hexdigest() for name, content in rendered.items()}
    await session.execute(
        sa.insert(ReleaseFile),
        [
            {
                "release_id": release_id,
                "name": name,
                "media_type": media_type(name),
                "content": content,
                "sha256": checksums[name],
                "size": len(content),
            }
            for name, content in rendered.items()
        ],
    )
    return checksums


async def _stored(db: Database, number: int) -> ReleaseFiles | None:
    """The stored files of release ``number``; an empty ``files`` if it has none yet."""
    async with db.read() as session:
        release_id = (
            await session.execute(sa.select(Release.id).where(Release.number == number))
        ).scalar_one_or_none()
        if release_id is None:
            return None
        rows = (
            await session.execute(
                sa.select(
                    ReleaseFile.name,
                    ReleaseFile.media_type,
                    ReleaseFile.content,
                    ReleaseFile.sha256,
                )
                .where(ReleaseFile.release_id == release_id)
                .order_by(ReleaseFile.id)
            )
        ).all()
    return ReleaseFiles(
        number, {r.name: StoredFile(r.name, r.media_type, bytes(r.content), r.sha256) for r in rows}
    )


async def _freeze(db: Database, number: int, contact: str, synthetic: bool) -> None:
    """Store the files of a release published before files were stored (migration 0007).

    Rendered once with the layout of this version, which is the layout those URLs served
    until now; from then on they are fixed like any other release's. Another process may
    freeze the same release at the same moment: the unique (release, name) keeps one copy.
    """
    try:
        async with db.write() as session:
            exists = (
                await session.execute(
                    sa.select(sa.func.count())
                    .select_from(ReleaseFile)
                    .join(Release, Release.id == ReleaseFile.release_id)
                    .where(Release.number == number)
                )
            ).scalar_one()
            if exists:
                return
            checksums = await store_release_files(session, number, contact, synthetic=synthetic)
            await record_event(
                session,
                system_actor("public-data"),
                AuditAction.RELEASE_FILES_FROZEN,
                "release",
                number,
                after={"files": checksums},
            )
    except sa.exc.IntegrityError:
        return  # the other process stored them


_files: weakref.WeakKeyDictionary[Database, OrderedDict[int, ReleaseFiles]] = (
    weakref.WeakKeyDictionary()
)
FILES_KEPT = 8


async def release_files(
    db: Database, number: int, contact: str, *, synthetic: bool = False
) -> ReleaseFiles | None:
    """The stored files of release ``number`` (None: no such release), kept in memory since
    they never change. ``contact`` and ``synthetic`` only serve the one-time freeze of an
    old release."""
    kept = _files.setdefault(db, OrderedDict())
    if number in kept:
        kept.move_to_end(number)
        return kept[number]
    files = await _stored(db, number)
    if files is not None and not files.files:
        await _freeze(db, number, contact, synthetic)
        files = await _stored(db, number)
    if files is None:
        return None
    kept[number] = files
    while len(kept) > FILES_KEPT:
        kept.popitem(last=False)
    return files


def forget_cached_files() -> None:
    """Drop this process's copies of stored files (tests; they are re-read on demand)."""
    _files.clear()
