"""Memory-image builder for the conformance scenarios: allocates 4 KiB pages, writes root,
context, PASID-directory, PASID and paging entries, and collects requests.

The expected results are not computed here: Scenario.build() hands the finished memory image to
vtd_model.Translator, which sees only the image, the unit and RTADDR.
"""

from __future__ import annotations

from vtd_model import (
    PAGE, SIZE_1G, SIZE_2M, Memory, Request, Translator, Unit, bits, context_entry, fs_entry,
    hx, level_index, pasid_dir_entry, pasid_entry, root_entry, sm_context_entry, sm_root_entry,
    ss_entry, PGTT_FS, PGTT_SS, PGTT_NESTED, PGTT_PT,
)

TABLE_BASE = 0x10_0000  # first page handed out for tables


def sid(bus: int, dev: int, fn: int) -> int:
    return (bus << 8) | (dev << 3) | fn


def bdf(s: int) -> str:
    return "%02x:%02x.%x" % (s >> 8, (s >> 3) & 0x1F, s & 7)


class HostAlloc:
    """Bump allocator of host-physical 4 KiB pages."""

    def __init__(self, start: int = TABLE_BASE):
        self.next = start

    def pages(self, n: int = 1, align: int = PAGE) -> int:
        self.next = (self.next + align - 1) // align * align
        p = self.next
        self.next += n * PAGE
        return p

    def page(self) -> int:
        return self.pages(1)


