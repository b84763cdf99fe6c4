// The deployment script that applies the in-cluster objects, run with a stub `az` (and a no-op
// `sleep`): it hands kubectl the manifests as a file, retries while role assignments propagate, and
// fails with kubectl's exit code. Skipped where bash or jq is missing.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { APPLY_SCRIPT, clusterManifests } from "../../components/clusterObjects";
import { background, exec } from "../helpers/background";

interface ScriptRun { status: number | null; stdout: string; dir: string; objects: string }

async function runScript(azBody: string): Promise<ScriptRun> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-script-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "az"), `#!/bin/bash\necho "$*" >> "${dir}/az.log"\n${azBody}\n`, { mode: 0o755 });
    fs.writeFileSync(path.join(bin, "sleep"), "#!/bin/bash\nexit 0\n", { mode: 0o755 });
    const objects = JSON.stringify(clusterManifests({ instanceTypes: { gpu: { resources: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } } } }));
    const r = await exec("bash", ["-c", APPLY_SCRIPT], {
        cwd: dir,
        env: { PATH: `${bin}:${process.env.PATH}`, CLUSTER_RESOURCE_GROUP: "rg-aks", CLUSTER_NAME: "aks-1", AKSML_CLUSTER_OBJECTS: objects },
    });
    return { status: r.code, stdout: r.stdout, dir, objects };
}

/** The script's run, started as this file loads; kubectl gets the manifests as objects.json. */
async function script(run: Promise<ScriptRun>): Promise<ScriptRun> {
    const r = await run;
    assert.strictEqual(fs.readFileSync(path.join(r.dir, "objects.json"), "utf8"), r.objects, "kubectl gets the manifests as objects.json");
    return r;
}

const jq = exec("bash", ["-c", "command -v jq"]).then((r) => r.code === 0, () => false);
const whenJq = (azBody: string) => background(`apply script ${azBody}`, async () => ((await jq) ? runScript(azBody) : Promise.reject(new Error("no jq"))));
const runs = {
    succeeds: whenJq(`echo '{"exitCode": 0, "logs": "instancetype.amlarc.azureml.com/gpu created"}'`),
    retries: whenJq(`n=$(wc -l < "$(dirname "$0")/../az.log"); if [ "$n" -lt 3 ]; then exit 1; fi; echo '{"exitCode": 0, "logs": "ok"}'`),
    fails: whenJq(`echo '{"exitCode": 3, "logs": "error: no matches for kind InstanceType"}'`),
};

describe("ClusterObjects apply script", () => {
    before(async function () {
        if (!(await jq)) this.skip();
    });
    after(async () => {
        for (const run of Object.values(runs)) {
            const r = await run.catch(() => undefined);
            if (r) fs.rmSync(r.dir, { recursive: true, force: true });
        }
    });

    it("invokes kubectl through az aks command invoke with the manifests attached, and succeeds with kubectl", async () => {
        const r = await script(runs.succeeds);
        assert.strictEqual(r.status, 0);
        assert.match(r.stdout, /instancetype\.amlarc\.azureml\.com\/gpu created/);
        const calls = fs.readFileSync(path.join(r.dir, "az.log"), "utf8").trim().split("\n");
        assert.strictEqual(calls.length, 1);
        assert.match(calls[0], /^aks command invoke -g rg-aks -n aks-1 --command kubectl wait .* && kubectl apply -f objects\.json --file objects\.json -o json$/);
    });

    it("retries while az fails (role assignments propagating), then succeeds", async () => {
        const r = await script(runs.retries);
        assert.strictEqual(r.status, 0);
        assert.strictEqual(fs.readFileSync(path.join(r.dir, "az.log"), "utf8").trim().split("\n").length, 3);
    });

    it("fails the deployment (and so `pulumi up`) with kubectl's exit code after the retries", async () => {
        const r = await script(runs.fails);
        assert.strictEqual(r.status, 3);
        assert.strictEqual(fs.readFileSync(path.join(r.dir, "az.log"), "utf8").trim().split("\n").length, 10);
    });
});
