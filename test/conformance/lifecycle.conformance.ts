// `pulumi up`, then `pulumi preview` of the same code, then `pulumi destroy`, through the real CLI
// with the stand-in providers and our pack, as a platform engineer runs them per environment:
// - up passes the pack, its preview and its update (AnalyzeStack on the outputs the stand-ins
//   returned), every stack policy deciding;
// - a second preview of the same code shows no change (`--expect-no-changes` fails the command on
//   any: pulumi/pulumi v3.248.0 pkg/cmd/pulumi/operations/preview.go, NoChangesExpectedError when
//   engine.HasChanges); a program that diffs against
//   itself would replace or update something on every `pulumi up`;
// - destroy refuses a stack whose resources are protected (prod: protect: true) and leaves them all,
//   and removes an unprotected one (dev).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { initStack } from "../../tools/pulumi/run";
import { recordsOfDeployment } from "../../tools/pulumi/state";
import { CliResult, cliError, Workspace } from "../../tools/pulumi/workspace";
import { cli, ROOT } from "./helpers";

const PACK = ["--policy-pack", path.join(ROOT, "policy")];
const show = (r: CliResult) => `exit ${r.code}: ${cliError(r)}`;

for (const stack of ["dev", "prod"]) {
    describe(`conformance: ${stack}: pulumi up, pulumi preview, pulumi destroy (real CLI, stand-ins, our pack)`, function () {
        this.timeout(900000);
        let ws: Workspace;
        let dir: string;
        let up: CliResult;
        const resources = async () => {
            const exported = await ws.run(dir, ["stack", "export", "--stack", stack]);
            assert.strictEqual(exported.code, 0, show(exported));
            return recordsOfDeployment(JSON.parse(exported.stdout));
        };

        before(async () => {
            ws = Workspace.open(cli());
            dir = ws.copyProject(ROOT, "project");
            await initStack(ws, dir, stack, fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8"));
            up = await ws.run(dir, ["up", "--yes", "--stack", stack, ...PACK]);
        });
        after(() => ws?.close());

        it("pulumi up succeeds with the pack: no mandatory violation on the outputs", async () => {
            assert.strictEqual(up.code, 0, show(up));
            assert.ok((await resources()).length > 30);
            // The stack policies decide from what Analyze saw (policy/lib/seen.ts), not "can't run".
            assert.doesNotMatch(up.stdout, /can't run policy/, up.stdout);
        });

        it("pulumi preview --expect-no-changes of the same code: no change", async () => {
            const r = await ws.run(dir, ["preview", "--expect-no-changes", "--json", "--stack", stack, ...PACK]);
            assert.strictEqual(r.code, 0, show(r));
            const changes = Object.entries(JSON.parse(r.stdout).changeSummary ?? {}).filter(([op]) => op !== "same");
            assert.deepStrictEqual(changes, []);
        });

        if (stack === "prod") {
            it("pulumi destroy refuses the protected resources and deletes none", async () => {
                const before = (await resources()).length;
                const r = await ws.run(dir, ["destroy", "--yes", "--stack", stack]);
                assert.notStrictEqual(r.code, 0);
                assert.match(`${r.stdout}\n${r.stderr}`, /protected/, show(r));
                assert.strictEqual((await resources()).length, before);
            });
        } else {
            it("pulumi destroy of the unprotected stack deletes everything", async () => {
                const r = await ws.run(dir, ["destroy", "--yes", "--stack", stack]);
                assert.strictEqual(r.code, 0, show(r));
                assert.deepStrictEqual((await resources()).map((x) => x.type), []);
            });
        }
    });
}
