import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { inFlight, isCantRun } from "../../tools/lib/analyzer";
import { MODES, validStack } from "./fixtures";
import { assertClean, assertOne, PACK_DIR, usePack } from "./helpers";

const BASELINE = [
    "baseline-rbac", "baseline-entra-id", "baseline-api-server-access", "baseline-network-policy", "baseline-node-public-ip",
    "baseline-azure-policy-addon", "baseline-paid-sla", "baseline-upgrade-channel", "baseline-workspace-public-access",
    "baseline-extension-secure",
    // Coverage of checkov and the Azure Policy built-ins (policy/README.md), advisory by default.
    "baseline-container-insights", "baseline-kube-dashboard", "baseline-http-app-routing", "baseline-secret-rotation",
    "baseline-disk-encryption-set", "baseline-encryption-at-host", "baseline-max-pods", "baseline-scale-sets", "baseline-azure-cni",
    "baseline-defender", "baseline-workload-identity", "baseline-image-cleaner", "baseline-node-os-upgrade", "baseline-run-command",
    "baseline-ssh-disabled", "baseline-csi-drivers", "baseline-workspace-cmk", "baseline-compute-local-auth", "baseline-compute-min-nodes",
    "baseline-compute-idle-shutdown", "baseline-compute-vnet",
];
/** Azure ML prerequisites: mandatory, like the platform rules. */
const PREREQUISITES = ["azureml-prerequisites"];
const ADVISORY_RULES = ["devtest-capacity", "control-plane-ranges"];

describe("policy pack", () => {
    const pack = usePack();

    describe("policy pack: the published form", () => {

        it("starts from policy/package.json main (compiled JavaScript) with the version of policy/package.json", async () => {
            const pkg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"));
            assert.strictEqual(pkg.main, "bin/index.js");
            const info = await pack().info();
            assert.strictEqual(info.name, "aks-ml-serving");
            assert.strictEqual(info.version, pkg.version);
            assert.strictEqual(info.supportsConfig, true);
        });

        it("every policy has a kebab-case name, description, severity, remediation steps and a url", async () => {
            const { policies } = await pack().info();
            assert.strictEqual(policies.length, 15 + PREREQUISITES.length + BASELINE.length);
            for (const p of policies) {
                assert.match(p.name, /^[a-z]+(-[a-z]+)*$/, p.name);
                assert.ok(p.description.length > 20, `${p.name} description`);
                assert.ok(p.severity > 0, `${p.name} severity`);
                assert.ok(p.remediationSteps.length > 10, `${p.name} remediation steps`);
                assert.match(p.url, /^https:\/\/learn\.microsoft\.com\//, `${p.name} url`);
            }
        });

        it("platform rules are mandatory by default, the baseline and two advice rules advisory", async () => {
            const { policies } = await pack().info();
            for (const p of policies) {
                const want = BASELINE.includes(p.name) || ADVISORY_RULES.includes(p.name) ? "advisory" : "mandatory";
                assert.strictEqual(p.enforcementLevel, want, p.name);
            }
            assert.deepStrictEqual(policies.filter((p) => BASELINE.includes(p.name)).length, BASELINE.length);
        });

        for (const mode of MODES) {
            it(`the compliant fixture stack (${mode}) gets no diagnostic at all, not even "can't run"`, async () => {
                const ds = await pack().analyzeAll(validStack(mode).resources);
                assert.deepStrictEqual(ds.map((d) => `${d.policyName}: ${d.message}`), []);
                assert.ok(!ds.some(isCantRun));
            });
        }
    });

    describe("policy pack: configuration (Configure)", () => {
        beforeEach(async () => pack().configure({}));

        it("an enforcement level from config overrides the default, and disabled silences a policy", async () => {
            const stack = validStack("known").with("ws", (p) => delete p.publicNetworkAccess).with("endpoint", (p) => (p.properties.authMode = "AADToken"));
            await pack().configure({ "baseline-workspace-public-access": "mandatory", "endpoint-auth": { enforcementLevel: "disabled" } });
            const ds = await pack().analyzeAll(stack.resources);
            assertOne(ds, "baseline-workspace-public-access", "mandatory", 'publicNetworkAccess is not set (Enabled); set it to "Disabled"');
            assertClean(ds, "endpoint-auth");
        });

        it("policy properties from config reach the policy (allowedAuthModes)", async () => {
            const stack = validStack("known").with("endpoint", (p) => (p.properties.authMode = "AADToken"));
            await pack().configure({ "endpoint-auth": { allowedAuthModes: ["AADToken"] } });
            assertClean(await pack().analyzeAll(stack.resources), "endpoint-auth");
            await pack().configure({});
            assertOne(await pack().analyzeAll(stack.resources), "endpoint-auth", "mandatory", 'properties.authMode is "AADToken"; use one of Key, AMLToken');
        });

        it("config.example.json parses and makes the baseline mandatory", async () => {
            const cfg = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "config.example.json"), "utf8"));
            await pack().configure(cfg);
            const { policies } = await pack().info();
            assert.ok(policies.length > 0);
            const stack = validStack("preview").with("aks", (p) => delete p.autoUpgradeProfile.upgradeChannel);
            const ds = await pack().analyzeAll(stack.resources);
            assertOne(ds, "baseline-upgrade-channel", "mandatory", "autoUpgradeProfile.upgradeChannel is not set");
            assert.deepStrictEqual(ds.filter((d) => d.policyName !== "baseline-upgrade-channel").map((d) => d.message), []);
        });
    });
});

describe("tools/lib/analyzer inFlight (analyzeAll and the preview's analysis)", () => {
    it("keeps the items' order when calls end out of order, with at most `limit` in flight", async () => {
        let running = 0;
        let most = 0;
        const delays = [30, 0, 20, 5, 10, 0, 25];
        const out = await inFlight(delays, async (ms) => {
            most = Math.max(most, ++running);
            await new Promise((r) => setTimeout(r, ms));
            running--;
            return ms * 2;
        }, 3);
        assert.deepStrictEqual(out, delays.map((ms) => ms * 2));
        assert.strictEqual(most, 3);
        assert.deepStrictEqual(await inFlight([], async () => 1), []);
    });

    it("a failing call fails the whole", async () => {
        await assert.rejects(inFlight([1, 2, 3], async (n) => {
            if (n === 2) throw new Error("no");
            return n;
        }), /^Error: no$/);
    });
});
