// The benchmark's pure parts: statistics, the table, synthetic inputs. No timing assertions.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEndpoints } from "../../infra/sections/endpoints";
import type { AnalyzerResource } from "../../tools/lib/analyzer";
import { interleave } from "../../tools/bench/measure";
import { formatNumber, median, pairedRatio, renderTable, Row, summarize, verdict } from "../../tools/bench/report";
import { previewCommand, scaleConfig } from "../../tools/bench/series";
import { cliProgramMode, programModeOf } from "../../tools/bench/startup";
import { renameUrn, renameValue, replicateStack, syntheticEndpoints } from "../../tools/bench/synthetic";

describe("bench: statistics", () => {
    it("median of odd and even counts, unsorted input left alone", () => {
        const xs = [5, 1, 3];
        assert.strictEqual(median(xs), 3);
        assert.deepStrictEqual(xs, [5, 1, 3]);
        assert.strictEqual(median([4, 1, 3, 2]), 2.5);
        assert.strictEqual(median([7]), 7);
    });

    it("median refuses an empty list and non-finite values", () => {
        assert.throws(() => median([]), /empty/);
        assert.throws(() => median([1, NaN]), /non-finite/);
    });

    it("paired ratio is the median of per-run ratios, not the ratio of medians", () => {
        // per-run ratios 10, 2, 3 -> median 3; the ratio of the medians would be 20 / 10 = 2
        assert.strictEqual(pairedRatio([10, 20, 90], [1, 10, 30]), 3);
        assert.throws(() => pairedRatio([1, 2], [1]), /2 and 1/);
    });

    it("verdicts for upper and lower budgets, at the limit included", () => {
        assert.strictEqual(verdict(1.5, { text: "", max: 1.5 }), "pass");
        assert.strictEqual(verdict(1.51, { text: "", max: 1.5 }), "miss");
        assert.strictEqual(verdict(4999, { text: "", min: 5000 }), "miss");
        assert.strictEqual(verdict(5000, { text: "", min: 5000 }), "pass");
        assert.strictEqual(verdict(3, undefined), "");
    });
});

describe("bench: table", () => {
    const rows: Row[] = [
        { section: "policy", name: "AnalyzeStack, 1,000 resources", value: 2197.4, unit: "resources/s", runs: 3, budget: { text: ">= 5,000/s", min: 5000 }, note: "a | b" },
        { section: "tsc", name: "time", value: 6.431, unit: "s", runs: 1, budget: { text: "< 20 s", max: 20 } },
        { section: "scale", name: "ratio", value: 0.8512, unit: "x", runs: 3 },
    ];

    it("numbers keep a readable precision", () => {
        assert.strictEqual(formatNumber(12345.6), "12,346");
        assert.strictEqual(formatNumber(12.345), "12.3");
        assert.strictEqual(formatNumber(0.8512), "0.85");
    });

    it("renders a markdown table with one line per row, verdicts and escaped pipes", () => {
        const lines = renderTable(rows).split("\n");
        assert.strictEqual(lines.length, 2 + rows.length);
        assert.strictEqual(lines[0], "| section | measure | median | unit | runs | budget | verdict | note |");
        assert.match(lines[1], /^\|---\|---\|---:\|---\|---:\|---\|---\|---\|$/);
        assert.strictEqual(lines[2], "| policy | AnalyzeStack, 1,000 resources | 2,197 | resources/s | 3 | >= 5,000/s | **MISS** | a \\| b |");
        assert.strictEqual(lines[3], "| tsc | time | 6.43 | s | 1 | < 20 s | pass |  |");
        assert.strictEqual(lines[4], "| scale | ratio | 0.85 | x | 3 |  |  |  |");
    });

    it("summarizes only the rows with a budget", () => {
        assert.deepStrictEqual(summarize(rows), [
            "miss: policy / AnalyzeStack, 1,000 resources = 2,197 resources/s (budget >= 5,000/s)",
            "pass: tsc / time = 6.43 s (budget < 20 s)",
        ]);
    });
});

