import { describe, expect, it } from 'vitest';
import { SELF_NOTE_MAX, hasSelfAssessment, ratingOrNull, selfAssessmentState, validateSelfAssessment } from './selfAssessment';

const messages = { oneRating: 'one', noteTooLong: (n: number) => `long ${n}` };

describe('penilaian diri', () => {
  it('is editable only on my draft that the assessor has not rated', () => {
    expect(selfAssessmentState({ status: 'DRAFT' }, true)).toBe('editable');
    expect(selfAssessmentState({ status: 'DRAFT', selfResultRating: 'SESUAI_EKSPEKTASI' }, true)).toBe('editable');
    expect(selfAssessmentState({ status: 'DRAFT', resultRating: 'SESUAI_EKSPEKTASI' }, true)).toBe('rated');
    expect(selfAssessmentState({ status: 'DRAFT', behaviorRating: 'DI_BAWAH_EKSPEKTASI' }, true)).toBe('rated');
    expect(selfAssessmentState({ status: 'DITETAPKAN', resultRating: 'SESUAI_EKSPEKTASI' }, true)).toBe('final');
    expect(selfAssessmentState({ status: 'DITERIMA' }, true)).toBe('final');
    expect(selfAssessmentState({ status: 'DRAFT' }, false)).toBe('none');
    expect(selfAssessmentState({ status: 'DITETAPKAN' }, false)).toBe('none');
  });

  it('knows whether anything was entered', () => {
    expect(hasSelfAssessment({ status: 'DRAFT' })).toBe(false);
    expect(hasSelfAssessment({ status: 'DRAFT', selfBehaviorRating: 'DI_ATAS_EKSPEKTASI' })).toBe(true);
  });

  it('wants one rating at least and a note within the server limit', () => {
    expect(validateSelfAssessment({ resultRating: '', behaviorRating: '', note: '' }, messages)).toEqual([
      { field: 'resultRating', message: 'one', code: 'INVALID_INPUT' },
    ]);
    expect(validateSelfAssessment({ resultRating: '', behaviorRating: 'SESUAI_EKSPEKTASI', note: '' }, messages)).toEqual([]);
    const edge = 'a'.repeat(SELF_NOTE_MAX);
    expect(validateSelfAssessment({ resultRating: 'SESUAI_EKSPEKTASI', behaviorRating: '', note: `  ${edge}\n` }, messages)).toEqual([]);
    expect(validateSelfAssessment({ resultRating: 'SESUAI_EKSPEKTASI', behaviorRating: '', note: `${edge}b` }, messages)).toEqual([
      { field: 'note', message: `long ${SELF_NOTE_MAX + 1}`, code: 'INVALID_INPUT' },
    ]);
  });

  it('sends only the enum values', () => {
    expect(ratingOrNull('DI_ATAS_EKSPEKTASI')).toBe('DI_ATAS_EKSPEKTASI');
    expect(ratingOrNull('')).toBeNull();
    expect(ratingOrNull('BAIK')).toBeNull();
  });
});
