/**
 * The staff portal's URL scheme (also in web/README.md, and on the server in
 * server/services/links.py, which builds the links of notifications and of the home agenda).
 * Screens link with these builders; route patterns in routes.tsx are the same paths without
 * the /portal prefix.
 */
export const portalPaths = {
  home: () => '/portal',
  notifications: () => '/portal/notifikasi',
  profile: () => '/portal/profil',
  /** My SKP of a year (draft, submit, revise, print). */
  myPlan: (year: number) => `/portal/skp/${year}`,
  /** My work log and realisasi of one period. */
  myWork: (year: number, period: number) => `/portal/kerja/${year}/${period}`,
  /** My work of the current period (the menu item; goes on to myWork). */
  currentWork: () => '/portal/kerja',
  /** A subordinate's work log and realisasi of one period (their Pejabat Penilai, read-only). */
  teamWork: (planId: string, period: number) => `/portal/tim/kerja/${planId}/${period}`,
  /** The dialog kinerja notes of one SKP (the employee and their Pejabat Penilai). */
  dialogues: (planId: string) => `/portal/dialog/${planId}`,
  /** The people I rate: SKPs to approve, who is behind. */
  team: () => '/portal/tim',
  /** A subordinate's SKP under review. */
  planReview: (planId: string) => `/portal/tim/skp/${planId}`,
  /** Evaluating a subordinate's SKP for one period (null: the annual evaluation). */
  evaluate: (planId: string, period: number | null) => `/portal/tim/penilaian/${planId}/${period ?? 'tahunan'}`,
  /** The predicate distribution of the unit I manage against the allowed pattern. */
  unitDistribution: () => '/portal/unit/sebaran',
  /** My evaluations and predicate history. */
  myEvaluations: () => '/portal/penilaian',
  evaluation: (evaluationId: string) => `/portal/penilaian/${evaluationId}`,
  fileObjection: (evaluationId: string) => `/portal/penilaian/${evaluationId}/keberatan`,
  objections: () => '/portal/keberatan',
  objection: (objectionId: string) => `/portal/keberatan/${objectionId}`,
  coachingPlans: () => '/portal/pembinaan',
  coaching: (coachingPlanId: string) => `/portal/pembinaan/${coachingPlanId}`,
  // Unit manager (pengelola kinerja unit; BKPSDM with ?unit=<id>) (issue 11 point 2).
  /** The unit's people: position, Pejabat Penilai, SKP status, realisasi, who is behind. */
  unitPeople: () => '/portal/unit/pegawai',
  /** SKP and realisasi completion per sub-unit and period, with a chart. */
  unitCompletion: () => '/portal/unit/kelengkapan',
  /** The unit's survey services (SKM): users, IKM, create/edit/close. */
  unitServices: () => '/portal/unit/layanan',
  /** The printable A4 QR poster of one survey service. */
  servicePoster: (serviceId: string) => `/portal/unit/layanan/${serviceId}/cetak`,
  /** Citizen comments waiting for moderation (approve or hide with a reason). */
  unitComments: () => '/portal/unit/komentar',
  /** Follow-up actions on the unit's survey results. */
  unitFollowUps: () => '/portal/unit/tindak-lanjut',
  // Auditor and system administrator (issue 11 points 3–4).
  /** The audit log and the hash chain check (read-only). */
  audit: () => '/portal/audit',
  /** Accounts, roles, deactivation, password reset, sessions (admin sistem). */
  accounts: () => '/portal/admin/akun',
  // BKPSDM imports (issue 11 point 1).
  /** Organisation and employee CSV import with a preview (?jenis=organisasi|pegawai). */
  imports: () => '/portal/bkpsdm/impor',
  /** BKN e-Kinerja: export of a year, import of SKPs set in BKN. */
  bkn: () => '/portal/bkpsdm/bkn',
  // BKPSDM (issue 11 point 1: calibration, positions and overrides, careers, coaching).
  /** The calibration dashboard: distribution per unit against the pattern, raters, finalise. */
  calibration: () => '/portal/bkpsdm/kalibrasi',
  /** Positions, their holders, Pejabat Penilai overrides and the proposals (BKPSDM). */
  positions: () => '/portal/bkpsdm/jabatan',
  /** The same screen for a unit manager, scoped to their unit (proposes overrides). */
  unitPositions: () => '/portal/unit/jabatan',
  /** Recognition, talent pool, promotion eligibility, angka kredit. */
  careers: () => '/portal/bkpsdm/karier',
  /** Low predicates without a coaching plan, and opening one (BKPSDM). */
  hrCoaching: () => '/portal/bkpsdm/pembinaan',
  // BKPSDM (issue 11 point 1): years, goals, organisation predicates, reports, releases.
  /** Appraisal years and their periods: open, deadlines, close/reopen a period's evaluation. */
  hrYears: () => '/portal/bkpsdm/tahun',
  /** Organisation goals of one unit and year (BKPSDM: any unit; a unit manager: theirs). */
  orgGoals: (unitId?: string, year?: number) => withQuery('/portal/unit/sasaran', { unit: unitId, tahun: year }),
  /** Organisation predicates of a year and the distribution pattern each allows. */
  orgPredicates: (year?: number) => withQuery('/portal/bkpsdm/predikat', { tahun: year }),
  /** Report downloads (CSV, XLSX) with year/period/unit filters. */
  reports: (year?: number, period?: number, unitCode?: string) => withQuery('/portal/bkpsdm/laporan', { tahun: year, periode: period, unit: unitCode }),
  /** Public data releases: preview, disclosure audit, publish; past releases. */
  releases: () => '/portal/bkpsdm/rilis',
  // Guide, onboarding and training (issue 11 point 5).
  /** The Panduan: the overview, or one role's page (`pegawai`, `pejabat-penilai`, …). */
  guide: (role?: string) => (role ? `/portal/panduan/${role}` : '/portal/panduan'),
} as const;

function withQuery(path: string, params: Record<string, string | number | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, String(value));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
