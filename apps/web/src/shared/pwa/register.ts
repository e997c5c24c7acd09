/**
 * Registers the service worker (public/sw.js: offline shell, push notifications with done/snooze).
 * Browsers only allow it in a secure context (HTTPS, or localhost); over plain LAN HTTP there is no
 * service worker and no push, which the notification settings explain.
 */
export function pushIsPossible(): boolean {
  return typeof window !== 'undefined' && window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window;
}

export function registerServiceWorker(): void {
  if (typeof window === 'undefined' || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // The app works without it; only offline start and push are missing.
    });
  });
}
