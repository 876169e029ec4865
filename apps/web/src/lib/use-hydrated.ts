import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/**
 * False on the server and during hydration, true from the first client render after it. A value that differs
 * between the two (say, a role a query resolved before a Suspense boundary hydrated) must wait for this: React
 * does not patch mismatched attributes while hydrating, so a button rendered `disabled` on the server would stay
 * disabled in the DOM even though React believes it enabled.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
