// Small Pulumi projects for the specs that run a program by the engine's path without this project's
// weight: a TypeScript program in index.ts, the stack `s`, this project's tsconfig.json.
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Pulumi.yaml, the stack file and package.json of a TypeScript project; add index.ts (and tsconfig.json). */
export const TINY_PROJECT: Record<string, string> = {
    "Pulumi.yaml": "name: t\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
    "Pulumi.s.yaml": "config: {}\n",
    "package.json": '{"main": "index.ts"}',
};

/** This project's tsconfig.json (transpile-only start-up, as shipped). */
export const TSCONFIG = fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8");

/** Writes `files` under `dir` (folders made as needed). */
export function writeFiles(dir: string, files: Record<string, string>): string {
    for (const [f, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.writeFileSync(path.join(dir, f), text);
    }
    return dir;
}

/** Links this project's node_modules into `dir` (installed, never tracked: a link is not matched by .gitignore's "node_modules/"). */
export function linkModules(dir: string): string {
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}
