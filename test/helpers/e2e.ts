// The end-to-end run the specs share: the offline preview of prod with everything real but the process
// around it (tools/preview/main.ts with the engine's deps: prod's program started by cmd/run as the
// language host starts it, the policy pack started as its own process, the analyzer protocol, the
// renderers, the exit code). The pack is compiled once per test run by the preview's own buildPack
// (test/policy/helpers.ts packBuilt), which this run's launch awaits instead of compiling it again.
// The process wrapper (tools/preview.ts) is run for real by test/tools/preview.spec.ts. Started when
// a spec that needs it loads (test/helpers/background.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineRun, runProgram } from "../../tools/engine";
import { ENGINE, preview } from "../../tools/preview/main";
import { startBuiltPack } from "../policy/helpers";
import { background, Exited } from "./background";
import { capturingIo } from "./preview";

export interface EndToEnd extends Exited {
    /** What --full-text wrote (the text rendering). */
    fullText: string;
    /** The program's run as the engine saw it (records, logs, stack outputs). */
    run: EngineRun;
}

async function run(): Promise<EndToEnd> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-e2e-"));
    try {
        const runs: EngineRun[] = [];
        const deps = {
            ...ENGINE,
            runProgram: (...args: Parameters<typeof runProgram>) => runProgram(...args).then((r) => (runs.push(r), r)),
            launchPack: startBuiltPack,
        };
        const io = capturingIo();
        const full = path.join(dir, "full.txt");
        const out = io.written(await preview(["--stack", "prod", "--format", "json", "--full-text", full], io, deps));
        if (runs.length !== 1) throw new Error(`expected one program run, got ${runs.length}: ${out.stderr}`);
        return { ...out, fullText: fs.existsSync(full) ? fs.readFileSync(full, "utf8") : "", run: runs[0] };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The shared run (started on first call). */
export function endToEnd(): Promise<EndToEnd> {
    return background("e2e prod", run);
}
