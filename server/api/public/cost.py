"""Query cost limit of the public schema (OWASP: "perform query cost analysis").

Each field costs 1, multiplied by the size of every list it sits in: a connection counts as
many items as its ``first`` argument (or the default page size), a plain list as a fixed
estimate. The check runs in ``on_execute``, after parsing and validation (both cached), when
the variables are known; an over-budget query is answered with an error carrying
``extensions.cost {requestedQueryCost, maximumAvailable}`` and is never executed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from strawberry.extensions import SchemaExtension

LIST_ESTIMATE = 10  # items assumed in a plain list (releases, unsur, follow-ups …)
CONNECTION_SUFFIX = "Connection"
# Lists whose size is known better than the estimate. A unit's children partition the level
# below it, so across one level of a tree they add up to at most the number of units: counting
# them once per level is exact enough; the unit list itself is a few hundred at most.
LIST_MULTIPLIERS = {"PublicUnit.children": 1, "Query.units": 50, "Query.unitTree": 50}


def _unwrap(type_: Any) -> tuple[Any, bool]:
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        if isinstance(type_, GraphQLList):
            is_list = True
        type_ = type_.of_type
    return type_, is_list


def _first(node: FieldNode, variables: Mapping[str, Any], default: int) -> int:
    for arg in node.arguments or ():
        if arg.name.value != "first":
            continue
        if isinstance(arg.value, IntValueNode):
            return int(arg.value.value)
        if isinstance(arg.value, VariableNode):
            value = variables.get(arg.value.name.value)
            if isinstance(value, int) and not isinstance(value, bool):
                return value
    return default


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    *,
    default_page_size: int,
) -> int:
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    operation = next(
        (
            o
            for o in operations
            if operation_name is None or (o.name and o.name.value == operation_name)
        ),
        None,
    )
    if operation is None or schema.query_type is None:
        return 0
    vars_ = variables or {}

    def fields(
        selection_set: SelectionSetNode, seen: frozenset[str]
    ) -> Iterator[tuple[FieldNode, str | None]]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield selection, None
            elif isinstance(selection, InlineFragmentNode):
                condition = (
                    selection.type_condition.name.value if selection.type_condition else None
                )
                for f, _ in fields(selection.selection_set, seen):
                    yield f, condition
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in fragments:
                    continue  # cycles are refused by validation anyway
                fragment = fragments[name]
                for f, _ in fields(fragment.selection_set, seen | {name}):
                    yield f, fragment.type_condition.name.value

    def cost(selection_set: SelectionSetNode, parent: GraphQLObjectType, multiplier: int) -> int:
        total = 0
        for node, condition in fields(selection_set, frozenset()):
            name = node.name.value
            if name.startswith("__"):
                continue  # introspection has its own depth rule
            owner = schema.get_type(condition) if condition else parent
            if not isinstance(owner, GraphQLObjectType) or name not in owner.fields:
                continue
            named, is_list = _unwrap(owner.fields[name].type)
            total += multiplier
            if node.selection_set is None or not isinstance(named, GraphQLObjectType):
                continue
            inner = multiplier
            if named.name.endswith(CONNECTION_SUFFIX):
                inner = multiplier * max(1, _first(node, vars_, default_page_size))
            elif is_list and not owner.name.endswith(CONNECTION_SUFFIX):
                inner = multiplier * LIST_MULTIPLIERS.get(f"{owner.name}.{name}", LIST_ESTIMATE)
            total += cost(node.selection_set, named, inner)
        return total

    return cost(operation.selection_set, schema.query_type, 1)


def cost_limit(default_maximum: int, default_page_size: int) -> type[SchemaExtension]:
    """A schema extension class refusing queries whose estimated cost exceeds the maximum.

    The maximum is ``settings.public_max_cost`` of the request context when there is one.
    """

    class QueryCostLimit(SchemaExtension):
        def on_execute(self) -> Iterator[None]:
            ec = self.execution_context
            document = ec.graphql_document
            settings = getattr(ec.context, "settings", None)
            maximum = int(getattr(settings, "public_max_cost", default_maximum))
            if document is not None and not ec.result:
                requested = query_cost(
                    ec.schema._schema,
                    document,
                    ec.variables,
                    ec.operation_name,
                    default_page_size=default_page_size,
                )
                if requested > maximum:
                    ec.result = ExecutionResult(
                        data=None,
                        errors=[
                            GraphQLError(
                                f"Biaya kueri {requested} melebihi batas {maximum}; kurangi "
                                f"first atau bidang bersarang / query cost {requested} exceeds "
                                f"the maximum {maximum}; lower first or nest less.",
                                extensions={
                                    "code": "QUERY_COST_LIMIT",
                                    "cost": {
                                        "requestedQueryCost": requested,
                                        "maximumAvailable": maximum,
                                    },
                                },
                            )
                        ],
                    )
            yield

    return QueryCostLimit
