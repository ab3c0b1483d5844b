// Finds the demos on the page (<div class="demo" data-demo="name">) and mounts each
// with the module demos/<name>.js, loaded only when a page uses it. Runs on every page
// change of mkdocs-material's instant navigation; demos whose page is gone are cleaned up.
const mounted = new Map(); // element → cleanup function
const NAME = /^[a-z][a-z0-9-]{0,40}$/;

export async function mountDemos(root = document) {
  for (const [element, cleanup] of mounted) {
    if (!element.isConnected) {
      if (typeof cleanup === "function") cleanup();
      mounted.delete(element);
    }
  }
  const pending = [];
  for (const element of root.querySelectorAll(".demo[data-demo]")) {
    if (mounted.has(element)) continue;
    mounted.set(element, null);
    pending.push(mountOne(element));
  }
  await Promise.all(pending);
}

async function mountOne(element) {
  const name = element.dataset.demo;
  try {
    if (!NAME.test(name)) throw new Error(`"${name}" is not a demo name`);
    const module = await import(`../demos/${name}.js`);
    mounted.set(element, module.mount(element));
    element.dataset.ready = "true";
  } catch (error) {
    const note = document.createElement("p");
    note.className = "demo__status";
    note.dataset.kind = "error";
    note.textContent = `This demo could not start (${error.message}). Reloading the page may help.`;
    element.append(note);
    console.error(error);
  }
}
