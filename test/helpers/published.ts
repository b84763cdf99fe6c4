// The policy pack as `pulumi policy publish` packs it: `npm pack --loglevel=error` in the pack's
// folder, all of stdout taken as the tarball's file name (pulumi/pulumi sdk/nodejs/npm/npm.go, Pack),
// unpacked into a folder of its own with this project's node_modules linked beside it (as
// `pulumi policy enable` installs its dependencies). test/policy/publish.spec.ts checks the tarball;
// the end-to-end preview (test/helpers/e2e.ts) runs this unpacked pack. Started after the test run's
// build, once per test process (the tarball takes policy/bin as it is then).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packBuilt, PACK_DIR } from "../policy/helpers";
import { background, exec, Exited } from "./background";
import { linkModules } from "./project";

export interface Published extends Exited {
    /** The unpacked package's folder, when npm made the tarball that stdout names. */
    dir?: string;
}

export function published(): Promise<Published> {
    return background("npm pack policy", async () => {
        await packBuilt();
        const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-pack-"));
        process.once("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
        const r = await exec("npm", ["pack", "--loglevel=error"], { cwd: PACK_DIR });
        const tarball = path.join(PACK_DIR, r.stdout.trim());
        if (r.code !== 0 || !r.stdout.trim() || !fs.existsSync(tarball)) return r;
        const untar = await exec("tar", ["-xzf", tarball, "-C", tmp]);
        fs.rmSync(tarball);
        if (untar.code !== 0) throw new Error(`tar -xzf ${tarball}: ${untar.stderr}`);
        return { ...r, dir: linkModules(path.join(tmp, "package")) };
    });
}
