"""The public, read-only GraphQL API at /public/graphql. No type here can hold a person."""
