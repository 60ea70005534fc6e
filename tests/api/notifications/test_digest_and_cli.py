"""The e-mail digest (log without SMTP, a recording fake SMTP server with it, failure tolerated)
and the `kinerja remind` command."""

from __future__ import annotations

import dataclasses
import logging
import smtplib
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from server.cli import main
from server.config import Settings, SettingsError
from server.db.engine import Database
from server.db.models import Notification
from server.services.mailer import MailOutcome
from server.services.notifications import send_due_reminders
from tests.api.notifications.conftest import TODAY, ReminderData


class RecordingSMTP:
    """Stands in for smtplib.SMTP: records what the mailer does, sends nothing."""

    instances: list[RecordingSMTP] = []
    fail_with: Exception | None = None

    def __init__(self, host: str, port: int, timeout: float) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.calls: list[str] = []
        self.messages: list[EmailMessage] = []
        RecordingSMTP.instances.append(self)

    def __enter__(self) -> RecordingSMTP:
        return self

    def __exit__(self, *exc: object) -> None:
        self.calls.append("quit")

    def starttls(self, context: Any = None) -> None:
        self.calls.append("starttls")

    def login(self, user: str, password: str) -> None:
        self.calls.append(f"login {user}:{password}")

    def send_message(self, message: EmailMessage) -> None:
        if RecordingSMTP.fail_with is not None:
            raise RecordingSMTP.fail_with
        self.calls.append("send")
        self.messages.append(message)


@pytest.fixture
def fake_smtp(monkeypatch: pytest.MonkeyPatch) -> type[RecordingSMTP]:
    RecordingSMTP.instances = []
    RecordingSMTP.fail_with = None
    monkeypatch.setattr(smtplib, "SMTP", RecordingSMTP)
    return RecordingSMTP


def with_smtp(settings: Settings, **extra: Any) -> Settings:
    return dataclasses.replace(
        settings,
        smtp_host="mail.salatiga.go.id",
        smtp_port=587,
        smtp_user="ekinerja",
        smtp_password="rahasia",
        smtp_from="e-kinerja@salatiga.go.id",
        reminder_digest_to=("bkpsdm@salatiga.go.id",),
        **extra,
    )


async def notification_count(db: Database) -> int:
    async with db.read() as s:
        return int(await s.scalar(sa.select(sa.func.count(Notification.id))) or 0)


async def test_without_smtp_the_digest_goes_to_the_log(
    db: Database,
    settings: Settings,
    data: ReminderData,
    caplog: pytest.LogCaptureFixture,
    fake_smtp: type[RecordingSMTP],
) -> None:
    assert settings.smtp_host == ""  # the embedded default
    with caplog.at_level(logging.INFO, logger="kinerja.mail"):
        run = await send_due_reminders(db, settings, TODAY)
    assert run.mail is MailOutcome.LOGGED
    assert fake_smtp.instances == []
    text = caplog.text
    assert "KINERJA_SMTP_HOST kosong" in text
    assert "Pengingat e-Kinerja 03-04-2026: 6 baru" in text
    assert "6 pengingat baru untuk 4 pegawai" in text
    assert "Pegawai Kadis (NIP " in text
    assert "Keberatan Pegawai Staf menunggu keputusan Anda" in text


async def test_with_smtp_one_digest_goes_to_the_instansi_mailbox(
    db: Database, settings: Settings, data: ReminderData, fake_smtp: type[RecordingSMTP]
) -> None:
    run = await send_due_reminders(db, with_smtp(settings), TODAY)
    assert run.mail is MailOutcome.SENT
    [server] = fake_smtp.instances
    assert (server.host, server.port) == ("mail.salatiga.go.id", 587)
    assert server.calls == ["starttls", "login ekinerja:rahasia", "send", "quit"]
    [message] = server.messages
    assert message["To"] == "bkpsdm@salatiga.go.id"
    assert message["From"] == "e-kinerja@salatiga.go.id"
    assert message["Subject"] == "Pengingat e-Kinerja 03-04-2026: 6 baru"
    body = message.get_content()
    assert "Pegawai Kabid (NIP " in body
    assert "SKP 2026 milik Pegawai Staf2 menunggu persetujuan Anda" in body

    # The same day again: nothing new, no second mail.
    again = await send_due_reminders(db, with_smtp(settings), TODAY)
    assert again.mail is None
    assert len(fake_smtp.instances) == 1


