"""Doing the work (issue 3, items 6–8): rencana aksi, realisasi, the daily work log and bukti dukung.

Every write here belongs to the pegawai who owns the SKP (PlanAccess.is_owner), against an SKP in
force (a set version exists), in an open Periode Penilaian. Once the Pejabat Penilai has evaluated
a period (AppraisalPeriod.evaluated_at), what was evaluated no longer changes.
"""
