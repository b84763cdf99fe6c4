// The preview compiles the pack only when its last compile read other files than there are now
// (tools/preview/packStamp.ts). The compile is a stand-in that writes the build info as TypeScript's
// incremental build does; the real compiler's build info is read by the last test.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packInputs } from "../../tools/preview/packStamp";
import { buildPack, PackError } from "../../tools/preview/policies";
import { packBuilt, PACK_DIR } from "../policy/helpers";
import { writeFiles } from "../helpers/project";

const INCREMENTAL = '{"compilerOptions": {"outDir": "bin", "incremental": true, "tsBuildInfoFile": "bin/.tsbuildinfo"}, "include": ["index.ts"]}';

describe("tools/preview buildPack: compiles only what changed since the last compile (content stamp)", () => {
    let dir: string;
    let compiles: number;
    /** Runs buildPack with a compile that reads `read` (relative to the pack) and runs `during` meanwhile. */
    const build = (read = ["index.ts"], during: () => void = () => undefined, fail = false) =>
        buildPack(dir, async (tsconfig) => {
            assert.strictEqual(tsconfig, path.join(dir, "tsconfig.json"));
            compiles++;
            during();
            if (fail) throw new Error("index.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.");
            const lib = path.relative(path.join(dir, "bin"), path.join(path.dirname(require.resolve("typescript")), "lib.es5.d.ts"));
            writeFiles(dir, { "bin/index.js": "", "bin/.tsbuildinfo": JSON.stringify({ fileNames: [lib, ...read.map((f) => `../${f}`)], version: "5.9.3" }) });
        });
    const edit = (file: string, text = `// ${compiles}\n`) => fs.appendFileSync(path.join(dir, file), text);

    beforeEach(() => {
        dir = writeFiles(fs.mkdtempSync(path.join(os.tmpdir(), "aksml-stamp-")), {
            "tsconfig.json": INCREMENTAL,
            "index.ts": 'import "./extra";\n',
            "extra.ts": "export {};\n",
            "node_modules/dep/index.d.ts": "export declare const x: number;\n",
        });
        compiles = 0;
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("compiles once, then not while nothing changed; an edited source or tsconfig compiles again", async () => {
        await build();
        await build();
        assert.strictEqual(compiles, 1);
        edit("index.ts");
        await build();
        await build();
        assert.strictEqual(compiles, 2);
        edit("tsconfig.json", "\n");
        await build();
        assert.strictEqual(compiles, 3);
    });

    it("a source saved while tsc runs: the next preview compiles again", async () => {
        await build(["index.ts"], () => edit("index.ts"));
        await build();
        assert.strictEqual(compiles, 2);
    });

    it("a file the compile read that was not hashed before it (a new import) is compiled once more, then stamped; a declaration file under node_modules is stamped at once", async () => {
        const read = ["index.ts", "extra.ts", "node_modules/dep/index.d.ts"];
        await build(read);
        await build(read);
        await build(read);
        assert.strictEqual(compiles, 2);
        edit("extra.ts");
        await build(read);
        assert.strictEqual(compiles, 3);
        edit("node_modules/dep/index.d.ts");
        await build(read);
        assert.strictEqual(compiles, 4);
    });

    it("a compile that fails leaves no stamp (the next preview compiles again) and is a PackError with the compiler's line", async () => {
        await build();
        edit("index.ts");
        await assert.rejects(build(["index.ts"], () => undefined, true), (e: Error) => e instanceof PackError &&
            e.message === `the policy pack in ${path.relative(process.cwd(), dir)} does not compile: index.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.`);
        await assert.rejects(build(["index.ts"], () => undefined, true), PackError);
        assert.strictEqual(compiles, 3);
    });

    it("without incremental build info, or with a tsconfig TypeScript refuses, it always compiles", async () => {
        fs.writeFileSync(path.join(dir, "tsconfig.json"), '{"compilerOptions": {"outDir": "bin"}, "include": ["index.ts"]}');
        await build();
        await build();
        fs.writeFileSync(path.join(dir, "tsconfig.json"), '{"compilerOptions": {"outDir": "bin", "incremental": true, "target": "es1"}}');
        await build();
        await build();
        assert.strictEqual(compiles, 4);
    });

    it("the real compiler's build info: this test run's compile of policy/ stamped its sources and the declarations it read, not TypeScript's lib", async function () {
        this.timeout(120000);
        await packBuilt();
        const stamp = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "bin", ".preview-inputs.json"), "utf8"));
        const has = (tail: string) => stamp.files.some((f: string) => f.endsWith(tail));
        assert.ok(has("/policy/index.ts") && has("/policy/policies/endpoint-auth.ts"), "the pack's sources");
        assert.ok(has("/node_modules/@pulumi/policy/index.d.ts"), "the declarations it compiles against");
        assert.ok(has("/policy/tsconfig.json"), "its tsconfig");
        assert.ok(!has("/typescript/lib/lib.es5.d.ts"), "TypeScript's lib files: its version stands for them");
        assert.notStrictEqual(stamp.hash, "");
        assert.strictEqual(packInputs(path.join(PACK_DIR, "tsconfig.json")).upToDate, true);
    });
});
