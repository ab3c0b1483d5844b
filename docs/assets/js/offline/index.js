// Offline use (issue 14): on every page, the service worker is registered (once) and
// checked for a new version; on the page with the control, the control is mounted.
import { mountControl } from "./control.js";
import { checkForUpdate, offlineSupport } from "./register.js";

export function mountOffline(root = document) {
  offlineSupport().catch(() => {});
  checkForUpdate();
  for (const element of root.querySelectorAll("[data-offline-control]")) mountControl(element);
}
