/**
 * The staff portal's routes: ONE table, relative to /portal (the URL scheme is in paths.ts and
 * web/README.md). To add a screen:
 *
 *   1. put it in its own folder (`src/staff/skp/`), with its operations (`*.graphql`, typed by
 *      `npm run codegen`) and its message catalogue (`messages.ts`, `defineMessages`);
 *   2. add a route here with `lazyRoute(() => import('./skp/MyPlan').then((m) => m.MyPlanPage))`
 *      so the screen is a chunk of its own, loaded on first visit;
 *   3. give it `nav` if it belongs in the menu, with `visible(me)` for whom it is meant.
 *
 * Every page starts with <PageHeading> (title and focus) and renders its data through
 * `useStaffQuery` + <QueryView>; forms use ui/form.tsx.
 */
import type { AnyComponent } from 'preact';
import { lazyRoute } from '../components';
import { HomePage } from './home/Home';
import type { StaffMessageKey } from './messages';
import { portalPaths } from './paths';
import { hasRole, isAssessor, isEmployee, receivesNotifications, type Me } from './session';
import { currentYear } from '../lib/instansiTime';

export interface StaffNavItem {
  label: StaffMessageKey;
  /** Absolute href (a portalPaths builder). */
  href: string;
  /** Menu position: lower first. */
  order: number;
  /** For whom it is shown (default: everyone signed in). */
  visible?: (me: Me) => boolean;
}

export interface StaffRoute {
  /** preact-iso pattern relative to /portal: '/', '/skp/:year', '/tim/skp/:planId'. */
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  component: AnyComponent<any>;
  nav?: StaffNavItem;
}

