"""The internal (staff) schema. Requests reach it only with a valid session (see http/)."""

from __future__ import annotations

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from server import clock
from server.api.graphql_common import JsonGraphQL, mask_errors, request_limits
from server.api.internal.agenda import AgendaQuery
from server.api.internal.appraisal_calendar import CalendarMutation, CalendarQuery
from server.api.internal.audit import AuditQuery
from server.api.internal.calibration import CalibrationMutation, CalibrationQuery
from server.api.internal.career import CareerQuery
from server.api.internal.context import InternalContext
from server.api.internal.cost import internal_cost_model
from server.api.internal.evaluation import EvaluationMutation, EvaluationQuery
from server.api.internal.evaluation.coaching import CoachingMutation, CoachingQuery
from server.api.internal.evaluation.objections import ObjectionMutation, ObjectionQuery
from server.api.internal.feedback import FeedbackMutation, FeedbackQuery
from server.api.internal.import_preview import ImportPreviewMutation
from server.api.internal.inbox import InboxQuery
from server.api.internal.interop import InteropMutation
from server.api.internal.loaders import Loaders
from server.api.internal.notifications import NotificationMutation, NotificationQuery
from server.api.internal.onboarding import OnboardingMutation, OnboardingQuery
from server.api.internal.organisation.account_links import AccountLinkQuery
from server.api.internal.organisation.assessor_overrides import (
    AssessorOverrideMutation,
    AssessorOverrideQuery,
)
from server.api.internal.organisation.mutations import OrganisationMutation
from server.api.internal.organisation.queries import OrganisationQuery
from server.api.internal.planning.mutations import PlanningMutation
from server.api.internal.planning.queries import PlanningQuery
from server.api.internal.releases import ReleaseMutation, ReleaseQuery
from server.api.internal.report_catalog import ReportCatalogQuery
from server.api.internal.reports import ReportQuery
from server.api.internal.survey import SurveyMutation, SurveyQuery
from server.api.internal.work.mutations import WorkMutation
from server.api.internal.work.queries import WorkQuery
from server.api.query_cost import cost_limit
from server.config import Settings
from server.db.engine import Database
from server.services.actor import Actor

# Each feature module contributes its own root fields; they are merged here.
QUERY_TYPES: tuple[type, ...] = (
    OrganisationQuery,
    AuditQuery,
    AgendaQuery,
    CalibrationQuery,
    ObjectionQuery,
    CareerQuery,
    CoachingQuery,
    EvaluationQuery,
    FeedbackQuery,
    InboxQuery,
    NotificationQuery,
    WorkQuery,
    PlanningQuery,
    SurveyQuery,
    ReportQuery,
    ReleaseQuery,
    AssessorOverrideQuery,
    AccountLinkQuery,
    CalendarQuery,
    OnboardingQuery,
    ReportCatalogQuery,
)
MUTATION_TYPES: tuple[type, ...] = (
    OrganisationMutation,
    CalibrationMutation,
    ObjectionMutation,
    CoachingMutation,
    EvaluationMutation,
    FeedbackMutation,
    NotificationMutation,
    WorkMutation,
    PlanningMutation,
    SurveyMutation,
    ReleaseMutation,
    InteropMutation,
    ImportPreviewMutation,
    AssessorOverrideMutation,
    CalendarMutation,
    OnboardingMutation,
)

schema = strawberry.Schema(
    query=merge_types("Query", QUERY_TYPES),
    mutation=merge_types("Mutation", MUTATION_TYPES),
    config=StrawberryConfig(disable_field_suggestions=False),
    extensions=[
        *request_limits(max_depth=12, max_aliases=30, max_tokens=5_000),
        cost_limit(internal_cost_model()),
        mask_errors,
    ],
)


class InternalGraphQL(JsonGraphQL[InternalContext]):
    """Strawberry's ASGI app with our context, orjson, and no IDE or GET queries."""

    def __init__(self, db: Database, settings: Settings, *, from_request: bool = False) -> None:
        super().__init__(schema, graphql_ide=None, allow_queries_via_get=False)
        self.db = db
        self.settings = settings
        # The Latihan stack: each request brings its person's sandbox in ``request.app.state``.
        self.from_request = from_request

    def cost_maximum(self) -> int:
        return self.settings.internal_max_cost

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> InternalContext:
        # The session guard only lets HTTP requests through (no WebSockets on this endpoint).
        assert isinstance(request, Request)
        assert isinstance(response, Response)
        actor: Actor = request.state.actor  # set by the session guard in front of this app
        today = clock.today()
        db, settings = self.db, self.settings
        if self.from_request:
            db, settings = request.app.state.db, request.app.state.settings
        return InternalContext(
            request=request,
            response=response,
            db=db,
            settings=settings,
            actor=actor,
            today=today,
            loaders=Loaders(db, actor, today),
        )
