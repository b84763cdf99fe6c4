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