const NotificationsPage = lazyRoute(() => import('./notifications/Notifications').then((m) => m.NotificationsPage));
const ProfilePage = lazyRoute(() => import('./profile/Profile').then((m) => m.ProfilePage));
// Evaluation, keberatan, pembinaan (issue 9 point 7).
const MyEvaluationsPage = lazyRoute(() => import('./evaluation/MyEvaluations').then((m) => m.MyEvaluationsPage));
const EvaluationPage = lazyRoute(() => import('./evaluation/EvaluationDetail').then((m) => m.EvaluationPage));
const FileObjectionPage = lazyRoute(() => import('./evaluation/FileObjection').then((m) => m.FileObjectionPage));
const ObjectionsPage = lazyRoute(() => import('./evaluation/Objections').then((m) => m.ObjectionsPage));
const ObjectionPage = lazyRoute(() => import('./evaluation/ObjectionDetail').then((m) => m.ObjectionPage));
const CoachingPlansPage = lazyRoute(() => import('./coaching/CoachingPlans').then((m) => m.CoachingPlansPage));
const CoachingPlanPage = lazyRoute(() => import('./coaching/CoachingPlan').then((m) => m.CoachingPlanPage));
// SKP: my plan of a year, and a subordinate's plan under review.
const MyPlanPage = lazyRoute(() => import('./skp/MyPlan').then((m) => m.MyPlanPage));
const PlanReviewPage = lazyRoute(() => import('./skp/PlanReview').then((m) => m.PlanReviewPage));
// Work log, realisasi, evidence, feedback (issue 9 points 4–5): one chunk.
const CurrentWorkPage = lazyRoute(() => import('./work/Work').then((m) => m.CurrentWorkPage));
const MyWorkPage = lazyRoute(() => import('./work/Work').then((m) => m.MyWorkPage));
const TeamWorkPage = lazyRoute(() => import('./work/Work').then((m) => m.TeamWorkPage));
const DialoguesPage = lazyRoute(() => import('./dialogue/Dialogues').then((m) => m.DialoguesPage));
// The Pejabat Penilai's screens (team/): my team, evaluating, the unit's distribution.
const TeamPage = lazyRoute(() => import('./team/Team').then((m) => m.TeamPage));
const EvaluatePage = lazyRoute(() => import('./team/Evaluate').then((m) => m.EvaluatePage));
const DistributionPage = lazyRoute(() => import('./team/Distribution').then((m) => m.DistributionPage));
/** The unit screens: a unit manager with a unit, and BKPSDM (any unit, with a unit picker). */
const seesUnitScreens = (me: Me): boolean => (hasRole(me, 'UNIT_MANAGER') && me.managedUnit !== null) || hasRole(me, 'HR_ADMIN');
// Unit manager's screens (issue 11 point 2): people, completion, survey services, moderation, follow-up.
const UnitPeoplePage = lazyRoute(() => import('./unit/UnitPeople').then((m) => m.UnitPeoplePage));
const UnitCompletionPage = lazyRoute(() => import('./unit/UnitCompletion').then((m) => m.UnitCompletionPage));
const UnitServicesPage = lazyRoute(() => import('./unit/UnitServices').then((m) => m.UnitServicesPage));
const ServicePosterPage = lazyRoute(() => import('./unit/ServicePoster').then((m) => m.ServicePosterPage));
const UnitCommentsPage = lazyRoute(() => import('./unit/UnitComments').then((m) => m.UnitCommentsPage));
const UnitFollowUpsPage = lazyRoute(() => import('./unit/UnitFollowUps').then((m) => m.UnitFollowUpsPage));
// Auditor and system administrator (issue 11 points 3–4).
const AuditLogPage = lazyRoute(() => import('./audit/AuditLog').then((m) => m.AuditLogPage));
const AccountsPage = lazyRoute(() => import('./admin/Accounts').then((m) => m.AccountsPage));
// BKPSDM imports: organisation/employee CSV and BKN e-Kinerja (issue 11 point 1).
const ImportsPage = lazyRoute(() => import('./imports/Imports').then((m) => m.ImportsPage));
const BknPage = lazyRoute(() => import('./imports/Bkn').then((m) => m.BknPage));
// BKPSDM (issue 11 point 1): calibration, positions and overrides, careers.
const CalibrationPage = lazyRoute(() => import('./bkpsdm/Calibration').then((m) => m.CalibrationPage));
const PositionsPage = lazyRoute(() => import('./bkpsdm/Positions').then((m) => m.PositionsPage));
const UnitPositionsPage = lazyRoute(() => import('./bkpsdm/Positions').then((m) => m.UnitPositionsPage));
const CareersPage = lazyRoute(() => import('./bkpsdm/Careers').then((m) => m.CareersPage));
const HrCoachingPage = lazyRoute(() => import('./bkpsdm/Coaching').then((m) => m.HrCoachingPage));
// BKPSDM (issue 11 point 1): years, goals (also unit managers), organisation predicates, reports, releases.
const HrYearsPage = lazyRoute(() => import('./bkpsdm/Years').then((m) => m.YearsPage));
const OrgGoalsPage = lazyRoute(() => import('./bkpsdm/Goals').then((m) => m.GoalsPage));
const OrgPredicatesPage = lazyRoute(() => import('./bkpsdm/Predicates').then((m) => m.PredicatesPage));
const HrReportsPage = lazyRoute(() => import('./bkpsdm/Reports').then((m) => m.ReportsPage));
const ReleasesPage = lazyRoute(() => import('./bkpsdm/Releases').then((m) => m.ReleasesPage));
// Guide, onboarding and training (issue 11 point 5).
const GuidePage = lazyRoute(() => import('./guide/Guide').then((m) => m.GuidePage));
const RoleGuidePage = lazyRoute(() => import('./guide/Guide').then((m) => m.RoleGuidePage));

