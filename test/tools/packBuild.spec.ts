// The preview compiles the pack only when it is out of date (tools/preview/policies.ts packUpToDate):
// a clean build is reused, an edited source or a build that failed compiles again.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPack, PackError, packUpToDate } from "../../tools/preview/policies";

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, incremental: true, tsBuildInfoFile: "bin/.tsbuildinfo", outDir: "bin", rootDir: "." }, include: ["*.ts"] });

function pack(source: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-packbuild-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), TSCONFIG);
    fs.writeFileSync(path.join(dir, "index.ts"), source);
    return dir;
}

describe("tools/preview: the pack compiled only when out of date", function () {
    this.timeout(120000);

    it("a clean build is up to date; a source edited after it is not", async () => {
        const dir = pack("export const n: number = 1;\n");
        assert.strictEqual(packUpToDate(dir), false, "never built");
        await buildPack(dir);
        assert.strictEqual(packUpToDate(dir), true);
        const later = new Date(Date.now() + 5000);
        fs.utimesSync(path.join(dir, "index.ts"), later, later);
        assert.strictEqual(packUpToDate(dir), false);
    });

    it("a build that failed is never up to date: the next preview reports the error again", async () => {
        const dir = pack('export const n: number = "x";\n');
        for (const attempt of [1, 2]) {
            await assert.rejects(buildPack(dir), (e: Error) => e instanceof PackError && /TS2322/.test(e.message), `attempt ${attempt}`);
            assert.ok(fs.existsSync(path.join(dir, "bin", ".tsbuildinfo")), "tsc writes its build-info even when it fails");
            assert.strictEqual(packUpToDate(dir), false);
        }
    });
});
