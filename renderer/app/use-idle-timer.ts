import { useEffect, useRef } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * Calls `onIdle` after `timeoutMs` without a touch, key or wheel event while `active`.
 * Any activity restarts the wait.
 */
export function useIdleTimer(timeoutMs: number, active: boolean, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(() => onIdleRef.current(), timeoutMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), timeoutMs);
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, restart);
    };
  }, [timeoutMs, active]);
}
