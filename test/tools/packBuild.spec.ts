// The preview compiles the pack only when it is out of date (tools/preview/policies.ts packUpToDate):
// a clean build is reused, an edited or new source (by content, not time) or a build that failed
// compiles again. Its metadata for a
// run of the real CLI is remembered per build (packMetadata): no second pack process beside the CLI's.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPack } from "../../tools/lib/analyzer";
import { buildPack, PackError, packMetadata, packUpToDate } from "../../tools/preview/policies";

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, skipLibCheck: true, incremental: true, tsBuildInfoFile: "bin/.tsbuildinfo", outDir: "bin", rootDir: "." }, include: ["*.ts"] });

function pack(source: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-packbuild-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), TSCONFIG);
    fs.writeFileSync(path.join(dir, "index.ts"), source);
    return dir;
}

describe("tools/preview: the pack compiled only when out of date", function () {
    this.timeout(120000);

    it("a clean build is up to date; a source edited after it is not, even with an older time; a new source is not", async () => {
        const dir = pack("export const n: number = 1;\n");
        assert.strictEqual(packUpToDate(dir), false, "never built");
        await buildPack(dir);
        assert.strictEqual(packUpToDate(dir), true);
        const index = path.join(dir, "index.ts");
        const old = fs.statSync(index).mtime;
        fs.utimesSync(index, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
        assert.strictEqual(packUpToDate(dir), true, "a touch changes nothing: content decides");
        fs.writeFileSync(index, "export const n: number = 2;\n");
        fs.utimesSync(index, old, new Date(old.getTime() - 60000)); // restored with an old time
        assert.strictEqual(packUpToDate(dir), false, "edited");
        await buildPack(dir);
        assert.strictEqual(packUpToDate(dir), true);
        fs.writeFileSync(path.join(dir, "extra.ts"), "export const m = 1;\n");
        assert.strictEqual(packUpToDate(dir), false, "a new source");
    });

    it("a build that failed is never up to date: the next preview reports the error again", async () => {
        const dir = pack('export const n: number = "x";\n');
        for (const attempt of [1, 2]) {
            await assert.rejects(buildPack(dir), (e: Error) => e instanceof PackError && /TS2322/.test(e.message), `attempt ${attempt}`);
            assert.ok(fs.existsSync(path.join(dir, "bin", ".tsbuildinfo")), "tsc writes its build-info even when it fails");
            assert.strictEqual(packUpToDate(dir), false);
        }
    });

    it("the pack's metadata is asked once per build of the pack, then read from the cache", async () => {
        const dir = pack('import { PolicyPack } from "@pulumi/policy";\nnew PolicyPack("p", { policies: [{ name: "x", description: "d", enforcementLevel: "advisory", validateResource: () => undefined }] });\n');
        fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", main: "bin/index.js" }));
        fs.symlinkSync(path.join(__dirname, "..", "..", "node_modules"), path.join(dir, "node_modules"), "dir");
        fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
        const cache = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-packinfo-"));
        after(() => fs.rmSync(cache, { recursive: true, force: true }));
        const before = process.env.AKSML_CACHE_DIR;
        process.env.AKSML_CACHE_DIR = cache;
        try {
            let launched = 0;
            const opts = { packDir: dir, launch: (d: string) => (launched++, startPack(d)) };
            await buildPack(dir);
            const first = await packMetadata(opts);
            const second = await packMetadata(opts);
            assert.strictEqual(launched, 1);
            assert.deepStrictEqual(second, JSON.parse(JSON.stringify(first)), "the same, as JSON keeps it");
            assert.deepStrictEqual(first.info.policies.map((p) => p.name), ["x"]);
            const later = new Date(Date.now() + 5000);
            fs.utimesSync(path.join(dir, "bin", ".tsbuildinfo"), later, later); // touched, not rebuilt
            await packMetadata(opts);
            assert.strictEqual(launched, 1);
            fs.appendFileSync(path.join(dir, "index.ts"), "export const more = 1;\n");
            await buildPack(dir); // a new build
            await packMetadata(opts);
            assert.strictEqual(launched, 2);
        } finally {
            if (before === undefined) delete process.env.AKSML_CACHE_DIR;
            else process.env.AKSML_CACHE_DIR = before;
        }
    });
});
