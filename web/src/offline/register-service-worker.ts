import { registerSW } from "virtual:pwa-register";

/**
 * Installs the service worker that precaches the app and keeps the API's last answers (decision
 * 0031), so the app opens with no connection. A new version takes over at the next start.
 */
export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  registerSW({ immediate: true });
}
