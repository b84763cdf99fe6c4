// Config errors point at the value in the stack file (tools/lib/yamlPosition.ts).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { errorKeyPath, positionOf } from "../../tools/lib/yamlPosition";

describe("tools/lib/yamlPosition", () => {
    let file: string;
    before(() => {
        file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aksml-pos-")), "Pulumi.s.yaml");
        fs.writeFileSync(file, [
            "config:",
            "  azure-native:location: westeurope",
            "  aks-ml-serving:cluster:",
            "    agentCount: three",
            "  endpoints:",
            "    - name: a",
            "      versions:",
            "        - versionName: blue",
            "          vmsize: x",
            "",
        ].join("\n"));
    });
    after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));

    it("finds the key path at the start of an error message", () => {
        assert.strictEqual(errorKeyPath('cluster.agentCount: expected a positive integer, got "three"'), "cluster.agentCount");
        assert.strictEqual(errorKeyPath("endpoints[0].versions[1].trafficPercentile: expected a number"), "endpoints[0].versions[1].trafficPercentile");
        assert.strictEqual(errorKeyPath("aks-ml-serving:clusters: unknown key; did you mean cluster?"), "aks-ml-serving:clusters");
        assert.strictEqual(errorKeyPath("no key here"), undefined);
    });

    it("line and column of the value, with or without the project namespace, inside lists", () => {
        assert.deepStrictEqual(positionOf(file, "aks-ml-serving", "cluster.agentCount"), { line: 4, col: 17 });
        assert.deepStrictEqual(positionOf(file, "aks-ml-serving", "endpoints[0].versions[0].vmsize"), { line: 9, col: 19 });
        assert.deepStrictEqual(positionOf(file, "aks-ml-serving", "azure-native:location"), { line: 2, col: 26 });
        assert.deepStrictEqual(positionOf(file, "aks-ml-serving", "cluster.vmSize"), { line: 4, col: 5 }, "a missing key: the deepest node there is");
        assert.strictEqual(positionOf(file, "aks-ml-serving", "workspace.name"), undefined);
    });
});
