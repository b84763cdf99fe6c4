// The deployment script that applies the in-cluster objects, run with a stub `az` (and a no-op
// `sleep`): it hands kubectl the manifests as a file, retries while role assignments propagate, and
// fails with kubectl's exit code. Skipped where bash or jq is missing.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { APPLY_SCRIPT, clusterManifests } from "../../components/clusterObjects";

function runScript(azBody: string): { status: number | null; stdout: string; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-script-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "az"), `#!/bin/bash\necho "$*" >> "${dir}/az.log"\n${azBody}\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, "sleep"), "#!/bin/bash\nexit 0\n", { mode: 0o755 });
    const objects = JSON.stringify(clusterManifests({ instanceTypes: { gpu: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } } } }));
    const r = spawnSync("bash", ["-c", APPLY_SCRIPT], {
        cwd: dir, encoding: "utf8",
        env: { PATH: `${bin}:${process.env.PATH}`, CLUSTER_RESOURCE_GROUP: "rg-aks", CLUSTER_NAME: "aks-1", AKSML_CLUSTER_OBJECTS: objects },
    });
    assert.strictEqual(fs.readFileSync(path.join(dir, "objects.json"), "utf8"), objects, "kubectl gets the manifests as objects.json");
    return { status: r.status, stdout: r.stdout, dir };
}

describe("ClusterObjects apply script", () => {
    before(function () {
        if (spawnSync("bash", ["-c", "command -v jq"]).status !== 0) this.skip();
    });

    it("invokes kubectl through az aks command invoke with the manifests attached, and succeeds with kubectl", () => {
        const r = runScript(`echo '{"exitCode": 0, "logs": "instancetype.amlarc.azureml.com/gpu created"}'`);
        assert.strictEqual(r.status, 0);
        assert.match(r.stdout, /instancetype\.amlarc\.azureml\.com\/gpu created/);
        const calls = fs.readFileSync(path.join(r.dir, "az.log"), "utf8").trim().split("\n");
        assert.strictEqual(calls.length, 1);
        assert.match(calls[0], /^aks command invoke -g rg-aks -n aks-1 --command kubectl wait .* && kubectl apply -f objects\.json --file objects\.json -o json$/);
    });

    it("retries while az fails (role assignments propagating), then succeeds", () => {
        const r = runScript(`n=$(wc -l < "$(dirname "$0")/../az.log"); if [ "$n" -lt 3 ]; then exit 1; fi; echo '{"exitCode": 0, "logs": "ok"}'`);
        assert.strictEqual(r.status, 0);
        assert.strictEqual(fs.readFileSync(path.join(r.dir, "az.log"), "utf8").trim().split("\n").length, 3);
    });

    it("fails the deployment (and so `pulumi up`) with kubectl's exit code after the retries", () => {
        const r = runScript(`echo '{"exitCode": 3, "logs": "error: no matches for kind InstanceType"}'`);
        assert.strictEqual(r.status, 3);
        assert.strictEqual(fs.readFileSync(path.join(r.dir, "az.log"), "utf8").trim().split("\n").length, 10);
    });
});
