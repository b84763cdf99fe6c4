// `pulumi policy publish` as the CLI does it: `npm pack --loglevel=error` in the pack's folder, all of
// stdout taken as the tarball's file name (pulumi/pulumi sdk/nodejs/npm/npm.go, Pack), and a tarball
// that holds what the pack needs to run on its own.
import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";
import { endToEnd } from "../helpers/e2e";
import { published } from "../helpers/published";
import { PACK_DIR } from "./helpers";

function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

// Packed and unpacked as this file loads (test/helpers/published.ts). The end-to-end preview runs the
// unpacked tarball as its pack (test/helpers/e2e.ts).
const packed = published();
const e2e = endToEnd();

describe("policy pack: publishing (npm pack as pulumi policy publish runs it)", function () {
    this.timeout(180000);
    let stdout: string;
    let pkg: string;
    before(async () => {
        const r = await packed;
        assert.strictEqual(r.code, 0, r.stderr);
        stdout = r.stdout;
        pkg = r.dir ?? "";
    });

    it("stdout is exactly the tarball's file name", () => {
        const { name, version } = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
        assert.strictEqual(stdout.trim(), `${name}-${version}.tgz`, `stdout was ${JSON.stringify(stdout)}`);
        assert.ok(pkg && fs.existsSync(path.join(pkg, "package.json")), "the file it names was made and unpacked");
    });

    it("holds the compiled pack: every policy, PulumiPolicy.yaml, package.json; no TypeScript sources", () => {
        for (const f of ["bin/index.js", "PulumiPolicy.yaml", "package.json"]) assert.ok(fs.existsSync(path.join(pkg, f)), f);
        for (const ts of fs.readdirSync(path.join(PACK_DIR, "policies")).filter((f) => f.endsWith(".ts"))) {
            assert.ok(fs.existsSync(path.join(pkg, "bin", "policies", ts.replace(/\.ts$/, ".js"))), ts);
        }
        assert.deepStrictEqual(files(pkg).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), []);
    });

    it("every package the compiled pack requires is a dependency of its package.json", () => {
        const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).dependencies ?? {});
        const required = new Set<string>();
        for (const f of files(path.join(pkg, "bin")).filter((x) => x.endsWith(".js"))) {
            for (const m of fs.readFileSync(f, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) required.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
        }
        const missing = [...required].filter((m) => !deps.includes(m) && !builtinModules.includes(m.replace(/^node:/, "")));
        assert.deepStrictEqual(missing, []);
        assert.ok(required.has("@pulumi/policy"));
    });

    it("the unpacked tarball runs as a pack (the engine's runner, its own folder): prod's end-to-end preview ran it", async () => {
        const r = await e2e;
        assert.strictEqual(r.code, 0, r.stderr);
        const count = fs.readdirSync(path.join(PACK_DIR, "policies")).filter((f) => f.endsWith(".ts") && f !== "index.ts").length;
        assert.strictEqual(r.packInfo?.policies.length, count);
    });
});
