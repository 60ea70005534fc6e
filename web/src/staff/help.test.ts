/**
 * Every form field of the staff portal has contextual help (issue 11, point 5): a "?" next to its
 * label that explains what to enter and why (ui/help.tsx).
 *
 * - A field of the form layer (TextField, SelectField, RadioField, and RatingField which is a RadioField)
 *   must be given a `help=` prop.
 * - A plain <input>, <select> or <textarea> written by hand is either a data-entry field with help
 *   beside it (LabelWithHelp, <Help> or a HelpToggle in the same file) or a control where help makes
 *   no sense (list filters that only change what is shown, hidden file inputs opened by a button,
 *   the radios inside RadioField). Each one is named in RAW_CONTROLS below with its reason, so a new
 *   hand-written field fails here until someone decides.
 */
import { describe, expect, it } from 'vitest';

const sources = import.meta.glob<string>('./**/*.tsx', { query: '?raw', import: 'default', eager: true });

const FIELD_COMPONENTS = ['TextField', 'SelectField', 'RatingField', 'RadioField'];

type Why = 'filter' | 'hidden-file' | 'component' | 'help-beside';

/** Hand-written controls, by file and marker (its id, else name, else data-testid). */
const RAW_CONTROLS: Record<string, Why> = {
  // Data entry outside the form layer: the help is a LabelWithHelp / <Help> beside the control.
  'admin/AccountLinks.tsx#employee-search': 'help-beside',
  'admin/Accounts.tsx#roles': 'help-beside',
  'bkpsdm/Careers.tsx#career-coefficient': 'help-beside',
  'dialogue/Dialogues.tsx#dialogue-both': 'help-beside',
  'imports/Bkn.tsx#props.id': 'help-beside', // YearSelect
  'imports/Bkn.tsx#bkn-what': 'help-beside',
  'imports/Bkn.tsx#bkn-format': 'help-beside',
  'imports/Bkn.tsx#bkn-export-unit': 'help-beside',
  'imports/Imports.tsx#import-kind': 'help-beside',
  // List filters: they only choose what a page shows (year, unit, status, search), nothing is saved.
  'admin/Accounts.tsx#account-search': 'filter',
  'audit/AuditLog.tsx#id': 'filter',
  'bkpsdm/Calibration.tsx#calibration-scope': 'filter',
  'bkpsdm/Calibration.tsx#calibration-filter': 'filter',
  'bkpsdm/Careers.tsx#career-year': 'filter',
  'bkpsdm/Careers.tsx#career-unit': 'filter',
  'bkpsdm/Careers.tsx#career-search': 'filter',
  'bkpsdm/Coaching.tsx#coaching-scope': 'filter',
  'bkpsdm/Goals.tsx#goal-unit': 'filter',
  'bkpsdm/Goals.tsx#goal-year': 'filter',
  'bkpsdm/Positions.tsx#positions-unit': 'filter',
  'bkpsdm/Positions.tsx#positions-search': 'filter',
  'bkpsdm/Positions.tsx#override-assessor-search': 'filter', // narrows the assessor list; the <select> has help
  'bkpsdm/Positions.tsx#proposals-status': 'filter',
  'bkpsdm/Predicates.tsx#predicate-year': 'filter',
  'bkpsdm/Reports.tsx#report-year': 'filter',
  'bkpsdm/Reports.tsx#report-period': 'filter',
  'bkpsdm/Reports.tsx#report-unit': 'filter',
  'notifications/Notifications.tsx#notif-filter': 'filter',
  'skp/ActionPlans.tsx#aksi-period': 'filter',
  'team/Distribution.tsx#distribution-scope': 'filter',
  'team/Team.tsx#team-year': 'filter',
  'unit/UnitComments.tsx#comment-status': 'filter',
  'unit/UnitCompletion.tsx#completion-scope': 'filter',
  'unit/UnitPeople.tsx#people-subunit': 'filter',
  'unit/UnitPeople.tsx#tertinggal': 'filter',
  'unit/scope.tsx#unit-picker': 'filter',
  // Hidden file inputs: opened by a labelled button, which is where the help is.
  'imports/CsvImport.tsx#import-file-input': 'hidden-file',
  'work/Evidence.tsx#inputId': 'hidden-file',
  'work/Evidence.tsx#camera-input': 'hidden-file',
  // The field components themselves (their help comes through the `help` prop).
  'ui/form.tsx#id': 'component', // SelectField's <select>
  'ui/form.tsx#?': 'component', // TextField's <input> / <textarea> ({...common})
  'ui/form.tsx#index': 'component', // RadioField's radios (id={index === 0 ? id : …})
};