describe("bench: synthetic endpoints", () => {
    const example = { name: "churn", authMode: "amlToken", versions: [{ versionName: "ver1", model: "examples/churn/model", cpuCores: 0.5 }] };

    it("count x versions, unique names, traffic summing to 100 with one default and one control", () => {
        const eps = syntheticEndpoints(example, 50, 6);
        assert.strictEqual(eps.length, 50);
        assert.strictEqual(new Set(eps.map((e) => e.name)).size, 50);
        for (const e of eps) {
            assert.strictEqual(e.versions.length, 6);
            assert.strictEqual(e.authMode, "amlToken");
            assert.strictEqual(e.versions.reduce((s, v) => s + (v.trafficPercentile as number), 0), 100);
            assert.strictEqual(e.versions.filter((v) => v.isDefault).length, 1);
            assert.strictEqual(e.versions.filter((v) => v.isControlVersionType).length, 1);
            assert.ok(e.versions.every((v) => v.model === "examples/churn/model" && v.cpuCores === 0.5));
        }
    });

    it("passes the real endpoints config parser", () => {
        for (const versions of [1, 6]) {
            const parsed = parseEndpoints(syntheticEndpoints(example, 3, versions), { instanceTypes: ["defaultinstancetype"] });
            assert.strictEqual(parsed.length, 3);
            assert.ok(parsed.every((e) => e.versions.length === versions));
        }
    });

    it("the scale series' config: prod with generated endpoints, through the real parseConfig", () => {
        const cfg = scaleConfig("prod", 3, 6);
        assert.strictEqual(cfg.endpoints.length, 3);
        assert.ok(cfg.endpoints.every((e) => e.versions.length === 6));
    });

    it("refuses impossible sizes", () => {
        assert.throws(() => syntheticEndpoints(example, 0, 6), /positive integer/);
        assert.throws(() => syntheticEndpoints(example, 1, 7), /1 to 6/);
    });
});

describe("bench: synthetic policy stacks", () => {
    const CLUSTER = "azure-native:containerservice:ManagedCluster";
    const COMPUTE = "azure-native:machinelearningservices:Compute";
    const DEPLOYMENT = "azure-native:machinelearningservices:OnlineDeployment";
    const urn = (t: string, n: string) => `urn:pulumi:prod::aks-ml-serving::${t}::${n}`;
    const template: AnalyzerResource[] = [
        { type: CLUSTER, name: "aks", urn: urn(CLUSTER, "aks"), properties: { resourceName: "aksml-prod", resourceGroupName: "rg-prod" } },
        {
            type: COMPUTE, name: "compute", urn: urn(COMPUTE, "compute"), parent: urn(CLUSTER, "aks"), dependencies: [urn(CLUSTER, "aks")],
            propertyDependencies: { properties: [urn(CLUSTER, "aks")] },
            properties: { computeName: "aks-prod", properties: { resourceId: "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aksml-prod" } },
        },
        { type: DEPLOYMENT, name: "v1", urn: urn(DEPLOYMENT, "v1"), properties: { deploymentName: "blue" } },
    ];
    const names = { [CLUSTER]: "resourceName", [COMPUTE]: "computeName" };

    it("renames the last URN part and ARM ID segments", () => {
        assert.strictEqual(renameUrn(urn(CLUSTER, "aks"), "-2"), urn(CLUSTER, "aks-2"));
        const map = new Map([["aksml-prod", "aksml-prod-2"]]);
        assert.strictEqual(renameValue("aksml-prod", map), "aksml-prod-2");
        assert.strictEqual(renameValue("/x/managedClusters/aksml-prod", map), "/x/managedClusters/aksml-prod-2");
        assert.strictEqual(renameValue("aksml-prod-old", map), "aksml-prod-old");
    });

    it("copies keep their references inside the copy and their own names", () => {
        const stack = replicateStack(template, 3, names);
        assert.strictEqual(stack.length, 9);
        assert.strictEqual(new Set(stack.map((r) => r.urn)).size, 9);
        const urns = new Set(stack.map((r) => r.urn));
        for (const r of stack) {
            for (const u of [r.parent, ...(r.dependencies ?? []), ...Object.values(r.propertyDependencies ?? {}).flat()].filter(Boolean)) {
                assert.ok(urns.has(u!), `${r.urn} refers to ${u}, which is not in the stack`);
            }
        }
        const computes = stack.filter((r) => r.type === COMPUTE);
        assert.deepStrictEqual(computes.map((c) => c.properties.computeName), ["aks-prod", "aks-prod-1", "aks-prod-2"]);
        assert.strictEqual(computes[2].properties.properties.resourceId, "/subscriptions/s/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aksml-prod-2");
        assert.strictEqual(computes[2].parent, urn(CLUSTER, "aks-2"));
        assert.deepStrictEqual(stack.filter((r) => r.type === DEPLOYMENT).map((d) => d.properties.deploymentName), ["blue", "blue", "blue"], "names outside nameProps stay");
        assert.strictEqual(template[1].properties.computeName, "aks-prod", "the template is not modified");
    });
});

