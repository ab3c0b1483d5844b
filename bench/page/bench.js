// Runs the in-browser timings: the site's Python (in a module worker, on the site's own
// Pyodide) and ConvNetJS (in a classic worker), one after the other.
const status = document.getElementById("status");

function runWorker(url, options, message) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url, options);
    worker.onmessage = ({ data }) => {
      if (data.type === "log") { status.textContent = data.text; return; }
      worker.terminate();
      data.error ? reject(new Error(data.error)) : resolve(data);
    };
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage(message);
  });
}

async function main() {
  const python = await runWorker("py-worker.js", { type: "module" }, {});
  status.textContent = "ConvNetJS…";
  const convnet = await runWorker("convnet-worker.js", {}, python.raw);
  const tfjs = {}; // the modern peer, on its two backends (tfjs-worker.js)
  for (const backend of ["wasm", "cpu"]) { status.textContent = `TF.js ${backend}…`; tfjs[backend] = await runWorker("tfjs-worker.js", {}, { ...python.raw, backend }); }
  delete python.raw;
  window.__benchResults = { python, convnet, tfjs };
  status.textContent = "done";
}

main().catch((error) => { window.__benchResults = { error: String(error) }; status.textContent = String(error); });
