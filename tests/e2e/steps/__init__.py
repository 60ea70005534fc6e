"""Reusable browser steps, one module per area, for the whole-year walk (tests/e2e)."""
