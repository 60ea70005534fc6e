"""Non-GraphQL routes: session login/logout, health, the SPA, and HTTP-level middleware."""
