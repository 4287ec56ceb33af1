"""Independent reference model of VT-d DMA remapping for the conformance vectors.

Python 3.11, standard library only. This module knows nothing about vtdlab's Java model: it
encodes structures bit by bit from shared/spec/vtd-digest.md (sections 2-8) and translates
requests by the walks of digest 7.2 (legacy), 7.3 (scalable) and 7.4 (nested) with the
project's decisions D1-D24 (shared/spec/decisions.md), amended where the VT-d specification
rev 5.10 (D51397-018) says otherwise (docs/spec-deviations.md; the requests concerned carry the
tag `spec-5.10`). Its outputs are the `expect` objects of the `vtd-scenario/1` format
(shared/spec/vectors-format.md).

Levels: 1 = leaf table (PTE), 2 = PD, 3 = PDPT, 4 = PML4, 5 = PML5, for both stages.

The translator reads only the unit (CAP/ECAP/HAW), RTADDR, mem_limit and the memory image:
it never looks at how a scenario was built.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

M64 = (1 << 64) - 1
PAGE = 4096
SIZE_2M = 1 << 21
SIZE_1G = 1 << 30
INTERRUPT_FIRST = 0xFEE0_0000  # D14: interrupt address range
INTERRUPT_LAST = 0xFEEF_FFFF


def bits(hi: int, lo: int) -> int:
    """Mask of bits hi..lo inclusive (0 when hi < lo)."""
    if hi < lo:
        return 0
    return ((1 << (hi - lo + 1)) - 1) << lo


def bit(n: int) -> int:
    return 1 << n


def get(value: int, hi: int, lo: int) -> int:
    return (value >> lo) & ((1 << (hi - lo + 1)) - 1)


def pointer_reserved(haw: int) -> int:
    """Bits >= HAW of a pointer field occupying qword bits 63:12 (D23)."""
    return bits(63, max(haw, 12))


def address_reserved(haw: int) -> int:
    """Bits 51:HAW of a paging-entry address field (D23, digest 5.1 / 6.2)."""
    return bits(51, haw)


def level_shift(level: int) -> int:
    return 12 + 9 * (level - 1)


def level_index(addr: int, level: int) -> int:
    """Index into the level-`level` table (digest 12.1)."""
    return (addr >> level_shift(level)) & 0x1FF


def level_size(level: int) -> int:
    """Size of a translation made by a leaf at `level` (1: 4 KiB, 2: 2 MiB, 3: 1 GiB)."""
    return 1 << level_shift(level)


# --------------------------------------------------------------------------------------------
# CAP_REG / ECAP_REG (digest 1.3, 1.4); names as vtdlab's Cap/Ecap (rev 4.x names)
# --------------------------------------------------------------------------------------------

CAP_FIELDS = (
    ("ND", 2, 0), ("AFL", 3, 3), ("RWBF", 4, 4), ("PLMR", 5, 5), ("PHMR", 6, 6), ("CM", 7, 7),
    ("SAGAW", 12, 8), ("MGAW", 21, 16), ("ZLR", 22, 22), ("FRO", 33, 24), ("SSLPS", 37, 34),
    ("PSI", 39, 39), ("NFR", 47, 40), ("MAMV", 53, 48), ("DWD", 54, 54), ("DRD", 55, 55),
    ("FS1GP", 56, 56), ("PI", 59, 59), ("FS5LP", 60, 60), ("ECMDS", 61, 61),
    ("ESIRTPS", 62, 62), ("ESRTPS", 63, 63),
)

ECAP_FIELDS = (
    ("C", 0, 0), ("QI", 1, 1), ("DT", 2, 2), ("IR", 3, 3), ("EIM", 4, 4), ("PT", 6, 6),
    ("SC", 7, 7), ("IRO", 17, 8), ("MHMV", 23, 20), ("MTS", 25, 25), ("NEST", 26, 26),
    ("PRS", 29, 29), ("ERS", 30, 30), ("SRS", 31, 31), ("NWFS", 33, 33), ("EAFS", 34, 34),
    ("PSS", 39, 35), ("PASID", 40, 40), ("DIT", 41, 41), ("PDS", 42, 42), ("SMTS", 43, 43),
    ("VCS", 44, 44), ("SSADS", 45, 45), ("SSTS", 46, 46), ("FSTS", 47, 47),
    ("SMPWCS", 48, 48), ("RPS", 49, 49), ("PMS", 51, 51), ("ADMS", 52, 52),
    ("RPRIVS", 53, 53),
)

_CAP = {n: (h, l) for n, h, l in CAP_FIELDS}
_ECAP = {n: (h, l) for n, h, l in ECAP_FIELDS}


def encode_register(table: dict, values: dict, base: int = 0) -> int:
    """Sets named fields (name -> int/bool) into `base`."""
    v = base
    for name, val in values.items():
        hi, lo = table[name]
        val = int(val)
        if val >> (hi - lo + 1):
            raise ValueError(f"{name}={val} does not fit bits {hi}:{lo}")
        v = (v & ~bits(hi, lo)) | (val << lo)
    return v


def cap_value(**fields) -> int:
    return encode_register(_CAP, fields)


def ecap_value(**fields) -> int:
    return encode_register(_ECAP, fields)


def decode_register(fields, value: int) -> dict:
    return {n: get(value, h, l) for n, h, l in fields if get(value, h, l)}


@dataclass(frozen=True)
class Unit:
    """A remapping unit: CAP, ECAP, HAW and the D11 option."""

    name: str
    cap: int
    ecap: int
    haw: int
    xd_reserved_without_nxe: bool = False

    def c(self, field: str) -> int:
        hi, lo = _CAP[field]
        return get(self.cap, hi, lo)

    def e(self, field: str) -> int:
        hi, lo = _ECAP[field]
        return get(self.ecap, hi, lo)

    @property
    def mgaw(self) -> int:
        return self.c("MGAW") + 1

    @property
    def did_bits(self) -> int:
        return min(16, 4 + 2 * self.c("ND"))

    def aw_supported(self, aw: int) -> bool:
        # AW 000b (2-level) and 1xxb are never supported (D19)
        return aw in (1, 2, 3) and bool((self.c("SAGAW") >> aw) & 1)

    @property
    def fi_width(self) -> int:
        """Spec 5.10 11.4.7.6: FI bits 63:N are 0, N = the largest AGAW supported (SAGAW)."""
        aw = self.largest_aw()
        return 64 if aw < 0 else 30 + 9 * aw

    def largest_aw(self) -> int:
        return max((aw for aw in (1, 2, 3) if self.aw_supported(aw)), default=-1)

    def variant(self, name: str, cap: dict | None = None, ecap: dict | None = None,
                haw: int | None = None) -> "Unit":
        """A copy with some CAP/ECAP fields (name -> value) or the HAW changed."""
        return replace(
            self,
            name=name,
            cap=encode_register(_CAP, cap or {}, self.cap),
            ecap=encode_register(_ECAP, ecap or {}, self.ecap),
            haw=self.haw if haw is None else haw,
        )

    def to_json(self) -> dict:
        return {
            "cap": hx(self.cap),
            "ecap": hx(self.ecap),
            "haw": self.haw,
            "options": {"xd_reserved_without_nxe": self.xd_reserved_without_nxe},
            "decoded": {
                "preset": self.name,
                "cap": decode_register(CAP_FIELDS, self.cap),
                "ecap": decode_register(ECAP_FIELDS, self.ecap),
                "mgaw": self.mgaw,
                "did_width": self.did_bits,
            },
        }


PRESET_IRO = 0x0F
PRESET_FRO = 0x22


def unit_legacy() -> Unit:
    """vtdlab's `legacy` preset: SS 3/4-level, 2M/1G, PT, SC, 8-bit DIDs, HAW 46, no SMTS."""
    cap = cap_value(ND=2, SAGAW=0b00110, MGAW=47, FRO=PRESET_FRO, SSLPS=0b0011, PSI=1, NFR=3,
                    MAMV=9)
    ecap = ecap_value(C=1, QI=1, PT=1, SC=1, IRO=PRESET_IRO)
    return Unit("legacy", cap, ecap, 46)


