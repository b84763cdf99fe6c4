// `pulumi policy publish` as the CLI does it: `npm pack --loglevel=error` in the pack's folder, all of
// stdout taken as the tarball's file name (pulumi/pulumi sdk/nodejs/npm/npm.go, Pack), and a tarball
// that holds what the pack needs to run on its own.
import * as assert from "assert";
import * as fs from "fs";
import { builtinModules } from "module";
import * as os from "os";
import * as path from "path";
import { Pack, startPack } from "../../tools/lib/analyzer";
import { background, exec } from "../helpers/background";
import { linkModules } from "../helpers/project";
import { packBuilt, PACK_DIR } from "./helpers";

function files(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The unpacked tarball started as a pack (the engine's runner, its own folder): its info, or why it did not start. */
async function runUnpacked(pkg: string): Promise<{ info?: Awaited<ReturnType<Pack["info"]>>; error?: unknown }> {
    linkModules(pkg);
    try {
        const pack = await startPack(pkg);
        try {
            return { info: await pack.info() };
        } finally {
            await pack.close();
        }
    } catch (error) {
        return { error };
    }
}

// Started as this file loads, after the build (the tarball takes policy/bin as it is then): packed,
// unpacked and started.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-pack-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const packed = background("npm pack policy", async () => {
    await packBuilt();
    const r = await exec("npm", ["pack", "--loglevel=error"], { cwd: PACK_DIR });
    const tarball = path.join(PACK_DIR, r.stdout.trim());
    if (r.code !== 0 || !r.stdout.trim() || !fs.existsSync(tarball)) return { ...r, unpacked: undefined };
    const untar = await exec("tar", ["-xzf", tarball, "-C", tmp]);
    fs.rmSync(tarball);
    if (untar.code !== 0) throw new Error(`tar -xzf ${tarball}: ${untar.stderr}`);
    return { ...r, unpacked: await runUnpacked(path.join(tmp, "package")) };
});

describe("policy pack: publishing (npm pack as pulumi policy publish runs it)", function () {
    this.timeout(180000);
    let stdout: string;
    let unpacked: Awaited<typeof packed>["unpacked"];
    before(async () => {
        const r = await packed;
        assert.strictEqual(r.code, 0, r.stderr);
        stdout = r.stdout;
        unpacked = r.unpacked;
    });

    it("stdout is exactly the tarball's file name", () => {
        const { name, version } = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
        assert.strictEqual(stdout.trim(), `${name}-${version}.tgz`, `stdout was ${JSON.stringify(stdout)}`);
        assert.ok(fs.existsSync(path.join(tmp, "package", "package.json")), "the file it names was made");
    });

    it("holds the compiled pack: every policy, PulumiPolicy.yaml, package.json; no TypeScript sources", () => {
        const pkg = path.join(tmp, "package");
        for (const f of ["bin/index.js", "PulumiPolicy.yaml", "package.json"]) assert.ok(fs.existsSync(path.join(pkg, f)), f);
        for (const ts of fs.readdirSync(path.join(PACK_DIR, "policies")).filter((f) => f.endsWith(".ts"))) {
            assert.ok(fs.existsSync(path.join(pkg, "bin", "policies", ts.replace(/\.ts$/, ".js"))), ts);
        }
        assert.deepStrictEqual(files(pkg).filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), []);
    });

    it("every package the compiled pack requires is a dependency of its package.json", () => {
        const pkg = path.join(tmp, "package");
        const deps = Object.keys(JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")).dependencies ?? {});
        const required = new Set<string>();
        for (const f of files(path.join(pkg, "bin")).filter((x) => x.endsWith(".js"))) {
            for (const m of fs.readFileSync(f, "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) required.add(m[1].startsWith("@") ? m[1].split("/").slice(0, 2).join("/") : m[1].split("/")[0]);
        }
        const missing = [...required].filter((m) => !deps.includes(m) && !builtinModules.includes(m.replace(/^node:/, "")));
        assert.deepStrictEqual(missing, []);
        assert.ok(required.has("@pulumi/policy"));
    });

    it("the unpacked tarball runs as a pack (the engine's runner, its own folder)", () => {
        assert.ok(unpacked, "the tarball was unpacked");
        if (unpacked.error) throw unpacked.error;
        const count = fs.readdirSync(path.join(PACK_DIR, "policies")).filter((f) => f.endsWith(".ts") && f !== "index.ts").length;
        assert.strictEqual(unpacked.info?.policies.length, count);
    });
});
