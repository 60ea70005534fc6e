"""The committed SDL is the contract: it must match the code exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from server.api.schema_export import current_sdl

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schema"


@pytest.mark.parametrize("name", ["internal.graphql", "public.graphql"])
def test_committed_sdl_matches_the_code(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert committed == current_sdl()[name], (
        f"schema/{name} is out of date: run `make schema` and commit the result"
    )


def test_public_schema_has_no_mutations_or_subscriptions() -> None:
    sdl = current_sdl()["public.graphql"]
    assert "type Mutation" not in sdl
    assert "type Subscription" not in sdl
