"""The staff GraphQL API at /api/graphql."""
