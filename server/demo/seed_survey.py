"""Demo survey data (SYNTHETIC): public services in many units, citizen responses over months,
moderated comments, service-user counts and follow-up actions, then the demo's releases.

Deterministic for a seed. Each service has a "quality" that spreads its IKM over the bands
A–D; a few services get fewer responses than the Krejcie–Morgan sample of their users, and a
few fewer than the publication threshold. Rows go in with bulk inserts (a few thousand).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from server import clock
from server.db.engine import Database
from server.db.models import (
    PublicService,
    ServiceUserCount,
    SurveyFollowUp,
    SurveyResponse,
    Unit,
)
from server.domain.enums import CommentStatus, SurveyChannel, UnitKind
from server.services.survey.services import screen_text

SERVICE_NAMES = (
    "Pelayanan Perizinan",
    "Pengaduan Masyarakat",
    "Layanan Informasi Publik",
    "Pelayanan Administrasi",
)
COMMENTS = (
    ("Pelayanan cepat dan ramah.", CommentStatus.DISETUJUI),
    ("Antrean terlalu lama pada pagi hari.", CommentStatus.DISETUJUI),
    ("Informasi persyaratan kurang jelas di papan pengumuman.", CommentStatus.DISETUJUI),
    ("Tidak ada tanggapan.", CommentStatus.DITOLAK),
    ("Petugas loket kedua kurang membantu.", CommentStatus.DITERUSKAN),
    ("Mohon tambah kursi ruang tunggu.", CommentStatus.MENUNGGU),
)
FOLLOW_UPS = (
    ("U3", "Menyederhanakan alur pengajuan dan memasang papan alur di ruang tunggu."),
    ("U4", "Menerbitkan standar waktu penyelesaian pada laman dinas."),
    ("U7", "Pelatihan keramahan petugas loket bagi seluruh pelaksana layanan."),
    ("U9", "Menambah kanal pengaduan melalui WhatsApp resmi dan menanggapi dalam 3 hari kerja."),
)


@dataclass(frozen=True)
class SurveySeedReport:
    services: int
    responses: int
    follow_ups: int


def _months(today: date) -> list[tuple[int, int]]:
    """January of last year up to the month before this one (at most 23 months)."""
    months: list[tuple[int, int]] = []
    year, month = today.year - 1, 1
    while (year, month) < (today.year, today.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


async def load_demo_surveys(db: Database, *, seed: int = 2026) -> SurveySeedReport:
    """Services in every perangkat daerah (and some of their bidang), responses and counts."""
    rng = random.Random(seed)
    today = clock.today()
    months = _months(today)
    now = clock.now()
    async with db.write() as session:
        units = (
            await session.execute(
                sa.select(Unit.id, Unit.code, Unit.kind)
                .where(Unit.valid_until.is_(None))
                .order_by(Unit.code)
            )
        ).all()
        hosts = [u for u in units if u.kind == UnitKind.PERANGKAT_DAERAH]
        hosts += [u for u in units if u.kind == UnitKind.BIDANG][: len(hosts) // 2]
        services: list[dict[str, object]] = []
        for i, unit in enumerate(hosts):
            for j in range(1 + (i % 2)):
                code = f"{unit.code}-L{j + 1}"[:64]
                token = hashlib.sha256(f"demo-survey-{seed}-{code}".encode()).hexdigest()[:32]
                services.append(
                    {
                        "unit_id": unit.id,
                        "code": code,
                        "name": SERVICE_NAMES[(i + j) % len(SERVICE_NAMES)],
                        "description": "Layanan rekaan untuk demo (data sintetis).",
                        "survey_token": token,
                        "active": True,
                        "version": 1,
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        ids = list(
            await session.scalars(sa.insert(PublicService).returning(PublicService.id), services)
        )
        responses: list[dict[str, object]] = []
        counts: list[dict[str, object]] = []
        for n, service_id in enumerate(ids):
            # Quality from 1.6 (band D) to 3.8 (band A); every seventh service barely answered.
            quality = 1.6 + 2.2 * rng.random()
            per_month = 1 if n % 7 == 3 else rng.randint(3, 9)
            users_per_month = rng.randint(30, 400)
            for year, month in months:
                counts.append(
                    {"service_id": service_id, "year": year, "month": month,
                     "users": users_per_month + rng.randint(-20, 20)}
                )  # fmt: skip
                for k in range(per_month):
                    day = date(year, month, 1 + rng.randrange(27))
                    scores = {
                        f"u{u}": max(1, min(4, round(rng.gauss(quality, 0.6))))
                        for u in range(1, 10)
                    }
                    comment, status = (None, None)
                    if rng.random() < 0.15:
                        comment, status = COMMENTS[rng.randrange(len(COMMENTS))]
                    responses.append(
                        {
                            "service_id": service_id,
                            "submitted_at": clock.at(day, 8 + k % 8, rng.randrange(60)),
                            "channel": SurveyChannel.FORMULIR if k % 3 else SurveyChannel.APLIKASI,
                            "comment": comment,
                            "comment_status": status,
                            "submitter_fingerprint": hashlib.sha256(
                                f"{seed}-{service_id}-{year}-{month}-{k}".encode()
                            ).hexdigest()[:64],
                            **scores,
                        }
                    )
        for start in range(0, len(responses), 2_000):
            await session.execute(sa.insert(SurveyResponse), responses[start : start + 2_000])
        await session.execute(sa.insert(ServiceUserCount), counts)
        follow_ups: list[dict[str, object]] = []
        for i, unit in enumerate(hosts[::2]):
            for year in (today.year - 1, today.year):
                unsur, action = FOLLOW_UPS[(i + year) % len(FOLLOW_UPS)]
                follow_ups.append(
                    {
                        "unit_id": unit.id,
                        "year": year,
                        "unsur": unsur,
                        "action": action,
                        "target_date": date(year, 12, 15),
                        "done": year < today.year or i % 3 == 0,
                        "review": screen_text(action),  # the same screening as the form
                        "created_at": now,
                        "updated_at": now,
                    }
                )
        await session.execute(sa.insert(SurveyFollowUp), follow_ups)
    return SurveySeedReport(len(ids), len(responses), len(follow_ups))


def demo_release_periods(today: date) -> list[tuple[str, bool]]:
    """Last year's annual release and this year's first semester (provisional until it ends)."""
    semester_over = today > date(today.year, 6, 30)
    return [(str(today.year - 1), False), (f"{today.year}-S1", not semester_over)]
