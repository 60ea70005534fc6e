/**
 * What an SKP document shows, independent of where it comes from: the live plan (PlanFields)
 * or a set version (`PlanVersion.content`, the frozen JSON of server/services/planning/snapshots.py).
 * PlanView renders this shape; the two mappers below build it.
 */
import type { CoreValue, IndicatorAspect, Perspective, PlanStatus, WorkResultKind } from '../../graphql/internal/types';
import type { PersonFieldsFragment, PlanFieldsFragment } from './PlanFields.generated';

export interface PersonView {
  name: string;
  nip: string | null;
  rank: string | null;
  position: string | null;
  unit: string | null;
}

export interface IndicatorView {
  id: string;
  aspect: IndicatorAspect;
  text: string;
  targetValue: string | null;
  targetUnit: string | null;
  targetDescription: string | null;
  perspective: Perspective | null;
}

export interface WorkResultView {
  id: string;
  ordinal: number;
  kind: WorkResultKind;
  text: string;
  /** The Pejabat Penilai's RHK it intervenes (non-JPT): its text and owner, when known. */
  parent: { id: string; text: string | null; ownerName: string | null } | null;
  /** The organisation goal it refers to (JPT). */
  orgGoal: { id: string; text: string | null } | null;
  indicators: IndicatorView[];
}

export interface PlanDocument {
  year: number;
  /** A JPT's SKP (the official form for Pejabat Pimpinan Tinggi: goals and perspectives). */
  jpt: boolean;
  pegawai: PersonView;
  penilai: PersonView | null;
  workResults: WorkResultView[];
  expectations: Partial<Record<CoreValue, string>>;
  lampiran: { resourceSupport: string | null; accountabilityScheme: string | null; consequences: string | null };
  /** The day the SKP was set (signature line), or null. */
  setOn: string | null;
  status: PlanStatus | null;
}

const JPT_KINDS = new Set(['JPT_UTAMA', 'JPT_MADYA', 'JPT_PRATAMA']);

function rankOf(pangkat: string | null | undefined, golongan: string | null | undefined): string | null {
  const parts = [pangkat, golongan].filter((x): x is string => typeof x === 'string' && x !== '');
  return parts.length > 0 ? parts.join(', ') : null;
}

function personOfSnapshot(p: PersonFieldsFragment): PersonView {
  return { name: p.name, nip: p.nipFormatted, rank: rankOf(p.pangkat, p.golongan), position: p.jabatan, unit: p.unit };
}

/** The live SKP: identities frozen at submission when they exist, today's otherwise. */
export function documentOfPlan(plan: PlanFieldsFragment): PlanDocument {
  const snapshot = plan.identitySnapshot;
  const employee = plan.employee;
  const record = employee?.record ?? null;
  const assessor = plan.assessor ?? employee?.assessor?.employee ?? null;
  const pegawai: PersonView = snapshot
    ? personOfSnapshot(snapshot.pegawai)
    : {
        name: employee?.name ?? '',
        nip: record?.nipFormatted ?? null,
        rank: rankOf(record?.pangkat, record?.golongan),
        position: employee?.position?.name ?? null,
        unit: employee?.unit?.name ?? null,
      };
  const penilai: PersonView | null = snapshot
    ? personOfSnapshot(snapshot.penilai)
    : assessor
      ? { name: assessor.name, nip: null, rank: null, position: assessor.position?.name ?? null, unit: assessor.unit?.name ?? null }
      : null;
  const expectations: Partial<Record<CoreValue, string>> = {};
  for (const e of plan.behaviorExpectations) expectations[e.value] = e.expectation;
  return {
    year: plan.year.year,
    jpt: JPT_KINDS.has(employee?.position?.kind ?? ''),
    pegawai,
    penilai,
    workResults: plan.workResults.map((r) => ({
      id: r.id,
      ordinal: r.ordinal,
      kind: r.kind,
      text: r.text,
      parent: r.parent ? { id: r.parent.id, text: r.parent.text, ownerName: r.parent.ownerName } : null,
      orgGoal: r.orgGoal ? { id: r.orgGoal.id, text: r.orgGoal.text } : null,
      indicators: r.indicators.map((i) => ({ ...i })),
    })),
    expectations,
    lampiran: { ...plan.lampiran },
    setOn: plan.approvedAt,
    status: plan.status,
  };
}

type Json = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const idText = (value: unknown): string | null => (typeof value === 'number' || typeof value === 'string' ? String(value) : null);

