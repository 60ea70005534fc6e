"""Internal API of the citizen survey: services, user counts, follow-ups, comments and IKM."""

from server.api.internal.survey.mutations import SurveyMutation
from server.api.internal.survey.queries import SurveyQuery

__all__ = ["SurveyMutation", "SurveyQuery"]
