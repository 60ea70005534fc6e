"""Use cases: the only write path. One transaction per action with its audit event."""
