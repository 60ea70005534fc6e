"""Internal API of organisation predicates and calibration."""

from server.api.internal.calibration.mutations import CalibrationMutation
from server.api.internal.calibration.queries import CalibrationQuery

__all__ = ["CalibrationMutation", "CalibrationQuery"]
