"""Continuous feedback (umpan balik berkelanjutan), standard phrases and dialog kinerja."""

from server.services.feedback.comments import (
    MAX_FEEDBACK_LENGTH,
    FeedbackFilter,
    FeedbackInput,
    add_feedback,
    feedback_state,
    list_plan_feedback,
)
from server.services.feedback.dialogues import (
    DialogueInput,
    guest_names,
    list_plan_dialogues,
    participant_ids,
    record_dialogue,
)
from server.services.feedback.phrases import (
    DEFAULT_FEEDBACK_PHRASES,
    PhraseChanges,
    create_phrase,
    ensure_default_phrases,
    list_phrases,
    update_phrase,
)
from server.services.feedback.reads import (
    FeedbackThread,
    MarkedRead,
    mark_feedback_read,
    read_markers,
    thread_key,
)

__all__ = [
    "DEFAULT_FEEDBACK_PHRASES",
    "MAX_FEEDBACK_LENGTH",
    "DialogueInput",
    "FeedbackFilter",
    "FeedbackInput",
    "FeedbackThread",
    "MarkedRead",
    "PhraseChanges",
    "add_feedback",
    "create_phrase",
    "ensure_default_phrases",
    "feedback_state",
    "guest_names",
    "list_phrases",
    "list_plan_dialogues",
    "list_plan_feedback",
    "mark_feedback_read",
    "participant_ids",
    "read_markers",
    "record_dialogue",
    "thread_key",
    "update_phrase",
]
