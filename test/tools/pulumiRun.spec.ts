// What the preview reads from a run of the real CLI, without the CLI (npm test needs Node.js only):
// which error diagnostics are the program's (a failure, exit 2 or 3) and which are the engine's
// refusals the diff reports (exit 1). The runs themselves: test/conformance.
import * as assert from "assert";
import type { LogEntry } from "../../tools/engine/monitor";
import { programError } from "../../tools/pulumi/run";

const PROTECTED = 'unable to replace resource "urn:pulumi:prod::p::azure-native:containerservice:ManagedCluster::aks"\nas it is currently marked for protection. To unprotect the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`';

const log = (severity: LogEntry["severity"], message: string): LogEntry => ({ severity, message, urn: "" });

describe("tools/pulumi/run: the program's error among the CLI's diagnostics", () => {
    it("the engine's protection refusal and its 'preview failed' are not the program's; the program's own error is", () => {
        assert.strictEqual(programError([log("error", PROTECTED), log("error", "preview failed")]), undefined);
        assert.strictEqual(programError([log("error", PROTECTED), log("error", "Error: boom")]), "Error: boom");
        assert.strictEqual(programError([log("warning", "w")]), undefined);
    });
});