/** Source without comments that start a line (JSDoc examples are not uses); lines keep their numbers. */
function code(text: string): string {
  const blank = (comment: string): string => comment.replace(/[^\n]/g, '');
  return text
    .replace(/^\s*\/\*[\s\S]*?\*\//gm, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank)
    .replace(/^\s*\/\/.*$/gm, blank);
}

/** The text of the JSX opening tag that starts at `start` (up to its closing `>`). */
function openingTag(text: string, start: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (depth > 0 && (c === "'" || c === '"' || c === '`')) quote = c;
    else if (c === '{') depth += 1;
    else if (c === '}') depth -= 1;
    else if (c === '>' && depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

interface Use {
  where: string;
  tag: string;
}

function uses(pattern: RegExp): Use[] {
  const found: Use[] = [];
  for (const [path, raw] of Object.entries(sources)) {
    if (path.endsWith('.test.tsx')) continue;
    const text = code(raw);
    for (const match of text.matchAll(pattern)) {
      const line = text.slice(0, match.index).split('\n').length;
      found.push({ where: `${path.slice(2)}:${line}`, tag: openingTag(text, match.index ?? 0) });
    }
  }
  return found;
}

function marker(tag: string): string {
  for (const name of ['id', 'name', 'data-testid']) {
    const m = tag.match(new RegExp(`\\s${name}=("[^"]*"|\\{\\S*)`));
    // "x" → x; {x} → x; {`${idPrefix}-employee-search`} → employee-search
    if (m) return (m[1] ?? '').replace(/\$\{[^}]*\}/g, '').replace(/[{}"`]/g, '').replace(/^-/, '');
  }
  return '?';
}

describe('contextual help on every staff form field', () => {
  const fields = uses(new RegExp(`<(${FIELD_COMPONENTS.join('|')})\\b`, 'g'));

  it('finds the form fields (the scan works)', () => {
    expect(fields.length).toBeGreaterThan(100);
  });

  it('every TextField, SelectField, RatingField and RadioField has a help= prop', () => {
    const missing = fields.filter((f) => !/\shelp=/.test(f.tag)).map((f) => `${f.where}: ${f.tag.replace(/\s+/g, ' ').slice(0, 120)}`);
    expect(missing, 'fields without help (add help={…} with a text in the area catalogue)').toEqual([]);
  });

  it('every hand-written input, select or textarea is listed, and data entry has help beside it', () => {
    const raw = uses(/<(input|select|textarea)\b/g);
    const unlisted: string[] = [];
    const seen = new Set<string>();
    for (const use of raw) {
      const file = use.where.split(':')[0] ?? '';
      const key = `${file}#${marker(use.tag)}`;
      seen.add(key);
      const why = RAW_CONTROLS[key];
      if (!why) unlisted.push(`${use.where} (${key})`);
      if (why === 'help-beside') {
        const text = sources[`./${file}`] ?? '';
        expect(/<LabelWithHelp\b|<Help\b|<HelpToggle\b/.test(text), `${key}: no help in ${file}`).toBe(true);
      }
    }
    expect(unlisted, 'hand-written controls not in RAW_CONTROLS').toEqual([]);
    const stale = Object.keys(RAW_CONTROLS).filter((key) => !seen.has(key));
    expect(stale, 'RAW_CONTROLS entries that no longer exist').toEqual([]);
  });
});
