"""Internal API of penilaian kinerja (periodic and annual evaluations)."""

from server.api.internal.evaluation.mutations import EvaluationMutation
from server.api.internal.evaluation.queries import EvaluationQuery

__all__ = ["EvaluationMutation", "EvaluationQuery"]
