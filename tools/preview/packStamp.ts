// Whether a pack's compiled output is still its sources' output, so that the preview need not run
// tsc: `tsc -p --incremental` takes about 2.5 s even when nothing changed (it parses every file,
// the pack's and the 400 declaration files it compiles against, to compare their hashes).
//
// A content stamp, not modification times (why not `tsc -b`: buildPack's comment). After a
// successful compile, the stamp in the build-info file's folder lists every file the compile read
// (the build info's `fileNames`, written by TypeScript's incremental build; TypeScript's own lib
// files are covered by its version) with the tsconfig files and the root files, and a hash of their
// contents as they were read BEFORE the compile started: a file saved while tsc runs makes the next
// check fail, so the next preview compiles again. A file the compile read that was not hashed before
// it started (a new import) cannot be vouched for: the stamp lists it without a hash, and the next
// preview compiles once more, having hashed it first. Declaration files under node_modules are hashed
// after the compile (nothing installs packages while a preview compiles). No build info (not
// `incremental`), no outDir, or a tsconfig TypeScript cannot parse: no stamp, always compile.
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

const STAMP = ".preview-inputs.json";

interface Stamp {
    files: string[];
    hash: string;
}

export interface PackInputs {
    /** The last successful compile read these files as they are now. */
    upToDate: boolean;
    /** Before a compile: no stamp claims the output while tsc rewrites it. */
    forget(): void;
    /** After a successful compile: the stamp of what it read. */
    record(): void;
}

const sha = (text: string | Buffer) => crypto.createHash("sha256").update(text).digest("hex");

function contentHash(file: string): string {
    try {
        return sha(fs.readFileSync(file));
    } catch {
        return "missing";
    }
}

function readStamp(file: string): Stamp | undefined {
    try {
        const s = JSON.parse(fs.readFileSync(file, "utf8"));
        return Array.isArray(s.files) && typeof s.hash === "string" ? s : undefined;
    } catch {
        return undefined;
    }
}

/** The files `tsconfig` compiles, as TypeScript reads it; undefined when a stamp cannot be kept. */
function parse(tsconfig: string) {
    const configs: string[] = [];
    const host: ts.ParseConfigFileHost = {
        ...ts.sys,
        readFile: (f) => (configs.push(path.resolve(f)), ts.sys.readFile(f)),
        onUnRecoverableConfigFileDiagnostic: () => undefined,
    };
    const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, host);
    const buildInfo = parsed && !parsed.errors.length && parsed.options.outDir ? ts.getTsBuildInfoEmitOutputFilePath(parsed.options) : undefined;
    if (!parsed || !buildInfo) return undefined;
    return { options: parsed.options, buildInfo: path.resolve(buildInfo), listed: [...configs, ...parsed.fileNames.map((f) => path.resolve(f))] };
}

/** The pack compiled by `tsconfig`: is its output current, and how to stamp a new one. */
export function packInputs(tsconfig: string): PackInputs {
    const parsed = parse(tsconfig);
    if (!parsed) return { upToDate: false, forget: () => undefined, record: () => undefined };
    const stampFile = path.join(path.dirname(parsed.buildInfo), STAMP);
    const old = readStamp(stampFile);
    // Hashed now, before any compile: what the check compares, and what a new stamp records.
    const before = new Map<string, string>();
    for (const f of new Set([...parsed.listed, ...(old?.files ?? [])])) before.set(f, contentHash(f));
    const digest = (files: string[], hashes: Map<string, string>) => sha([ts.version, ...files.map((f) => `${f}\0${hashes.get(f)}`)].join("\n"));
    const files = [...before.keys()].sort();
    return {
        upToDate: !!old && old.hash !== "" && old.hash === digest(files, before),
        forget: () => fs.rmSync(stampFile, { force: true }),
        record() {
            let read: string[];
            try {
                read = (JSON.parse(fs.readFileSync(parsed.buildInfo, "utf8")).fileNames as string[]).map((f) => path.resolve(path.dirname(parsed.buildInfo), f));
            } catch {
                return; // no build info TypeScript wrote as we read it: always compile
            }
            const libDir = path.dirname(ts.getDefaultLibFilePath(parsed.options));
            const listed = [...new Set([...parsed.listed, ...read.filter((f) => path.dirname(f) !== libDir)])].sort();
            const hashes = new Map(before);
            let vouched = true;
            for (const f of listed.filter((l) => !hashes.has(l))) {
                if (f.split(path.sep).includes("node_modules")) hashes.set(f, contentHash(f));
                else vouched = false;
            }
            const stamp: Stamp = { files: listed, hash: vouched ? digest(listed, hashes) : "" };
            fs.writeFileSync(stampFile, JSON.stringify(stamp));
        },
    };
}
