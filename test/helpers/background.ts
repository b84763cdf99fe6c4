// Slow work a spec needs (a program run by the engine's path, a child process), started when the spec
// file is loaded and awaited by its tests. Mocha loads every spec before it runs the first test, so
// these runs go on in the background while the in-process specs run: the suite's wall time is the
// machine's, not the sum of the waits. Each job runs once per test process, however many specs await it.
import { spawn, SpawnOptions } from "child_process";

const jobs = new Map<string, Promise<unknown>>();

/** Starts `work` once under `key`; every caller gets the same promise. A failure is reported where it is awaited. */
export function background<T>(key: string, work: () => Promise<T>): Promise<T> {
    let job = jobs.get(key) as Promise<T> | undefined;
    if (!job) {
        job = work();
        job.catch(() => undefined); // not unhandled while no test awaits it yet
        jobs.set(key, job);
    }
    return job;
}

export interface Exited {
    code: number | null;
    stdout: string;
    stderr: string;
}

/** Runs a command to its end without blocking the event loop (the gRPC monitors of other runs live in it). */
export function exec(command: string, args: string[], opts: SpawnOptions = {}): Promise<Exited> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { ...opts, stdio: ["ignore", "pipe", "pipe"] });
        let [stdout, stderr] = ["", ""];
        child.stdout!.on("data", (d) => (stdout += d));
        child.stderr!.on("data", (d) => (stderr += d));
        child.once("error", reject);
        child.once("close", (code) => resolve({ code, stdout, stderr }));
    });
}
