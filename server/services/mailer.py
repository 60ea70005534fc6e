"""Outgoing e-mail through the SMTP settings (KINERJA_SMTP_*), or the log in the embedded mode.

E-mail is a courtesy channel next to the in-app notifications: a failure is logged and
reported to the caller, never raised, so a reminder run is not undone by a mail server.
smtplib blocks, so delivery runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from enum import StrEnum

from server.config import Settings

logger = logging.getLogger("kinerja.mail")

SMTP_TIMEOUT_SECONDS = 30
IMPLICIT_TLS_PORT = 465


class MailOutcome(StrEnum):
    SENT = "SENT"  # accepted by the SMTP server
    LOGGED = "LOGGED"  # no SMTP host configured: written to the log instead
    NO_RECIPIENT = "NO_RECIPIENT"  # SMTP configured but nobody to send to
    FAILED = "FAILED"  # the SMTP server or the network refused; logged


@dataclass(frozen=True)
class Mail:
    to: tuple[str, ...]
    subject: str
    body: str


def build_message(settings: Settings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(mail.to)
    # Header values are single lines: a newline in a subject must not start a new header.
    message["Subject"] = " ".join(mail.subject.split())
    message.set_content(mail.body)
    return message


def _deliver(settings: Settings, message: EmailMessage) -> None:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if settings.smtp_port == IMPLICIT_TLS_PORT:
        smtp = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS)
    with smtp:
        if settings.smtp_starttls and settings.smtp_port != IMPLICIT_TLS_PORT:
            smtp.starttls(context=context)
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


async def send_mail(settings: Settings, mail: Mail) -> MailOutcome:
    """Send ``mail``; without an SMTP host, log it. Never raises for delivery problems."""
    if not settings.smtp_host:
        logger.info(
            "E-mail tidak dikirim (KINERJA_SMTP_HOST kosong); isi untuk %s:\nSubjek: %s\n%s",
            ", ".join(mail.to) or "(penerima belum diatur)",
            mail.subject,
            mail.body,
        )
        return MailOutcome.LOGGED
    if not mail.to:
        logger.warning("E-mail %r tidak dikirim: belum ada penerima.", mail.subject)
        return MailOutcome.NO_RECIPIENT
    message = build_message(settings, mail)
    try:
        await asyncio.to_thread(_deliver, settings, message)
    except (smtplib.SMTPException, OSError, ValueError) as exc:
        # ValueError: e.g. an address the SMTP library rejects; OSError covers DNS, refused, TLS.
        logger.error(
            "E-mail %r ke %s gagal dikirim lewat %s:%s: %s",
            mail.subject,
            ", ".join(mail.to),
            settings.smtp_host,
            settings.smtp_port,
            exc,
        )
        return MailOutcome.FAILED
    logger.info("E-mail %r terkirim ke %s.", mail.subject, ", ".join(mail.to))
    return MailOutcome.SENT
