import { TIME_ZONE } from "~/domain/time/calendar.ts";

// The countdown itself runs in the exam page's script (exam-enhancements.ts, decision 083).

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
