/**
 * The guided first visit as data: which steps a person sees (3–5, by the roles they hold) and
 * which menu items each step points at. The words are in the tour catalogue (messages.ts).
 */
import { portalPaths } from '../paths';
import { navItems } from '../routes';
import { hasRole, isAssessor, isEmployee, type Me } from '../session';
import { currentYear } from '../../lib/instansiTime';
import type { TourMessageKey } from './messages';

export interface TourStep {
  id: string;
  title: TourMessageKey;
  body: TourMessageKey;
  /** Menu addresses this step highlights (only those in the person's menu are used). */
  highlight: string[];
}

const welcome: TourStep = { id: 'welcome', title: 'step.welcome.title', body: 'step.welcome.body', highlight: [] };
const guide: TourStep = { id: 'guide', title: 'step.guide.title', body: 'step.guide.body', highlight: [portalPaths.guide()] };

/** Role steps in the order a year runs; the first ones the person qualifies for are shown. */
const ROLE_STEPS: { holds: (me: Me) => boolean; step: TourStep }[] = [
  { holds: isEmployee, step: { id: 'skp', title: 'step.skp.title', body: 'step.skp.body', highlight: [portalPaths.myPlan(currentYear())] } },
  { holds: isEmployee, step: { id: 'work', title: 'step.work.title', body: 'step.work.body', highlight: [portalPaths.currentWork()] } },
  { holds: isAssessor, step: { id: 'team', title: 'step.team.title', body: 'step.team.body', highlight: [portalPaths.team()] } },
  { holds: isEmployee, step: { id: 'result', title: 'step.result.title', body: 'step.result.body', highlight: [portalPaths.myEvaluations(), portalPaths.objections()] } },
  { holds: (me) => hasRole(me, 'UNIT_MANAGER'), step: { id: 'unit', title: 'step.unit.title', body: 'step.unit.body', highlight: [portalPaths.unitDistribution()] } },
  { holds: (me) => hasRole(me, 'SYSADMIN'), step: { id: 'accounts', title: 'step.accounts.title', body: 'step.accounts.body', highlight: [portalPaths.accounts()] } },
  { holds: (me) => hasRole(me, 'AUDITOR') || hasRole(me, 'HR_ADMIN') || hasRole(me, 'SYSADMIN'), step: { id: 'audit', title: 'step.audit.title', body: 'step.audit.body', highlight: [portalPaths.audit()] } },
  { holds: (me) => hasRole(me, 'KEPALA_DAERAH'), step: { id: 'objections', title: 'step.objections.title', body: 'step.objections.body', highlight: [portalPaths.objections()] } },
];

/** At most this many role steps between the welcome and the guide: 3–5 steps in all. */
const MAX_ROLE_STEPS = 3;

export function tourSteps(me: Me): TourStep[] {
  const menu = new Set(navItems(me).map((item) => item.href));
  const chosen = ROLE_STEPS.filter((entry) => entry.holds(me))
    .map((entry) => ({ ...entry.step, highlight: entry.step.highlight.filter((href) => menu.has(href)) }))
    .filter((step) => step.highlight.length > 0)
    .slice(0, MAX_ROLE_STEPS);
  // Always at least three steps: say what the home page is for when a role has little to show.
  const middle = chosen.length > 0 ? chosen : [{ id: 'home', title: 'step.home.title', body: 'step.home.body', highlight: [portalPaths.home()] } satisfies TourStep];
  return [welcome, ...middle, guide];
}
