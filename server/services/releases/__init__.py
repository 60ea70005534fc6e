"""Public data releases: build, protect (disclosure control), publish once, read."""
