"""Penilaian kinerja: periodic and annual evaluations, finalisation, acknowledgement, document."""
