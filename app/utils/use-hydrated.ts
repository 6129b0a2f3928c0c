import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False on the server and while React hydrates the server's HTML; true after
 * that (and at once on a page rendered in the browser). Parts that only work
 * with JavaScript (charts, live form fields, the exam timer) render on it.
 */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
