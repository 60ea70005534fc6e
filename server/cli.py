"""The ``kinerja`` command (also ``python -m server``).

kinerja serve                 run the web server (uvicorn)
kinerja db upgrade            apply the Alembic migrations
kinerja seed-demo [--if-empty] [--employees N]
kinerja create-user LOGIN [--role ROLE ...] [--nip NIP] [--unit CODE]   (password from stdin or prompt)
kinerja import-org FILE.csv
kinerja import-employees FILE.csv
kinerja import-skp FILE.csv --year N          SKP yang sudah ditetapkan di BKN e-Kinerja
kinerja export-skp --year N [--format csv|json] [--out FILE]
kinerja verify-audit
kinerja latihan-prune [--days 30]   remove the per-person Latihan copies unused for N days
kinerja publish --period 2026-S1 [--supersede] [--provisional] [--note TEXT]
kinerja export-schema         write schema/internal.graphql and schema/public.graphql
kinerja remind [--date YYYY-MM-DD]   create today's reminders (daily cron), e-mail the digest
kinerja backup DIR            database + evidence files + survey secret, with a SHA-256 manifest
kinerja restore DIR [--force] check the manifest, restore into an empty target, verify the audit chain
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from server import clock
from server.config import Settings, SettingsError
from server.db.engine import Database
from server.db.migrate import upgrade_database
from server.domain.enums import Role
from server.services.actor import system_actor

EXIT_USAGE = 2
EXIT_FAILED = 1


def _print_report(report: object) -> int:
    from server.services.csv_files import ImportReport

    assert isinstance(report, ImportReport)
    if report.errors:
        print(
            f"Impor dibatalkan: {len(report.errors)} kesalahan, tidak ada yang diubah.",
            file=sys.stderr,
        )
        for error in report.errors:
            where = f" [{error.field}]" if error.field else ""
            print(f"  baris {error.line}{where}: {error.message}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"Impor berhasil: {report.created} baru, {report.updated} diubah, {report.unchanged} tetap."
    )
    return 0


async def _with_db(settings: Settings, action):  # type: ignore[no-untyped-def]
    db = Database.from_settings(settings, batch_job=True)
    try:
        return await action(db)
    finally:
        await db.dispose()


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    from server.demo.load import load_full_demo
    from server.demo.seed import database_is_empty

    async def run(db: Database) -> int:
        if not await database_is_empty(db):
            if args.if_empty:
                print("Basis data sudah berisi data; data demo tidak dimuat.")
                return 0
            print(
                "Basis data tidak kosong: data demo hanya dimuat ke basis data kosong.",
                file=sys.stderr,
            )
            return EXIT_FAILED
        started = time.perf_counter()
        loaded = await load_full_demo(
            db, settings, seed=args.seed, employees=args.employees, actor_label="seed-demo"
        )
        elapsed = time.perf_counter() - started
        print(f"Data demo SINTETIS dimuat dalam {elapsed:.1f} s: {loaded.summary}")
        if loaded.recent_note is not None:
            print(loaded.recent_note)
        print_demo_logins(loaded.city)
        return 0

    return int(asyncio.run(_with_db(settings, run)))


def print_demo_logins(city: object) -> None:
    accounts = getattr(city, "accounts", ())
    print("\nAkun demo (semua orang dan angka adalah rekaan):")
    for account in accounts:
        print(f"  {account.login:<24} {account.password:<22} {account.description}")


def cmd_demo_logins(settings: Settings, args: argparse.Namespace) -> int:
    from server.demo import generate_city

    print_demo_logins(generate_city(seed=args.seed, employees=args.employees, today=clock.today()))
    return 0


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> int:
    import sqlalchemy as sa

    from server.db.models import Employee, Unit
    from server.services.errors import ServiceError
    from server.services.organisation.accounts import AccountInput, create_account

    password = (
        sys.stdin.readline().rstrip("\n")
        if not sys.stdin.isatty()
        else getpass.getpass("Kata sandi: ")
    )

    async def run(db: Database) -> int:
        employee_id = unit_id = None
        async with db.read() as s:
            if args.nip:
                employee_id = (
                    await s.scalars(
                        sa.select(Employee.id).where(Employee.nip == args.nip.replace(" ", ""))
                    )
                ).first()
                if employee_id is None:
                    print(f"Pegawai dengan NIP {args.nip} tidak ditemukan.", file=sys.stderr)
                    return EXIT_FAILED
            if args.unit:
                unit_id = (
                    await s.scalars(sa.select(Unit.id).where(Unit.code == args.unit.upper()))
                ).first()
                if unit_id is None:
                    print(f"Unit {args.unit} tidak ditemukan.", file=sys.stderr)
                    return EXIT_FAILED
        try:
            account = await create_account(
                db,
                system_actor("cli"),
                AccountInput(
                    login=args.login,
                    password=password,
                    roles=frozenset(Role(r) for r in args.role),
                    employee_id=employee_id,
                    managed_unit_id=unit_id,
                ),
            )
        except ServiceError as exc:
            print(f"Gagal: {exc.message}", file=sys.stderr)
            return EXIT_FAILED
        print(f"Akun {account.login} dibuat.")
        return 0

    return int(asyncio.run(_with_db(settings, run)))


def _cmd_import(kind: str):  # type: ignore[no-untyped-def]
    def command(settings: Settings, args: argparse.Namespace) -> int:
        from server.services import imports

        try:
            data = Path(args.file).read_bytes()
        except OSError as exc:
            print(f"Berkas tidak dapat dibaca: {exc}", file=sys.stderr)
            return EXIT_FAILED
        action = imports.import_organisation if kind == "org" else imports.import_employees

        async def run(db: Database) -> int:
            return _print_report(await action(db, system_actor("cli"), data))

        return int(asyncio.run(_with_db(settings, run)))

    return command


def cmd_import_skp(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.errors import ServiceError
    from server.services.interop.import_skp import import_skp

    try:
        data = Path(args.file).read_bytes()
    except OSError as exc:
        print(f"Berkas tidak dapat dibaca: {exc}", file=sys.stderr)
        return EXIT_FAILED

    async def run(db: Database) -> int:
        try:
            return _print_report(await import_skp(db, system_actor("cli"), args.year, data))
        except ServiceError as exc:
            print(f"Gagal: {exc.message}", file=sys.stderr)
            return EXIT_FAILED

    return int(asyncio.run(_with_db(settings, run)))


def cmd_export_skp(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.errors import ServiceError
    from server.services.interop.export import ExportFile, export_file

    async def run(db: Database) -> ExportFile | None:
        try:
            return await export_file(
                db, system_actor("cli"), args.what, args.format, args.year, args.unit
            )
        except ServiceError as exc:
            print(f"Gagal: {exc.message}", file=sys.stderr)
            return None

    found = asyncio.run(_with_db(settings, run))
    if found is None:
        return EXIT_FAILED
    if args.out:
        Path(args.out).write_bytes(found.body)
        print(f"{found.rows} baris ditulis ke {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(found.body)
        sys.stdout.flush()
    return 0


def cmd_verify_audit(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.audit import verify_audit_chain

    async def run(db: Database) -> int:
        result = await verify_audit_chain(db)
        if result.intact:
            print(f"Rantai audit utuh: {result.events_checked} peristiwa diperiksa.")
            return 0
        print(
            f"Rantai audit RUSAK pada peristiwa #{result.first_broken_seq}: {result.problem}",
            file=sys.stderr,
        )
        return EXIT_FAILED

    return int(asyncio.run(_with_db(settings, run)))


def cmd_latihan_prune(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.sandbox import Sandbox

    if args.days < 1:
        print("--days paling sedikit 1.", file=sys.stderr)
        return EXIT_USAGE

    async def run() -> list[int]:
        sandbox = Sandbox(settings)
        try:
            return await sandbox.prune(args.days)
        finally:
            await sandbox.dispose()

    removed = asyncio.run(run())
    print(f"Salinan latihan dihapus (tidak dipakai {args.days} hari): {len(removed)}.")
    return 0


def cmd_tour(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.errors import ServiceError
    from server.services.onboarding import set_tour_for_accounts

    if bool(args.all) == bool(args.logins):
        print("Sebutkan login akun, atau --all untuk semua akun.", file=sys.stderr)
        return EXIT_FAILED

    async def run(db: Database) -> int:
        try:
            changed = await set_tour_for_accounts(
                db, system_actor("cli"), None if args.all else args.logins, args.action == "done"
            )
        except ServiceError as exc:
            print(exc.message, file=sys.stderr)
            return EXIT_FAILED
        print(f"Tur pengenalan diubah untuk {changed} akun.")
        return 0

    return int(asyncio.run(_with_db(settings, run)))


def cmd_publish(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.errors import ServiceError
    from server.services.releases.publish import options_from_settings, publish_release

    options = options_from_settings(
        settings, supersede=args.supersede, note=args.note, provisional=args.provisional
    )

    async def run(db: Database) -> int:
        try:
            result = await publish_release(db, system_actor("cli"), args.period, options)
        except ServiceError as exc:
            print(f"Gagal: {exc.message}", file=sys.stderr)
            return EXIT_FAILED
        from server.http.shared_state import announce_release_published

        # Every running server drops its cached public answers now (with Redis; without it
        # they notice within KINERJA_PUBLIC_CACHE_RECHECK_MS).
        await announce_release_published(settings.redis_url, settings.redis_prefix)
        replaced = (
            f", menggantikan rilis #{result.supersedes_number}" if result.supersedes_number else ""
        )
        print(
            f"Rilis #{result.number} ({result.period_code})"
            f"{' sementara' if result.provisional else ''} diterbitkan{replaced}: "
            f"{result.units} unit, {result.services} layanan. Unduhan: /public/data/{result.number}/"
        )
        return 0

    return int(asyncio.run(_with_db(settings, run)))


def cmd_remind(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.mailer import MailOutcome
    from server.services.notifications import send_due_reminders

    try:
        day = date.fromisoformat(args.date) if args.date else clock.today()
    except ValueError:
        print(f"Tanggal tidak valid: {args.date!r} (format YYYY-MM-DD).", file=sys.stderr)
        return EXIT_USAGE

    async def run(db: Database) -> int:
        result = await send_due_reminders(db, settings, day)
        print(
            f"Pengingat {day.isoformat()}: {result.total_created} dibuat, "
            f"{result.already_sent} sudah dikirim sebelumnya hari ini."
        )
        for kind, count in result.created.items():
            print(f"  {kind:<28} {count}")
        mail = {
            None: "tidak ada pengingat baru, ringkasan tidak dikirim",
            MailOutcome.SENT: "terkirim ke " + ", ".join(settings.reminder_digest_to),
            MailOutcome.LOGGED: "ditulis ke log (KINERJA_SMTP_HOST kosong)",
            MailOutcome.NO_RECIPIENT: "tidak dikirim: KINERJA_REMINDER_DIGEST_TO kosong",
            MailOutcome.FAILED: "GAGAL dikirim (lihat log); pengingat tetap tersimpan",
        }[result.mail]
        print(f"Ringkasan e-mail: {mail}.")
        return 0

    return int(asyncio.run(_with_db(settings, run)))


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.backup import BackupError, create_backup

    started = time.perf_counter()
    try:
        report = asyncio.run(create_backup(settings, Path(args.directory)))
    except BackupError as exc:
        print(f"Cadangan gagal: {exc.message}", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"Cadangan {report.dialect} (migrasi {report.revision}) ditulis ke {report.directory} "
        f"dalam {time.perf_counter() - started:.1f} s: {report.rows} baris dari "
        f"{len(report.tables)} tabel, {report.evidence_files} berkas bukti, "
        f"{report.files} berkas ({report.bytes_written} bita) dengan SHA-256 di manifest.json."
    )
    return 0


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from server.services.backup import BackupError, restore_backup

    try:
        report = asyncio.run(
            restore_backup(settings, Path(args.directory), force=args.force, progress=print)
        )
    except BackupError as exc:
        print(f"Pemulihan ditolak: {exc.message}", file=sys.stderr)
        for problem in exc.problems[:50]:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_FAILED
    for warning in report.warnings:
        print(f"PERINGATAN: {warning}", file=sys.stderr)
    print(
        f"Dipulihkan: {report.rows} baris dari {len(report.tables)} tabel, "
        f"{report.evidence_files} berkas bukti"
        + (", rahasia survei" if report.survey_secret_restored else "")
        + "."
    )
    if not report.audit.intact:
        print(
            f"Rantai audit RUSAK pada peristiwa #{report.audit.first_broken_seq}: "
            f"{report.audit.problem}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(f"Rantai audit utuh: {report.audit.events_checked} peristiwa diperiksa.")
    return 0


def cmd_db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    upgrade_database(settings.database_url)
    print("Basis data sudah pada versi terbaru.")
    return 0


def cmd_export_schema(settings: Settings, args: argparse.Namespace) -> int:
    from server.api.schema_export import write_schemas

    for path in write_schemas(Path(args.out)):
        print(f"ditulis {path}")
    return 0


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    import uvicorn

    if settings.is_sqlite:
        upgrade_database(settings.database_url)  # embedded mode keeps itself migrated
    uvicorn.run(
        "server.app:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=settings.log_level.lower(),
        timeout_keep_alive=5,
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinerja", description="e-Kinerja Kota Salatiga")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="jalankan server web")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--forwarded-allow-ips", default="127.0.0.1")
    serve.set_defaults(func=cmd_serve)

    db = sub.add_parser("db", help="basis data")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="terapkan migrasi").set_defaults(func=cmd_db_upgrade)

    for name, func, helptext in (
        ("seed-demo", cmd_seed_demo, "muat data demo sintetis ke basis data kosong"),
        ("demo-logins", cmd_demo_logins, "tampilkan akun demo"),
    ):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("--seed", type=int, default=3373)
        p.add_argument("--employees", type=int, default=4000)
        p.add_argument(
            "--if-empty", action="store_true", help="lewati tanpa galat bila sudah berisi"
        )
        p.set_defaults(func=func)

    user = sub.add_parser("create-user", help="buat akun (kata sandi dari stdin)")
    user.add_argument("login")
    user.add_argument("--role", action="append", default=[], choices=[r.value for r in Role])
    user.add_argument("--nip")
    user.add_argument("--unit", help="kode unit yang dikelola (UNIT_MANAGER)")
    user.set_defaults(func=cmd_create_user)

    tour = sub.add_parser(
        "tour", help="tur pengenalan portal: tandai selesai (done) atau mulai ulang (restart)"
    )
    tour.add_argument("action", choices=["done", "restart"])
    tour.add_argument("logins", nargs="*", help="login akun")
    tour.add_argument("--all", action="store_true", help="semua akun")
    tour.set_defaults(func=cmd_tour)

    for name, kind in (("import-org", "org"), ("import-employees", "employees")):
        p = sub.add_parser(name, help=f"impor CSV ({kind})")
        p.add_argument("file")
        p.set_defaults(func=_cmd_import(kind))

    import_skp = sub.add_parser("import-skp", help="impor SKP BKN e-Kinerja (docs/interop-bkn.md)")
    import_skp.add_argument("file")
    import_skp.add_argument("--year", type=int, required=True)
    import_skp.set_defaults(func=cmd_import_skp)
    for name, what in (("export-skp", "skp"), ("export-evaluations", "evaluations")):
        p = sub.add_parser(name, help=f"ekspor {what} tata letak BKN e-Kinerja")
        p.add_argument("--year", type=int, required=True)
        p.add_argument("--format", choices=["csv", "json"], default="csv")
        p.add_argument("--unit", help="kode unit (beserta sub-unitnya)")
        p.add_argument("--out", help="berkas tujuan (bawaan: stdout)")
        p.set_defaults(func=cmd_export_skp, what=what)

    publish = sub.add_parser("publish", help="terbitkan rilis data publik (tetap, bernomor)")
    publish.add_argument("--period", required=True, help="2026, 2026-S1, 2026-Q2, 2026-M04 …")
    publish.add_argument(
        "--supersede", action="store_true", help="terbitkan ulang periode yang sudah dirilis"
    )
    publish.add_argument("--note", help="catatan rilis (mis. alasan koreksi)")
    publish.add_argument(
        "--provisional",
        action="store_true",
        help="rilis sementara: periode belum berakhir atau tahun penilaian belum dibuka",
    )
    publish.set_defaults(func=cmd_publish)

    remind = sub.add_parser("remind", help="buat pengingat hari ini (cron harian)")
    remind.add_argument("--date", help="tanggal acuan YYYY-MM-DD (bawaan: hari ini)")
    remind.set_defaults(func=cmd_remind)

    backup = sub.add_parser("backup", help="cadangkan basis data, bukti dukung, rahasia survei")
    backup.add_argument("directory", help="direktori baru (atau kosong) untuk cadangan")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser("restore", help="pulihkan cadangan (hentikan server dulu)")
    restore.add_argument("directory")
    restore.add_argument(
        "--force", action="store_true", help="timpa basis data dan bukti yang sudah berisi"
    )
    restore.set_defaults(func=cmd_restore)

    prune = sub.add_parser(
        "latihan-prune", help="hapus salinan latihan per orang yang lama tidak dipakai (cron)"
    )
    prune.add_argument("--days", type=int, default=30, help="tidak dipakai sejak N hari (30)")
    prune.set_defaults(func=cmd_latihan_prune)
    sub.add_parser("verify-audit", help="periksa rantai hash log audit").set_defaults(
        func=cmd_verify_audit
    )
    schema = sub.add_parser("export-schema", help="tulis SDL ke schema/")
    schema.add_argument("--out", default="schema")
    schema.set_defaults(func=cmd_export_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(f"Konfigurasi salah: {exc}", file=sys.stderr)
        return EXIT_USAGE
    clock.set_zone(settings.timezone)
    return int(args.func(settings, args))


if __name__ == "__main__":
    sys.exit(main())
