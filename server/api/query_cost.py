"""Query cost limit of both GraphQL schemas (OWASP: "perform query cost analysis").

Each field costs 1 (a root mutation field ``mutation_field_cost``), multiplied by the number of
times it is resolved: the size of every list it sits in.

- A connection (``…Connection``) loads one page of rows, whatever is selected: it costs its
  page size (``first``, or the default page size; capped at the maximum page size, which the
  resolver enforces anyway) times ``connection_row_cost``, and its ``edges`` / ``nodes``
  multiply what is below them by that page size. ``totalCount`` and ``pageInfo`` are resolved
  once. The page size is the one lever a client has over how many rows the server loads (plain
  lists hold what the data holds), and a page is a scoped, sorted, counted query: a schema may
  weigh its rows more.
- A plain list multiplies what is below it by a known size for that field
  (``list_multipliers``, "Type.field") or by ``list_estimate``.

The values are the ones execution will use: variables are coerced against the operation's
definitions first, so a variable's default (``query($n: Int = 100)``) counts like a value sent.

The check runs in ``on_execute``, after parsing and validation (both cached), when the variables
are known; an over-budget operation is answered with an error ``QUERY_COST_LIMIT`` carrying
``extensions.cost {requestedQueryCost, maximumAvailable}`` and is never executed (no resolver,
no SQL). Every answer carries the same ``cost`` object in its top-level ``extensions``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_variable_values,
)
from strawberry.extensions import SchemaExtension

CONNECTION_SUFFIX = "Connection"
COST_LIMIT_CODE = "QUERY_COST_LIMIT"


@dataclass(frozen=True)
class CostModel:
    """How one schema is costed, and where its ceiling comes from."""

    default_page_size: int
    max_page_size: int
    default_maximum: int
    # Attribute of ``context.settings`` holding the ceiling (so it is a setting).
    maximum_setting: str
    list_estimate: int = 10
    # "Type.field" → items assumed for that plain list instead of ``list_estimate``.
    list_multipliers: Mapping[str, int] = field(default_factory=dict)
    mutation_field_cost: int = 1
    connection_row_cost: int = 1


_Owner = GraphQLObjectType | GraphQLInterfaceType


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


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name and o.name.value == name), None)


def coerced_variables(
    schema: GraphQLSchema, operation: OperationDefinitionNode, inputs: Mapping[str, Any] | None
) -> Mapping[str, Any]:
    """The variables as execution will see them: sent values coerced, defaults filled in.

    When the values do not coerce, execution refuses the operation anyway; the sent values
    (possibly none) are used then, which can only make the estimate lower for a query that
    will not run.
    """
    found = get_variable_values(schema, operation.variable_definitions or (), dict(inputs or {}))
    if isinstance(found, list):
        return inputs or {}
    return found.coerced


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    operation_name: str | None,
    model: CostModel,
) -> int:
    operation = _operation(document, operation_name)
    if operation is None:
        return 0
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }.get(operation.operation)
    if root is None:
        return 0
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    vars_ = coerced_variables(schema, operation, variables)

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
                for f, inner in fields(selection.selection_set, seen):
                    yield f, inner or condition
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in fragments:
                    continue  # cycles are refused by validation anyway
                fragment = fragments[name]
                for f, inner in fields(fragment.selection_set, seen | {name}):
                    yield f, inner or fragment.type_condition.name.value

    def page(node: FieldNode) -> int:
        first = _first(node, vars_, model.default_page_size)
        return max(1, min(first, model.max_page_size))

    def cost(
        selection_set: SelectionSetNode, parent: Any, multiplier: int, base: int, rows: int
    ) -> int:
        """``rows``: the page size when ``parent`` is a connection (its lists hold that many)."""
        total = 0
        for node, condition in fields(selection_set, frozenset()):
            name = node.name.value
            if name.startswith("__"):
                continue  # introspection has its own depth rule
            owner = schema.get_type(condition) if condition else parent
            if not isinstance(owner, _Owner) or name not in owner.fields:
                continue  # unknown fields are refused by validation
            named, is_list = _unwrap(owner.fields[name].type)
            total += multiplier * base
            inner, inner_rows = multiplier, 1
            if named.name.endswith(CONNECTION_SUFFIX):
                inner_rows = page(node)
                # The page is loaded whatever is selected.
                total += multiplier * inner_rows * model.connection_row_cost
            elif is_list and owner.name.endswith(CONNECTION_SUFFIX):
                inner = multiplier * rows
            elif is_list:
                inner = multiplier * model.list_multipliers.get(
                    f"{owner.name}.{name}", model.list_estimate
                )
            if node.selection_set is not None:
                total += cost(node.selection_set, named, inner, 1, inner_rows)
        return total

    root_base = model.mutation_field_cost if operation.operation is OperationType.MUTATION else 1
    return cost(operation.selection_set, root, 1, root_base, 1)


def cost_limit(model: CostModel) -> type[SchemaExtension]:
    """A schema extension class refusing operations whose cost exceeds the ceiling and
    reporting ``extensions.cost`` on every answer."""

    class QueryCostLimit(SchemaExtension):
        requested = 0

        @property
        def maximum(self) -> int:
            settings = getattr(self.execution_context.context, "settings", None)
            return int(getattr(settings, model.maximum_setting, model.default_maximum))

        def on_execute(self) -> Iterator[None]:
            ec = self.execution_context
            document = ec.graphql_document
            if document is not None and not ec.result:
                self.requested = query_cost(
                    ec.schema._schema, document, ec.variables, ec.operation_name, model
                )
                if self.requested > self.maximum:
                    ec.result = ExecutionResult(
                        data=None,
                        errors=[
                            GraphQLError(
                                f"Biaya kueri {self.requested} melebihi batas {self.maximum}; "
                                f"kurangi first, alias atau bidang bersarang / query cost "
                                f"{self.requested} exceeds the maximum {self.maximum}; lower "
                                f"first, use fewer aliases or nest less.",
                                extensions={"code": COST_LIMIT_CODE, "cost": self._report()},
                            )
                        ],
                    )
            yield

        def _report(self) -> dict[str, int]:
            return {"requestedQueryCost": self.requested, "maximumAvailable": self.maximum}

        def get_results(self) -> dict[str, Any]:
            # Refused before execution (parse or validation error): nothing was run, cost 0.
            return {"cost": self._report()}

    return QueryCostLimit
