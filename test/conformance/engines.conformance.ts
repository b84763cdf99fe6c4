// The emulated engine (tools/engine, with the stand-ins in process) against the real Pulumi CLI (with
// the stand-ins as plugins), on this project's stacks: the same resources (URNs, types, parents,
// dependencies), the same requests reaching a policy pack (a pack that records them,
// recorder-pack/), the same findings of our pack and the same exit code through the preview.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { runProgram } from "../../tools/engine";
import { startPack } from "../../tools/lib/analyzer";
import type { Recorded } from "../../tools/lib/recorder";
import { pulumiPreview } from "../../tools/pulumi/run";
import { runPolicies } from "../../tools/preview/policies";
import { cli, previewBoth, RECORDER_PACK, ROOT, tempDir } from "./helpers";

const tmp = tempDir("aksml-conf-engines-");

/** Runs `fn` with AKSML_RECORD_FILE set (the CLI passes its environment on to the pack; so does startPack). */
async function recording<T>(file: string, fn: () => Promise<T>): Promise<{ result: T; requests: any[] }> {
    const before = process.env.AKSML_RECORD_FILE;
    process.env.AKSML_RECORD_FILE = file;
    try {
        const result = await fn();
        return { result, requests: fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)) };
    } finally {
        if (before === undefined) delete process.env.AKSML_RECORD_FILE;
        else process.env.AKSML_RECORD_FILE = before;
    }
}

const sorted = (xs: string[]) => [...xs].sort();
const byUrn = <T extends { urn: string }>(xs: T[]) => new Map(xs.map((x) => [x.urn, x]));

function shape(records: Recorded[]) {
    return records.map((r) => ({ urn: r.urn, type: r.type, parent: r.parent, dependencies: sorted(r.dependencies),
        propertyDependencies: Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, v]) => [k, sorted(v)]).sort()) }))
        .sort((a, b) => a.urn.localeCompare(b.urn));
}

for (const stack of ["dev", "prod"]) {
    describe(`conformance: ${stack} through the emulated engine and the real CLI`, function () {
        this.timeout(600000);
        let real: { records: Recorded[]; requests: any[] };
        let emulated: { records: Recorded[]; requests: any[] };

        before(async () => {
            const install = cli();
            const r = await recording(path.join(tmp, `${stack}-real.jsonl`), () => pulumiPreview({ install, root: ROOT, stack, packDir: RECORDER_PACK }));
            real = { records: r.result.records, requests: r.requests };
            const e = await recording(path.join(tmp, `${stack}-emulated.jsonl`), async () => {
                const run = await runProgram({ root: ROOT, stack, preview: true });
                await runPolicies([...(run.defaultProviders ?? []), ...run.records], { packDir: RECORDER_PACK, launch: (dir) => startPack(dir) });
                return run;
            });
            emulated = { records: e.result.records, requests: e.requests };
        });

        it("the same resources: URNs, types, parents, dependencies and property dependencies", () => {
            assert.deepStrictEqual(shape(emulated.records), shape(real.records));
            assert.ok(real.records.length > 30, `${real.records.length} resources`);
        });

        it("the same Analyze requests reach a pack: type, name, properties (checked inputs), options, provider", () => {
            const analyzed = (reqs: any[]) => byUrn(reqs.filter((q) => q.kind === "analyze").map((q) => q.resource));
            const [a, b] = [analyzed(emulated.requests), analyzed(real.requests)];
            assert.deepStrictEqual(sorted([...a.keys()]), sorted([...b.keys()]));
            for (const [urn, req] of b) assert.deepStrictEqual(a.get(urn), req, urn);
        });

        it("the same AnalyzeStack request: every resource with its outputs, parent and dependencies", () => {
            const stacked = (reqs: any[]) => {
                const calls = reqs.filter((q) => q.kind === "analyzeStack");
                assert.strictEqual(calls.length, 1, "one AnalyzeStack call");
                return byUrn(calls[0].resources as any[]);
            };
            const [a, b] = [stacked(emulated.requests), stacked(real.requests)];
            assert.deepStrictEqual(sorted([...a.keys()]), sorted([...b.keys()]));
            const norm = (x: any) => ({ ...x, dependencies: sorted(x.dependencies), propertyDependencies: Object.fromEntries(Object.entries(x.propertyDependencies).map(([k, v]) => [k, sorted(v as string[])]).sort()) });
            for (const [urn, res] of b) assert.deepStrictEqual(norm(a.get(urn)), norm(res), urn);
        });

        it("our pack's findings and the preview's exit code are the same through both engines", async () => {
            const both = await previewBoth(["--stack", stack, "--format", "json"]);
            const findings = (out: string) => (JSON.parse(out).policy.findings as any[])
                .map((f) => JSON.stringify({ policy: f.policy, level: f.level, urn: f.urn, scope: f.scope, message: f.message })).sort();
            assert.strictEqual(both.emulated.code, both.pulumi.code, both.pulumi.stderr);
            assert.deepStrictEqual(findings(both.emulated.stdout), findings(both.pulumi.stdout));
            assert.strictEqual(JSON.parse(both.pulumi.stdout).engine.name, "pulumi");
        });
    });
}
