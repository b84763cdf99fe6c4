// TypeScript for the tools (`npm run preview`, `bench`, `schema`) and the test process: ts-node
// without type checking (`npm run typecheck` and CI's tsc check types), transpiled by swc (ts-node's
// `swc` option, ts-node/dist/transpilers/swc.js: a tenth of TypeScript's own transpile time, which
// was a second of every preview's start-up), or by TypeScript where @swc/core has no binary for the
// platform (`swc` implies transpileOnly, ts-node/dist/index.js). The programs the preview starts by
// the engine's path keep the CLI's start-up (@pulumi/pulumi/cmd/run/run.js registers ts-node with
// the project's tsconfig.json, TypeScript's transpiler): nothing here reaches them.
let swc = true;
try {
    require("@swc/core");
} catch {
    swc = false;
}
require("ts-node").register({ transpileOnly: true, swc });
