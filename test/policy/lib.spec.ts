// Pure helpers of the pack, without the protocol.
import * as assert from "assert";
import { cidrCovers } from "../../policy/lib/cidr";
import { endpointPuts } from "../../policy/lib/templates";
import { armSegment, parseArmId } from "../../policy/lib/types";
import { at, containsUnknown, rawProps, unknownPath } from "../../policy/lib/values";
import { U } from "./fixtures";

describe("policy lib", () => {
    it("cidrCovers: containment, not overlap; plain addresses are /32; other text compares exactly", () => {
        assert.strictEqual(cidrCovers("20.38.0.0/16", "20.38.80.0/21"), true);
        assert.strictEqual(cidrCovers("20.38.80.0/21", "20.38.0.0/16"), false);
        assert.strictEqual(cidrCovers("20.38.80.0/21", "20.38.87.255"), true);
        assert.strictEqual(cidrCovers("20.38.80.0/21", "20.38.88.0/24"), false);
        assert.strictEqual(cidrCovers("0.0.0.0/0", "13.69.64.0/22"), true);
        assert.strictEqual(cidrCovers("2001:db8::/32", "2001:DB8::/32"), true);
    });

    it("ARM IDs: segments compare case-insensitively", () => {
        const id = "/subscriptions/s/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/AKS/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
        assert.strictEqual(armSegment(id, "managedClusters"), "aks");
        assert.strictEqual(armSegment(id, "resourcegroups"), "rg");
        assert.deepStrictEqual(parseArmId(id.split("/providers/Microsoft.Kubernetes")[0]), { resourceGroup: "rg", provider: "microsoft.containerservice", kind: "managedclusters", name: "aks" });
    });

    it("values: unknown sentinels are found without throwing, and paths stop at the unknown", () => {
        const raw = { a: { b: U }, list: [1, { c: U }] };
        assert.strictEqual(at(raw, ["a", "b", "c"]), U);
        assert.deepStrictEqual(unknownPath(raw, ["a", "b", "c"]), ["a", "b"]);
        assert.deepStrictEqual(unknownPath(raw, ["list"]), ["list", 1, "c"]);
        assert.strictEqual(containsUnknown({ x: [1, 2] }), false);
        const proxy = new Proxy(raw, { get: () => { throw new Error("read through the proxy"); } });
        assert.deepStrictEqual(rawProps(proxy), raw);
    });

    it("endpointPuts: endpoint properties given literally or as a parameter, name from the last parameter", () => {
        const template = (props: unknown, name: string) => ({
            properties: {
                template: { resources: [{ type: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", name, properties: props }] },
                parameters: { p: { value: { traffic: { a: 100 } } }, ep: { value: "Scoring" }, ws: { value: U } },
            },
        });
        assert.deepStrictEqual(endpointPuts(template("[parameters('p')]", "[format('{0}/{1}', parameters('ws'), parameters('ep'))]")),
            [{ properties: { traffic: { a: 100 } }, path: ["properties", "parameters", "p", "value"], endpointName: "scoring" }]);
        assert.deepStrictEqual(endpointPuts(template({ authMode: "Key" }, "ws/ep1")),
            [{ properties: { authMode: "Key" }, path: ["properties", "template", "resources", 0, "properties"], endpointName: "ep1" }]);
        assert.deepStrictEqual(endpointPuts({ properties: { template: U } }), []);
    });
});
