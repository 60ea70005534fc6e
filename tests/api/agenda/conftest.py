"""The agenda is read from the same year in progress as the daily reminders (one of each kind
due on 3 April 2026): see tests/api/notifications/conftest.py."""

from tests.api.notifications.conftest import data

__all__ = ["data"]
