"""Organisation predicates, the distribution check and calibration (SE MenPANRB 3/2023).

Three steps (DOMAIN.md §7): the unit's Predikat Kinerja Organisasi is set, it fixes the allowed
distribution of individual predicates, and calibration finalises the unit's predicates against it.
"""