function personOfJson(raw: unknown): PersonView | null {
  if (raw === null || typeof raw !== 'object') return null;
  const p = raw as Json;
  const nip = str(p.nip);
  return {
    name: str(p.name) ?? '',
    nip: nip ? formatNip(nip) : null,
    rank: rankOf(str(p.pangkat), str(p.golongan)),
    position: str(p.jabatan),
    unit: str(p.unit),
  };
}

/** "197911202004011001" → "19791120 200401 1 001" (the official spacing). */
export function formatNip(nip: string): string {
  return /^\d{18}$/.test(nip) ? `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}` : nip;
}

/**
 * A set version (frozen JSON). The RHK a version intervened are known by id only: `known`
 * gives their text where this screen knows them (the live plan's parents, my assessor's RHKs).
 */
export function documentOfVersion(
  content: unknown,
  context: { year: number; jpt: boolean; approvedAt: string; known: Map<string, { text: string; ownerName: string | null }> },
): PlanDocument {
  const body = (content !== null && typeof content === 'object' ? content : {}) as Json;
  const identity = (body.identity_snapshot ?? null) as Json | null;
  const rawResults = Array.isArray(body.work_results) ? (body.work_results as Json[]) : [];
  const lampiran = (body.lampiran ?? {}) as Json;
  const expectations: Partial<Record<CoreValue, string>> = {};
  for (const e of Array.isArray(body.behavior_expectations) ? (body.behavior_expectations as Json[]) : []) {
    const value = str(e.value);
    const text = str(e.expectation);
    if (value && text) expectations[value as CoreValue] = text;
  }
  return {
    year: context.year,
    jpt: context.jpt,
    pegawai: personOfJson(identity?.pegawai) ?? { name: '', nip: null, rank: null, position: null, unit: null },
    penilai: personOfJson(identity?.penilai),
    workResults: rawResults.map((r, index) => {
      const parentId = idText(r.parent_id);
      const goalId = idText(r.org_goal_id);
      const parent = parentId ? context.known.get(parentId) : undefined;
      return {
        id: idText(r.id) ?? String(index),
        ordinal: typeof r.ordinal === 'number' ? r.ordinal : index + 1,
        kind: (str(r.kind) ?? 'UTAMA') as WorkResultKind,
        text: str(r.text) ?? '',
        parent: parentId ? { id: parentId, text: parent?.text ?? null, ownerName: parent?.ownerName ?? null } : null,
        orgGoal: goalId ? { id: goalId, text: context.known.get(`goal:${goalId}`)?.text ?? null } : null,
        indicators: (Array.isArray(r.indicators) ? (r.indicators as Json[]) : []).map((i, n) => ({
          id: idText(i.id) ?? String(n),
          aspect: (str(i.aspect) ?? 'KUANTITAS') as IndicatorAspect,
          text: str(i.text) ?? '',
          targetValue: str(i.target_value),
          targetUnit: str(i.target_unit),
          targetDescription: str(i.target_description),
          perspective: str(i.perspective) as Perspective | null,
        })),
      };
    }),
    expectations,
    lampiran: {
      resourceSupport: str(lampiran.resource_support),
      accountabilityScheme: str(lampiran.accountability_scheme),
      consequences: str(lampiran.consequences),
    },
    setOn: context.approvedAt,
    status: null,
  };
}

/** A target as written on the form: "12 dokumen", "100 %"; a description when there is no number. */
export function targetText(i: Pick<IndicatorView, 'targetValue' | 'targetUnit' | 'targetDescription'>, locale: string): string {
  const parts: string[] = [];
  if (i.targetValue !== null && i.targetValue !== '') {
    const n = Number(i.targetValue);
    parts.push(Number.isFinite(n) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(n) : i.targetValue);
  }
  if (i.targetUnit) parts.push(i.targetUnit);
  const head = parts.join(' ');
  if (i.targetDescription) return head ? `${head} (${i.targetDescription})` : i.targetDescription;
  return head;
}

/** Texts of the RHK and goals a version may refer to, from the live plan and the picker. */
export function knownParents(
  plan: PlanFieldsFragment | null,
  superiors: ReadonlyArray<{ id: string; text: string; ownerName: string | null }>,
): Map<string, { text: string; ownerName: string | null }> {
  const known = new Map<string, { text: string; ownerName: string | null }>();
  for (const s of superiors) known.set(s.id, { text: s.text, ownerName: s.ownerName });
  for (const r of plan?.workResults ?? []) {
    if (r.parent) known.set(r.parent.id, { text: r.parent.text, ownerName: r.parent.ownerName });
    if (r.orgGoal) known.set(`goal:${r.orgGoal.id}`, { text: r.orgGoal.text, ownerName: null });
  }
  return known;
}
