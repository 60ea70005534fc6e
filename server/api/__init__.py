"""GraphQL APIs: ``internal`` for staff (session required) and ``public`` (read-only, no persons)."""
