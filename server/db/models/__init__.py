"""All mapped classes, imported here so metadata is complete for Alembic and the tests."""

from server.db.models.accounts import AccountRole, LoginFailure, LoginSession, UserAccount
from server.db.models.audit import AuditChainHead, AuditEvent
from server.db.models.organisation import AssessorOverride, Position, Unit
from server.db.models.people import Employee, PositionAssignment

__all__ = [
    "AccountRole",
    "AssessorOverride",
    "AuditChainHead",
    "AuditEvent",
    "Employee",
    "LoginFailure",
    "LoginSession",
    "Position",
    "PositionAssignment",
    "Unit",
    "UserAccount",
]