def unit_qemu() -> Unit:
    """vtdlab's `qemu` preset (digest 12.4): QEMU intel-iommu, scalable, caching mode, HAW 48."""
    return Unit("qemu", 0x01D2_008C_226F_0686, 0x0000_C998_A4F0_0F5E, 48)


def unit_server() -> Unit:
    """vtdlab's `server` preset: FS 4/5-level + 1G, SS 3/4/5-level + 2M/1G, nesting, PT, SC,
    ERS, SRS, RPS, RPRIVS, ADMS, SSADS, EAFS, SMPWCS, 20-bit PASIDs, 16-bit DIDs, HAW 52."""
    cap = cap_value(ND=6, SAGAW=0b01110, MGAW=56, ZLR=1, FRO=PRESET_FRO, SSLPS=0b0011, PSI=1,
                    NFR=7, MAMV=18, DWD=1, DRD=1, FS1GP=1, FS5LP=1)
    ecap = ecap_value(C=1, QI=1, DT=1, IR=1, EIM=1, PT=1, SC=1, NEST=1, PRS=1, ERS=1, SRS=1,
                      EAFS=1, PASID=1, PDS=1, SMTS=1, SSADS=1, SSTS=1, FSTS=1, SMPWCS=1, RPS=1,
                      ADMS=1, RPRIVS=1, IRO=PRESET_IRO, MHMV=15, PSS=19)
    return Unit("server", cap, ecap, 52)


def hx(v: int) -> str:
    return hex(v)


# --------------------------------------------------------------------------------------------
# Structure encoders (digest 2-6). Each returns qwords, low qword first.
# --------------------------------------------------------------------------------------------

def root_entry(ctp: int, present: bool = True) -> list[int]:
    """Legacy root entry (digest 2.2): P bit 0, CTP 63:12, 127:64 reserved."""
    return [(ctp & bits(63, 12)) | int(present), 0]


def sm_root_entry(lctp: int | None = None, uctp: int | None = None) -> list[int]:
    """Scalable-mode root entry (digest 2.3): LP 0, LCTP 63:12, UP 64, UCTP 127:76."""
    lo = 0 if lctp is None else (lctp & bits(63, 12)) | 1
    hi = 0 if uctp is None else (uctp & bits(63, 12)) | 1
    return [lo, hi]


def context_entry(slptptr: int, aw: int, did: int, tt: int = 0, present: bool = True,
                  fpd: bool = False) -> list[int]:
    """Legacy context entry (digest 3.2): P 0, FPD 1, TT 3:2, SLPTPTR 63:12; AW 66:64,
    DID 87:72."""
    lo = int(present) | (int(fpd) << 1) | (tt << 2) | (slptptr & bits(63, 12))
    hi = aw | (did << 8)
    return [lo, hi]


def sm_context_entry(pasiddirptr: int, pdts: int, present: bool = True, fpd: bool = False,
                     dte: bool = False, paside: bool = True, pre: bool = False,
                     rid_pasid: int = 0, rid_priv: bool = False) -> list[int]:
    """Scalable-mode context entry (digest 3.3): P 0, FPD 1, DTE 2, PASIDE 3, PRE 4,
    PDTS 11:9, PASIDDIRPTR 63:12; RID_PASID 83:64, RID_PRIV 84."""
    q0 = (int(present) | (int(fpd) << 1) | (int(dte) << 2) | (int(paside) << 3)
          | (int(pre) << 4) | (pdts << 9) | (pasiddirptr & bits(63, 12)))
    q1 = rid_pasid | (int(rid_priv) << 20)
    return [q0, q1, 0, 0]


def pasid_dir_entry(smptblptr: int, present: bool = True, fpd: bool = False) -> int:
    """PASID directory entry (digest 4.2): P 0, FPD 1, SMPTBLPTR 63:12."""
    return int(present) | (int(fpd) << 1) | (smptblptr & bits(63, 12))


PGTT_FS, PGTT_SS, PGTT_NESTED, PGTT_PT = 1, 2, 3, 4


