"""Organisation: units, positions (with assessor overrides), people, their accounts and the
CSV imports that create them."""
