import * as assert from "assert";
import * as fc from "fast-check";
import { checkPurposeCapacity, clusterCapacity, guaranteedNodes, PROD_MIN_NODES, PROD_MIN_VCPUS } from "../../policy/rules/capacity";
import { lookupVmSize, VM_SIZES } from "../../policy/rules/vmSizes";

const sizes = Object.keys(VM_SIZES);
const pool = fc.record({
    vmSize: fc.constantFrom(...sizes),
    count: fc.integer({ min: 0, max: 50 }),
    enableAutoScaling: fc.boolean(),
    minCount: fc.integer({ min: 0, max: 50 }),
});

describe("capacity rules", () => {
    it("the VM catalog knows old and constrained series by their real vCPUs", () => {
        assert.strictEqual(lookupVmSize("Standard_D3_v2")?.vcpus, 4);
        assert.strictEqual(lookupVmSize("Standard_E4-2s_v4")?.vcpus, 2);
        assert.strictEqual(lookupVmSize("standard_d3_V2")?.vcpus, 4, "ARM size names are case-insensitive");
        assert.deepStrictEqual(lookupVmSize("Standard_NC6s_v3")?.accelerator, { kind: "gpu", count: 1 });
        assert.strictEqual(lookupVmSize("Standard_Custom", { standard_custom: 7 })?.vcpus, 7);
        assert.strictEqual(lookupVmSize("Standard_Custom"), undefined);
    });

    it("capacity is the sum of vCPUs x guaranteed nodes; autoscaling pools count minCount", () => {
        fc.assert(fc.property(fc.array(pool, { maxLength: 8 }), (pools) => {
            const c = clusterCapacity(pools);
            const nodes = pools.reduce((n, p) => n + (p.enableAutoScaling ? p.minCount : p.count), 0);
            const vcpus = pools.reduce((n, p) => n + VM_SIZES[p.vmSize].vcpus * (p.enableAutoScaling ? p.minCount : p.count), 0);
            assert.deepStrictEqual(c, { vcpus, nodes, unknownSizes: [] });
        }));
    });

    it("adding a pool never lowers the capacity (order does not matter)", () => {
        fc.assert(fc.property(fc.array(pool, { maxLength: 6 }), pool, (pools, extra) => {
            const before = clusterCapacity(pools);
            const after = clusterCapacity([extra, ...pools]);
            assert.ok(after.vcpus >= before.vcpus && after.nodes >= before.nodes);
            assert.deepStrictEqual(clusterCapacity([...pools].reverse()), before);
        }));
    });

    it("a fixed pool without a count counts ARM's default of one node", () => {
        assert.strictEqual(guaranteedNodes({ vmSize: "Standard_D2_v2" }), 1);
        assert.strictEqual(guaranteedNodes({ vmSize: "Standard_D2_v2", enableAutoScaling: true }), 0);
    });

    it("unknown sizes are reported, not counted", () => {
        assert.deepStrictEqual(clusterCapacity([{ vmSize: "Standard_Nope", count: 3 }, { vmSize: "Standard_D3_v2", count: 1 }]),
            { vcpus: 4, nodes: 4, unknownSizes: ["Standard_Nope"] });
    });

    it("production purposes fail exactly below 12 vCPUs or 3 nodes; DevTest only warns below 2 vCPUs", () => {
        fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom("FastProd", "DenseProd") as fc.Arbitrary<"FastProd" | "DenseProd">, (vcpus, nodes, purpose) => {
            const f = checkPurposeCapacity(purpose, { vcpus, nodes });
            assert.strictEqual(f.errors.length, Number(vcpus < PROD_MIN_VCPUS) + Number(nodes < PROD_MIN_NODES));
            assert.deepStrictEqual(f.warnings, []);
            const dev = checkPurposeCapacity("DevTest", { vcpus, nodes });
            assert.deepStrictEqual(dev.errors, []);
            assert.strictEqual(dev.warnings.length, Number(vcpus < 2));
        }));
        assert.deepStrictEqual(checkPurposeCapacity("DevTest", { vcpus: 1, nodes: 1 }).warnings, ["DevTest clusters should have at least 2 vCPUs, got 1"]);
    });
});