def pasid_entry(pgtt: int, did: int, *, slptptr: int = 0, aw: int = 0, flptptr: int = 0,
                flpm: int = 0, present: bool = True, fpd: bool = False, slee: bool = False,
                slade: bool = False, sre: bool = False, ere: bool = False, wpe: bool = False,
                nxe: bool = False, smep: bool = False, eafe: bool = False, pwsnp: bool = False,
                pgsnp: bool = False) -> list[int]:
    """Scalable-mode PASID entry (digest 4.3), 8 qwords."""
    q0 = (int(present) | (int(fpd) << 1) | (aw << 2) | (int(slee) << 5) | (pgtt << 6)
          | (int(slade) << 9) | (slptptr & bits(63, 12)))
    q1 = did | (int(pwsnp) << 23) | (int(pgsnp) << 24)
    q2 = (int(sre) | (int(ere) << 1) | (flpm << 2) | (int(wpe) << 4) | (int(nxe) << 5)
          | (int(smep) << 6) | (int(eafe) << 7) | (flptptr & bits(63, 12)))
    return [q0, q1, q2, 0, 0, 0, 0, 0]


# First-stage entry bits (digest 5.2)
FS_P, FS_RW, FS_US, FS_PWT, FS_PCD, FS_A, FS_D, FS_PS, FS_G, FS_XD = (
    bit(0), bit(1), bit(2), bit(3), bit(4), bit(5), bit(6), bit(7), bit(8), bit(63))


def fs_entry(addr: int, *, p: bool = True, rw: bool = True, us: bool = True, a: bool = True,
             d: bool = False, ps: bool = False, xd: bool = False) -> int:
    return ((addr & bits(51, 12)) | int(p) | (int(rw) << 1) | (int(us) << 2) | (int(a) << 5)
            | (int(d) << 6) | (int(ps) << 7) | (int(xd) << 63))


# Second-stage entry bits (digest 6.2)
SS_R, SS_W, SS_X, SS_PS, SS_A, SS_D, SS_SNP = bit(0), bit(1), bit(2), bit(7), bit(8), bit(9), bit(11)


def ss_entry(addr: int, *, r: bool = True, w: bool = True, x: bool = False, ps: bool = False,
             snp: bool = False, a: bool = False) -> int:
    return ((addr & bits(51, 12)) | int(r) | (int(w) << 1) | (int(x) << 2) | (int(ps) << 7)
            | (int(a) << 8) | (int(snp) << 11))


# --------------------------------------------------------------------------------------------
# Fault reasons (digest 8.1, 8.3, 8.4) and qualification (D17)
# --------------------------------------------------------------------------------------------

FAULT_CODES = {
    "LRT.2": 0x01, "LCT.2": 0x02, "LCT.4": 0x03, "LGN.1": 0x04, "LGN.2": 0x05, "LGN.3": 0x06,
    "LSL.1": 0x07, "LRT.1": 0x08, "LCT.1": 0x09, "LRT.3": 0x0A, "LCT.3": 0x0B, "LSL.2": 0x0C,
    "LCT.5": 0x0D, "LGN.4": 0x0E,
    "RTA.1": 0x30, "RTA.2": 0x31, "RTA.3": 0x32, "RTA.4": 0x33,
    "SRT.1": 0x38, "SRT.2": 0x39, "SRT.3": 0x3A,
    "SCT.1": 0x40, "SCT.2": 0x41, "SCT.3": 0x42, "SCT.4": 0x43, "SCT.5": 0x44, "SCT.6": 0x45,
    "SCT.7": 0x46, "SCT.8": 0x47, "SCT.9": 0x48,
    "SPD.1": 0x50, "SPD.2": 0x51, "SPD.3": 0x52,
    "SPT.1": 0x58, "SPT.2": 0x59, "SPT.3": 0x5A, "SPT.4": 0x5B, "SPT.5": 0x5C, "SPT.6": 0x5D,
    "SFS.1": 0x70, "SFS.2": 0x71, "SFS.3": 0x72, "SFS.4": 0x73, "SFS.5": 0x74, "SFS.6": 0x75,
    "SFS.7": 0x76, "SFS.8": 0x77,
    "SSS.1": 0x78, "SSS.2": 0x79, "SSS.3": 0x7A, "SSS.4": 0x7B, "SSS.5": 0x7C,
    "SGN.1": 0x80, "SGN.2": 0x81, "SGN.3": 0x82, "SGN.4": 0x83, "SGN.5": 0x84, "SGN.6": 0x85,
    "SGN.7": 0x86, "SGN.8": 0x87, "SGN.10": 0x89,
    "SFS.9": 0x90, "SFS.10": 0x91,
}

# Never suppressed by FPD: spec 5.10 Table 30 column "Qualified" = No. D17 also listed the
# reserved-field faults LCT.3, SCT.3, SPD.3, SPT.3; Table 30 marks them "Yes" (spec-5.10).
NON_QUALIFIED = {
    "LRT.1", "LRT.2", "LRT.3", "RTA.1", "RTA.2", "RTA.3", "RTA.4", "SRT.1", "SRT.2", "SRT.3",
    "LCT.1", "SCT.1", "SPD.1", "SPT.1",
}
# Qualified by Table 30 but not by D17: a record suppressed (or not) because of this differs.
D17_NON_QUALIFIED = {"LCT.3", "SCT.3", "SPD.3", "SPT.3"}
SPEC = "spec-5.10"


def frcd(sid: int, addr: int, code: int, access: str, pasid: int | None,
         privileged: bool, fi_width: int = 64) -> list[int]:
    """The two qwords of a fault record (digest 1.7, D22): low = FI (page of addr); high =
    SID 79:64, PRIV 93, EXE 94, PP 95, FR 103:96, PV 123:104, T1 126 (read/exec), F 127.
    fi_width: spec 5.10 11.4.7.6 -- FI bits 63:N read 0, N = the largest supported AGAW."""
    lo = addr & bits(fi_width - 1, 12)
    hi = sid | (code << 32) | bit(63)
    if access in ("read", "exec"):
        hi |= bit(62)
    if pasid is not None:
        hi |= bit(31) | (pasid << 40)
        if privileged:
            hi |= bit(29)
        if access == "exec":
            hi |= bit(30)
    return [lo, hi]


# --------------------------------------------------------------------------------------------
# Memory image
# --------------------------------------------------------------------------------------------

