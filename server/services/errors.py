"""The one error shape of the service layer. The APIs turn it into data for the client."""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable codes a client can act on; the message is for people."""

    INVALID_INPUT = "INVALID_INPUT"
    NOT_FOUND = "NOT_FOUND"
    FORBIDDEN = "FORBIDDEN"
    CONFLICT = "CONFLICT"  # a stale version: someone else changed the object first
    DUPLICATE = "DUPLICATE"
    INVALID_STATE = "INVALID_STATE"
    PERIOD_NOT_STARTED = "PERIOD_NOT_STARTED"  # nothing is recorded for a period still ahead
    # An assessor override naming someone who may not rate that position's holder:
    ASSESSOR_IS_HOLDER = "ASSESSOR_IS_HOLDER"  # the holder themself
    ASSESSOR_IS_ACTOR = "ASSESSOR_IS_ACTOR"  # the person setting, proposing or approving it
    ASSESSOR_BELOW_POSITION = "ASSESSOR_BELOW_POSITION"  # someone under the assessed position
    PERIOD_NOT_ENDED = "PERIOD_NOT_ENDED"  # a final release waits for the period's end


class ServiceError(Exception):
    """An expected failure. Nothing was changed when it is raised inside ``Database.write``."""

    def __init__(self, code: ErrorCode, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


class ValidationErrors(ServiceError):
    """Several field errors at once, so a form can show them all."""

    def __init__(self, errors: list[ServiceError]) -> None:
        super().__init__(ErrorCode.INVALID_INPUT, "; ".join(e.message for e in errors))
        self.errors = errors


def forbidden(message: str = "Anda tidak berwenang melakukan tindakan ini.") -> ServiceError:
    return ServiceError(ErrorCode.FORBIDDEN, message)


def not_found(what: str) -> ServiceError:
    return ServiceError(ErrorCode.NOT_FOUND, f"{what} tidak ditemukan.")
