/**
 * The rendered width of a chart's container, so that the SVG is drawn at 1:1 and its text keeps
 * its real size on a 360 px phone instead of being scaled down with a fixed viewBox.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';

export function useWidth<T extends Element>(fallback: number): [{ current: T | null }, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const measure = (): void => {
      const next = Math.floor(element.getBoundingClientRect().width);
      if (next > 0) setWidth(next);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A label cut to about `width` pixels of 13 px text, with an ellipsis (the table has it whole). */
export function fitLabel(label: string, width: number, charWidth = 7.5): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}
