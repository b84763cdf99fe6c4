import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { isSecret, record, UNKNOWN } from "../../tools/lib/recorder";

const RG = "azure-native:resources:ResourceGroup";

function program() {
    const rg = new resources.ResourceGroup("rg", { location: "westeurope" }, { protect: true });
    new resources.ResourceGroup("rg2", { location: "westeurope", tags: { dep: rg.name, key: pulumi.secret("k") } });
    return { id: rg.id };
}

describe("recorder", () => {
    it("preview: outputs of new resources are unknown, dependencies and options recorded", async () => {
        const run = await record(program, { preview: true });
        const rg = run.get(RG, "rg");
        const rg2 = run.get(RG, "rg2");
        assert.strictEqual(rg.protect, true);
        assert.strictEqual(rg2.protect, false);
        assert.strictEqual(rg2.inputs.tags.dep, UNKNOWN);
        assert.deepStrictEqual(rg2.propertyDependencies.tags, [rg.urn]);
        assert.deepStrictEqual(rg2.dependencies, [rg.urn]);
        assert.ok(isSecret(rg2.raw.tags.key), "secret input stays wrapped in wire form");
        assert.strictEqual(rg2.inputs.tags.key, "k");
        assert.deepStrictEqual(rg.aliases, [], "provider version aliases are not recorded");
    });

    it("update: outputs are known", async () => {
        const run = await record(program, { preview: false });
        assert.strictEqual(run.get(RG, "rg2").inputs.tags.dep, "rg");
        assert.strictEqual(run.all(RG).length, 2);
    });

    it("a program error rejects the run", async () => {
        await assert.rejects(record(() => { throw new Error("boom"); }, { preview: true }), /boom/);
    });
});

describe("recorder failures", () => {
    it("an error inside an apply fails the run instead of hanging", async () => {
        const program = () => {
            const rg = new resources.ResourceGroup("rg", { location: "westeurope" });
            new resources.ResourceGroup("rg2", { location: rg.name.apply((): string => { throw new Error("bad apply"); }) });
        };
        await assert.rejects(record(program, { preview: false }), /bad apply/);
    });
});
