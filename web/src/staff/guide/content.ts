/**
 * The Panduan (guide) as data: which roles it has, what each role does and where in the portal,
 * the terms every page explains and the yearly calendar. The words are in the guide catalogue
 * (messages.ts, Indonesian and English); this file only says which words go where, so a new
 * role or task is one entry here and two lines in the catalogue — never JSX.
 */
import type { StaffMessageKey } from '../messages';
import { portalPaths } from '../paths';
import { hasRole, isAssessor, isEmployee, type Me } from '../session';
import { currentYear } from '../../lib/instansiTime';
import type { GuideMessageKey } from './messages';

/** The roles of the Panduan, in URL form (`/portal/panduan/<role>`). */
export const GUIDE_ROLES = ['pegawai', 'pejabat-penilai', 'pengelola-unit', 'bkpsdm', 'auditor', 'admin-sistem', 'kepala-daerah'] as const;
export type GuideRole = (typeof GUIDE_ROLES)[number];

export function isGuideRole(value: string): value is GuideRole {
  return (GUIDE_ROLES as readonly string[]).includes(value);
}

/** One thing the person does: what (a sentence) and, where a screen exists, where (menu item and link). */
export interface GuideTask {
  text: GuideMessageKey;
  /** The menu item's label (the same words the menu shows) and its address. */
  where?: { nav: StaffMessageKey; href: () => string };
}

export interface RoleGuide {
  title: GuideMessageKey;
  summary: GuideMessageKey;
  tasks: GuideTask[];
  /** The terms this role meets most (explained on its page, in this order). */
  terms: GuideTerm[];
  /** Whether the signed-in person holds this role (their pages come first). */
  holds: (me: Me) => boolean;
}

export const GUIDE_TERMS = ['skp', 'rhk', 'iki', 'rencanaAksi', 'realisasi', 'buktiDukung', 'umpanBalik', 'dialogKinerja', 'penilaian', 'predikat', 'keberatan', 'pembinaan'] as const;
export type GuideTerm = (typeof GUIDE_TERMS)[number];

/** The year of the cycle (PermenPANRB 6/2022 Pasal 5), in order. */
export const GUIDE_CALENDAR = ['planning', 'monthly', 'periodic', 'annual', 'objection', 'followUp'] as const;
export type GuideCalendarStep = (typeof GUIDE_CALENDAR)[number];

const mySkp = () => portalPaths.myPlan(currentYear());

