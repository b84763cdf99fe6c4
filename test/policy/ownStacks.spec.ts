// The project's own stacks, recorded as a `pulumi preview` of a new stack (unknown outputs, property
// dependencies) and as an update, pass the pack: no mandatory violation, no "can't run" advisory.
//
// Known mismatch (reported in issue 5's hand-off, not papered over here): at preview the endpoint's
// whole `properties` bag is unknown, because azure-native applies defaults to it with `.apply` and
// its `compute` (the Compute's id) is unknown, so endpoint-auth and endpoint-traffic cannot read it.
// The program can make it known by passing a compute ARM ID built from known names.
import * as assert from "assert";
import { Diagnostic, isCantRun, toAnalyzerResource } from "../../tools/lib/analyzer";
import { stackRun } from "../helpers/stacks";
import { usePack } from "./helpers";

const show = (ds: Diagnostic[]) => ds.map((d) => `[${d.enforcementLevel}] ${d.policyName} on ${d.urn.split("::").pop() || "(stack)"}: ${d.message}`);

describe("policy pack: the project's own stacks", () => {
    const pack = usePack();
    const results = new Map<string, Promise<Diagnostic[]>>();
    const analyzed = (stack: "dev" | "prod", preview: boolean) => {
        const key = `${stack} ${preview}`;
        if (!results.has(key)) {
            results.set(key, stackRun(stack, { preview }).then((run) => {
                assert.ok(run.all("azure-native:containerservice:ManagedCluster").length > 0, "the stack registers a cluster");
                return pack().analyzeAll(run.records.map(toAnalyzerResource));
            }));
        }
        return results.get(key)!;
    };

    for (const stack of ["dev", "prod"] as const) {
        for (const preview of [true, false]) {
            const mode = preview ? "preview" : "update";
            it(`${stack} (${mode}): no mandatory violation`, async () => {
                assert.deepStrictEqual(show((await analyzed(stack, preview)).filter((d) => d.enforcementLevel === "mandatory")), []);
            });
            it(`${stack} (${mode}): no "can't run" advisory`, async () => {
                assert.deepStrictEqual(show((await analyzed(stack, preview)).filter(isCantRun)), []);
            });
        }
    }

    // Issue 12: prod is hardened and private, with no finding at all; dev keeps the advisories the
    // README explains (public workspace and API server, no customer-managed keys, no encryption at host).
    for (const preview of [true, false]) {
        const mode = preview ? "preview" : "update";
        it(`prod (${mode}): no advisory finding either`, async () => {
            assert.deepStrictEqual(show(await analyzed("prod", preview)), []);
        });
        it(`dev (${mode}): only the advisories the README explains`, async () => {
            const ds = await analyzed("dev", preview);
            assert.deepStrictEqual(ds.map((d) => `${d.enforcementLevel} ${d.policyName}`).sort(), [
                "advisory baseline-api-server-access", "advisory baseline-disk-encryption-set", "advisory baseline-encryption-at-host",
                "advisory baseline-workspace-cmk", "advisory baseline-workspace-public-access",
            ]);
        });
    }
});
