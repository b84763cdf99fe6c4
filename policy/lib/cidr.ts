// IPv4 CIDR containment, for "is the control-plane range covered by the authorized ranges".

function parse(cidr: string): { base: number; bits: number } | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
    if (!m) return undefined;
    const octets = m.slice(1, 5).map(Number);
    const bits = m[5] === undefined ? 32 : Number(m[5]);
    if (octets.some((o) => o > 255) || bits > 32) return undefined;
    const addr = octets.reduce((a, o) => a * 256 + o, 0);
    const size = 2 ** (32 - bits);
    return { base: addr - (addr % size), bits };
}

/** True when `inner` lies within `outer`; non-IPv4 strings compare by exact text. */
export function cidrCovers(outer: string, inner: string): boolean {
    const o = parse(outer);
    const i = parse(inner);
    if (!o || !i) return outer.trim().toLowerCase() === inner.trim().toLowerCase();
    if (i.bits < o.bits) return false;
    const size = 2 ** (32 - o.bits);
    return i.base - (i.base % size) === o.base;
}

/** An IPv4 or IPv6 CIDR as a [start, end) interval of its family, or undefined when unparsable. */
function interval(cidr: string): { v6: boolean; start: bigint; end: bigint } | undefined {
    const [addr, bitsText] = cidr.trim().split("/");
    const v6 = addr.includes(":");
    const width = v6 ? 128 : 32;
    const bits = bitsText === undefined ? width : /^\d{1,3}$/.test(bitsText) ? Number(bitsText) : NaN;
    if (!(bits >= 0 && bits <= width)) return undefined;
    const value = v6 ? parseV6(addr) : parseV4(addr);
    if (value === undefined) return undefined;
    const size = 1n << BigInt(width - bits);
    const start = value - (value % size);
    return { v6, start, end: start + size };
}

function parseV4(addr: string): bigint | undefined {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
    if (!m || m.slice(1).some((o) => Number(o) > 255)) return undefined;
    return m.slice(1).reduce((a, o) => a * 256n + BigInt(o), 0n);
}

function parseV6(addr: string): bigint | undefined {
    const halves = addr.split("::");
    if (halves.length > 2) return undefined;
    const groups = (s: string) => (s === "" ? [] : s.split(":"));
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
    const all = [...head, ...Array(Math.max(fill, 0)).fill("0"), ...tail];
    if (all.length !== 8 || all.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return undefined;
    return all.reduce((a, g) => a * 65536n + BigInt(parseInt(g, 16)), 0n);
}

/**
 * The ranges of a family whose union is the whole address space: "0.0.0.0/0", "::/0", or a set such as
 * 0.0.0.0/1 + 128.0.0.0/1. Returns the families opened to everyone ("IPv4", "IPv6").
 */
export function publicFamilies(ranges: readonly string[]): string[] {
    const out: string[] = [];
    for (const v6 of [false, true]) {
        const spans = ranges.map(interval).filter((i): i is NonNullable<typeof i> => !!i && i.v6 === v6).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        let reach = 0n;
        for (const s of spans) {
            if (s.start > reach) break;
            if (s.end > reach) reach = s.end;
        }
        if (reach === 1n << (v6 ? 128n : 32n)) out.push(v6 ? "IPv6" : "IPv4");
    }
    return out;
}
