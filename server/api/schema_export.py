"""The committed SDL files: printed sorted so diffs are stable, checked by a test for drift."""

from __future__ import annotations

from pathlib import Path

from graphql import GraphQLSchema, lexicographic_sort_schema, print_schema


def sdl_of(schema: GraphQLSchema) -> str:
    return print_schema(lexicographic_sort_schema(schema)) + "\n"


def current_sdl() -> dict[str, str]:
    from server.api.internal.schema import schema as internal
    from server.api.public.schema import schema as public

    return {
        "internal.graphql": sdl_of(internal._schema),
        "public.graphql": sdl_of(public._schema),
    }


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in current_sdl().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