export const staffRoutes: StaffRoute[] = [
  { path: '/', component: HomePage, nav: { label: 'nav.home', href: '/portal', order: 0 } },
  {
    path: '/notifikasi',
    component: NotificationsPage,
    nav: { label: 'nav.notifications', href: '/portal/notifikasi', order: 90, visible: receivesNotifications },
  },
  {
    path: '/skp/:year',
    component: MyPlanPage,
    nav: { label: 'nav.mySkp', href: portalPaths.myPlan(currentYear()), order: 10, visible: isEmployee },
  },
  { path: '/tim/skp/:planId', component: PlanReviewPage },
  { path: '/kerja', component: CurrentWorkPage, nav: { label: 'nav.work', href: '/portal/kerja', order: 20, visible: isEmployee } },
  { path: '/kerja/:year/:period', component: MyWorkPage },
  { path: '/tim/kerja/:planId/:period', component: TeamWorkPage },
  { path: '/dialog/:planId', component: DialoguesPage },
  { path: '/profil', component: ProfilePage, nav: { label: 'nav.profile', href: '/portal/profil', order: 95 } },
  // Evaluation, keberatan, pembinaan.
  {
    path: '/penilaian',
    component: MyEvaluationsPage,
    nav: { label: 'nav.myEvaluations', href: portalPaths.myEvaluations(), order: 40, visible: isEmployee },
  },
  { path: '/penilaian/:evaluationId', component: EvaluationPage },
  { path: '/penilaian/:evaluationId/keberatan', component: FileObjectionPage },
  { path: '/keberatan', component: ObjectionsPage, nav: { label: 'nav.objections', href: portalPaths.objections(), order: 45, visible: isEmployee } },
  { path: '/keberatan/:id', component: ObjectionPage },
  { path: '/pembinaan', component: CoachingPlansPage, nav: { label: 'nav.coaching', href: portalPaths.coachingPlans(), order: 50, visible: isEmployee } },
  { path: '/pembinaan/:id', component: CoachingPlanPage },
  { path: '/tim', component: TeamPage, nav: { label: 'nav.team', href: portalPaths.team(), order: 30, visible: isAssessor } },
  { path: '/tim/penilaian/:planId/:period', component: EvaluatePage },
  {
    path: '/unit/sebaran',
    component: DistributionPage,
    nav: { label: 'nav.unitDistribution', href: portalPaths.unitDistribution(), order: 58, visible: (me) => hasRole(me, 'UNIT_MANAGER') && me.managedUnit !== null },
  },
  // Unit manager's screens (issue 11 point 2); BKPSDM sees them for any unit (?unit=<id>).
  { path: '/unit/pegawai', component: UnitPeoplePage, nav: { label: 'nav.unitPeople', href: portalPaths.unitPeople(), order: 55, visible: seesUnitScreens } },
  { path: '/unit/kelengkapan', component: UnitCompletionPage, nav: { label: 'nav.unitCompletion', href: portalPaths.unitCompletion(), order: 56, visible: seesUnitScreens } },
  { path: '/unit/layanan', component: UnitServicesPage, nav: { label: 'nav.unitServices', href: portalPaths.unitServices(), order: 60, visible: seesUnitScreens } },
  { path: '/unit/layanan/:serviceId/cetak', component: ServicePosterPage },
  { path: '/unit/komentar', component: UnitCommentsPage, nav: { label: 'nav.unitComments', href: portalPaths.unitComments(), order: 61, visible: seesUnitScreens } },
  { path: '/unit/tindak-lanjut', component: UnitFollowUpsPage, nav: { label: 'nav.unitFollowUps', href: portalPaths.unitFollowUps(), order: 62, visible: seesUnitScreens } },
  // Auditor and system administrator (issue 11 points 3–4).
  {
    path: '/audit',
    component: AuditLogPage,
    nav: { label: 'nav.audit', href: portalPaths.audit(), order: 80, visible: (me) => hasRole(me, 'AUDITOR') || hasRole(me, 'HR_ADMIN') || hasRole(me, 'SYSADMIN') },
  },
  { path: '/admin/akun', component: AccountsPage, nav: { label: 'nav.accounts', href: portalPaths.accounts(), order: 82, visible: (me) => hasRole(me, 'SYSADMIN') } },
  // BKPSDM imports: organisation/employee CSV and BKN e-Kinerja (issue 11 point 1).
  { path: '/bkpsdm/impor', component: ImportsPage, nav: { label: 'nav.imports', href: portalPaths.imports(), order: 78, visible: (me) => hasRole(me, 'HR_ADMIN') } },
  { path: '/bkpsdm/bkn', component: BknPage, nav: { label: 'nav.bkn', href: portalPaths.bkn(), order: 79, visible: (me) => hasRole(me, 'HR_ADMIN') } },
  // BKPSDM (issue 11 point 1): calibration, positions and overrides, careers.
  { path: '/bkpsdm/kalibrasi', component: CalibrationPage, nav: { label: 'nav.calibration', href: portalPaths.calibration(), order: 72, visible: isHrAdmin } },
  { path: '/bkpsdm/jabatan', component: PositionsPage, nav: { label: 'nav.positions', href: portalPaths.positions(), order: 73, visible: isHrAdmin } },
  { path: '/bkpsdm/pembinaan', component: HrCoachingPage, nav: { label: 'nav.hrCoaching', href: portalPaths.hrCoaching(), order: 74, visible: isHrAdmin } },
  { path: '/bkpsdm/karier', component: CareersPage, nav: { label: 'nav.careers', href: portalPaths.careers(), order: 75, visible: isHrAdmin } },
  {
    path: '/unit/jabatan',
    component: UnitPositionsPage,
    nav: { label: 'nav.positions', href: portalPaths.unitPositions(), order: 59, visible: (me) => !hasRole(me, 'HR_ADMIN') && hasRole(me, 'UNIT_MANAGER') && me.managedUnit !== null },
  },
  // BKPSDM (issue 11 point 1): years, goals (also unit managers), organisation predicates, reports, releases.
  { path: '/bkpsdm/tahun', component: HrYearsPage, nav: { label: 'nav.hrYears', href: portalPaths.hrYears(), order: 70, visible: isHrAdmin } },
  {
    path: '/unit/sasaran',
    component: OrgGoalsPage,
    nav: { label: 'nav.orgGoals', href: portalPaths.orgGoals(), order: 57, visible: (me) => isHrAdmin(me) || (hasRole(me, 'UNIT_MANAGER') && me.managedUnit !== null) },
  },
  { path: '/bkpsdm/predikat', component: OrgPredicatesPage, nav: { label: 'nav.orgPredicates', href: portalPaths.orgPredicates(), order: 71, visible: isHrAdmin } },
  { path: '/bkpsdm/laporan', component: HrReportsPage, nav: { label: 'nav.hrReports', href: portalPaths.reports(), order: 76, visible: isHrAdmin } },
  { path: '/bkpsdm/rilis', component: ReleasesPage, nav: { label: 'nav.releases', href: portalPaths.releases(), order: 77, visible: isHrAdmin } },
  // Guide, onboarding and training (issue 11 point 5).
  { path: '/panduan', component: GuidePage, nav: { label: 'nav.guide', href: portalPaths.guide(), order: 92 } },
  { path: '/panduan/:role', component: RoleGuidePage },
];

