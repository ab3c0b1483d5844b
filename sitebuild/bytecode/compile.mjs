// Compiles Python sources to bytecode with the runtime's own Python: Pyodide 0.27.7's
// CPython 3.12 from node_modules/pyodide, run by Node (sitebuild/bytecode.py says why).
//
//   node sitebuild/bytecode/compile.mjs SOURCES.zip OUT.zip OPTIMIZE
//
// SOURCES.zip holds each source under the path it will have in the reader's browser
// (/lib/python312.zip/…, /lib/python3.12/site-packages/…); OUT.zip gets, for each NAME.py,
// NAME.pyc: compiled at that optimisation level, without the column tables of PEP 657
// (PYTHONNODEBUGRANGES, as `python -X no_debug_ranges`; line numbers stay), as an
// unchecked hash-based .pyc (PEP 552), so Python uses it as it is. The source path is
// what tracebacks name. Prints {magic, files} as JSON.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const [sources, output, optimize] = process.argv.slice(2);
if (!sources || !output || !["0", "1", "2"].includes(optimize)) {
  console.error("usage: node compile.mjs SOURCES.zip OUT.zip OPTIMIZE(0|1|2)");
  process.exit(2);
}
const indexURL = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", "pyodide") + "/";
const { loadPyodide } = await import(join(indexURL, "pyodide.mjs"));
const pyodide = await loadPyodide({ indexURL, env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.writeFile("/sources.zip", readFileSync(sources));
pyodide.globals.set("optimize", Number(optimize));
const compile = `
import json, os, py_compile, zipfile
from importlib.util import MAGIC_NUMBER

# The column tables are left out (PYTHONNODEBUGRANGES), or the files are a third larger.
assert compile("x", "", "exec").co_positions().__next__()[2:] == (None, None), "column tables still on"
files = 0
with zipfile.ZipFile("/sources.zip") as found, zipfile.ZipFile("/out.zip", "w") as out:
    for name in found.namelist():
        if not name.endswith(".py"):
            continue
        with open("/tmp/source.py", "wb") as source:
            source.write(found.read(name))
        py_compile.compile(
            "/tmp/source.py", cfile="/tmp/compiled.pyc", dfile=name, doraise=True, optimize=optimize,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        )
        with open("/tmp/compiled.pyc", "rb") as compiled:
            out.writestr(name + "c", compiled.read())
        files += 1
json.dumps({"magic": MAGIC_NUMBER.hex(), "files": files})
`;
let report;
try {
  report = pyodide.runPython(compile);
} catch (error) {
  console.error(error.message); // the Python traceback, without Node's dump of pyodide.asm.js
  process.exit(1);
}
writeFileSync(output, pyodide.FS.readFile("/out.zip"));
console.log(report);
