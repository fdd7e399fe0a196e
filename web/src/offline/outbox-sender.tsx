import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useSession } from "../session.tsx";
import { listOutbox } from "./outbox.ts";
import { sendOutbox } from "./send-outbox.ts";

/** How often waiting reports are tried again while some wait (the online event may not come). */
const RETRY_MS = 30_000;

/**
 * Sends the signed-in user's outbox whatever page is open: at start, as soon as the browser says
 * the connection is back, and every half minute while reports wait. Renders nothing.
 */
export function OutboxSender() {
  const userId = useSession()?.user?.id;
  const client = useQueryClient();
  useEffect(() => {
    // Back online, the sign-in kept offline is confirmed by the server again (or dropped).
    const confirm = () => void client.invalidateQueries({ queryKey: ["session"] });
    window.addEventListener("online", confirm);
    return () => window.removeEventListener("online", confirm);
  }, [client]);
  useEffect(() => {
    if (!userId) return;
    const send = () => {
      void listOutbox(userId).then((items) => {
        if (items.some((item) => item.status === "waiting")) void sendOutbox(userId);
      });
    };
    send();
    window.addEventListener("online", send);
    const timer = window.setInterval(send, RETRY_MS);
    return () => {
      window.removeEventListener("online", send);
      window.clearInterval(timer);
    };
  }, [userId]);
  return null;
}
