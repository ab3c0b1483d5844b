// Offline use (issue 14): on every page, the service worker is registered (once) and
// checked for a new version, and the header's status button looks at the copy; on the
// page with the control, the control is mounted.
import { mountControl } from "./control.js";
import { mountHeaderStatus } from "./header.js";
import { checkForUpdate, offlineSupport } from "./register.js";

export function mountOffline(root = document) {
  offlineSupport().catch(() => {});
  checkForUpdate();
  const controls = root.querySelectorAll("[data-offline-control]");
  for (const element of controls) mountControl(element);
  mountHeaderStatus(root, { look: !controls.length }); // a control publishes its own states
}
