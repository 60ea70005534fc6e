"""Pure domain rules of e-Kinerja: no I/O, no SQLAlchemy, no Strawberry."""
