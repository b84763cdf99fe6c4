// What the conformance specs share: the real CLI as setup:pulumi installed it (tools/conformance.ts
// runs setup first; a spec without it fails, it is never skipped), and the preview run in process
// under either engine with the same arguments.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliInstall, installedCli } from "../../tools/pulumi/install";
import { ENGINE, preview } from "../../tools/preview/main";
import type { Exited } from "../helpers/background";
import { capturingIo } from "../helpers/preview";

export const ROOT = path.resolve(__dirname, "..", "..");
export const RECORDER_PACK = path.join(__dirname, "recorder-pack");

export function cli(): CliInstall {
    const install = installedCli();
    if (!install) throw new Error("the real Pulumi CLI is not installed for this checkout: run npm run -s setup:pulumi (npm run conformance does)");
    return install;
}

/** The preview (tools/preview/main.ts) under `engine`, in process: what it wrote and its exit code. */
export async function previewWith(engine: "pulumi" | "emulated", argv: string[]): Promise<Exited> {
    const io = capturingIo();
    return io.written(await preview([...argv, "--engine", engine], io, { ...ENGINE, findCli: () => (engine === "pulumi" ? cli() : undefined) }));
}

/** Both engines on the same arguments, one after the other (the machine has two cores). */
export async function previewBoth(argv: string[]): Promise<{ pulumi: Exited; emulated: Exited }> {
    const pulumi = await previewWith("pulumi", argv);
    const emulated = await previewWith("emulated", argv);
    return { pulumi, emulated };
}

/** A temporary folder removed after the spec file. */
export function tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
}
