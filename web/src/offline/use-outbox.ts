import { useCallback, useEffect, useState } from "react";
import { listOutbox, type OutboxItem, onOutboxChange } from "./outbox.ts";

/** The signed-in user's outbox, read again whenever it changes; none when nobody is signed in. */
export function useOutbox(userId: string | undefined): { items: OutboxItem[]; isLoaded: boolean } {
  const [state, setState] = useState<{ items: OutboxItem[]; isLoaded: boolean }>({
    items: [],
    isLoaded: false,
  });
  const load = useCallback(() => {
    if (!userId) {
      setState({ items: [], isLoaded: true });
      return;
    }
    void listOutbox(userId).then((items) => setState({ items, isLoaded: true }));
  }, [userId]);
  useEffect(() => {
    load();
    return onOutboxChange(load);
  }, [load]);
  return state;
}

/** Whether the browser says it is online, kept in step with its online and offline events. */
export function useOnline(): boolean {
  const [isOnline, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return isOnline;
}
