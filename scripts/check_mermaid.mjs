// Parse every ```mermaid block of the given Markdown files (and any .mmd file) with
// Mermaid's own parser, under jsdom: no browser. Exit 1 naming the file and block that fails.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

let failed = 0;
let parsed = 0;
for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const blocks = file.endsWith(".mmd")
    ? [text]
    : [...text.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
  for (const [i, block] of blocks.entries()) {
    try {
      await mermaid.parse(block);
      parsed += 1;
    } catch (error) {
      failed += 1;
      console.error(`${file}: mermaid block ${i + 1}: ${String(error.message).split("\n")[0]}`);
    }
  }
}
console.log(`mermaid: ${parsed} diagram(s) parsed, ${failed} failed`);
process.exit(failed ? 1 : 0);
