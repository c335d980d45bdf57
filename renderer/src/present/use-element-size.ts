import { useLayoutEffect, useState, type RefObject } from 'react';

/**
 * Calls `measure` with the element now and whenever its box changes (ResizeObserver), until unmounted: the one
 * place the stage follows an element's size, for its own content box and for a chart cell's filled height.
 */
export function useOnResize<E extends HTMLElement>(ref: RefObject<E | null>, measure: (element: E) => void, withChild = false): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const run = () => measure(element);
    run();
    const observer = new ResizeObserver(run);
    observer.observe(element);
    // Its first child too, where what is measured depends on it (a stage chart's card, whose key grows as it fills).
    const child = withChild ? element.firstElementChild : null;
    if (child) observer.observe(child);
    return () => observer.disconnect();
    // Not on `measure`: it only sets state, and following each render's new closure would re-observe for nothing.
  }, [ref]);
}

/** An element's content box, CSS px, followed as it changes; 0 x 0 until measured. */
export function useElementSize(ref: RefObject<HTMLElement | null>): { width: number; height: number } {
  const [size, setSize] = useState({ width: 0, height: 0 });
  useOnResize(ref, (element) => {
    const width = element.clientWidth;
    const height = element.clientHeight;
    setSize((now) => (now.width === width && now.height === height ? now : { width, height }));
  });
  return size;
}