class Memory:
    """Sparse qword memory; absent qwords read as zero."""

    def __init__(self) -> None:
        self.q: dict[int, int] = {}

    def write(self, addr: int, value: int) -> None:
        assert addr % 8 == 0, hex(addr)
        value &= M64
        if value:
            self.q[addr] = value
        else:
            self.q.pop(addr, None)

    def write_entry(self, addr: int, qwords) -> None:
        for i, v in enumerate(qwords):
            self.write(addr + 8 * i, v)

    def read(self, addr: int) -> int:
        return self.q.get(addr, 0)

    def set_bits(self, addr: int, mask: int) -> None:
        self.write(addr, self.read(addr) | mask)

    def clear_bits(self, addr: int, mask: int) -> None:
        self.write(addr, self.read(addr) & ~mask)

    def image(self) -> list[dict]:
        """Runs of consecutive non-zero qwords, by address (vectors-format `memory`)."""
        out: list[dict] = []
        run_start = None
        run: list[int] = []
        for a in sorted(self.q):
            if run and a == run_start + 8 * len(run):
                run.append(self.q[a])
            else:
                if run:
                    out.append({"addr": hx(run_start), "qwords": [hx(v) for v in run]})
                run_start, run = a, [self.q[a]]
        if run:
            out.append({"addr": hx(run_start), "qwords": [hx(v) for v in run]})
        return out

    @staticmethod
    def from_image(image: list[dict]) -> "Memory":
        m = Memory()
        for w in image:
            base = int(w["addr"], 16)
            for i, v in enumerate(w["qwords"]):
                m.write(base + 8 * i, int(v, 16))
        return m


# --------------------------------------------------------------------------------------------
# Reference translator
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    sid: int
    addr: int
    access: str = "read"  # read | write | exec
    pasid: int | None = None
    privileged: bool = False


class Fault(Exception):
    def __init__(self, name: str, level: int | None = None, stage: str | None = None,
                 tags=(), decisions=()):
        super().__init__(name)
        self.name = name
        self.level = level
        self.stage = stage
        self.tags = set(tags)
        self.decisions = set(decisions)


@dataclass
class SsResult:
    hpa: int
    size: int
    r: bool
    w: bool
    x: bool


@dataclass
class FsResult:
    out: int
    size: int
    rw: bool
    us: bool
    xd: bool


_REASON_DECISION = {"haw": "D23", "cap": "D5", "did": "D18", "ss": "D10", "fs": "D24",
                    "xd": "D11", "fixed": None}


