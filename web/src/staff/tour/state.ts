/**
 * Asking the staff shell to show the tour again (the Panduan's "Ulangi tur"), without the
 * Panduan having to know the shell: one window event.
 */
const EVENT = 'ekinerja:tour';

export function requestTour(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onTourRequested(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
