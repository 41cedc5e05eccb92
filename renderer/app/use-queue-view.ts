import { useCallback, useEffect, useRef, useState } from 'react';
import { errorCodeOf, kiosk } from '../bridge/kiosk-bridge';

/**
 * Loads a queue view and reloads it on every queue change pushed by main, so a counter or
 * display never needs a manual refresh. Bursts of events cause one reload at a time.
 */
export function useQueueView<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loadRef = useRef(load);
  const running = useRef(false);
  const again = useRef(false);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  const reload = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        try {
          setData(await loadRef.current());
          setError(null);
        } catch (err) {
          setError(errorCodeOf(err));
        }
      } while (again.current);
    } finally {
      running.current = false;
    }
  }, []);

  useEffect(() => {
    void reload();
    return kiosk().on.queueDidChange(() => void reload());
  }, [reload]);

  return { data, error, reload };
}