class Translator:
    """Translates requests against one unit, RTADDR, mem_limit and memory image."""

    def __init__(self, unit: Unit, rtaddr: int, mem_limit: int | None, mem: Memory):
        assert mem_limit is None or mem_limit % PAGE == 0
        self.unit = unit
        self.rtaddr = rtaddr
        self.mem_limit = mem_limit
        self.mem = mem

    # ---- entry point ---------------------------------------------------------------------

    def translate(self, req: Request) -> tuple[dict, set, set]:
        """Returns (expect, automatic tags, decision numbers)."""
        self.reads = {"structure": 0, "walk": 0}
        self.fpd = False
        self.tags: set[str] = set()
        self.dec: set[str] = set()
        self.req = req
        try:
            expect = self._translate(req)
        except Fault as f:
            expect = self._fault(req, f)
        return expect, self.tags, self.dec

    def _fault(self, req: Request, f: Fault) -> dict:
        self.tags |= f.tags
        self.dec |= f.decisions
        self.tags.add("fault:" + f.name)
        code = FAULT_CODES[f.name]
        qualified = f.name not in NON_QUALIFIED
        recorded = not (qualified and self.fpd)
        if self.fpd:
            self.dec.add("D17")
        if not recorded:
            self.tags.add("fpd-suppressed")
        if req.addr >> self.unit.fi_width:
            self.tags.add(SPEC)  # FI bits 63:N read 0 (11.4.7.6); D22 had the whole page
            self.dec.add("D22")
        if self.fpd and f.name in D17_NON_QUALIFIED:
            self.tags.add(SPEC)  # Table 30: qualified, so FPD suppresses the record
        if req.pasid is not None or "rid-pasid" in self.tags:
            self.dec.add("D22")
        return {
            "result": "fault",
            "code": "0x%02x" % code,
            "name": f.name,
            "level": f.level,
            "stage": f.stage,
            "recorded": recorded,
            "frcd": [hx(v) for v in frcd(req.sid, req.addr, code, req.access, req.pasid,
                                         req.privileged, self.unit.fi_width)],
            "reads": dict(self.reads),
        }

    def _ok(self, hpa: int, size: int, perm: str, did: int) -> dict:
        self.tags.add({PAGE: "page-4k", SIZE_2M: "page-2m", SIZE_1G: "page-1g"}[size])
        return {"result": "ok", "hpa": hx(hpa), "page_size": size, "perm": perm, "did": did,
                "reads": dict(self.reads)}

    def _read(self, addr: int, nq: int, kind: str) -> list[int] | None:
        """One entry fetch (D2); None when it fails (at or above mem_limit, D15)."""
        self.reads[kind] += 1
        if self.mem_limit is not None and addr + 8 * nq > self.mem_limit:
            return None
        return [self.mem.read(addr + 8 * i) for i in range(nq)]

    @staticmethod
    def _reserved(name: str, where: str, parts, level=None, stage=None) -> None:
        """parts: (word, mask, reason); faults `name` when any masked bit is set."""
        reasons = [r for w, m, r in parts if w & m]
        if reasons:
            dec = {_REASON_DECISION[r] for r in reasons} - {None}
            raise Fault(name, level, stage, tags=["reserved", "reserved:" + where], decisions=dec)

    def _interrupt_output(self, out: int, name: str) -> None:
        if INTERRUPT_FIRST <= out <= INTERRUPT_LAST:
            raise Fault(name, tags=["interrupt-range"], decisions=["D14"])

    def _translate(self, req: Request) -> dict:
        u = self.unit
        in_range = req.pasid is None and INTERRUPT_FIRST <= req.addr <= INTERRUPT_LAST
        if in_range and req.access == "write":
            # D14; spec 5.10 3.15: only (single-DWORD) writes without PASID are interrupts
            self.tags.add("interrupt")
            self.dec.add("D14")
            return {"result": "interrupt"}
        ttm = get(self.rtaddr, 11, 10)
        if ttm == 0:
            self.tags.add("legacy")
            if req.pasid is not None:
                raise Fault("RTA.2")
            if in_range:
                self._interrupt_range_read("LGN.4")
            return self._legacy(req)
        if ttm == 1:
            if not u.e("SMTS"):
                raise Fault("RTA.1")
            self.tags.add("scalable")
            self.tags.add("with-pasid" if req.pasid is not None else "rid-pasid")
            if in_range:
                self._interrupt_range_read("SGN.8")
            return self._scalable(req)
        if ttm == 3 and u.e("ADMS"):
            # spec 5.10 Table 30 RTA.4 (not qualified): abort-DMA mode is a recorded fault
            self.tags.add("blocked")
            raise Fault("RTA.4", tags=[SPEC])
        raise Fault("RTA.1")

    def _interrupt_range_read(self, name: str) -> None:
        """Spec 5.10 3.15: a read without PASID (not zero-length) to the interrupt range is an
        illegal request, "blocked and reported as DMA Remapping faults"; the code is not named
        there, vtdlab uses the interrupt-range code of the mode. Nothing is read."""
        raise Fault(name, tags=["interrupt-range", SPEC], decisions=["D14"])

    # ---- legacy mode (digest 7.2) ----------------------------------------------------------

    def _legacy(self, req: Request) -> dict:
        u = self.unit
        bus, devfn = req.sid >> 8, req.sid & 0xFF
        rta = self.rtaddr & bits(63, 12)
        e = self._read(rta + 16 * bus, 2, "structure")
        if e is None:
            raise Fault("LRT.1", tags=["access-error"], decisions=["D2", "D15"])
        lo, hi = e
        if not lo & 1:
            raise Fault("LRT.2", tags=["not-present", "not-present:root"])
        self._reserved("LRT.3", "root", [(lo, bits(11, 1), "fixed"),
                                         (lo, pointer_reserved(u.haw), "haw"),
                                         (hi, M64, "fixed")])
        ctp = lo & bits(63, 12)
        e = self._read(ctp + 16 * devfn, 2, "structure")
        if e is None:
            raise Fault("LCT.1", tags=["access-error"], decisions=["D2", "D15"])
        lo, hi = e
        if lo & 2:
            self.fpd = True
        if not lo & 1:
            raise Fault("LCT.2", tags=["not-present", "not-present:context"])
        tt = get(lo, 3, 2)
        parts = [(lo, bits(11, 4), "fixed"), (hi, bit(7), "fixed"), (hi, bits(63, 24), "fixed"),
                 (hi, bits(23, 8 + u.did_bits), "did")]
        if tt != 2:  # D8: SLPTPTR ignored for TT = 10b
            parts.append((lo, pointer_reserved(u.haw), "haw"))
        self._reserved("LCT.3", "context", parts)
        aw = get(hi, 2, 0)
        did = get(hi, 23, 8)
        # D19 invalid programming
        invalid = (tt == 3 or (tt == 1 and not u.e("DT")) or (tt == 2 and not u.e("PT"))
                   or (tt == 2 and aw != u.largest_aw())
                   or (tt != 2 and not u.aw_supported(aw)))
        if invalid:
            raise Fault("LCT.4", decisions=["D19"] + (["D9"] if tt == 2 else []))
        if tt == 2:  # pass-through, D9
            self.tags.add("pass-through")
            self.dec.add("D9")
            if req.addr >> u.haw:
                raise Fault("LGN.1", tags=["width"], decisions=["D9"])
            self._interrupt_output(req.addr, "LGN.4")
            return self._ok(req.addr, PAGE, "rw-", did)
        levels = aw + 2
        self.tags.add("ss-%dlevel" % levels)
        width = min(30 + 9 * aw, u.mgaw)
        if req.addr >> width:
            raise Fault("LGN.1", tags=["width"], decisions=["D16"])
        ss = self._ss_walk(lo & bits(63, 12), req.addr, levels, legacy=True, slee=False)
        if req.access == "write" and not ss.w:
            raise Fault("LGN.2", stage="second", tags=["rights"], decisions=["D12"])
        if req.access == "read" and not ss.r:
            raise Fault("LGN.3", stage="second", tags=["rights"], decisions=["D12"])
        self._interrupt_output(ss.hpa, "LGN.4")
        perm = ("r" if ss.r else "-") + ("w" if ss.w else "-") + "-"
        return self._ok(ss.hpa, ss.size, perm, did)

    # ---- second-stage walk (digest 6, D10, D12, D15) ---------------------------------------

    def _ss_walk(self, top: int, gpa: int, levels: int, *, legacy: bool, slee: bool,
                 fs_level: int | None = None, fs_top: bool = False) -> SsResult:
        """Walks the second stage for `gpa`. fs_level set: the walk translates the GPA of a
        first-stage table entry in nested mode (D13)."""
        u = self.unit
        table = top
        r = w = x = True
        for level in range(levels, 0, -1):
            e = self._read(table + 8 * level_index(gpa, level), 1, "walk")
            if e is None:
                if legacy:
                    name = "LCT.4" if level == levels else "LSL.1"
                else:
                    name = "SSS.4" if level == levels else "SSS.1"
                raise Fault(name, level, "second", tags=["access-error"],
                            decisions=["D2", "D15"] + (["D13"] if fs_level else []))
            e = e[0]
            er, ew, ex = bool(e & SS_R), bool(e & SS_W), bool(e & SS_X)
            if not (er or ew or (slee and ex)):
                np_tags = ["not-present", "not-present:ss-L%d" % level]
                if fs_level is not None:
                    # spec 5.10 SFS.1 note: SS faults met while reading a first-stage entry are
                    # SSS.x; SSS.2 covers an SS entry with R = W = 0 (D13 had SFS.6/SFS.7)
                    raise Fault("SSS.2", level, "second",
                                tags=np_tags + ["nested-ss-denies-fs-table", SPEC],
                                decisions=["D13"])
                if legacy:
                    raise Fault("LGN.2" if self.req.access == "write" else "LGN.3", level,
                                "second", tags=np_tags, decisions=["D12"])
                raise Fault("SSS.2", level, "second", tags=np_tags, decisions=["D12"])
            ps = bool(e & SS_PS)
            sllps = u.c("SSLPS")
            ps_reserved = ps and (level >= 4 or (level == 3 and not sllps & 2)
                                  or (level == 2 and not sllps & 1))
            leaf = level == 1 or (ps and level in (2, 3))
            parts = [(e, bit(62), "ss"), (e, address_reserved(u.haw), "haw"),
                     (int(ps_reserved), 1, "ss")]
            if leaf and not ps_reserved:
                if not u.e("SC"):
                    parts.append((e, SS_SNP, "ss"))
                if level >= 2:
                    parts.append((e, bits(level_shift(level) - 1, 12), "ss"))
            else:
                parts.append((e, SS_SNP, "ss"))
            self._reserved("LSL.2" if legacy else "SSS.3", "ss-L%d" % level, parts, level,
                           "second")
            r, w, x = r and er, w and ew, x and ex
            if leaf:
                size = level_size(level)
                base = e & bits(51, level_shift(level))
                return SsResult(base | (gpa & (size - 1)), size, r, w, x)
            table = e & bits(51, 12)
        raise AssertionError("unreachable")

    # ---- scalable mode (digest 7.3) ---------------------------------------------------------

    def _scalable(self, req: Request) -> dict:
        u = self.unit
        bus, devfn = req.sid >> 8, req.sid & 0xFF
        rta = self.rtaddr & bits(63, 12)
        e = self._read(rta + 16 * bus, 2, "structure")
        if e is None:
            raise Fault("SRT.1", tags=["access-error"], decisions=["D2", "D15"])
        half = e[0] if devfn < 0x80 else e[1]  # D4
        if not half & 1:
            raise Fault("SRT.2", tags=["not-present", "not-present:root"])
        self._reserved("SRT.3", "root", [(half, bits(11, 1), "fixed"),
                                         (half, pointer_reserved(u.haw), "haw")])
        ctp = half & bits(63, 12)
        e = self._read(ctp + 32 * (devfn & 0x7F), 4, "structure")
        if e is None:
            raise Fault("SCT.1", tags=["access-error"], decisions=["D2", "D15"])
        q0, q1, q2, q3 = e
        if q0 & 2:
            self.fpd = True
        if not q0 & 1:
            raise Fault("SCT.2", tags=["not-present", "not-present:context"])
        parts = [(q0, bits(8, 5), "fixed"), (q0, pointer_reserved(u.haw), "haw"),
                 (q1, bits(63, 21), "fixed"), (q2, M64, "fixed"), (q3, M64, "fixed")]
        for cap_field, word, mask in (("DT", q0, bit(2)), ("PASID", q0, bit(3)),
                                      ("PRS", q0, bit(4)), ("RPS", q1, bits(19, 0)),
                                      ("RPRIVS", q1, bit(20))):
            if not u.e(cap_field):
                parts.append((word, mask, "cap"))
        self._reserved("SCT.3", "context", parts)
        pdts = get(q0, 11, 9)
        limit = (1 << (pdts + 7)) * 64  # spec 5.10 SCT.7: PDTS only; PSS is SGN.10
        rid_pasid = get(q1, 19, 0) if u.e("RPS") else 0
        # spec 5.10 Table 30 SCT.4 (invalid context programming), for every request:
        # SCT.4.1 DTE = 0 with PRE = 1; SCT.4.2 RID_PASID beyond the PDTS limit (D6, D19).
        if q0 & bit(4) and not q0 & bit(2):
            raise Fault("SCT.4", tags=["invalid-context", SPEC], decisions=["D19"])
        if rid_pasid >= limit:
            raise Fault("SCT.4", tags=["pasid-limit", "invalid-context", SPEC],
                        decisions=["D6", "D19"])
        if req.pasid is not None:
            if not q0 & bit(3):
                raise Fault("SCT.6")
            if req.pasid >> (u.e("PSS") + 1):  # spec 5.10 SGN.10 (D6 folded it into SCT.7)
                raise Fault("SGN.10", tags=["pasid-limit", SPEC], decisions=["D6"])
            if req.pasid >= limit:
                raise Fault("SCT.7", tags=["pasid-limit"], decisions=["D6"])
            if u.e("RPS") and req.pasid == rid_pasid:  # spec 5.10 SCT.9 (D6: translated)
                raise Fault("SCT.9", tags=[SPEC], decisions=["D6"])
            pasid, supervisor = req.pasid, req.privileged
        else:
            pasid = rid_pasid
            supervisor = bool(q1 & bit(20)) if u.e("RPRIVS") else False
            if pasid:
                self.dec.add("D6")
            if supervisor:
                self.dec.add("D3")
        e = self._read((q0 & bits(63, 12)) + 8 * (pasid >> 6), 1, "structure")
        if e is None:
            raise Fault("SPD.1", tags=["access-error"], decisions=["D2", "D15"])
        de = e[0]
        if de & 2:
            self.fpd = True
        if not de & 1:
            raise Fault("SPD.2", tags=["not-present", "not-present:pasid-dir"])
        self._reserved("SPD.3", "pasid-dir", [(de, bits(11, 2), "fixed"),
                                              (de, pointer_reserved(u.haw), "haw")])
        pe = self._read((de & bits(63, 12)) + 64 * (pasid & 0x3F), 8, "structure")
        if pe is None:
            raise Fault("SPT.1", tags=["access-error"], decisions=["D2", "D15"])
        if pe[0] & 2:
            self.fpd = True
        if not pe[0] & 1:
            raise Fault("SPT.2", tags=["not-present", "not-present:pasid-entry"])
        pgtt = get(pe[0], 8, 6)
        self._reserved("SPT.3", "pasid-entry", self._pasid_entry_reserved(pe, pgtt))
        self._pasid_entry_invalid(pe, pgtt)
        did = get(pe[1], 15, 0)
        sre, ere = bool(pe[2] & bit(0)), bool(pe[2] & bit(1))
        if req.pasid is not None and req.access == "exec" and not ere:  # D7
            raise Fault("SPT.5", decisions=["D7"])
        if supervisor and not sre:
            # D7; spec 5.10 SPT.6: "(PR value may come from RID_PRIV ...)"
            raise Fault("SPT.6", tags=[] if req.pasid is not None else [SPEC], decisions=["D7"])
        ctx = _PasidCtx(pe, pgtt, did, supervisor, ere and req.pasid is not None)
        if pgtt == PGTT_PT:
            return self._pass_through(req, ctx)
        if pgtt == PGTT_SS:
            return self._second_stage_only(req, ctx)
        if pgtt == PGTT_FS:
            return self._first_stage_only(req, ctx)
        return self._nested(req, ctx)

    def _pasid_entry_reserved(self, pe: list[int], pgtt: int) -> list:
        """Reserved bits of a PASID entry: fixed, capability-dependent (D5), DID width (D18),
        used pointers >= HAW (D8, D23)."""
        u = self.unit
        q0, q1, q2 = pe[0], pe[1], pe[2]
        parts = [(q0, bits(11, 10), "fixed"), (q1, bits(22, 16), "fixed"),
                 (q1, bits(15, u.did_bits), "did"), (q2, bits(11, 8), "fixed")]
        parts += [(q, M64, "fixed") for q in pe[3:]]
        for cap_field, word, mask in (
                ("ERS", q0, bit(5)),            # SLEE
                ("SSADS", q0, bit(9)),          # SLADE
                ("SMPWCS", q1, bit(23)),        # PWSNP
                ("SC", q1, bit(24)),            # PGSNP
                ("MTS", q1, bits(63, 25)),      # CD, EMTE, EMT, PWT, PCD, PAT
                ("SRS", q2, bit(0)),            # SRE
                ("ERS", q2, bit(1)),            # ERE
                ("ERS", q2, bit(6)),            # SMEP
                ("EAFS", q2, bit(7))):          # EAFE
            if not u.e(cap_field):
                parts.append((word, mask, "cap"))
        if pgtt in (PGTT_SS, PGTT_NESTED):
            parts.append((q0, pointer_reserved(u.haw), "haw"))
        if pgtt in (PGTT_FS, PGTT_NESTED):
            parts.append((q2, pointer_reserved(u.haw), "haw"))
        return parts

    def _pasid_entry_invalid(self, pe: list[int], pgtt: int) -> None:
        """D19: SPT.4 sub-cases."""
        u = self.unit
        needs = {PGTT_FS: "FSTS", PGTT_SS: "SSTS", PGTT_NESTED: "NEST", PGTT_PT: "PT"}
        if pgtt not in needs or not u.e(needs[pgtt]):
            raise Fault("SPT.4", decisions=["D19"])
        if pgtt in (PGTT_SS, PGTT_NESTED) and not u.aw_supported(get(pe[0], 4, 2)):
            raise Fault("SPT.4", decisions=["D19"])
        if pgtt in (PGTT_FS, PGTT_NESTED):
            flpm = get(pe[2], 3, 2)
            if flpm >= 2 or (flpm == 1 and not u.c("FS5LP")):
                raise Fault("SPT.4", decisions=["D19"])
        if pgtt == PGTT_NESTED:
            # spec 5.10 SPT.4.4: FSPTPTR above 2^min(MGAW, AW) - 1 (D13 had SFS.5)
            width = min(30 + 9 * get(pe[0], 4, 2), u.mgaw)
            if (pe[2] & bits(63, 12)) >> width:
                raise Fault("SPT.4", tags=["width", SPEC], decisions=["D13", "D19"])

    def _pass_through(self, req: Request, ctx: "_PasidCtx") -> dict:
        self.tags |= {"pgtt-pt", "pass-through"}
        self.dec.add("D9")
        if req.addr >> self.unit.haw:
            raise Fault("SGN.4", tags=["width"], decisions=["D9"])
        self._interrupt_output(req.addr, "SGN.8")
        return self._ok(req.addr, PAGE, "rw" + ("x" if ctx.exec_enabled else "-"), ctx.did)

    def _second_stage_only(self, req: Request, ctx: "_PasidCtx") -> dict:
        aw = get(ctx.pe[0], 4, 2)
        levels = aw + 2
        self.tags |= {"pgtt-ss", "ss-%dlevel" % levels}
        width = min(30 + 9 * aw, self.unit.mgaw)
        if req.addr >> width:  # spec 5.10 SGN.5 (D16 had SGN.4)
            raise Fault("SGN.5", tags=["width", SPEC], decisions=["D16"])
        ss = self._ss_walk(ctx.pe[0] & bits(63, 12), req.addr, levels, legacy=False,
                           slee=ctx.slee)
        self._ss_rights(req, ss, ctx)
        self._interrupt_output(ss.hpa, "SGN.8")
        return self._ok(ss.hpa, ss.size, self._ss_perm(ss, ctx, fs_w=True, fs_x=True), ctx.did)

    def _ss_cumulative(self, ss: SsResult, table: bool = False) -> None:
        """Spec 5.10 SSS.2: the ANDed R and W of a complete SS walk both denied -> SSS.2
        (D12 had the access-type right, SGN.6/SGN.7, or SFS.6/SFS.7 for a nested table)."""
        if not ss.r and not ss.w:
            raise Fault("SSS.2", None, "second",
                        tags=["rights", SPEC] + (["nested-ss-denies-fs-table"] if table else []),
                        decisions=["D13" if table else "D12"])

    def _ss_rights(self, req: Request, ss: SsResult, ctx: "_PasidCtx") -> None:
        """D12 order: execute, write, read (no U/S in the second stage)."""
        self._ss_cumulative(ss)
        if req.access == "exec" and not (ss.r and (ss.x or not ctx.slee)):
            raise Fault("SGN.3", stage="second", tags=["rights"], decisions=["D12"])
        if req.access == "write" and not ss.w:
            raise Fault("SGN.6", stage="second", tags=["rights"], decisions=["D12"])
        if req.access == "read" and not ss.r:
            raise Fault("SGN.7", stage="second", tags=["rights"], decisions=["D12"])

    @staticmethod
    def _ss_perm(ss: SsResult, ctx: "_PasidCtx", fs_w: bool, fs_x: bool) -> str:
        x = ctx.exec_enabled and fs_x and ss.r and (ss.x or not ctx.slee)
        return ("r" if ss.r else "-") + ("w" if ss.w and fs_w else "-") + ("x" if x else "-")

    def _canonical(self, addr: int, levels: int) -> None:
        top = 47 if levels == 4 else 56
        upper = addr >> top
        if upper not in (0, (1 << (64 - top)) - 1):
            raise Fault("SGN.1", tags=["non-canonical"])

    def _fs_walk(self, root: int, addr: int, levels: int, ctx: "_PasidCtx",
                 table_to_host=None) -> FsResult:
        """First-stage walk (digest 5, D24, D11); table_to_host translates entry GPAs in
        nested mode (D13)."""
        u = self.unit
        table = root
        rw = us = True
        xd = False
        for level in range(levels, 0, -1):
            gpa = table + 8 * level_index(addr, level)
            hpa = gpa if table_to_host is None else table_to_host(gpa, level, level == levels)
            e = self._read(hpa, 1, "walk")
            if e is None:
                raise Fault("SFS.4" if level == levels else "SFS.1", level, "first",
                            tags=["access-error"], decisions=["D2", "D15"])
            e = e[0]
            if not e & FS_P:
                raise Fault("SFS.2", level, "first",
                            tags=["not-present", "not-present:fs-L%d" % level])
            ps = bool(e & FS_PS)
            ps_reserved = ps and (level >= 4 or (level == 3 and not u.c("FS1GP")))
            leaf = level == 1 or (ps and level in (2, 3))
            parts = [(e, address_reserved(u.haw), "haw"), (int(ps_reserved), 1, "fs")]
            if leaf and level >= 2 and not ps_reserved:
                parts.append((e, bits(level_shift(level) - 1, 13), "fs"))
            if u.xd_reserved_without_nxe and not ctx.nxe:
                parts.append((e, FS_XD, "xd"))
            self._reserved("SFS.3", "fs-L%d" % level, parts, level, "first")
            rw, us, xd = rw and bool(e & FS_RW), us and bool(e & FS_US), xd or bool(e & FS_XD)
            if leaf:
                size = level_size(level)
                base = e & bits(51, level_shift(level))
                return FsResult(base | (addr & (size - 1)), size, rw, us, xd)
            table = e & bits(51, 12)
        raise AssertionError("unreachable")

    def _fs_rights(self, req: Request, fs: FsResult, ctx: "_PasidCtx") -> tuple[bool, bool]:
        """D12 order U/S, execute, write; returns (write allowed, execute allowed) for perm."""
        sup = ctx.supervisor
        if ctx.smep or ctx.wpe:
            self.dec.add("D12")
        if ctx.nxe and fs.xd:
            self.dec.add("D11")
        if fs.xd and not ctx.nxe:
            self.dec.add("D11")
        if not sup and not fs.us:
            raise Fault("SGN.2", stage="first", tags=["rights"], decisions=["D12"])
        x_ok = not (ctx.nxe and fs.xd) and not (ctx.smep and sup and fs.us)
        w_ok = fs.rw or (sup and not ctx.wpe)
        if req.access == "exec" and not x_ok:
            raise Fault("SGN.3", stage="first", tags=["rights"], decisions=["D12"])
        if req.access == "write" and not w_ok:
            raise Fault("SGN.6", stage="first", tags=["rights"], decisions=["D12"])
        return w_ok, x_ok

    def _first_stage_only(self, req: Request, ctx: "_PasidCtx") -> dict:
        levels = 4 + get(ctx.pe[2], 3, 2)
        self.tags |= {"pgtt-fs", "fs-%dlevel" % levels}
        self._canonical(req.addr, levels)
        fs = self._fs_walk(ctx.pe[2] & bits(63, 12), req.addr, levels, ctx)
        w_ok, x_ok = self._fs_rights(req, fs, ctx)
        self._interrupt_output(fs.out, "SGN.8")
        perm = "r" + ("w" if w_ok else "-") + ("x" if ctx.exec_enabled and x_ok else "-")
        return self._ok(fs.out, fs.size, perm, ctx.did)

    def _nested(self, req: Request, ctx: "_PasidCtx") -> dict:
        u = self.unit
        fs_levels = 4 + get(ctx.pe[2], 3, 2)
        aw = get(ctx.pe[0], 4, 2)
        ss_levels = aw + 2
        self.tags |= {"pgtt-nested", "nested-%d/%d" % (fs_levels, ss_levels),
                      "fs-%dlevel" % fs_levels, "ss-%dlevel" % ss_levels}
        self.dec.add("D13")
        self._canonical(req.addr, fs_levels)
        ss_width = min(30 + 9 * aw, u.mgaw)
        ss_top = ctx.pe[0] & bits(63, 12)

        def table_to_host(gpa: int, fs_level: int, fs_top: bool) -> int:
            if gpa >> ss_width:
                raise Fault("SFS.5", fs_level, "first", tags=["width"], decisions=["D13"])
            ss = self._ss_walk(ss_top, gpa, ss_levels, legacy=False, slee=ctx.slee,
                               fs_level=fs_level, fs_top=fs_top)
            self._ss_cumulative(ss, table=True)
            if not ss.r:
                raise Fault("SFS.6" if fs_top else "SFS.7", fs_level, "first",
                            tags=["nested-ss-denies-fs-table"], decisions=["D13"])
            return ss.hpa

        fs = self._fs_walk(ctx.pe[2] & bits(63, 12), req.addr, fs_levels, ctx, table_to_host)
        w_ok, x_ok = self._fs_rights(req, fs, ctx)
        if fs.out >> ss_width:
            raise Fault("SFS.5", None, "first", tags=["width"], decisions=["D13"])
        ss = self._ss_walk(ss_top, fs.out, ss_levels, legacy=False, slee=ctx.slee)
        self._ss_rights(req, ss, ctx)
        self._interrupt_output(ss.hpa, "SGN.8")
        size = min(fs.size, ss.size)
        return self._ok(ss.hpa, size, self._ss_perm(ss, ctx, w_ok, x_ok), ctx.did)


class _PasidCtx:
    """The fields of a validated PASID entry the walks use."""

    def __init__(self, pe: list[int], pgtt: int, did: int, supervisor: bool,
                 exec_enabled: bool):
        self.pe = pe
        self.pgtt = pgtt
        self.did = did
        self.supervisor = supervisor
        self.exec_enabled = exec_enabled  # request with PASID and ERE = 1
        self.slee = bool(pe[0] & bit(5))
        self.wpe = bool(pe[2] & bit(4))
        self.nxe = bool(pe[2] & bit(5))
        self.smep = bool(pe[2] & bit(6))
