"""Organisation: units and positions with their assessor overrides (structure), people
(employees), their accounts, and the reads with who-may-see-what rules (directory)."""
