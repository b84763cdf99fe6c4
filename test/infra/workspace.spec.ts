import * as assert from "assert";
import { parseWorkspace } from "../../infra/sections/workspace";
import { ConfigError } from "../../infra/sections/reader";

const ctx = { resourceGroup: "rg-stack" };

function fails(value: unknown, message: string) {
    assert.throws(() => parseWorkspace(value, ctx), (e: Error) => {
        assert.ok(e instanceof ConfigError, "a ConfigError (no stack trace)");
        assert.strictEqual(e.message, message);
        return true;
    });
}

describe("parseWorkspace", () => {
    it("existing by default, in the stack's resource group unless named", () => {
        assert.deepStrictEqual(parseWorkspace({ name: "mlw-old" }, ctx), { mode: "existing", name: "mlw-old", resourceGroup: "rg-stack" });
        assert.deepStrictEqual(parseWorkspace({ name: "mlw-old", resourceGroup: "rg-ml" }, ctx), { mode: "existing", name: "mlw-old", resourceGroup: "rg-ml" });
    });

    it("create: safe defaults (public access on for dev, Basic registry, 30 days of logs)", () => {
        assert.deepStrictEqual(parseWorkspace({ name: "mlw-aksml-dev", create: true }, ctx), {
            mode: "create", name: "mlw-aksml-dev", publicNetworkAccess: "Enabled", registrySku: "Basic", logRetentionDays: 30, tags: {}, customerManagedKey: false,
        });
    });

    it("create: customerManagedKey is a boolean, and only for a created workspace", () => {
        assert.strictEqual((parseWorkspace({ name: "mlw", create: true, customerManagedKey: true }, ctx) as any).customerManagedKey, true);
        assert.throws(() => parseWorkspace({ name: "mlw", customerManagedKey: true }, ctx), { message: "workspace.customerManagedKey: only applies when create is true; an existing workspace is used as it is" });
    });

    it("create private: registry defaults to Premium", () => {
        const spec = parseWorkspace({ name: "mlw-p", create: true, publicNetworkAccess: "Disabled" }, ctx);
        assert.strictEqual(spec.mode === "create" && spec.registrySku, "Premium");
    });

    it("exact messages", () => {
        fails({}, "workspace.name: is required");
        fails({ name: "ab" }, `workspace.name: expected 3 to 33 characters, letters, digits, '-' and '_', starting with a letter or digit, got "ab"`);
        fails({ name: "-mlw" }, `workspace.name: expected 3 to 33 characters, letters, digits, '-' and '_', starting with a letter or digit, got "-mlw"`);
        fails({ name: "mlw", create: "yes" }, `workspace.create: expected true or false, got "yes"`);
        fails({ name: "mlw", publicNetworkAccess: "Disabled" }, "workspace.publicNetworkAccess: only applies when create is true; an existing workspace is used as it is");
        fails({ name: "mlw", create: true, resourceGroup: "rg" }, "workspace.resourceGroup: only applies to an existing workspace (create: false); a created workspace goes to the stack's resourceGroup");
        fails({ name: "mlw", create: true, publicNetworkAccess: "Private" }, `workspace.publicNetworkAccess: expected one of Enabled, Disabled, got "Private"`);
        fails({ name: "mlw", create: true, publicNetworkAccess: "Disabled", registrySku: "Basic" },
            `workspace.registrySku: expected Premium when publicNetworkAccess is Disabled (private endpoints need it), got "Basic"`);
        fails({ name: "mlw", create: true, logRetentionDays: 7 }, "workspace.logRetentionDays: expected an integer from 30 to 730, got 7");
        fails({ name: "mlw", create: true, tags: { "a/b": "x" } }, `workspace.tags: expected a tag name (1 to 512 characters without < > % & \\ ? / or control characters), got "a/b"`);
        fails({ name: "mlw", create: true, sku: "Basic" }, "workspace.sku: unknown key; allowed keys: create, customerManagedKey, logRetentionDays, name, publicNetworkAccess, registrySku, tags");
        fails({ name: "mlw", registry: "x" }, "workspace.registry: unknown key; allowed keys: create, name, resourceGroup");
        fails("mlw", `workspace: expected an object, got "mlw"`);
        // What was written counts, not the default it equals.
        fails({ name: "mlw", logRetentionDays: 30 }, "workspace.logRetentionDays: only applies when create is true; an existing workspace is used as it is");
        fails({ name: "mlw", create: true, resourcegroup: "rg" }, "workspace.resourcegroup: unknown key; allowed keys: create, customerManagedKey, logRetentionDays, name, publicNetworkAccess, registrySku, tags");
        fails({ name: "mlw", resourcegroup: "rg" }, "workspace.resourcegroup: unknown key; did you mean resourceGroup?");
    });
});
