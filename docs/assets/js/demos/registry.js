// Finds the demos on the page (<div class="demo" data-demo="name">) and mounts each
// one's module, loaded only when a page uses it. Runs on every page change of
// mkdocs-material's instant navigation; demos whose page is gone are cleaned up.
const mounted = new Map(); // element → cleanup

const MODULES = {
  train: () => import("./train.js"),
};

export async function mountDemos(root = document) {
  for (const [element, cleanup] of mounted) {
    if (!element.isConnected) { cleanup?.(); mounted.delete(element); }
  }
  for (const element of root.querySelectorAll(".demo[data-demo]")) {
    if (mounted.has(element)) continue;
    const load = MODULES[element.dataset.demo];
    if (!load) { console.warn(`unknown demo ${element.dataset.demo}`); continue; }
    mounted.set(element, null);
    try {
      const module = await load();
      mounted.set(element, module.mount(element));
      element.dataset.ready = "true";
    } catch (error) {
      element.append(Object.assign(document.createElement("p"), { className: "demo__status", textContent: `This demo could not start: ${error.message}` }));
      throw error;
    }
  }
}