describe("bench: interleaving", () => {
    it("runs the variants side by side, round after round", async () => {
        const calls: string[] = [];
        const samples = await interleave(3, { a: async () => (calls.push("a"), 1), b: async () => (calls.push("b"), 2) });
        assert.deepStrictEqual(calls, ["a", "b", "a", "b", "a", "b"]);
        assert.deepStrictEqual(samples, { a: [1, 1, 1], b: [2, 2, 2] });
    });

    it("does not repeat a variant slower than the limit", async () => {
        const samples = await interleave(3, { slow: async () => "s" }, -1);
        assert.deepStrictEqual(samples, { slow: ["s"] });
    });
});

describe("bench: start-up config", () => {
    it("knows how the Pulumi CLI starts the program, by run.js's rules", () => {
        const ts = { runtime: { name: "nodejs", options: { typescript: true } } };
        assert.strictEqual(programModeOf(ts, {}), "typecheck");
        assert.strictEqual(programModeOf(ts, { "ts-node": { transpileOnly: true } }), "transpile");
        assert.strictEqual(programModeOf(ts, { "ts-node": { transpileOnly: true, typeCheck: true } }), "typecheck");
        assert.strictEqual(programModeOf(ts, { compilerOptions: { noCheck: false }, "ts-node": { transpileOnly: true } }), "typecheck", "noCheck wins");
        assert.strictEqual(programModeOf(ts, { compilerOptions: { noCheck: true } }), "transpile");
        assert.strictEqual(programModeOf({ runtime: { options: { typescript: false } } }, {}), "compiled");
        assert.strictEqual(programModeOf({ runtime: "nodejs" }, {}), "typecheck", "typescript defaults to true");
    });

    it("the shipped mode is read from the tsconfig.json in the program's working directory (getPwdMain)", () => {
        assert.strictEqual(cliProgramMode(), "transpile", "this project: no main, tsconfig.json at the root with transpileOnly");
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-mode-"));
        try {
            fs.mkdirSync(path.join(dir, "infra"));
            fs.writeFileSync(path.join(dir, "tsconfig.json"), '{ "ts-node": { "transpileOnly": true } }');
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nmain: infra/\n");
            assert.strictEqual(cliProgramMode(dir), "typecheck", "main: infra/ runs in infra/, where no tsconfig.json is found");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("bench: preview command", () => {
    it("runs package.json's preview script without npm, or the default runner", () => {
        assert.deepStrictEqual(previewCommand({ preview: "node -r ts-node/register/transpile-only tools/preview.ts" }), ["-r", "ts-node/register/transpile-only", "tools/preview.ts"]);
        assert.deepStrictEqual(previewCommand({ preview: "node bin/tools/preview.js" }), ["bin/tools/preview.js"]);
        assert.deepStrictEqual(previewCommand({ preview: "node tools/run.js preview" }), ["-r", "ts-node/register/transpile-only", "tools/preview.ts"]);
    });
});
