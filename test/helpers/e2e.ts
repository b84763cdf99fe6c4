// The end-to-end run the specs share: the offline preview of prod with everything real but the process
// around it (tools/preview/main.ts with the engine's deps: prod's program started by cmd/run as the
// language host starts it, the policy pack as published started as its own process, the analyzer
// protocol, the renderers, the exit code). The pack is the tarball `npm pack` makes of the test run's
// build (test/helpers/published.ts; the preview's own launch would compile it again and start it from
// policy/): what compliance teams run. The process wrapper (tools/preview.ts) is run for real by
// test/tools/preview.spec.ts. Started when a spec that needs it loads (test/helpers/background.ts).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { EngineRun, runProgram } from "../../tools/engine";
import { ENGINE, preview } from "../../tools/preview/main";
import { PackInfo, startPack } from "../../tools/lib/analyzer";
import { background, Exited } from "./background";
import { capturingIo } from "./preview";
import { published } from "./published";

export interface EndToEnd extends Exited {
    /** What --full-text wrote (the text rendering). */
    fullText: string;
    /** The program's run as the engine saw it (records, logs, stack outputs). */
    run: EngineRun;
    /** What the published pack answered to GetAnalyzerInfo. */
    packInfo?: PackInfo;
}

/** Starts the unpacked tarball as the pack (the engine's runner, its own folder). */
async function publishedPack(): Promise<ReturnType<typeof startPack>> {
    const p = await published();
    if (!p.dir) throw new Error(`npm pack made no tarball (exit ${p.code}): ${p.stderr}`);
    return startPack(p.dir);
}

async function run(): Promise<EndToEnd> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aksml-e2e-"));
    try {
        const runs: EngineRun[] = [];
        let packInfo: PackInfo | undefined;
        const deps = {
            ...ENGINE,
            findCli: () => undefined, // the emulated engine (test/conformance runs the real CLI)
            runProgram: (...args: Parameters<typeof runProgram>) => runProgram(...args).then((r) => (runs.push(r), r)),
            launchPack: async () => {
                const pack = await publishedPack();
                packInfo = await pack.info();
                return pack;
            },
        };
        const io = capturingIo();
        const full = path.join(dir, "full.txt");
        const out = io.written(await preview(["--stack", "prod", "--format", "json", "--full-text", full], io, deps));
        if (runs.length !== 1) throw new Error(`expected one program run, got ${runs.length}: ${out.stderr}`);
        return { ...out, fullText: fs.existsSync(full) ? fs.readFileSync(full, "utf8") : "", run: runs[0], packInfo };
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

/** The shared run (started on first call). */
export function endToEnd(): Promise<EndToEnd> {
    return background("e2e prod", run);
}
