/**
 * Work nobody sees, done less often. A live view redraws five times a second; at 64 units a profile of the page
 * at its top (the controls and the numbers in view) showed most of each tick's main-thread time going to the
 * three lower charts and the 64-row table, all below the fold: recharts' per-update work and the table's layout
 * (`npm run bench:ui`, see README's Benchmark). Off screen, a view takes new data at most once a second instead
 * (still live, so what it shows and its data-* attributes stay close to the store), and at once when it scrolls
 * back into view. Browsers throttle hidden frames the same way.
 */
import { useEffect, useState, type MutableRefObject, type RefObject } from 'react';

/** How often a view out of sight takes new data, ms. */
export const OFF_SCREEN_REFRESH_MS = 1000;

/**
 * Whether any pixel of the element is in the viewport. True until the first observation, and always where the
 * browser has no IntersectionObserver (unit tests under jsdom): an unknown view is treated as seen.
 */
export function useOnScreen(ref: RefObject<Element | null>): boolean {
  const [onScreen, setOnScreen] = useState(true);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      const latest = entries[entries.length - 1];
      if (latest) setOnScreen(latest.isIntersecting);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return onScreen;
}

/**
 * `live` while on screen; off screen, the last value taken, replaced by `live` once it is `everyMs` old: on the
 * caller's next render (a live view renders on every flush), or by a timer when nothing renders it again (the run
 * stopped). Same reference until replaced, so a memo keyed on it skips the redraw.
 */
export function useHeldOffScreen<T>(live: T, onScreen: boolean, everyMs = OFF_SCREEN_REFRESH_MS): T {
  const [held, setHeld] = useState(() => ({ value: live, at: performance.now() }));
  const stale = held.value !== live;
  const due = onScreen || performance.now() - held.at >= everyMs;
  useEffect(() => {
    if (!stale || due) return;
    const timer = setTimeout(() => setHeld({ value: live, at: performance.now() }), Math.max(0, held.at + everyMs - performance.now()));
    return () => clearTimeout(timer);
  }, [stale, due, live, held, everyMs]);
  if (stale && due) {
    // Derived state, set during render as React documents it: this render returns the new value at once.
    setHeld({ value: live, at: performance.now() });
    return live;
  }
  return held.value;
}

/**
 * Whether the pointer is over the element or focus is inside it: a chart hands recharts its points only then, for
 * the tooltip (see charts/use-chart-data.ts), and spares recharts the work of new data on every tick otherwise.
 * `entered` gets where the pointer came in.
 */
export function usePointerWithin(ref: RefObject<Element | null>, entered?: MutableRefObject<{ x: number; y: number } | null>): boolean {
  const [pointer, setPointer] = useState(false);
  const [focus, setFocus] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const enter = (event: Event) => {
      if (entered) entered.current = { x: (event as PointerEvent).clientX, y: (event as PointerEvent).clientY };
      setPointer(true);
    };
    const leave = () => setPointer(false);
    const focusIn = () => setFocus(true);
    const focusOut = (event: Event) => setFocus(element.contains((event as FocusEvent).relatedTarget as Node | null));
    element.addEventListener('pointerenter', enter);
    element.addEventListener('pointerleave', leave);
    element.addEventListener('focusin', focusIn);
    element.addEventListener('focusout', focusOut);
    return () => {
      element.removeEventListener('pointerenter', enter);
      element.removeEventListener('pointerleave', leave);
      element.removeEventListener('focusin', focusIn);
      element.removeEventListener('focusout', focusOut);
    };
  }, [ref]);
  return pointer || focus;
}