export const ROLE_GUIDES: Record<GuideRole, RoleGuide> = {
  pegawai: {
    title: 'role.pegawai.title',
    summary: 'role.pegawai.summary',
    tasks: [
      { text: 'role.pegawai.task1', where: { nav: 'nav.mySkp', href: mySkp } },
      { text: 'role.pegawai.task2', where: { nav: 'nav.work', href: portalPaths.currentWork } },
      { text: 'role.pegawai.task3', where: { nav: 'nav.work', href: portalPaths.currentWork } },
      { text: 'role.pegawai.task4', where: { nav: 'nav.myEvaluations', href: portalPaths.myEvaluations } },
      { text: 'role.pegawai.task5', where: { nav: 'nav.objections', href: portalPaths.objections } },
    ],
    terms: ['skp', 'rhk', 'iki', 'rencanaAksi', 'realisasi', 'buktiDukung', 'umpanBalik', 'dialogKinerja', 'penilaian', 'predikat', 'keberatan'],
    holds: isEmployee,
  },
  'pejabat-penilai': {
    title: 'role.penilai.title',
    summary: 'role.penilai.summary',
    tasks: [
      { text: 'role.penilai.task1', where: { nav: 'nav.team', href: portalPaths.team } },
      { text: 'role.penilai.task2', where: { nav: 'nav.team', href: portalPaths.team } },
      { text: 'role.penilai.task3', where: { nav: 'nav.team', href: portalPaths.team } },
      { text: 'role.penilai.task4', where: { nav: 'nav.objections', href: portalPaths.objections } },
      { text: 'role.penilai.task5', where: { nav: 'nav.coaching', href: portalPaths.coachingPlans } },
    ],
    terms: ['skp', 'rhk', 'iki', 'umpanBalik', 'dialogKinerja', 'penilaian', 'predikat', 'keberatan', 'pembinaan'],
    holds: isAssessor,
  },
  'pengelola-unit': {
    title: 'role.unit.title',
    summary: 'role.unit.summary',
    tasks: [
      { text: 'role.unit.task1', where: { nav: 'nav.unitDistribution', href: portalPaths.unitDistribution } },
      { text: 'role.unit.task2', where: { nav: 'nav.unitPeople', href: portalPaths.unitPeople } },
      { text: 'role.unit.task3', where: { nav: 'nav.unitServices', href: portalPaths.unitServices } },
    ],
    terms: ['skp', 'realisasi', 'predikat'],
    holds: (me) => hasRole(me, 'UNIT_MANAGER'),
  },
  bkpsdm: {
    title: 'role.bkpsdm.title',
    summary: 'role.bkpsdm.summary',
    tasks: [
      { text: 'role.bkpsdm.task1', where: { nav: 'nav.hrYears', href: portalPaths.hrYears } },
      { text: 'role.bkpsdm.task2', where: { nav: 'nav.calibration', href: portalPaths.calibration } },
      { text: 'role.bkpsdm.task3', where: { nav: 'nav.hrReports', href: portalPaths.reports } },
      { text: 'role.bkpsdm.task4', where: { nav: 'nav.releases', href: portalPaths.releases } },
      { text: 'role.bkpsdm.task5', where: { nav: 'nav.audit', href: portalPaths.audit } },
    ],
    terms: ['skp', 'penilaian', 'predikat', 'keberatan', 'pembinaan'],
    holds: (me) => hasRole(me, 'HR_ADMIN'),
  },
  auditor: {
    title: 'role.auditor.title',
    summary: 'role.auditor.summary',
    tasks: [{ text: 'role.auditor.task1', where: { nav: 'nav.audit', href: portalPaths.audit } }, { text: 'role.auditor.task2', where: { nav: 'nav.audit', href: portalPaths.audit } }],
    terms: ['skp', 'penilaian', 'predikat', 'keberatan'],
    holds: (me) => hasRole(me, 'AUDITOR'),
  },
  'admin-sistem': {
    title: 'role.admin.title',
    summary: 'role.admin.summary',
    tasks: [{ text: 'role.admin.task1', where: { nav: 'nav.accounts', href: portalPaths.accounts } }, { text: 'role.admin.task2', where: { nav: 'nav.accounts', href: portalPaths.accounts } }, { text: 'role.admin.task3', where: { nav: 'nav.audit', href: portalPaths.audit } }],
    terms: ['skp'],
    holds: (me) => hasRole(me, 'SYSADMIN'),
  },
  'kepala-daerah': {
    title: 'role.kepala.title',
    summary: 'role.kepala.summary',
    tasks: [
      { text: 'role.kepala.task1', where: { nav: 'nav.team', href: portalPaths.team } },
      { text: 'role.kepala.task2', where: { nav: 'nav.objections', href: portalPaths.objections } },
      { text: 'role.kepala.task3' },
    ],
    terms: ['skp', 'penilaian', 'predikat', 'keberatan'],
    holds: (me) => hasRole(me, 'KEPALA_DAERAH'),
  },
};

/** The guide pages of the roles the person holds (first the most specific), else the employee's. */
export function myGuideRoles(me: Me): GuideRole[] {
  const mine = GUIDE_ROLES.filter((role) => ROLE_GUIDES[role].holds(me));
  return mine.length > 0 ? mine : ['pegawai'];
}

export const termTitle = (term: GuideTerm): GuideMessageKey => `term.${term}.name`;
export const termBody = (term: GuideTerm): GuideMessageKey => `term.${term}.body`;
export const calendarWhen = (step: GuideCalendarStep): GuideMessageKey => `calendar.${step}.when`;
export const calendarWhat = (step: GuideCalendarStep): GuideMessageKey => `calendar.${step}.what`;
