"""The year acceptance test reuses the logged-in clients of the SKP-cycle acceptance tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from starlette.applications import Starlette

from tests.api.acceptance.conftest import Users
from tests.conftest import SmallOrg


@pytest.fixture
async def users(app: Starlette, small_org: SmallOrg) -> AsyncIterator[Users]:
    found = Users(app)
    yield found
    await found.close()