class GuestSpace:
    """Guest-physical pages for nested first-stage tables: each table page gets a GPA that the
    second-stage table maps (4 KiB pages, or `block`-sized large pages)."""

    def __init__(self, sc: "Scenario", ss: "PageTable", gpa_base: int, block: int = PAGE,
                 **ss_leaf):
        self.sc, self.ss, self.next_gpa, self.block = sc, ss, gpa_base, block
        self.ss_leaf = ss_leaf
        self.left = 0
        self.host_next = 0

    def table_page(self) -> tuple[int, int]:
        if self.block == PAGE:
            h = self.sc.alloc.page()
            g = self.next_gpa
            self.next_gpa += PAGE
            self.ss.map(g, h, PAGE, **self.ss_leaf)
            return g, h
        if self.left == 0:
            self.next_gpa = (self.next_gpa + self.block - 1) // self.block * self.block
            self.host_next = self.sc.alloc.pages(self.block // PAGE, align=self.block)
            self.ss.map(self.next_gpa, self.host_next, self.block, **self.ss_leaf)
            self.left = self.block // PAGE
        g, h = self.next_gpa, self.host_next
        self.next_gpa += PAGE
        self.host_next += PAGE
        self.left -= 1
        return g, h


class PageTable:
    """A first-stage ('fs') or second-stage ('ss') table tree. Tables live in host memory, or
    in guest memory through `guest` (nested first stage: pointers are GPAs)."""

    def __init__(self, sc: "Scenario", stage: str, levels: int, guest: GuestSpace | None = None):
        assert stage in ("fs", "ss") and levels in (3, 4, 5)
        self.sc, self.stage, self.levels, self.guest = sc, stage, levels, guest
        self.host: dict[int, int] = {}
        self.root = self._new_table()

    def _new_table(self) -> int:
        if self.guest is None:
            h = self.sc.alloc.page()
            self.host[h] = h
            return h
        g, h = self.guest.table_page()
        self.host[g] = h
        return g

    def _nonleaf(self, ptr: int) -> int:
        return fs_entry(ptr) if self.stage == "fs" else ss_entry(ptr)

    def map(self, va: int, pa: int, size: int = PAGE, **leaf) -> None:
        """Maps va -> pa with a leaf of `size`; leaf keywords go to fs_entry / ss_entry.
        First-stage leaves get A and D preset (D20)."""
        leaf_level = {PAGE: 1, SIZE_2M: 2, SIZE_1G: 3}[size]
        assert va % size == 0 and pa % size == 0, (hex(va), hex(pa), size)
        mem = self.sc.mem
        table = self.root
        for level in range(self.levels, leaf_level, -1):
            ea = self.host[table] + 8 * level_index(va, level)
            e = mem.read(ea)
            if e == 0:
                nt = self._new_table()
                mem.write(ea, self._nonleaf(nt))
                table = nt
            else:
                table = e & bits(51, 12)
                assert table in self.host, "path of %s goes through a leaf" % hex(va)
        ea = self.host[table] + 8 * level_index(va, leaf_level)
        if self.stage == "fs":
            leaf.setdefault("d", True)
            mem.write(ea, fs_entry(pa, ps=size > PAGE, **leaf))
        else:
            mem.write(ea, ss_entry(pa, ps=size > PAGE, **leaf))

    def entry(self, va: int, level: int) -> int:
        """Host address of the entry at `level` on va's path."""
        table = self.root
        for lv in range(self.levels, level, -1):
            e = self.sc.mem.read(self.host[table] + 8 * level_index(va, lv))
            table = e & bits(51, 12)
        return self.host[table] + 8 * level_index(va, level)

    def set(self, va: int, level: int, mask: int) -> None:
        self.sc.mem.set_bits(self.entry(va, level), mask)

    def clear(self, va: int, level: int, mask: int) -> None:
        self.sc.mem.clear_bits(self.entry(va, level), mask)

    def replace(self, va: int, level: int, value: int) -> None:
        self.sc.mem.write(self.entry(va, level), value)


class SmDevice:
    """A device in scalable mode: its context entry and PASID directory/tables."""

    def __init__(self, sc: "Scenario", s: int, pdts: int, ctx_addr: int, dirptr: int):
        self.sc, self.sid, self.pdts, self.ctx_addr, self.dirptr = sc, s, pdts, ctx_addr, dirptr
        self.tables: dict[int, int] = {}

    def dir_entry_addr(self, pasid: int) -> int:
        return self.dirptr + 8 * (pasid >> 6)

    def pasid_entry_addr(self, pasid: int) -> int:
        di = pasid >> 6
        if di not in self.tables:
            t = self.sc.alloc.page()
            self.tables[di] = t
            self.sc.mem.write(self.dir_entry_addr(pasid), pasid_dir_entry(t))
        return self.tables[di] + 64 * (pasid & 0x3F)

    def set_pasid(self, pasid: int, qwords: list[int]) -> int:
        a = self.pasid_entry_addr(pasid)
        self.sc.mem.write_entry(a, qwords)
        return a

    def fs(self, pasid: int, did: int, levels: int = 4, **pe) -> PageTable:
        t = PageTable(self.sc, "fs", levels)
        pe.setdefault("sre", self.sc.unit.e("SRS") == 1)
        self.set_pasid(pasid, pasid_entry(PGTT_FS, did, flptptr=t.root, flpm=levels - 4,
                                          aw=pe.pop("aw", 2), **pe))
        return t

    def ss(self, pasid: int, did: int, aw: int = 2, table: PageTable | None = None,
           **pe) -> PageTable:
        t = table or PageTable(self.sc, "ss", aw + 2)
        pe.setdefault("sre", self.sc.unit.e("SRS") == 1)
        self.set_pasid(pasid, pasid_entry(PGTT_SS, did, slptptr=t.root, aw=aw, **pe))
        return t

    def nested(self, pasid: int, did: int, fs_levels: int = 4, aw: int = 2,
               gpa_base: int = 0x1000_0000, ss: PageTable | None = None, block: int = PAGE,
               **pe) -> tuple[PageTable, PageTable]:
        ss = ss or PageTable(self.sc, "ss", aw + 2)
        guest = GuestSpace(self.sc, ss, gpa_base, block)
        fs = PageTable(self.sc, "fs", fs_levels, guest)
        pe.setdefault("sre", self.sc.unit.e("SRS") == 1)
        self.set_pasid(pasid, pasid_entry(PGTT_NESTED, did, slptptr=ss.root, aw=aw,
                                          flptptr=fs.root, flpm=fs_levels - 4, **pe))
        return fs, ss

    def pt(self, pasid: int, did: int, **pe) -> None:
        pe.setdefault("sre", self.sc.unit.e("SRS") == 1)
        self.set_pasid(pasid, pasid_entry(PGTT_PT, did, aw=pe.pop("aw", 2), **pe))


class Scenario:
    """One scenario file under construction."""

    def __init__(self, name: str, title: str, section: str, unit: Unit, ttm: int = 0,
                 mem_limit: int | None = None, root: int | None = None):
        self.name, self.title, self.section, self.unit = name, title, section, unit
        self.mem = Memory()
        self.alloc = HostAlloc()
        self.root = self.alloc.page() if root is None else root
        self.rtaddr = self.root | (ttm << 10)
        self.mem_limit = mem_limit
        self.ctx_tables: dict = {}
        self.requests: list[dict] = []

    # ---- legacy ----------------------------------------------------------------------------

    def legacy_ctx_table(self, bus: int) -> int:
        if bus not in self.ctx_tables:
            t = self.alloc.page()
            self.ctx_tables[bus] = t
            self.mem.write_entry(self.root + 16 * bus, root_entry(t))
        return self.ctx_tables[bus]

    def legacy_ctx_addr(self, s: int) -> int:
        return self.legacy_ctx_table(s >> 8) + 16 * (s & 0xFF)

    def legacy_device(self, s: int, *, aw: int = 2, did: int = 1, tt: int = 0,
                      table: PageTable | None = None, slptptr: int | None = None,
                      fpd: bool = False, present: bool = True) -> PageTable | None:
        """Writes a legacy context entry; returns its second-stage table (new unless given)."""
        if tt != 2 and slptptr is None:
            table = table or PageTable(self, "ss", aw + 2)
            slptptr = table.root
        self.mem.write_entry(self.legacy_ctx_addr(s),
                             context_entry(slptptr or 0, aw, did, tt=tt, present=present,
                                           fpd=fpd))
        return table

    # ---- scalable --------------------------------------------------------------------------

    def sm_ctx_addr(self, s: int) -> int:
        bus, devfn = s >> 8, s & 0xFF
        upper = devfn >= 0x80
        if (bus, upper) not in self.ctx_tables:
            t = self.alloc.page()
            self.ctx_tables[(bus, upper)] = t
            lo, hi = self.mem.read(self.root + 16 * bus), self.mem.read(self.root + 16 * bus + 8)
            new = sm_root_entry(t, None) if not upper else sm_root_entry(None, t)
            self.mem.write_entry(self.root + 16 * bus, [lo | new[0], hi | new[1]])
        return self.ctx_tables[(bus, upper)] + 32 * (devfn & 0x7F)

    def sm_device(self, s: int, *, pdts: int = 0, **ctx) -> SmDevice:
        ndir = max(1, ((1 << (pdts + 7)) * 8) // PAGE)
        dirptr = self.alloc.pages(ndir)
        a = self.sm_ctx_addr(s)
        self.mem.write_entry(a, sm_context_entry(dirptr, pdts, **ctx))
        return SmDevice(self, s, pdts, a, dirptr)

    # ---- requests --------------------------------------------------------------------------

    def req(self, s: int, addr: int, access: str = "read", *, pasid: int | None = None,
            priv: bool = False, note: str, tags=(), decisions=(), check: dict | None = None):
        assert access in ("read", "write", "exec")
        assert pasid is not None or not priv and access != "exec", "D3"
        self.requests.append(dict(sid=s, addr=addr, access=access, pasid=pasid, priv=priv,
                                  note=note, tags=list(tags), decisions=list(decisions),
                                  check=check))

    def build(self) -> dict:
        if self.mem_limit is not None:
            assert all(a + 8 <= self.mem_limit for a in self.mem.q), self.name
        tr = Translator(self.unit, self.rtaddr, self.mem_limit, self.mem)
        out = []
        for i, r in enumerate(self.requests):
            expect, auto, dec = tr.translate(Request(r["sid"], r["addr"], r["access"],
                                                     r["pasid"], r["priv"]))
            if r["check"]:
                for k, v in r["check"].items():
                    got = expect.get(k)
                    if isinstance(v, dict):  # partial: None means "not checked"
                        got = {kk: got.get(kk) for kk, vv in v.items() if vv is not None}
                        v = {kk: vv for kk, vv in v.items() if vv is not None}
                    if got != v and SOFT:
                        print("CHECK", self.name, "r%d" % i, k, got, v, r["note"])
                        continue
                    assert got == v, (self.name, "r%d" % i, k, got, v, expect)
            tags = set(r["tags"]) | auto | {"decision:" + d for d in set(r["decisions"]) | dec}
            out.append({
                "id": "r%d" % i,
                "sid": "0x%04x" % r["sid"],
                "bdf": bdf(r["sid"]),
                "pasid": r["pasid"],
                "addr": hx(r["addr"]),
                "access": r["access"],
                "privileged": r["priv"],
                "note": r["note"],
                "tags": sorted(tags, key=_tag_key),
                "expect": expect,
            })
        return {
            "format": "vtd-scenario/1",
            "name": self.name,
            "title": self.title,
            "section": self.section,
            "unit": self.unit.to_json(),
            "rtaddr": hx(self.rtaddr),
            "mem_limit": None if self.mem_limit is None else hx(self.mem_limit),
            "memory": self.mem.image(),
            "requests": out,
        }


SOFT = bool(__import__("os").environ.get("VTD_SOFT"))


def _tag_key(t: str):
    if t.startswith("decision:D"):
        return (1, int(t[10:]), t)
    return (0, 0, t)
