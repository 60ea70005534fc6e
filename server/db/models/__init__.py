"""All mapped classes, imported here so metadata is complete for Alembic and the tests."""

from server.db.models.accounts import AccountRole, LoginFailure, LoginSession, UserAccount
from server.db.models.audit import AuditChainHead, AuditEvent
from server.db.models.evaluation import (
    BehaviorObservation,
    CalibrationDecision,
    CoachingCheckIn,
    CoachingPlan,
    Evaluation,
    Notification,
    Objection,
    OrgPredicateAssignment,
    WorkResultJudgement,
)
from server.db.models.feedback import Feedback, FeedbackPhrase, PerformanceDialogue
from server.db.models.organisation import AssessorOverride, Position, Unit
from server.db.models.people import Employee, PositionAssignment
from server.db.models.planning import (
    AppraisalPeriod,
    AppraisalYear,
    BehaviorExpectation,
    Indicator,
    OrgGoal,
    PerformancePlan,
    PlanVersion,
    WorkResult,
)
from server.db.models.releases import (
    Release,
    ReleaseDistribution,
    ReleaseFile,
    ReleaseFollowUp,
    ReleaseIkmUnsur,
    ReleaseService,
    ReleaseUnit,
)
from server.db.models.survey import (
    PublicService,
    ServiceUserCount,
    SurveyFollowUp,
    SurveyResponse,
)
from server.db.models.work import (
    ActionPlan,
    Evidence,
    Realization,
    StoredFile,
    Upload,
    WorkLogEntry,
)

__all__ = [
    "AccountRole",
    "ActionPlan",
    "AppraisalPeriod",
    "AppraisalYear",
    "AssessorOverride",
    "AuditChainHead",
    "AuditEvent",
    "BehaviorExpectation",
    "BehaviorObservation",
    "CalibrationDecision",
    "CoachingCheckIn",
    "CoachingPlan",
    "Employee",
    "Evaluation",
    "Evidence",
    "Feedback",
    "FeedbackPhrase",
    "Indicator",
    "LoginFailure",
    "LoginSession",
    "Notification",
    "Objection",
    "OrgGoal",
    "OrgPredicateAssignment",
    "PerformanceDialogue",
    "PerformancePlan",
    "PlanVersion",
    "Position",
    "PositionAssignment",
    "PublicService",
    "Realization",
    "Release",
    "ReleaseDistribution",
    "ReleaseFile",
    "ReleaseFollowUp",
    "ReleaseIkmUnsur",
    "ReleaseService",
    "ReleaseUnit",
    "ServiceUserCount",
    "StoredFile",
    "SurveyFollowUp",
    "SurveyResponse",
    "Unit",
    "Upload",
    "UserAccount",
    "WorkLogEntry",
    "WorkResult",
    "WorkResultJudgement",
]