function isHrAdmin(me: Me): boolean {
  return hasRole(me, 'HR_ADMIN');
}

export function navItems(me: Me): StaffNavItem[] {
  return staffRoutes
    .flatMap((route) => (route.nav ? [route.nav] : []))
    .filter((item) => item.visible?.(me) ?? true)
    .sort((a, b) => a.order - b.order);
}

/** The menu's sections, named after the URL scheme: my own work (no label), the unit I manage,
 * BKPSDM's instansi-wide screens, and the system's (audit, accounts). */
export type NavGroup = 'mine' | 'unit' | 'bkpsdm' | 'system';

export function navGroupOf(href: string): NavGroup {
  if (href.startsWith('/portal/unit/')) return 'unit';
  if (href.startsWith('/portal/bkpsdm/')) return 'bkpsdm';
  if (href.startsWith('/portal/audit') || href.startsWith('/portal/admin/')) return 'system';
  return 'mine';
}

/** The visible menu items by section, in menu order; sections without items are left out. */
export function navSections(me: Me): Array<{ group: NavGroup; items: StaffNavItem[] }> {
  const order: NavGroup[] = ['mine', 'unit', 'bkpsdm', 'system'];
  const items = navItems(me);
  return order
    .map((group) => ({ group, items: items.filter((item) => navGroupOf(item.href) === group) }))
    .filter((section) => section.items.length > 0);
}
