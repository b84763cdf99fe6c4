// The project's own stacks, recorded as a `pulumi preview` of a new stack (unknown outputs, property
// dependencies), pass the pack: no mandatory violation and no "can't run during preview" advisory.
import * as assert from "assert";
import { Diagnostic, isCantRun, toAnalyzerResource } from "../../tools/lib/analyzer";
import { recordStack } from "../../tools/lib/stackRun";
import { usePack } from "./helpers";

const show = (ds: Diagnostic[]) => ds.map((d) => `[${d.enforcementLevel}] ${d.policyName} on ${d.urn.split("::").pop()}: ${d.message}`);

describe("policy pack: the project's own stacks (preview)", () => {
    const pack = usePack();

    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: no mandatory violation and no "can't run" advisory`, async () => {
            const run = await recordStack(stack, { preview: true });
            assert.ok(run.all("azure-native:containerservice:ManagedCluster").length > 0, "the stack registers a cluster");
            const ds = await pack().analyzeAll(run.records.map(toAnalyzerResource));
            assert.deepStrictEqual(show(ds.filter((d) => d.enforcementLevel === "mandatory" || isCantRun(d))), []);
        });
    }
});
