// A preview calls no list* credential action (the preview identity is Reader only); `pulumi up` does.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { readCredential } from "../../components/credentials";
import { deploy } from "../../infra/program";
import { record } from "../../tools/lib/recorder";
import { loadStack, mockCall, mockOutputs } from "../../tools/lib/stackRun";

const COMPONENTS = path.resolve(__dirname, "..", "..", "components");

describe("credentials: list* actions only in pulumi up (components/credentials.ts)", function () {
    this.timeout(120000);

    for (const preview of [true, false]) {
        it(`readCredential ${preview ? "does not call the action in a preview (the value is unknown)" : "calls the action in an update"}`, async () => {
            let called = false;
            let known: boolean | undefined;
            await record(() => {
                const v = readCredential(() => ((called = true), pulumi.output("k")));
                known = undefined;
                (v as any).isKnown.then((k: boolean) => (known = k));
            }, { preview });
            await new Promise((r) => setImmediate(r));
            assert.strictEqual(called, !preview);
            assert.strictEqual(known, !preview);
        });
    }

    it("every list* invoke of the components goes through readCredential", () => {
        const offending: string[] = [];
        for (const f of fs.readdirSync(COMPONENTS).filter((x) => x.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(COMPONENTS, f), "utf8");
            for (const m of text.matchAll(/\.(list\w+)(Output)?\(/g)) {
                const before = text.slice(Math.max(0, m.index! - 200), m.index);
                if (!/readCredential\(\(\) =>\s*[\w.]*$/.test(before)) offending.push(`${f}: ${m[1]}`);
            }
        }
        assert.deepStrictEqual(offending, []);
    });

    it("prod update reads the user kubeconfig and the endpoint keys, never the admin kubeconfig without opt-in", async () => {
        const tokens: string[] = [];
        await record(() => deploy(loadStack("prod")), { preview: false, stack: "prod", outputs: mockOutputs, call: (t) => (tokens.push(t), mockCall(t)) });
        assert.ok(tokens.includes("azure-native:containerservice:listManagedClusterUserCredentials"), tokens.join(", "));
        assert.ok(tokens.includes("azure-native:machinelearningservices:listOnlineEndpointKeys"), tokens.join(", "));
        assert.ok(!tokens.includes("azure-native:containerservice:listManagedClusterAdminCredentials"));
    });
});
