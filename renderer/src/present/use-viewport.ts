import { useEffect, useState } from 'react';

/** The window's inner size, followed as it changes (a projector's resolution switched mid-talk, full screen). */
export function useViewportSize(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const follow = () => setSize((now) => (now.width === window.innerWidth && now.height === window.innerHeight ? now : { width: window.innerWidth, height: window.innerHeight }));
    window.addEventListener('resize', follow);
    return () => window.removeEventListener('resize', follow);
  }, []);
  return size;
}
