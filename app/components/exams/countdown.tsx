import { useEffect, useRef, useState } from "react";
import { TIME_ZONE } from "~/domain/time/calendar.ts";

const clockFmt = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** "14:35:07", Asia/Ho_Chi_Minh. */
export function formatClock(value: string | Date) {
  return clockFmt.format(new Date(value));
}

/** "29:59", or "1:05:00" past an hour. */
export function formatRemaining(ms: number) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * The time left, from the server's figure at render time (the server renders
 * it; the browser only ticks it down, so a wrong device clock changes nothing).
 * Calls `onZero` once when the display reaches 00:00.
 */
export function useCountdown(remainingMs: number, onZero: () => void) {
  const [left, setLeft] = useState(remainingMs);
  const onZeroRef = useRef(onZero);
  useEffect(() => {
    onZeroRef.current = onZero;
  });
  useEffect(() => {
    // A monotonic clock: changing the device time mid-exam moves nothing.
    const end = performance.now() + remainingMs;
    let fired = false;
    const tick = () => {
      const now = Math.max(0, end - performance.now());
      setLeft(now);
      if (now < 1000 && !fired) {
        fired = true;
        onZeroRef.current();
      }
    };
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [remainingMs]);
  return left;
}