async def test_without_starttls_or_login(
    db: Database, settings: Settings, data: ReminderData, fake_smtp: type[RecordingSMTP]
) -> None:
    configured = dataclasses.replace(
        with_smtp(settings, smtp_starttls=False), smtp_user="", smtp_password=""
    )
    assert (await send_due_reminders(db, configured, TODAY)).mail is MailOutcome.SENT
    assert fake_smtp.instances[0].calls == ["send", "quit"]


@pytest.mark.parametrize(
    "error",
    [
        smtplib.SMTPRecipientsRefused({"bkpsdm@salatiga.go.id": (550, b"no such user")}),
        ConnectionRefusedError(111, "Connection refused"),
    ],
    ids=["refused-recipient", "server-down"],
)
async def test_a_mail_failure_is_logged_and_keeps_the_reminders(
    db: Database,
    settings: Settings,
    data: ReminderData,
    fake_smtp: type[RecordingSMTP],
    caplog: pytest.LogCaptureFixture,
    error: Exception,
) -> None:
    fake_smtp.fail_with = error
    with caplog.at_level(logging.ERROR, logger="kinerja.mail"):
        run = await send_due_reminders(db, with_smtp(settings), TODAY)
    assert run.mail is MailOutcome.FAILED
    assert run.total_created == 6
    assert await notification_count(db) == 6
    assert "gagal dikirim lewat mail.salatiga.go.id:587" in caplog.text
    assert "rahasia" not in caplog.text


async def test_smtp_without_recipient_sends_nothing(
    db: Database, settings: Settings, data: ReminderData, fake_smtp: type[RecordingSMTP]
) -> None:
    configured = dataclasses.replace(with_smtp(settings), reminder_digest_to=())
    assert (await send_due_reminders(db, configured, TODAY)).mail is MailOutcome.NO_RECIPIENT
    assert fake_smtp.instances == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ("", 587, True, (), "e-kinerja@localhost")),
        (
            {
                "KINERJA_SMTP_HOST": "mail.salatiga.go.id",
                "KINERJA_SMTP_PORT": "25",
                "KINERJA_SMTP_STARTTLS": "false",
                "KINERJA_SMTP_FROM": "e-kinerja@salatiga.go.id",
                "KINERJA_REMINDER_DIGEST_TO": "bkpsdm@salatiga.go.id, umpeg@salatiga.go.id",
            },
            (
                "mail.salatiga.go.id",
                25,
                False,
                ("bkpsdm@salatiga.go.id", "umpeg@salatiga.go.id"),
                "e-kinerja@salatiga.go.id",
            ),
        ),
    ],
)
def test_smtp_settings_from_the_environment(
    env: dict[str, str], expected: tuple[object, ...]
) -> None:
    s = Settings.from_env(env)
    assert (s.smtp_host, s.smtp_port, s.smtp_starttls, s.reminder_digest_to, s.smtp_from) == (
        expected
    )
    assert "smtp_password" not in repr(Settings.from_env({"KINERJA_SMTP_PASSWORD": "rahasia"}))


@pytest.mark.parametrize(
    "bad",
    ["bukan-alamat", "a@b.id\r\nBcc: x@y.id", "Nama <a@b.id>", "a@localhost"],
)
def test_a_bad_digest_address_is_refused(bad: str) -> None:
    with pytest.raises(SettingsError, match="KINERJA_REMINDER_DIGEST_TO"):
        Settings.from_env({"KINERJA_REMINDER_DIGEST_TO": bad})


def test_cli_remind_prints_what_it_sent(
    data: ReminderData,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("KINERJA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("KINERJA_DATABASE_URL", settings.database_url)
    monkeypatch.delenv("KINERJA_SMTP_HOST", raising=False)
    assert main(["remind", "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Pengingat 2026-04-03: 6 dibuat, 0 sudah dikirim sebelumnya hari ini."
    assert [line.split() for line in out[1:6]] == [
        ["PENGINGAT_PERSETUJUAN_SKP", "1"],
        ["PENGINGAT_REALISASI", "1"],
        ["PENGINGAT_PENILAIAN", "1"],
        ["PENGINGAT_KEBERATAN", "1"],
        ["PENGINGAT_PEMBINAAN", "2"],
    ]
    assert out[6] == "Ringkasan e-mail: ditulis ke log (KINERJA_SMTP_HOST kosong)."

    assert main(["remind", "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Pengingat 2026-04-03: 0 dibuat, 6 sudah dikirim sebelumnya hari ini."
    assert out[-1] == "Ringkasan e-mail: tidak ada pengingat baru, ringkasan tidak dikirim."

    assert main(["remind", "--date", "03-04-2026"]) == 2
    assert "Tanggal tidak valid" in capsys.readouterr().err
