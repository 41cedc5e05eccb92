import { useEffect, useRef } from 'react';
import { KeyboardWedgeDetector } from '../../common/keyboard-wedge-detector';
import { kiosk } from '../bridge/kiosk-bridge';

/**
 * Codes from the kiosk's scanners while `enabled`: a serial (USB-CDC) scanner's events from main,
 * and keyboard-wedge scanners recognised by their keystroke bursts.
 */
export function useScannedCodes(enabled: boolean, onCode: (text: string) => void): void {
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  useEffect(() => {
    if (!enabled) return;
    const wedge = new KeyboardWedgeDetector();
    const onKey = (e: KeyboardEvent) => {
      const scan = wedge.feed(e.key, e.timeStamp);
      if (scan) onCodeRef.current(scan.text);
    };
    window.addEventListener('keydown', onKey);
    const offSerial = kiosk().on.scannerDidScan(({ text }) => onCodeRef.current(text));
    return () => {
      window.removeEventListener('keydown', onKey);
      offSerial();
    };
  }, [enabled]);
}
