/**
 * Drafts of forms, kept in sessionStorage (this tab only, gone when it closes) under the page's
 * path and the form's id. A form whose session expires keeps what was typed: after the login
 * page brings the person back, the form starts from the draft.
 */

const PREFIX = 'ekinerja.draft:';

export function draftKey(formId: string, path: string = window.location.pathname): string {
  return `${PREFIX}${path}#${formId}`;
}

export function readDraft<T extends object>(key: string): T | null {
  try {
    const raw = window.sessionStorage.getItem(key);
    if (raw === null) return null;
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null ? (value as T) : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, values: object): void {
  try {
    window.sessionStorage.setItem(key, JSON.stringify(values));
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

export function clearDraft(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // see writeDraft
  }
}
