"""Interoperability with BKN e-Kinerja: SKP and evaluation export, SKP import (docs/interop-bkn.md)."""
