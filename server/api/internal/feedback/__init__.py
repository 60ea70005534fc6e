"""Internal API of continuous feedback (umpan balik), standard phrases and dialog kinerja."""

from server.api.internal.feedback.mutations import FeedbackMutation
from server.api.internal.feedback.queries import FeedbackQuery

__all__ = ["FeedbackMutation", "FeedbackQuery"]
