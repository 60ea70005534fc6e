/**
 * Penilaian diri (self-assessment): when the pegawai may still enter or change it, and the
 * client-side checks of its form. The same rules as the server's `save_self_assessment` (which
 * decides in the end): only the evaluated pegawai, only while the evaluation is a draft, and only
 * until the Pejabat Penilai has set a rating; at least one rating; a note of at most 4000 characters.
 */
import type { EvaluationStatus, Rating } from '../../graphql/internal/types';
import type { FieldError } from '../api';

export const RATINGS: readonly Rating[] = ['DI_ATAS_EKSPEKTASI', 'SESUAI_EKSPEKTASI', 'DI_BAWAH_EKSPEKTASI'];
/** The server's MAX_NOTE (server/services/evaluation/evaluations.py). */
export const SELF_NOTE_MAX = 4000;

export interface SelfAssessable {
  status: EvaluationStatus;
  resultRating?: Rating | null;
  behaviorRating?: Rating | null;
  selfResultRating?: Rating | null;
  selfBehaviorRating?: Rating | null;
}

/**
 * - `editable`: the form is shown;
 * - `rated`: a draft the Pejabat Penilai has already rated: read-only from now on;
 * - `final`: the evaluation is set (ditetapkan or later): read-only;
 * - `none`: not the pegawai's own evaluation: nothing to enter.
 */
export type SelfAssessmentState = 'editable' | 'rated' | 'final' | 'none';

export function selfAssessmentState(ev: SelfAssessable, mine: boolean): SelfAssessmentState {
  if (!mine) return 'none';
  if (ev.status !== 'DRAFT') return 'final';
  if (ev.resultRating || ev.behaviorRating) return 'rated';
  return 'editable';
}

/** Whether the pegawai has entered anything yet. */
export function hasSelfAssessment(ev: SelfAssessable): boolean {
  return Boolean(ev.selfResultRating || ev.selfBehaviorRating);
}

export interface SelfAssessmentValues {
  [key: string]: string;
  resultRating: string;
  behaviorRating: string;
  note: string;
}

export interface SelfAssessmentMessages {
  oneRating: string;
  noteTooLong: (length: number) => string;
}

/** The checks made before anything is sent (the server makes them again). */
export function validateSelfAssessment(values: SelfAssessmentValues, m: SelfAssessmentMessages): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.resultRating && !values.behaviorRating) errors.push({ field: 'resultRating', message: m.oneRating, code: 'INVALID_INPUT' });
  const note = values.note.replace(/\r\n?/g, '\n').trim();
  if (note.length > SELF_NOTE_MAX) errors.push({ field: 'note', message: m.noteTooLong(note.length), code: 'INVALID_INPUT' });
  return errors;
}

/** A radio value back to the API's enum (empty: not given). */
export function ratingOrNull(value: string): Rating | null {
  return (RATINGS as readonly string[]).includes(value) ? (value as Rating) : null;
}
