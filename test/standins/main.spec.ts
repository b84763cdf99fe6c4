// The entry point as the CLI starts it (`node -r tools/register.js tools/standins/main.ts <name> <engine> [flags]`):
// the port on stdout, the generic echo provider, and the refusal of an unknown name.
import * as assert from "assert";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as path from "path";
import { providerFor } from "../../tools/standins/main";
import { StandinClient, urn } from "./client";

const ROOT = path.resolve(__dirname, "../..");
const ARGS = ["-r", path.join(ROOT, "tools/register.js"), path.join(ROOT, "tools/standins/main.ts")];

/** Starts main.ts as the engine would and resolves with the port it prints. */
function launch(name: string): Promise<{ child: ChildProcess; client: StandinClient }> {
    const child = spawn(process.execPath, [...ARGS, name, "127.0.0.1:1", "--logtostderr", "-v=9"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    return new Promise((resolve, reject) => {
        let out = "";
        let err = "";
        child.stderr!.on("data", (d) => (err += d));
        child.stdout!.on("data", (d) => {
            out += d;
            const line = /^(\d+)\n/.exec(out);
            if (line) resolve({ child, client: new StandinClient(Number(line[1])) });
        });
        child.on("exit", (code) => reject(new Error(`main.ts ${name} exited ${code}: ${err}`)));
    });
}

describe("stand-ins: main.ts and the generic provider", () => {
    const started: { child: ChildProcess; client: StandinClient }[] = [];
    let generic: StandinClient;
    let azure: StandinClient;
    before(async () => {
        started.push(...(await Promise.all([launch("generic:kubernetes@4.18.3"), launch("azure-native")])));
        [generic, azure] = started.map((s) => s.client);
        await generic.configure();
    });
    after(() => {
        for (const s of started) {
            s.client.close();
            s.child.kill();
        }
    });

    it("prints the port and serves: azure-native reports its locked version", async () => {
        assert.strictEqual(await azure.version(), "3.28.0");
    });

    it("the generic provider reports the version in its name, echoes inputs, compares, never replaces", async () => {
        assert.strictEqual(await generic.version(), "4.18.3");
        const u = urn("kubernetes:core/v1:Namespace", "models");
        const inputs = { metadata: { name: "models" }, secretish: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s" } };
        assert.deepStrictEqual((await generic.check(u, inputs)).inputs, inputs);
        assert.deepStrictEqual(await generic.create(u, inputs, true), { id: "", properties: inputs });
        const created = await generic.create(u, inputs, false);
        assert.match(created.id, /^models-[0-9a-f]{8}$/);
        assert.deepStrictEqual(created.properties, inputs);
        assert.strictEqual((await generic.diff(u, inputs, inputs)).changes, "none");
        assert.deepStrictEqual(await generic.diff(u, inputs, { ...inputs, metadata: { name: "other" } }), {
            changes: "some", replaces: [], diffs: ["metadata"], detailed: { "metadata.name": "UPDATE" }, deleteBeforeReplace: false,
        });
    });

    it("the generic provider fails every function, naming it and the provider", async () => {
        await assert.rejects(generic.invoke("kubernetes:helm:template", {}), /generic stand-in for "kubernetes": function kubernetes:helm:template is not implemented/);
    });

    it("names: azure-native, random, generic[:<package>[@<version>]]; anything else is unknown", () => {
        assert.deepStrictEqual(["azure-native", "random", "generic", "generic:aws", "generic:aws@v6.1.0"].map((n) => {
            const p = providerFor(n);
            return p && [p.name, p.version];
        }), [["azure-native", "3.28.0"], ["random", "4.21.2"], ["generic", "0.0.0"], ["aws", "0.0.0"], ["aws", "6.1.0"]]);
        assert.deepStrictEqual(["azure", "", "generic:", "generic:a@b"].map((n) => providerFor(n)), [undefined, undefined, undefined, undefined]);
    });

    it("an unknown name is a one-line error and exit status 2", () => {
        const r = spawnSync(process.execPath, [...ARGS, "azure-classic", "127.0.0.1:1"], { cwd: ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 2);
        assert.strictEqual(r.stdout, "");
        assert.strictEqual(r.stderr, 'stand-in provider: unknown provider "azure-classic" (usage: main.ts <azure-native | random | generic[:<package>[@<version>]]> [engine address] [flags])\n');
    });
});
