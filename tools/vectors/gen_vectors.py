#!/usr/bin/env python3
"""Generates the vtd-scenario/1 conformance files (shared/spec/vectors-format.md).

    python3 tools/vectors/gen_vectors.py [--out DIR] [--check]

Writes one JSON file per scenario into src/test/resources/vectors/ (default) and deletes stale
*.json files there. --check regenerates into memory and fails if any file differs (determinism
and up-to-dateness check). Python 3.11, standard library only.

Expected results come from vtd_model.Translator (the reference walks of digest 7.2-7.4 with
decisions D1-D24); hand-computed values (digest section 12 and the worked examples below) are
asserted by `check=` on requests and by selfcheck().
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vtd_build import PageTable, Scenario as _Scenario, sid  # noqa: E402
from vtd_model import (  # noqa: E402
    FS_US, FS_RW, FS_P, FS_PS, FS_XD, PAGE, PGTT_FS, PGTT_NESTED, PGTT_PT, PGTT_SS, SIZE_1G,
    SIZE_2M, SS_R, SS_SNP, SS_W, SS_X, Memory, Request, Translator, bit, bits, context_entry,
    fs_entry, frcd, hx, level_index, pasid_entry, root_entry, sm_context_entry, ss_entry,
    unit_legacy, unit_qemu, unit_server, cap_value, ecap_value, pasid_dir_entry,
)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_OUT = os.path.join(REPO, "src", "test", "resources", "vectors")

SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


# Sections: VT-d spec numbering (chapters 3, 7, 9 are the same in rev 4.x and 5.x; registers by
# name) and digest sections. A scenario's `section` is the union of its keys, in order.
SECTIONS = {
    "legacy": (["3.4.2 Legacy Mode Address Translation", "9.1 Root Entry", "9.3 Context Entry"],
               ["2.2", "3.2", "7.2"]),
    "scalable": (["3.4.3 Scalable Mode Address Translation", "9.2 Scalable-Mode Root Entry",
                  "9.4 Scalable-Mode Context-Entry", "9.5 Scalable-Mode PASID Directory Entry",
                  "9.6 Scalable-Mode PASID Table Entry"], ["2.3", "3.3", "4", "7.3"]),
    "fs": (["3.6 First-Stage Translation", "3.6.1 Access Rights", "9.7 First-Stage Paging Entries"],
           ["5"]),
    "ss": (["3.7 Second-Stage Translation", "3.7.1 Access Rights",
            "9.8 Second-Stage Paging Entries"], ["6"]),
    "nested": (["3.8 Nested Translation", "3.8.1 Access Rights"], ["7.4"]),
    "pt": (["3.9 Pass-through Translation"], ["3.2", "4.4"]),
    "faults": (["7.1.3 Fault Conditions and Remapping Hardware Behavior for Various Requests",
                "7.2.1 Primary Fault Logging"], ["1.7", "8"]),
    "rtaddr": (["3.4 Mapping Devices to Domains", "Root Table Address Register"], ["2.1", "8.3"]),
    "adm": (["3.4.4 Abort DMA Mode"], ["2.1"]),
    "intr": (["3.15 Handling Requests to Interrupt Address Range"], ["7.1", "7.3"]),
}
SEC_LEGACY, SEC_SCALABLE, SEC_FS, SEC_SS, SEC_NESTED, SEC_PT, SEC_FAULTS, SEC_RTADDR, SEC_ADM, \
    SEC_INTR = "legacy", "scalable", "fs", "ss", "nested", "pt", "faults", "rtaddr", "adm", "intr"


def sec(keys) -> str:
    """`VT-d a; b; c (digest x, y)` for section keys (one key or a list)."""
    vtd, dig = [], []
    for k in [keys] if isinstance(keys, str) else keys:
        v, d = SECTIONS[k]
        vtd += [x for x in v if x not in vtd]
        dig += [x for x in d if x not in dig]
    dig.sort(key=lambda x: [int(p) for p in x.split(".")])
    return "VT-d " + "; ".join(vtd) + " (digest " + ", ".join(dig) + ")"


class Scenario(_Scenario):
    def __init__(self, name, title, section, unit, **kw):
        super().__init__(name, title, sec(section), unit, **kw)


L4, L3, L2, L1 = 4, 3, 2, 1


# --------------------------------------------------------------------------------------------
# Self-checks of the encoders against hand-computed values (digest section 12)
# --------------------------------------------------------------------------------------------

def selfcheck() -> None:
    # 12.1 address splits
    a = 0x0000_1234_5678_9ABC
    assert [level_index(a, lv) for lv in (4, 3, 2, 1)] == [0x024, 0x0D1, 0x0B3, 0x189]
    a = 0x0000_007F_DEAD_B000
    assert [level_index(a, lv) for lv in (3, 2, 1)] == [0x1FF, 0x0F5, 0x0DB]
    a = 0x00F3_4567_89AB_CDEF
    assert [level_index(a, lv) for lv in (5, 4, 3, 2, 1)] == [0x0F3, 0x08A, 0x19E, 0x04D, 0x0BC]
    assert level_index(0xFFF3_4567_89AB_CDEF, 5) == 0x1F3
    assert [level_index(0xFFFF_8000_0000_1000, lv) for lv in (4, 3, 2, 1)] == [0x100, 0, 0, 1]
    # 12.2 entry encodings
    assert fs_entry(0x1_2345_6000, d=True, xd=True) == 0x8000_0001_2345_6067
    assert ss_entry(0x4020_0000, ps=True, snp=True, a=True) == 0x4020_0983
    assert context_entry(0x1_2345_6000, 2, 0x2A) == [0x0000_0001_2345_6001, 0x2A02]
    assert sm_context_entry(0x1_2345_6000, 4, dte=True)[0] == 0x0000_0001_2345_680D
    pe = pasid_entry(PGTT_FS, 0x2A, aw=2, pwsnp=True, sre=True, flptptr=0xABCD_E000)
    assert pe[:3] == [0x49, 0x0080_002A, 0xABCD_E001]
    assert pasid_entry(PGTT_SS, 0, aw=2, slade=True, slptptr=0x5555_5000)[0] == 0x5555_5289
    # 12.3 indexing
    s = sid(0x3A, 0x1F, 5)
    assert s == 0x3AFD and (s & 0xFF) == 0xFD
    assert 0x3A * 16 == 0x3A0 and 0xFD * 16 == 0xFD0 and (0xFD - 0x80) * 32 == 0xFA0
    assert 8 * (0x12345 >> 6) == 0x2468 and 64 * (0x12345 & 0x3F) == 0x140
    # 12.4 capability decode
    q = unit_qemu()
    assert q.cap == cap_value(ND=6, CM=1, SAGAW=0b00110, MGAW=47, ZLR=1, FRO=0x22, SSLPS=3,
                              PSI=1, MAMV=18, DWD=1, DRD=1, FS1GP=1)
    assert q.ecap == ecap_value(QI=1, DT=1, IR=1, EIM=1, PT=1, IRO=0x0F, MHMV=15, NEST=1, PRS=1,
                                SRS=1, PSS=19, PASID=1, SMTS=1, SSTS=1, FSTS=1)
    assert q.mgaw == 48 and q.did_bits == 16
    # 12.5 fault records
    assert frcd(0x3AFD, 0x1000, 0x05, "write", None, False)[1] == 0x8000_0005_0000_3AFD
    assert frcd(0x3AFD, 0x1234, 0x86, "read", 0x12345, False) == [0x1000, 0xC123_4586_8000_3AFD]
    # 12.7 nested walk costs: (n+1)(m+1)-1
    assert [(n + 1) * (m + 1) - 1 for n, m in ((4, 4), (5, 5), (4, 5), (5, 4), (4, 3))] == \
        [24, 35, 29, 29, 19]


def ok(hpa=None, size=None, perm=None, walk=None, structure=None):
    """A partial expectation to assert (hand-computed)."""
    c = {"result": "ok"}
    if hpa is not None:
        c["hpa"] = hx(hpa)
    if size is not None:
        c["page_size"] = size
    if perm is not None:
        c["perm"] = perm
    if walk is not None or structure is not None:
        c["reads"] = {"structure": structure, "walk": walk}
    return c


def fault(name, level="-", stage="-", walk=None, structure=None, recorded=None):
    c = {"result": "fault", "name": name}
    if level != "-":
        c["level"] = level
    if stage != "-":
        c["stage"] = stage
    if walk is not None:
        c["reads"] = {"structure": structure, "walk": walk}
    if recorded is not None:
        c["recorded"] = recorded
    return c


# ============================================================================================
# Legacy mode
# ============================================================================================

LEG = unit_legacy()
LEG5 = LEG.variant("legacy-5level", cap={"SAGAW": 0b01110, "MGAW": 56})


@scenario
def legacy_4level_basic():
    sc = Scenario("legacy-4level-basic", "Legacy mode, 4-level second stage, 4 KiB pages",
                  SEC_LEGACY, LEG)
    a = sid(0, 2, 0)
    t = sc.legacy_device(a, aw=2, did=0x11)
    t.map(0x1000, 0x8000_0000)
    t.map(0x0000_1234_5678_9000, 0x2_0000_0000)
    t.map(0x7F_FFFF_F000, 0x1_2345_6000)
    t.map(0xFFFF_FFFF_F000, 0x3FFF_FFFF_F000)  # last page of the 48-bit space, hpa < 2^46
    t.map(0x2000, 0x8000_1000, w=False)
    b = sid(0x3A, 0x1F, 5)
    sc.legacy_device(b, aw=2, did=0x2A, table=t)  # a second device in the same domain
    sc.req(a, 0x1234, note="read through a 4-level walk", check=ok(0x8000_0234, PAGE, "rw-", 4, 2))
    sc.req(a, 0x1FF8, "write", note="write, last qword of the page", check=ok(0x8000_0FF8))
    sc.req(a, 0x0000_1234_5678_9ABC, note="digest 12.1 address: indices 0x24/0xD1/0xB3/0x189",
           check=ok(0x2_0000_0ABC, PAGE, "rw-", 4, 2))
    sc.req(a, 0x7F_FFFF_FFFF, "write", note="last byte below 2^39", check=ok(0x1_2345_6FFF))
    sc.req(a, 0xFFFF_FFFF_FFFF, note="last byte of the 48-bit input space",
           check=ok(0x3FFF_FFFF_FFFF))
    sc.req(a, 0x2010, note="read of a read-only page: perm r--", check=ok(0x8000_1010, perm="r--"))
    sc.req(b, 0x1234, "write", note="second device (digest 12.3 requester 3a:1f.5), same table, "
           "own DID", check=ok(0x8000_0234))
    sc.req(b, 0x3000, note="unmapped page: leaf entry not present", tags=["decision:D12"],
           check=fault("LGN.3", 1, "second", 4, 2))
    return sc


@scenario
def legacy_3level_basic():
    sc = Scenario("legacy-3level-basic", "Legacy mode, 3-level second stage (AW 001b, 39-bit)",
                  SEC_LEGACY, LEG)
    a = sid(1, 0, 0)
    t = sc.legacy_device(a, aw=1, did=5)
    t.map(0x7F_DEAD_B000, 0x1_0000_0000)
    t.map(0x0, 0x9000_0000)
    sc.req(a, 0x7F_DEAD_B123, note="digest 12.1 39-bit address: indices 0x1FF/0xF5/0xDB",
           check=ok(0x1_0000_0123, PAGE, "rw-", 3, 2))
    sc.req(a, 0x10, "write", note="first page", check=ok(0x9000_0010))
    sc.req(a, 0x80_0000_0000, note="2^39: beyond the 39-bit AGAW", decisions=["D16"],
           check=fault("LGN.1", None, None, 0, 2))
    sc.req(a, 0x0000_1234_5678_9ABC, "write", note="digest 12.1: exceeds 39 bits -> LGN.1",
           check=fault("LGN.1"))
    sc.req(a, 0x40_0000_0000, note="below 2^39 but unmapped: PDPT entry not present",
           check=fault("LGN.3", 3, "second", 1, 2))
    return sc


@scenario
def legacy_5level_basic():
    sc = Scenario("legacy-5level-basic",
                  "Legacy mode, 5-level second stage (AW 011b, 57-bit) on a unit with SAGAW bit 11",
                  SEC_LEGACY, LEG5)
    a = sid(0, 4, 0)
    t = sc.legacy_device(a, aw=3, did=7)
    t.map(0x00F3_4567_89AB_C000, 0x3_0000_0000)
    t.map(0x1000, 0x8000_0000)
    sc.req(a, 0x00F3_4567_89AB_CDEF, note="digest 12.1 57-bit address through 5 levels",
           check=ok(0x3_0000_0DEF, PAGE, "rw-", 5, 2))
    sc.req(a, 0x1008, "write", note="low page", check=ok(0x8000_0008, walk=5))
    sc.req(a, 0x0100_0000_0000_0000, note="2^56 < 2^57: PML5 entry 0x100 not present",
           check=fault("LGN.3", 5, "second", 1, 2))
    sc.req(a, 0x0200_0000_0000_0000, note="2^57: beyond the 57-bit AGAW", check=fault("LGN.1"))
    for fn, mask, what in ((1, bit(62), "bit 62"), (2, bit(7), "PS (bit 7)"),
                           (3, bit(50), "address bit 50 (>= HAW 46)")):
        s = sid(0, 4, fn)
        tb = sc.legacy_device(s, aw=3, did=7 + fn)
        tb.map(0x1000, 0x8000_0000)
        tb.set(0x1000, 5, mask)
        sc.req(s, 0x1000, note=f"SL-PML5E {what} is reserved",
               decisions=["D23"] if mask == bit(50) else ["D10"],
               check=fault("LSL.2", 5, "second", 1, 2))
    return sc


@scenario
def legacy_large_pages():
    sc = Scenario("legacy-large-pages", "Legacy mode, 2 MiB and 1 GiB second-stage leaves",
                  SEC_LEGACY, LEG)
    a = sid(0, 5, 0)
    t = sc.legacy_device(a, aw=2, did=9)
    t.map(0x1220_0000, 0x4020_0000, SIZE_2M, snp=True, a=True)
    assert sc.mem.read(t.entry(0x1220_0000, 2)) == 0x4020_0983  # digest 12.2 SL-PDE
    t.map(0x4000_0000, 0x1_0000_0000, SIZE_1G)
    t.map(0x80_0000_0000, 0x2_4000_0000, SIZE_1G, w=False)
    b = sid(0, 5, 1)
    t3 = sc.legacy_device(b, aw=1, did=10)
    t3.map(0x40_0000_0000, 0x8_0000_0000, SIZE_1G)
    sc.req(a, 0x1234_5678, note="digest 12.2: 2 MiB leaf 0x40200983 maps 0x12345678 to 0x40345678"
           " (SNP legal with ECAP.SC = 1)", check=ok(0x4034_5678, SIZE_2M, "rw-", 3, 2))
    sc.req(a, 0x7FFF_FFFF, "write", note="last byte of a 1 GiB leaf",
           check=ok(0x1_3FFF_FFFF, SIZE_1G, "rw-", 2, 2))
    sc.req(a, 0x80_1234_5678, note="read-only 1 GiB leaf", check=ok(0x2_5234_5678, SIZE_1G, "r--"))
    sc.req(a, 0x80_1234_5678, "write", note="write to a read-only 1 GiB leaf",
           check=fault("LGN.2", None, "second", 2, 2))
    sc.req(b, 0x40_2345_6789, note="1 GiB leaf in the top table of a 3-level walk",
           check=ok(0x8_2345_6789, SIZE_1G, "rw-", 1, 2))
    sc.req(a, 0x1240_0000, note="next 2 MiB page: PD entry not present",
           check=fault("LGN.3", 2, "second", 3, 2))
    return sc


@scenario
def legacy_large_page_unsupported():
    u = LEG.variant("legacy-no-sslps", cap={"SSLPS": 0})
    sc = Scenario("legacy-large-page-unsupported",
                  "Legacy mode, PS = 1 in a second-stage PDE/PDPE on a unit with SSLPS = 0",
                  SEC_LEGACY, u)
    a = sid(0, 6, 0)
    t = sc.legacy_device(a, aw=2, did=3)
    t.map(0x20_0000, 0x4020_0000, SIZE_2M)
    t.map(0x4000_0000, 0x1_0000_0000, SIZE_1G)
    t.map(0x8000_0000, 0x9000_0000)
    for addr, lv, size in ((0x20_1234, 2, "2 MiB"), (0x4000_5678, 3, "1 GiB")):
        for acc in ("read", "write"):
            sc.req(a, addr, acc, note=f"{size} leaf without SSLPS support: PS reserved",
                   tags=["large-page-unsupported"], check=fault("LSL.2", lv, "second"))
    sc.req(a, 0x8000_0010, note="4 KiB pages still work", check=ok(0x9000_0010, PAGE))
    return sc


@scenario
def legacy_pass_through():
    sc = Scenario("legacy-pass-through", "Legacy mode, TT = 10b pass-through", SEC_PT, LEG)
    a, b, c = sid(0, 7, 0), sid(0, 7, 1), sid(0, 7, 2)
    sc.legacy_device(a, aw=2, did=0x20, tt=2, slptptr=0)
    sc.legacy_device(b, aw=2, did=0x21, tt=2, slptptr=0xFFFF_C000_1234_5000)  # D8 ignored
    sc.legacy_device(c, aw=1, did=0x22, tt=2, slptptr=0)  # AW 001b is not the largest (010b)
    sc.req(a, 0x1234_5678, note="output = input, 4 KiB, rw", check=ok(0x1234_5678, PAGE, "rw-", 0, 2))
    sc.req(a, 0x3FFF_FFFF_FFFF, "write", note="2^46 - 1: last host address", check=ok(0x3FFF_FFFF_FFFF))
    sc.req(a, 0x4000_0000_0000, note="2^46 = HAW: beyond the host address width",
           check=fault("LGN.1", None, None, 0, 2))
    sc.req(a, 0xFFFF_FFFF_FFFF_F000, "write", note="far beyond HAW", check=fault("LGN.1"))
    sc.req(b, 0x5000, "write", note="SLPTPTR (even bits >= HAW) is ignored for TT = 10b",
           tags=["ignored-bits"], decisions=["D8"], check=ok(0x5000))
    sc.req(c, 0x5000, note="pass-through with AW not the largest SAGAW value",
           tags=["invalid-aw", "invalid-context"], check=fault("LCT.4", None, None, 0, 2))
    return sc


@scenario
def legacy_pass_through_unsupported():
    u = LEG.variant("legacy-no-pt", ecap={"PT": 0})
    sc = Scenario("legacy-pass-through-unsupported", "Legacy mode, TT = 10b on a unit with PT = 0",
                  SEC_LEGACY, u)
    a, b = sid(0, 8, 0), sid(0, 8, 1)
    sc.legacy_device(a, aw=2, did=1, tt=2, slptptr=0)
    t = sc.legacy_device(b, aw=2, did=2)
    t.map(0x5000, 0x7000)
    sc.req(a, 0x5000, note="TT = 10b needs ECAP.PT", tags=["invalid-context"],
           check=fault("LCT.4", None, None, 0, 2))
    sc.req(a, 0x5000, "write", note="same, write", tags=["invalid-context"], check=fault("LCT.4"))
    sc.req(b, 0x5004, note="TT = 00b on the same unit", check=ok(0x7004))
    return sc


@scenario
def legacy_tt01_device_tlb():
    u = LEG.variant("legacy-dt", ecap={"DT": 1})
    sc = Scenario("legacy-tt01-device-tlb",
                  "Legacy mode, TT = 01b (device-TLB allowed) translates untranslated requests",
                  SEC_LEGACY, u)
    a = sid(0, 9, 0)
    t = sc.legacy_device(a, aw=2, did=4, tt=1)
    t.map(0x6000, 0xA000, w=False)
    sc.req(a, 0x6008, note="TT = 01b with ECAP.DT: normal second-stage translation",
           check=ok(0xA008, PAGE, "r--", 4, 2))
    sc.req(a, 0x6008, "write", note="rights as for TT = 00b", check=fault("LGN.2", None, "second"))
    return sc


@scenario
def legacy_root_faults():
    sc = Scenario("legacy-root-faults", "Legacy root entry: not present, reserved bits",
                  [SEC_LEGACY, SEC_FAULTS], LEG)
    good = sid(0, 1, 0)
    t = sc.legacy_device(good, aw=2, did=1)
    t.map(0x1000, 0x2000)
    for bus in (2, 3, 4, 5, 6):
        sc.legacy_device(sid(bus, 0, 0), aw=2, did=bus, table=t)
    r = sc.root
    sc.mem.set_bits(r + 16 * 2, bit(3))          # bit 3 of 11:1
    sc.mem.set_bits(r + 16 * 3 + 8, bit(0))      # bit 64 (high qword reserved)
    sc.mem.set_bits(r + 16 * 4, bit(46))         # CTP bit 46 >= HAW 46
    sc.mem.set_bits(r + 16 * 5 + 8, bit(63))     # bit 127
    sc.mem.write(r + 16 * 6, (sc.mem.read(r + 16 * 6) & ~1) | bit(5))  # P = 0, reserved set
    sc.mem.write_entry(r + 16 * 7, [0, bit(3)])  # P = 0, garbage in reserved high qword
    sc.req(good, 0x1010, note="present root entry", check=ok(0x2010))
    sc.req(sid(1, 0, 0), 0x1000, note="bus without a root entry",
           check=fault("LRT.2", None, None, 0, 1, True))
    sc.req(sid(2, 0, 0), 0x1000, note="root bit 3 (reserved 11:1)", check=fault("LRT.3", walk=0, structure=1))
    sc.req(sid(3, 0, 0), 0x1000, "write", note="root bit 64 (reserved 127:64)", check=fault("LRT.3"))
    sc.req(sid(4, 0, 0), 0x1000, note="CTP bit 46 with HAW 46", decisions=["D23"], check=fault("LRT.3"))
    sc.req(sid(5, 0, 0), 0x1000, note="root bit 127", check=fault("LRT.3"))
    sc.req(sid(6, 0, 0), 0x1000, note="P = 0 with a reserved bit: not present first",
           decisions=["D12"], check=fault("LRT.2"))
    sc.req(sid(7, 1, 0), 0x1000, "write", note="P = 0, high qword non-zero", check=fault("LRT.2"))
    return sc


@scenario
def legacy_root_access_error():
    sc = Scenario("legacy-root-access-error",
                  "Legacy mode, root table above mem_limit: every read of a root entry fails",
                  [SEC_LEGACY, SEC_FAULTS], LEG, mem_limit=0x4000_0000, root=0x4000_0000)
    sc.req(sid(0, 1, 0), 0x1000, note="root entry read fails", check=fault("LRT.1", None, None, 0, 1, True))
    sc.req(sid(0xFF, 0x1F, 7), 0x2000, "write", note="last requester id", check=fault("LRT.1"))
    return sc


@scenario
def legacy_access_errors():
    sc = Scenario("legacy-access-errors",
                  "Legacy mode, access errors on context and second-stage entries (mem_limit)",
                  [SEC_LEGACY, SEC_FAULTS], LEG, mem_limit=0x4000_0000)
    lim = 0x4000_0000
    sc.mem.write_entry(sc.root + 16 * 1, root_entry(lim))  # bus 1: context table beyond limit
    b, c, d, e = sid(0, 2, 0), sid(0, 3, 0), sid(0, 4, 0), sid(0, 5, 0)
    sc.legacy_device(b, aw=2, did=2, slptptr=lim + 0x1000)
    tc = sc.legacy_device(c, aw=2, did=3)
    tc.map(0x1000, 0x2000)
    tc.replace(0x1000, 4, ss_entry(lim + 0x2000))
    td = sc.legacy_device(d, aw=2, did=4)
    td.map(0x1000, 0x2000)
    td.replace(0x1000, 2, ss_entry(lim + 0x3000))
    te = sc.legacy_device(e, aw=1, did=5)
    te.map(0x1000, 0x2000)
    sc.req(sid(1, 0, 0), 0x1000, note="context entry read fails", check=fault("LCT.1", None, None, 0, 2, True))
    sc.req(b, 0x1000, note="top second-stage entry (via SLPTPTR) read fails: LCT.4.3",
           check=fault("LCT.4", 4, "second", 1, 2, True))
    sc.req(c, 0x1000, "write", note="PDPT entry read fails",
           check=fault("LSL.1", 3, "second", 2, 2))
    sc.req(d, 0x1000, note="PTE read fails", check=fault("LSL.1", 1, "second", 4, 2))
    sc.req(e, 0x1008, note="a healthy 3-level device", check=ok(0x2008, walk=3))
    return sc


@scenario
def legacy_context_faults():
    sc = Scenario("legacy-context-faults",
                  "Legacy context entry: not present, reserved bits, invalid programming",
                  [SEC_LEGACY, SEC_FAULTS], LEG)
    t = PageTable(sc, "ss", 4)
    t.map(0x1000, 0x2000)
    cases = []  # (devfn, lo_or, hi_or, present, tt, aw, did, note, name, tags, decisions)

    def dev(fn_no, note, name, *, lo=0, hi=0, present=True, tt=0, aw=2, did=1, tags=(), dec=(),
            acc="read"):
        s = sid(0, fn_no, 0)
        sc.legacy_device(s, aw=aw, did=did, tt=tt, table=t, present=present)
        a = sc.legacy_ctx_addr(s)
        sc.mem.set_bits(a, lo)
        sc.mem.set_bits(a + 8, hi)
        cases.append((s, note, name, tags, dec, acc))

    dev(1, "healthy context entry", None)
    dev(2, "P = 0", "LCT.2", present=False)
    dev(3, "P = 0 with TT = 11b and reserved bits: not present first", "LCT.2", present=False,
        tt=3, lo=bit(5), hi=bit(7), dec=["D12"])
    dev(4, "bit 4 (reserved 11:4)", "LCT.3", lo=bit(4))
    dev(5, "bit 11 (reserved 11:4)", "LCT.3", lo=bit(11), acc="write")
    dev(6, "bit 71 (reserved)", "LCT.3", hi=bit(7))
    dev(7, "bit 88 (reserved 127:88)", "LCT.3", hi=bit(24))
    dev(8, "bit 127", "LCT.3", hi=bit(63))
    dev(9, "DID 0x100 with CAP.ND = 2 (8-bit domain ids)", "LCT.3", did=0x100, dec=["D18"])
    dev(10, "DID 0xFF with CAP.ND = 2", None, did=0xFF, dec=["D18"])
    dev(11, "SLPTPTR bit 46 with HAW 46", "LCT.3", lo=bit(46), dec=["D23"])
    dev(12, "TT = 11b", "LCT.4", tt=3, tags=["invalid-context"])
    dev(13, "TT = 01b without ECAP.DT", "LCT.4", tt=1, tags=["invalid-context"])
    dev(14, "AW = 000b (2-level, never supported)", "LCT.4", aw=0, tags=["invalid-aw"])
    dev(15, "AW = 011b not in SAGAW", "LCT.4", aw=3, tags=["invalid-aw"], acc="write")
    dev(16, "AW = 100b", "LCT.4", aw=4, tags=["invalid-aw"])
    dev(17, "AW = 111b", "LCT.4", aw=7, tags=["invalid-aw"])
    dev(18, "reserved bit and TT = 11b: reserved (.3) before invalid (.4)", "LCT.3", tt=3,
        lo=bit(6), dec=["D19"])
    for s, note, name, tags, dec, acc in cases:
        chk = ok(0x2008, walk=4) if name is None else fault(name, None, None, 0, 2)
        sc.req(s, 0x1008, acc, note=note, tags=tags, decisions=dec, check=chk)
    return sc


@scenario
def legacy_ss_reserved():
    sc = Scenario("legacy-ss-reserved",
                  "Legacy mode, reserved bits in second-stage entries at every level",
                  [SEC_LEGACY, SEC_SS], LEG)
    va = 0x40_0000_1000
    n = [0]

    def case(note, level, mask, *, aw=2, size=PAGE, expect="LSL.2", clear=0, acc="read",
             dec=()):
        n[0] += 1
        s = sid(0, n[0], 0)
        t = sc.legacy_device(s, aw=aw, did=n[0])
        base = va & ~(size - 1)
        t.map(base, 0x8000_0000 if size == PAGE else 0x1_0000_0000, size)
        if mask:
            t.set(base, level, mask)
        if clear:
            t.clear(base, level, clear)
        chk = fault(expect, level, "second") if expect else ok()
        sc.req(s, va, acc, note=note, decisions=dec, check=chk)

    case("SL-PML4E bit 62", 4, bit(62), dec=["D10"])
    case("SL-PML4E PS (bit 7) is reserved", 4, bit(7), dec=["D10"])
    case("SL-PML4E bit 11 (SNP) reserved in a non-leaf", 4, bit(11), dec=["D10"], acc="write")
    case("SL-PML4E address bit 46 (>= HAW 46)", 4, bit(46), dec=["D23"])
    case("SL-PML4E address bit 51", 4, bit(51), dec=["D23"])
    case("SL-PDPE (non-leaf) bit 11", 3, bit(11), dec=["D10"])
    case("SL-PDPE bit 62", 3, bit(62), dec=["D10"])
    case("SL-PDE (non-leaf) bit 62", 2, bit(62), dec=["D10"], acc="write")
    case("SL-PDE address bit 50", 2, bit(50), dec=["D23"])
    case("SL-PTE bit 62", 1, bit(62), dec=["D10"])
    case("SL-PTE address bit 47", 1, bit(47), dec=["D23"])
    case("2 MiB leaf: bit 12 reserved", 2, bit(12), size=SIZE_2M, dec=["D10"])
    case("2 MiB leaf: bit 20 reserved", 2, bit(20), size=SIZE_2M, dec=["D10"])
    case("1 GiB leaf: bit 29 reserved", 3, bit(29), size=SIZE_1G, dec=["D10"])
    case("1 GiB leaf: bit 62", 3, bit(62), size=SIZE_1G, dec=["D10"], acc="write")
    case("3-level walk: top SL-PDPE bit 62", 3, bit(62), aw=1, dec=["D10"])
    case("R = W = 0 with bit 62 set: not present wins (LGN.3)", 1, bit(62), clear=3,
         expect="LGN.3", dec=["D12"])
    return sc


@scenario
def legacy_ss_snp_without_sc():
    u = LEG.variant("legacy-no-sc", ecap={"SC": 0})
    sc = Scenario("legacy-ss-snp-without-sc",
                  "Legacy mode, SNP (bit 11) in a second-stage leaf on a unit with ECAP.SC = 0",
                  [SEC_LEGACY, SEC_SS], u)
    a = sid(0, 1, 0)
    t = sc.legacy_device(a, aw=2, did=1)
    t.map(0x1000, 0x8000_0000, snp=True)
    t.map(0x20_0000, 0x4020_0000, SIZE_2M, snp=True)
    t.map(0x2000, 0x8000_1000)
    sc.req(a, 0x1000, note="4 KiB leaf with SNP, SC = 0", decisions=["D10"], check=fault("LSL.2", 1, "second", 4, 2))
    sc.req(a, 0x20_0000, "write", note="2 MiB leaf with SNP, SC = 0", decisions=["D10"],
           check=fault("LSL.2", 2, "second", 3, 2))
    sc.req(a, 0x2000, note="leaf without SNP", check=ok(0x8000_1000))
    return sc


@scenario
def legacy_ss_not_present():
    sc = Scenario("legacy-ss-not-present",
                  "Legacy mode, non-present second-stage entry at each level (LGN.2/LGN.3, D12)",
                  [SEC_LEGACY, SEC_SS], LEG)
    va = 0x1234_5678_9000
    for i, (aw, level) in enumerate(((2, 4), (2, 3), (2, 2), (2, 1), (1, 3), (1, 1))):
        s = sid(0, i + 1, 0)
        t = sc.legacy_device(s, aw=aw, did=i + 1)
        v = va & ((1 << 39) - 1) if aw == 1 else va
        t.map(v, 0x8000_0000)
        t.clear(v, level, SS_R | SS_W)
        walk = aw + 2 - level + 1
        for acc, name in (("read", "LGN.3"), ("write", "LGN.2")):
            sc.req(s, v + 0x10, acc, note=f"{aw + 2}-level walk, level-{level} entry R = W = 0",
                   check=fault(name, level, "second", walk, 2))
    return sc


@scenario
def legacy_rights():
    sc = Scenario("legacy-rights", "Legacy mode, second-stage read/write rights ANDed over the walk",
                  [SEC_LEGACY, SEC_SS], LEG)
    a = sid(0x3A, 0x1F, 5)
    t = sc.legacy_device(a, aw=2, did=0x2A)
    t.map(0x1000, 0x8000_0000, w=False)
    t.map(0x2000, 0x8000_1000, r=False)
    t.map(0x40_0000_0000, 0x8000_2000)
    t.clear(0x40_0000_0000, 3, SS_W)           # non-leaf PDPE read-only
    t.map(0x80_0000_0000, 0x8000_3000)
    t.clear(0x80_0000_0000, 2, SS_R)           # non-leaf PDE write-only
    sc.req(a, 0x1008, note="read-only page: read", check=ok(0x8000_0008, PAGE, "r--"))
    sc.req(a, 0x1008, "write", note="digest 12.5: legacy write fault, SID 0x3AFD",
           tags=["perm-write-ro"], check={**fault("LGN.2", None, "second", 4, 2),
                                          "frcd": ["0x1000", "0x8000000500003afd"]})
    sc.req(a, 0x2010, "write", note="write-only page: write", check=ok(0x8000_1010, PAGE, "-w-"))
    sc.req(a, 0x2010, note="write-only page: read", tags=["perm-read-wo"],
           check=fault("LGN.3", None, "second", 4, 2))
    sc.req(a, 0x40_0000_0000, "write", note="RW leaf under a read-only PDPE", tags=["perm-write-ro"],
           check=fault("LGN.2", None, "second"))
    sc.req(a, 0x40_0000_0000, note="same page, read", check=ok(0x8000_2000, perm="r--"))
    sc.req(a, 0x80_0000_0004, note="RW leaf under a write-only PDE: read", tags=["perm-read-wo"],
           check=fault("LGN.3", None, "second"))
    sc.req(a, 0x80_0000_0004, "write", note="same page, write", check=ok(0x8000_3004, perm="-w-"))
    return sc


@scenario
def legacy_width():
    sc = Scenario("legacy-width", "Legacy mode, input address width checks (AGAW)",
                  SEC_LEGACY, LEG)
    a = sid(0, 1, 0)
    t = sc.legacy_device(a, aw=2, did=1)
    t.map(0xFFFF_FFFF_F000, 0x8000_0000)
    sc.req(a, 0xFFFF_FFFF_FFF8, note="2^48 - 8: inside", check=ok(0x8000_0FF8))
    sc.req(a, 0x1_0000_0000_0000, note="2^48", decisions=["D16"], check=fault("LGN.1", None, None, 0, 2))
    sc.req(a, 0xFFFF_FFFF_FFFF_F000, "write", note="all ones", check=fault("LGN.1"))
    sc.req(a, 0x8000_0000_0000_0000, note="bit 63 only", check=fault("LGN.1"))
    return sc


@scenario
def legacy_width_mgaw():
    u = LEG.variant("legacy-mgaw39", cap={"MGAW": 38})
    sc = Scenario("legacy-width-mgaw", "Legacy mode, MGAW (39) below the AGAW width (48)",
                  SEC_LEGACY, u)
    a = sid(0, 1, 0)
    t = sc.legacy_device(a, aw=2, did=1)
    t.map(0x7F_FFFF_F000, 0x8000_0000)
    sc.req(a, 0x7F_FFFF_FFFF, note="2^39 - 1 with AW 010b", check=ok(0x8000_0FFF, walk=4))
    sc.req(a, 0x80_0000_0000, note="2^39: beyond min(AGAW 48, MGAW 39)", decisions=["D16"],
           check=fault("LGN.1", None, None, 0, 2))
    sc.req(a, 0xFFFF_FFFF_F000, "write", note="inside the AGAW, beyond MGAW", decisions=["D16"],
           check=fault("LGN.1"))
    return sc


@scenario
def legacy_interrupt_range():
    sc = Scenario("legacy-interrupt-range",
                  "Legacy mode, interrupt address range 0xFEE00000-0xFEEFFFFF (D14)",
                  [SEC_INTR, SEC_LEGACY], LEG)
    a, p = sid(0, 1, 0), sid(0, 2, 0)
    t = sc.legacy_device(a, aw=2, did=1)
    t.map(0xFEDF_F000, 0x7000_0000)
    t.map(0xFEF0_0000, 0x7000_1000)
    t.map(0xFEE0_0000, 0x7000_2000)  # never used: writes there are interrupts, reads fault
    t.map(0x5000, 0xFEE0_0000)
    t.map(0x6000, 0xFEEF_F000)
    t.map(0x7000, 0xFED0_0000)
    sc.legacy_device(p, aw=2, did=2, tt=2)
    sc.req(a, 0xFEE0_0000, "write", note="MSI write", check={"result": "interrupt"})
    sc.req(a, 0xFEE0_0000, note="read without PASID of the range: illegal, blocked and reported "
           "(spec 5.10 3.15; vtdlab reports LGN.4), nothing read",
           check=fault("LGN.4", None, None, 0, 0, True))
    sc.req(a, 0xFEEF_FFFC, "write", note="last dword of the range", check={"result": "interrupt"})
    sc.req(sid(9, 0, 0), 0xFEE0_1000, "write", note="no root entry for bus 9: nothing is read",
           check={"result": "interrupt"})
    sc.req(p, 0xFEE0_0010, "write", note="pass-through device: still an interrupt",
           check={"result": "interrupt"})
    sc.req(a, 0xFEDF_FFFF, note="byte below the range: translated", check=ok(0x7000_0FFF))
    sc.req(a, 0xFEF0_0000, "write", note="byte above the range: translated", check=ok(0x7000_1000))
    sc.req(a, 0x5004, "write", note="translation output in the range", check=fault("LGN.4", None, None, 4, 2))
    sc.req(a, 0x6FFF, note="output 0xFEEFFFFF", check=fault("LGN.4"))
    sc.req(a, 0x7000, note="output 0xFED00000: outside", check=ok(0xFED0_0000))
    sc.req(sid(9, 0, 0), 0xFEEF_FFFC, note="read of the range, no root entry for bus 9: LGN.4 "
           "before any read (spec 5.10 3.15)", check=fault("LGN.4", None, None, 0, 0, True))
    return sc


@scenario
def legacy_fpd():
    sc = Scenario("legacy-fpd", "Legacy mode, context FPD suppresses qualified faults only (D17)",
                  [SEC_FAULTS, SEC_LEGACY], LEG)
    n = [0]

    def dev(fpd, **kw):
        n[0] += 1
        s = sid(0, n[0], 0)
        t = sc.legacy_device(s, aw=kw.pop("aw", 2), did=n[0], fpd=fpd, **kw)
        return s, t

    for fpd in (True, False):
        f = " (FPD = %d)" % fpd
        s, _ = dev(fpd, present=False)
        sc.req(s, 0x1000, note="context P = 0" + f, tags=["fpd"], check=fault("LCT.2", recorded=not fpd))
        s, t = dev(fpd)
        sc.mem.set_bits(sc.legacy_ctx_addr(s), bit(8))
        sc.req(s, 0x1000, note="context reserved bit: qualified (spec 5.10 Table 30)" + f,
               tags=["fpd"],
               check=fault("LCT.3", recorded=not fpd))
        s, _ = dev(fpd, tt=3)
        sc.req(s, 0x1000, note="TT = 11b: qualified" + f, tags=["fpd", "invalid-context"],
               check=fault("LCT.4", recorded=not fpd))
        s, t = dev(fpd)
        t.map(0x1000, 0x8000_0000, w=False)
        t.map(0x2000, 0x8000_1000)
        t.set(0x2000, 1, bit(62))
        t.map(0x3000, 0xFEE0_3000)
        sc.req(s, 0x1000, "write", note="write to a read-only page" + f, tags=["fpd"],
               check=fault("LGN.2", recorded=not fpd))
        sc.req(s, 0x9000, note="not-present PTE" + f, tags=["fpd"], check=fault("LGN.3", recorded=not fpd))
        sc.req(s, 0x2000, note="reserved bit in a PTE" + f, tags=["fpd"], check=fault("LSL.2", recorded=not fpd))
        sc.req(s, 0x1_0000_0000_0000, note="beyond the AGAW" + f, tags=["fpd"],
               check=fault("LGN.1", recorded=not fpd))
        sc.req(s, 0x3000, "write", note="output in the interrupt range" + f, tags=["fpd"],
               check=fault("LGN.4", recorded=not fpd))
        sc.req(s, 0x1000, note="successful read" + f, tags=["fpd"], check=ok(0x8000_0000))
    sc.req(sid(5, 0, 0), 0x1000, note="root not present: FPD of no context applies", tags=["fpd"],
           check=fault("LRT.2", recorded=True))
    return sc


@scenario
def legacy_ignored_bits():
    sc = Scenario("legacy-ignored-bits",
                  "Legacy mode, bits the hardware ignores must not fault (D10)",
                  [SEC_LEGACY, SEC_SS], LEG)
    ign_all = bits(6, 3) | bit(8) | bit(9) | bit(10) | bits(61, 52) | bit(63)
    a = sid(0, 1, 0)
    t = sc.legacy_device(a, aw=2, did=1)
    t.map(0x1000, 0x8000_0000)
    for lv in (4, 3, 2, 1):
        t.set(0x1000, lv, ign_all | bit(2))
    t.set(0x1000, 1, bit(7))  # PS is ignored in a PTE
    sc.mem.set_bits(sc.legacy_ctx_addr(a) + 8, bits(6, 3))  # AVAIL 70:67
    b = sid(0, 2, 0)
    tb = sc.legacy_device(b, aw=2, did=2)
    tb.map(0x20_0000, 0x4000_0000, SIZE_2M)
    tb.set(0x20_0000, 2, ign_all)
    tb.map(0x4000_0000, 0x1_4000_0000, SIZE_1G)
    tb.set(0x4000_0000, 3, ign_all)
    sc.req(a, 0x1234, note="bits 6:3, 8, 9, 10, 61:52, 63 and X (bit 2, no SLEE in legacy) at every "
           "level, PS in the PTE, context AVAIL", tags=["ignored-bits"], decisions=["D10"],
           check=ok(0x8000_0234, PAGE, "rw-", 4, 2))
    sc.req(a, 0x1234, "write", note="same, write", tags=["ignored-bits"], decisions=["D10"],
           check=ok(0x8000_0234))
    sc.req(b, 0x21_2345, note="2 MiB leaf with ignored bits", tags=["ignored-bits"],
           decisions=["D10"], check=ok(0x4001_2345, SIZE_2M))
    sc.req(b, 0x4123_4567, "write", note="1 GiB leaf with ignored bits", tags=["ignored-bits"],
           decisions=["D10"], check=ok(0x1_4123_4567, SIZE_1G))
    return sc


# ============================================================================================
# RTADDR / TTM
# ============================================================================================

QEMU = unit_qemu()
SRV = unit_server()


@scenario
def rtaddr_legacy_with_pasid():
    sc = Scenario("rtaddr-legacy-with-pasid", "TTM = 00b (legacy) and a request with PASID: RTA.2",
                  [SEC_RTADDR, SEC_FAULTS], LEG)
    a = sid(0, 1, 0)
    t = sc.legacy_device(a, aw=2, did=1)
    t.map(0x1000, 0x2000)
    sc.req(a, 0x1000, pasid=1, note="request with PASID in legacy mode", tags=["rtaddr-ttm"],
           check={**fault("RTA.2", None, None, 0, 0, True),
                  "frcd": ["0x1000", hx(0xC000_0131_8000_0008)]})
    sc.req(a, 0x1000, "exec", pasid=0x12345, priv=True,
           note="privileged execute request with PASID: PRIV/EXE in the record",
           tags=["rtaddr-ttm"], check={**fault("RTA.2"), "frcd": ["0x1000", hx(0xC123_4531_E000_0008)]})
    sc.req(a, 0x1000, note="the same request without PASID translates", check=ok(0x2000))
    return sc


@scenario
def rtaddr_ttm_reserved():
    sc = Scenario("rtaddr-ttm-reserved", "TTM = 10b (reserved): RTA.1", SEC_RTADDR, QEMU, ttm=2)
    sc.req(sid(0, 1, 0), 0x1000, note="request without PASID", tags=["rtaddr-ttm"],
           check=fault("RTA.1", None, None, 0, 0, True))
    sc.req(sid(0, 1, 0), 0x1000, "write", pasid=3, note="request with PASID", tags=["rtaddr-ttm"],
           check=fault("RTA.1"))
    return sc


@scenario
def rtaddr_scalable_without_smts():
    sc = Scenario("rtaddr-scalable-without-smts", "TTM = 01b on a unit without ECAP.SMTS: RTA.1",
                  SEC_RTADDR, LEG, ttm=1)
    sc.legacy_device(sid(0, 1, 0), aw=2, did=1)
    sc.req(sid(0, 1, 0), 0x1000, note="scalable mode not supported", tags=["rtaddr-ttm"],
           check=fault("RTA.1", None, None, 0, 0, True))
    sc.req(sid(0, 1, 0), 0x2000, "write", note="write", tags=["rtaddr-ttm"], check=fault("RTA.1"))
    return sc


@scenario
def rtaddr_abort_dma():
    sc = Scenario("rtaddr-abort-dma",
                  "TTM = 11b with ECAP.ADMS: abort-DMA mode faults every request (RTA.4, spec 5.10)",
                  [SEC_RTADDR, SEC_ADM], SRV, ttm=3)
    d = sc.sm_device(sid(0, 1, 0), pdts=0)
    t = d.fs(0, 1)
    t.map(0x1000, 0x2000)
    for acc, pasid, priv in (("read", None, False), ("write", None, False), ("read", 0, False),
                             ("exec", 5, True)):
        sc.req(sid(0, 1, 0), 0x1000, acc, pasid=pasid, priv=priv,
               note="valid scalable tables are not used in abort-DMA mode: RTA.4, recorded",
               tags=["rtaddr-ttm"], check=fault("RTA.4", None, None, 0, 0, True))
    return sc


@scenario
def rtaddr_abort_dma_unsupported():
    sc = Scenario("rtaddr-abort-dma-unsupported", "TTM = 11b without ECAP.ADMS: RTA.1", SEC_RTADDR,
                  QEMU, ttm=3)
    sc.req(sid(0, 1, 0), 0x1000, note="abort-DMA mode not supported", tags=["rtaddr-ttm"],
           check=fault("RTA.1", None, None, 0, 0, True))
    sc.req(sid(0, 1, 0), 0x1000, "write", pasid=9, note="with PASID", tags=["rtaddr-ttm"],
           check=fault("RTA.1"))
    return sc


# ============================================================================================
# Scalable mode: first stage
# ============================================================================================

SRV46 = SRV.variant("server-haw46", haw=46)


@scenario
def scalable_fs_4level_basic():
    sc = Scenario("scalable-fs-4level-basic", "Scalable mode, first-stage only (PGTT 001b), 4-level",
                  [SEC_SCALABLE, SEC_FS], QEMU, ttm=1)
    a = sid(0, 3, 0)
    d = sc.sm_device(a, pdts=0)
    t0 = d.fs(0, 2)
    t0.map(0x1000, 0x8000_0000)
    t0.map(0x7_89AB_C000, 0x1_2345_6000)
    t0.map(0xFFFF_8000_0000_1000, 0x9000_0000)
    t5 = d.fs(5, 3)
    t5.map(0x1000, 0xA000_0000)
    t5.map(0x2000, 0xA000_1000, us=False)
    sc.req(a, 0x1234, note="request without PASID: RID_PASID 0 (ECAP.RPS = 0)",
           check=ok(0x8000_0234, PAGE, "rw-", 4, 4))
    sc.req(a, 0x1234, "write", note="write", check=ok(0x8000_0234))
    sc.req(a, 0x7_89AB_CDEF, note="a higher address", check=ok(0x1_2345_6DEF))
    sc.req(a, 0xFFFF_8000_0000_1ABC, "write",
           note="digest 12.1: canonical upper half, PML4 index 0x100", check=ok(0x9000_0ABC))
    sc.req(a, 0x1010, pasid=5, note="request with PASID 5: its own table and DID",
           check={**ok(0xA000_0010, PAGE, "rw-", 4, 4), "did": 3})
    sc.req(a, 0x2010, pasid=5, priv=True, note="supervisor read of a supervisor page (SRE = 1)",
           check=ok(0xA000_1010, perm="rw-"))
    sc.req(a, 0x3000, pasid=5, note="unmapped: PTE not present", check=fault("SFS.2", 1, "first", 4, 4))
    return sc


@scenario
def scalable_fs_5level_basic():
    sc = Scenario("scalable-fs-5level-basic", "Scalable mode, first-stage only, 5-level (FSPM 01b)",
                  [SEC_SCALABLE, SEC_FS], SRV, ttm=1)
    a = sid(1, 0, 0)
    d = sc.sm_device(a, pdts=1)
    t = d.fs(7, 0x107, levels=5)
    t.map(0x00F3_4567_89AB_C000, 0x5_0000_0000)
    t.map(0xFFF3_4567_89AB_C000, 0x5_0000_1000)
    t.map(0x1000, 0x5_0000_2000)
    sc.req(a, 0x00F3_4567_89AB_CDEF, pasid=7, note="digest 12.1: PML5 index 0xF3",
           check=ok(0x5_0000_0DEF, PAGE, "rw-", 5, 4))
    sc.req(a, 0xFFF3_4567_89AB_CDEF, "write", pasid=7, note="digest 12.1: canonical upper half, "
           "PML5 index 0x1F3", check=ok(0x5_0000_1DEF))
    sc.req(a, 0x0100_0000_0000_0000, pasid=7, note="bit 56 set, bits 63:57 clear: not canonical",
           check=fault("SGN.1", None, None, 0, 4))
    sc.req(a, 0x1008, pasid=7, priv=True, note="supervisor request", check=ok(0x5_0000_2008))
    sc.req(a, 0x0080_0000_0000_0000, pasid=7, note="canonical, PML5 entry not present",
           check=fault("SFS.2", 5, "first", 1, 4))
    return sc


@scenario
def scalable_fs_large_pages():
    sc = Scenario("scalable-fs-large-pages", "Scalable mode, first-stage 2 MiB and 1 GiB leaves",
                  [SEC_SCALABLE, SEC_FS], QEMU, ttm=1)
    a = sid(0, 4, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.fs(1, 0x21)
    t.map(0x1220_0000, 0x4020_0000, SIZE_2M)
    t.map(0x4000_0000, 0x2_C000_0000, SIZE_1G)
    t.map(0x1_0000_0000, 0x3_0000_0000, SIZE_2M, rw=False)
    t.set(0x1_0000_0000, 2, bit(12))  # PAT bit of a large leaf: not an address bit
    sc.req(a, 0x1234_5678, pasid=1, note="2 MiB leaf", check=ok(0x4034_5678, SIZE_2M, "rw-", 3, 4))
    sc.req(a, 0x7FFF_FFFF, "write", pasid=1, note="1 GiB leaf (CAP.FS1GP = 1)",
           check=ok(0x2_FFFF_FFFF, SIZE_1G, "rw-", 2, 4))
    sc.req(a, 0x1_0012_3456, pasid=1, note="2 MiB leaf with PAT (bit 12) set: bit 12 is not part "
           "of the address", tags=["ignored-bits"], decisions=["D24"],
           check=ok(0x3_0012_3456, SIZE_2M, "r--"))
    sc.req(a, 0x1_0012_3456, "write", pasid=1, note="read-only 2 MiB leaf, user write",
           tags=["perm-write-ro"], check=fault("SGN.6", None, "first"))
    return sc


@scenario
def scalable_fs_1g_unsupported():
    u = QEMU.variant("qemu-no-fs1gp", cap={"FS1GP": 0})
    sc = Scenario("scalable-fs-1g-unsupported",
                  "Scalable mode, first-stage 1 GiB leaf on a unit with CAP.FS1GP = 0",
                  [SEC_SCALABLE, SEC_FS], u, ttm=1)
    a = sid(0, 4, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.fs(0, 1)
    t.map(0x4000_0000, 0x2_C000_0000, SIZE_1G)
    t.map(0x20_0000, 0x4020_0000, SIZE_2M)
    sc.req(a, 0x4000_1000, note="PDPE with PS = 1 without FS1GP", tags=["large-page-unsupported"],
           decisions=["D24"], check=fault("SFS.3", 3, "first", 2, 4))
    sc.req(a, 0x20_1000, note="2 MiB first-stage pages are always supported",
           check=ok(0x4020_1000, SIZE_2M))
    return sc


@scenario
def scalable_fs_not_present():
    sc = Scenario("scalable-fs-not-present", "Scalable mode, first-stage entry with P = 0 at each level",
                  SEC_FS, QEMU, ttm=1)
    a = sid(0, 5, 0)
    d = sc.sm_device(a, pdts=0)
    for pasid, level in ((1, 4), (2, 3), (3, 2), (4, 1)):
        t = d.fs(pasid, pasid)
        t.map(0x1_2345_6000, 0x8000_0000)
        t.clear(0x1_2345_6000, level, FS_P)
        for acc, priv in (("read", False), ("write", True)):
            sc.req(a, 0x1_2345_6789, acc, pasid=pasid, priv=priv, note=f"level-{level} entry P = 0",
                   check=fault("SFS.2", level, "first", 4 - level + 1, 4))
    t = d.fs(5, 5)
    t.map(0x1000, 0x8000_0000)
    sc.mem.write(t.entry(0x1000, 1), bits(62, 1))  # P = 0, every other bit set
    sc.req(a, 0x1000, pasid=5, note="P = 0 with reserved bits set: not present first",
           decisions=["D12"], check=fault("SFS.2", 1, "first"))
    return sc


@scenario
def scalable_fs_reserved():
    sc = Scenario("scalable-fs-reserved",
                  "Scalable mode, reserved bits in first-stage entries (HAW 48)",
                  SEC_FS, QEMU, ttm=1)
    a = sid(0, 6, 0)
    d = sc.sm_device(a, pdts=0)
    va = 0x40_0000_0000
    cases = [
        ("PML4E PS (bit 7)", 4, bit(7), PAGE, ["D24"]),
        ("PML4E address bit 48 (>= HAW)", 4, bit(48), PAGE, ["D23"]),
        ("PDPE address bit 51", 3, bit(51), PAGE, ["D23"]),
        ("PDE (non-leaf) address bit 49", 2, bit(49), PAGE, ["D23"]),
        ("PTE address bit 48", 1, bit(48), PAGE, ["D23"]),
        ("2 MiB leaf bit 13", 2, bit(13), SIZE_2M, ["D24"]),
        ("2 MiB leaf bit 20", 2, bit(20), SIZE_2M, ["D24"]),
        ("1 GiB leaf bit 13", 3, bit(13), SIZE_1G, ["D24"]),
        ("1 GiB leaf bit 29", 3, bit(29), SIZE_1G, ["D24"]),
        ("1 GiB leaf address bit 50", 3, bit(50), SIZE_1G, ["D23"]),
    ]
    for i, (note, level, mask, size, dec) in enumerate(cases):
        t = d.fs(i + 1, i + 1)
        t.map(va, 0x8000_0000 if size == PAGE else 0x1_0000_0000, size)
        t.set(va, level, mask)
        sc.req(a, va + 0x123, "write" if i % 2 else "read", pasid=i + 1, note=note, decisions=dec,
               check=fault("SFS.3", level, "first", 4 - level + 1, 4))
    return sc


@scenario
def scalable_fs5_faults():
    sc = Scenario("scalable-fs5-faults",
                  "Scalable mode, 5-level first stage: PML5E/PML4E faults (HAW 46)",
                  SEC_FS, SRV46, ttm=1)
    a = sid(2, 0, 0)
    d = sc.sm_device(a, pdts=0)
    va = 0x00F3_4567_89AB_C000
    cases = [("PML5E PS (bit 7)", 5, bit(7), 0, "SFS.3", ["D24"]),
             ("PML5E address bit 46 (>= HAW 46)", 5, bit(46), 0, "SFS.3", ["D23"]),
             ("PML5E P = 0", 5, 0, FS_P, "SFS.2", []),
             ("PML4E PS (bit 7)", 4, bit(7), 0, "SFS.3", ["D24"]),
             ("PML4E P = 0", 4, 0, FS_P, "SFS.2", [])]
    for i, (note, level, s_mask, c_mask, name, dec) in enumerate(cases):
        t = d.fs(i + 1, i + 1, levels=5)
        t.map(va, 0x8000_0000)
        if s_mask:
            t.set(va, level, s_mask)
        if c_mask:
            t.clear(va, level, c_mask)
        sc.req(a, va + 0xDEF, pasid=i + 1, note=note, decisions=dec,
               check=fault(name, level, "first", 5 - level + 1, 4))
    t = d.fs(9, 9, levels=5)
    t.map(va, 0x8000_0000)
    sc.req(a, va + 0xDEF, pasid=9, note="healthy 5-level walk", check=ok(0x8000_0DEF, walk=5))
    return sc


@scenario
def scalable_fs_rights():
    sc = Scenario("scalable-fs-rights",
                  "Scalable mode, first-stage U/S and R/W rights, WPE (D12)",
                  SEC_FS, QEMU, ttm=1)
    a = sid(0, 7, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.fs(0, 1)          # RID_PASID 0: requests without PASID are user requests
    t.map(0x1000, 0x8000_0000, rw=False)
    t.map(0x2000, 0x8000_1000, us=False)
    t1 = d.fs(1, 2)         # WPE = 0
    t1.map(0x1000, 0x9000_0000, rw=False)
    t1.map(0x2000, 0x9000_1000, us=False)
    t1.map(0x3000, 0x9000_2000, us=False, rw=False)
    t1.map(0x40_0000_0000, 0x9000_3000)
    t1.clear(0x40_0000_0000, 3, FS_US)      # supervisor-only PDPE
    t1.map(0x80_0000_0000, 0x9000_4000)
    t1.clear(0x80_0000_0000, 2, FS_RW)      # read-only PDE
    t2 = d.fs(2, 3, wpe=True)
    t2.map(0x1000, 0xA000_0000, rw=False)
    t2.map(0x2000, 0xA000_1000)
    sc.req(a, 0x1008, note="request without PASID on a read-only page", check=ok(0x8000_0008, PAGE, "r--"))
    sc.req(a, 0x1008, "write", note="user write to a read-only page (no PASID in the record)",
           tags=["perm-write-ro"], check=fault("SGN.6", None, "first", 4, 4))
    sc.req(a, 0x2008, note="request without PASID is a user request: supervisor page",
           tags=["perm-user-supervisor"], check=fault("SGN.2", None, "first", 4, 4))
    sc.req(a, 0x1008, pasid=1, note="user read of a read-only page", check=ok(0x9000_0008, perm="r--"))
    sc.req(a, 0x1008, "write", pasid=1, note="user write to a read-only page", tags=["perm-write-ro"],
           check=fault("SGN.6", None, "first"))
    sc.req(a, 0x1008, "write", pasid=1, priv=True,
           note="supervisor write to a read-only page, WPE = 0: allowed", decisions=["D12"],
           check=ok(0x9000_0008, perm="rw-"))
    sc.req(a, 0x2008, pasid=1, note="user read of a supervisor page", tags=["perm-user-supervisor"],
           check=fault("SGN.2", None, "first"))
    sc.req(a, 0x2008, "write", pasid=1, priv=True, note="supervisor write of a supervisor page",
           check=ok(0x9000_1008, perm="rw-"))
    sc.req(a, 0x3008, "write", pasid=1, note="user write to a read-only supervisor page: U/S "
           "checked before R/W", tags=["perm-user-supervisor"], decisions=["D12"],
           check=fault("SGN.2", None, "first"))
    sc.req(a, 0x40_0000_0008, pasid=1, note="U/S = 0 in a non-leaf entry",
           tags=["perm-user-supervisor"], check=fault("SGN.2", None, "first"))
    sc.req(a, 0x40_0000_0008, pasid=1, priv=True, note="supervisor: U/S ignored",
           check=ok(0x9000_3008))
    sc.req(a, 0x80_0000_0008, "write", pasid=1, note="R/W = 0 in a non-leaf entry",
           tags=["perm-write-ro"], check=fault("SGN.6", None, "first"))
    sc.req(a, 0x1008, pasid=1, priv=True, note="supervisor read of a user page: no SMAP rule",
           decisions=["D12"], check=ok(0x9000_0008, perm="rw-"))
    sc.req(a, 0x1008, "write", pasid=2, priv=True, note="supervisor write, read-only page, WPE = 1",
           tags=["perm-write-ro"], decisions=["D12"], check=fault("SGN.6", None, "first"))
    sc.req(a, 0x1008, pasid=2, priv=True, note="supervisor read, WPE = 1", decisions=["D12"],
           check=ok(0xA000_0008, perm="r--"))
    sc.req(a, 0x2008, "write", pasid=2, priv=True, note="supervisor write, writable page, WPE = 1",
           check=ok(0xA000_1008, perm="rw-"))
    return sc


@scenario
def scalable_fs_exec():
    sc = Scenario("scalable-fs-exec",
                  "Scalable mode, first-stage execute requests: ERE, NXE/XD, SMEP (server unit)",
                  SEC_FS, SRV, ttm=1)
    a = sid(3, 0, 0)
    d = sc.sm_device(a, pdts=0)
    t1 = d.fs(1, 1, ere=True)               # NXE = 0: XD ignored
    t1.map(0x1000, 0x8000_0000, xd=True)
    t1.map(0x2000, 0x8000_1000, rw=False)
    t2 = d.fs(2, 2, ere=True, nxe=True)
    t2.map(0x1000, 0x8100_0000, xd=True)
    t2.map(0x2000, 0x8100_1000)
    t2.map(0x40_0000_0000, 0x8100_2000)
    t2.set(0x40_0000_0000, 3, FS_XD)        # XD in a non-leaf entry
    t3 = d.fs(3, 3, ere=True, smep=True)
    t3.map(0x1000, 0x8200_0000)             # user page
    t3.map(0x2000, 0x8200_1000, us=False)   # supervisor page
    sc.req(a, 0x1010, "exec", pasid=1, note="XD = 1 with NXE = 0 is ignored (rev 4.x)",
           decisions=["D11"], check=ok(0x8000_0010, PAGE, "rwx"))
    sc.req(a, 0x2010, "exec", pasid=1, note="execute needs no write right",
           check=ok(0x8000_1010, PAGE, "r-x"))
    sc.req(a, 0x1010, "exec", pasid=2, note="XD = 1 in the leaf with NXE = 1", tags=["perm-exec"],
           decisions=["D11"], check=fault("SGN.3", None, "first", 4, 4))
    sc.req(a, 0x1010, pasid=2, note="read of the XD page", check=ok(0x8100_0010, perm="rw-"))
    sc.req(a, 0x2010, "exec", pasid=2, note="no XD on the path", check=ok(0x8100_1010, perm="rwx"))
    sc.req(a, 0x40_0000_0010, "exec", pasid=2, note="XD = 1 in a PDPE (non-leaf)",
           tags=["perm-exec"], decisions=["D11"], check=fault("SGN.3", None, "first"))
    sc.req(a, 0x1010, "exec", pasid=3, priv=True, note="SMEP: supervisor execute of a user page",
           tags=["perm-exec"], decisions=["D12"], check=fault("SGN.3", None, "first"))
    sc.req(a, 0x1010, pasid=3, priv=True, note="SMEP does not restrict supervisor reads",
           check=ok(0x8200_0010, perm="rw-"))
    sc.req(a, 0x2010, "exec", pasid=3, priv=True, note="SMEP: supervisor execute of a supervisor page",
           check=ok(0x8200_1010, perm="rwx"))
    sc.req(a, 0x1010, "exec", pasid=3, note="user execute of a user page with SMEP",
           check=ok(0x8200_0010, perm="rwx"))
    sc.req(a, 0x2010, "exec", pasid=3, note="user execute of a supervisor page: U/S first",
           tags=["perm-user-supervisor"], check=fault("SGN.2", None, "first"))
    return sc


@scenario
def scalable_ere_sre():
    sc = Scenario("scalable-ere-sre",
                  "Scalable mode, ERE / SRE checks for requests with PASID, every PGTT (D7)",
                  [SEC_SCALABLE, SEC_FAULTS], SRV, ttm=1)
    a = sid(4, 0, 0)
    d = sc.sm_device(a, pdts=0, rid_pasid=6, rid_priv=True)
    tf = d.fs(1, 1, ere=False, sre=False)
    tf.map(0x1000, 0x8000_0000, us=False)
    d.pt(2, 2, ere=False, sre=False)
    ts = d.ss(3, 3, aw=2, ere=False, sre=False)
    ts.map(0x1000, 0x8100_0000)
    tn = d.fs(6, 6, ere=False, sre=False)   # RID_PASID entry
    tn.map(0x1000, 0x8200_0000, us=False)
    for pasid, kind in ((1, "first stage"), (2, "pass-through"), (3, "second stage")):
        sc.req(a, 0x1000, "exec", pasid=pasid, note=f"execute with ERE = 0 ({kind})",
               tags=["perm-exec"], check=fault("SPT.5", None, None, 0, 4))
        sc.req(a, 0x1000, pasid=pasid, priv=True, note=f"supervisor with SRE = 0 ({kind})",
               check=fault("SPT.6", None, None, 0, 4))
    sc.req(a, 0x1000, "exec", pasid=1, priv=True, note="privileged execute, ERE = SRE = 0: SPT.5 first",
           check=fault("SPT.5"))
    sc.req(a, 0x1000, pasid=1, note="user read of a supervisor page: SGN.2 (SRE not involved)",
           check=fault("SGN.2", None, "first"))
    sc.req(a, 0x1000, "write", note="without PASID: RID_PRIV supervisor with SRE = 0: SPT.6 "
           "(spec 5.10 Table 30: PR may come from RID_PRIV)",
           tags=["rid-pasid"], decisions=["D3", "D6"], check=fault("SPT.6", None, None, 0, 4))
    d2 = sc.sm_device(sid(4, 1, 0), pdts=0, rid_pasid=6, rid_priv=True)
    t2 = d2.fs(6, 7, sre=True)
    t2.map(0x1000, 0x8300_0000, us=False)
    sc.req(sid(4, 1, 0), 0x1000, "write", note="without PASID: RID_PRIV supervisor with SRE = 1",
           tags=["rid-pasid"], decisions=["D3", "D6"], check={**ok(0x8300_0000, PAGE, "rw-"), "did": 7})
    return sc


@scenario
def scalable_rid_pasid():
    sc = Scenario("scalable-rid-pasid",
                  "Scalable mode, RID_PASID and RID_PRIV for requests without PASID (D6, D3)",
                  SEC_SCALABLE, SRV, ttm=1)
    a, b, c = sid(5, 0, 0), sid(5, 1, 0), sid(5, 2, 0)
    da = sc.sm_device(a, pdts=0, rid_pasid=5)
    t5 = da.fs(5, 0x55)
    t5.map(0x1000, 0x8000_0000)
    t5.map(0x2000, 0x8000_1000, us=False)
    sc.sm_device(b, pdts=0, rid_pasid=0x2000)   # limit with PDTS 0: 128 * 64 = 0x2000
    dc = sc.sm_device(c, pdts=1, rid_pasid=0x2000, rid_priv=True)
    tc = dc.fs(0x2000, 0x66)
    tc.map(0x1000, 0x9000_0000, us=False, rw=False)
    sc.req(a, 0x1010, note="RID_PASID 5 is used (PASID 0 has no entry)",
           check={**ok(0x8000_0010, PAGE, "rw-", 4, 4), "did": 0x55})
    sc.req(a, 0x2010, note="RID_PRIV = 0: user request", tags=["perm-user-supervisor"],
           check={**fault("SGN.2", None, "first"), "frcd": ["0x2000", hx(0xC000_0081_0000_0500)]})
    sc.req(a, 0x3000, note="fault through RID_PASID: the record has no PASID (D22)",
           check={**fault("SFS.2", 1, "first"), "frcd": ["0x3000", hx(0xC000_0071_0000_0500)]})
    sc.req(a, 0x1010, pasid=5, note="request with PASID equal to RID_PASID: SCT.9 (spec 5.10)",
           decisions=["D6"], check=fault("SCT.9", None, None, 0, 2, True))
    sc.req(b, 0x1000, note="RID_PASID 0x2000 at the PDTS 0 limit: invalid context, SCT.4 "
           "(spec 5.10 SCT.4.2)", tags=["pasid-limit"], check=fault("SCT.4", None, None, 0, 2))
    sc.req(c, 0x1010, note="RID_PASID 0x2000 with PDTS 1; RID_PRIV supervisor page",
           check={**ok(0x9000_0010, PAGE, "rw-"), "did": 0x66})
    sc.req(c, 0x1010, "write", note="RID_PRIV supervisor write to a read-only page, WPE = 0",
           check=ok(0x9000_0010))
    sc.req(b, 0x1000, pasid=1, note="request with PASID, same context: SCT.4 applies to every "
           "request (spec 5.10 SCT.4.2)", check=fault("SCT.4", None, None, 0, 2))
    sc.req(a, 0x1010, pasid=4, note="PASID 4 (not RID_PASID, no entry): SPT.2",
           check=fault("SPT.2", None, None, 0, 4))
    return sc


@scenario
def scalable_interrupt_range():
    sc = Scenario("scalable-interrupt-range",
                  "Scalable mode, interrupt range: requests without PASID, outputs of every PGTT (D14)",
                  [SEC_INTR, SEC_SCALABLE], QEMU, ttm=1)
    a = sid(0, 8, 0)
    d = sc.sm_device(a, pdts=0)
    t0 = d.fs(0, 1)
    t0.map(0xFEE0_0000, 0x7000_0000)
    t0.map(0xFEF0_0000, 0x7000_1000)
    t0.map(0x5000, 0xFEE0_0000)
    t0.map(0x20_0000, 0xFEE0_0000, SIZE_2M)
    ts = d.ss(2, 2)
    ts.map(0x5000, 0xFEEF_F000)
    fs3, ss3 = d.nested(3, 3)
    fs3.map(0x5000, 0x4000_0000)
    ss3.map(0x4000_0000, 0xFEE0_1000)
    d.pt(4, 4)
    sc.req(a, 0xFEE0_0000, "write", note="request without PASID in the range: interrupt",
           check={"result": "interrupt"})
    sc.req(a, 0xFEEF_FFFF, note="last byte of the range, read without PASID: illegal, "
           "SGN.8 (spec 5.10 3.15)", check=fault("SGN.8", None, None, 0, 0, True))
    sc.req(a, 0xFEF0_0000, note="just above the range: translated", check=ok(0x7000_1000))
    sc.req(a, 0xFEE0_0010, pasid=0, note="request with PASID 0 in the range is translated (D14)",
           check=ok(0x7000_0010, PAGE, "rw-", 4, 4))
    sc.req(a, 0x5010, "write", note="first-stage output 0xFEE00010", check=fault("SGN.8", None, None, 4, 4))
    sc.req(a, 0x31_2345, note="2 MiB page at 0xFEE00000: output 0xFEF12345 is outside",
           check=ok(0xFEF1_2345, SIZE_2M))
    sc.req(a, 0x3F_FFFF, note="2 MiB page at 0xFEE00000: output 0xFEFFFFFF is outside",
           check=ok(0xFEFF_FFFF, SIZE_2M))
    sc.req(a, 0x20_0FFF, note="2 MiB page at 0xFEE00000: output 0xFEE00FFF is inside",
           check=fault("SGN.8"))
    sc.req(a, 0x5FFF, pasid=2, note="second-stage output 0xFEEFFFFF", check=fault("SGN.8"))
    sc.req(a, 0x5000, pasid=3, note="nested output 0xFEE01000", check=fault("SGN.8", None, None, 24, 4))
    sc.req(a, 0xFEE0_4000, "write", pasid=4, note="pass-through request with PASID into the range",
           check=fault("SGN.8", None, None, 0, 4))
    sc.req(a, 0xFED0_0000, "write", pasid=4, note="pass-through below the range", check=ok(0xFED0_0000))
    return sc


# ============================================================================================
# Scalable mode: second stage only
# ============================================================================================

@scenario
def scalable_ss_3level():
    sc = Scenario("scalable-ss-3level", "Scalable mode, second-stage only (PGTT 010b), 3-level",
                  [SEC_SCALABLE, SEC_SS], QEMU, ttm=1)
    a = sid(0, 9, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.ss(0, 0x31, aw=1)
    t.map(0x7F_DEAD_B000, 0x1_0000_0000)
    t.map(0x2000, 0x1_0000_1000, w=False)
    sc.req(a, 0x7F_DEAD_B004, note="digest 12.1 39-bit address, RID_PASID 0",
           check={**ok(0x1_0000_0004, PAGE, "rw-", 3, 4), "did": 0x31})
    sc.req(a, 0x2004, "write", note="read-only page", tags=["perm-write-ro"],
           check=fault("SGN.6", None, "second", 3, 4))
    sc.req(a, 0x80_0000_0000, note="2^39: beyond the 39-bit AGAW", decisions=["D16"],
           check=fault("SGN.5", None, None, 0, 4))
    sc.req(a, 0x0000_1234_5678_9ABC, "write", note="digest 12.1 48-bit address on a 3-level walk",
           check=fault("SGN.5"))
    return sc


@scenario
def scalable_ss_4level():
    sc = Scenario("scalable-ss-4level", "Scalable mode, second-stage only, 4-level, with PASID",
                  [SEC_SCALABLE, SEC_SS], QEMU, ttm=1)
    a = sid(0, 10, 0)
    d = sc.sm_device(a, pdts=2)
    t = d.ss(0x1234, 0x41)
    t.map(0x0000_1234_5678_9000, 0x2_0000_0000)
    t.map(0x1000, 0x2_0000_1000)
    d.ss(0, 0x40, table=t)  # RID_PASID 0 shares the domain's table
    sc.req(a, 0x0000_1234_5678_9ABC, pasid=0x1234, note="digest 12.1 48-bit address",
           check={**ok(0x2_0000_0ABC, PAGE, "rw-", 4, 4), "did": 0x41})
    sc.req(a, 0x1FFF, "write", pasid=0x1234, priv=True, note="supervisor write (SRE = 1)",
           check=ok(0x2_0000_1FFF))
    sc.req(a, 0x1FFF, note="without PASID, same table, DID of PASID 0's entry",
           check={**ok(0x2_0000_1FFF), "did": 0x40})
    sc.req(a, 0x1_0000_0000_0000, pasid=0x1234, note="2^48", decisions=["D16"],
           check=fault("SGN.5", None, None, 0, 4))
    sc.req(a, 0x3000, pasid=0x1234, note="unmapped: non-present PTE gives SSS.2",
           check=fault("SSS.2", 1, "second", 4, 4))
    return sc


@scenario
def scalable_ss_5level():
    sc = Scenario("scalable-ss-5level", "Scalable mode, second-stage only, 5-level (AW 011b)",
                  [SEC_SCALABLE, SEC_SS], SRV, ttm=1)
    a = sid(6, 0, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.ss(9, 0x59, aw=3)
    t.map(0x00F3_4567_89AB_C000, 0x3_0000_0000)
    t.map(0x1000, 0x3_0000_1000)
    sc.req(a, 0x00F3_4567_89AB_CDEF, pasid=9, note="digest 12.1 57-bit address",
           check=ok(0x3_0000_0DEF, PAGE, "rw-", 5, 4))
    sc.req(a, 0x1004, "write", pasid=9, note="low page", check=ok(0x3_0000_1004))
    sc.req(a, 0x0200_0000_0000_0000, pasid=9, note="2^57", check=fault("SGN.5", None, None, 0, 4))
    sc.req(a, 0x0100_0000_0000_0000, pasid=9, note="2^56: SL-PML5 entry not present",
           check=fault("SSS.2", 5, "second", 1, 4))
    return sc


@scenario
def scalable_ss_large_pages():
    sc = Scenario("scalable-ss-large-pages",
                  "Scalable mode, second-stage 2 MiB and 1 GiB leaves; SNP without ECAP.SC",
                  SEC_SS, QEMU, ttm=1)
    a = sid(0, 11, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.ss(1, 1)
    t.map(0x1220_0000, 0x4020_0000, SIZE_2M)
    t.map(0x4000_0000, 0x1_0000_0000, SIZE_1G, w=False)
    t.map(0x60_0000, 0x4060_0000, SIZE_2M, snp=True)
    t3 = d.ss(2, 2, aw=1)
    t3.map(0x40_0000_0000, 0x2_0000_0000, SIZE_1G)
    sc.req(a, 0x1234_5678, pasid=1, note="2 MiB leaf", check=ok(0x4034_5678, SIZE_2M, "rw-", 3, 4))
    sc.req(a, 0x7654_3210, pasid=1, note="read-only 1 GiB leaf", check=ok(0x1_3654_3210, SIZE_1G, "r--", 2, 4))
    sc.req(a, 0x7654_3210, "write", pasid=1, note="write to it", tags=["perm-write-ro"],
           check=fault("SGN.6", None, "second", 2, 4))
    sc.req(a, 0x60_0000, pasid=1, note="SNP in a 2 MiB leaf with ECAP.SC = 0", decisions=["D10"],
           check=fault("SSS.3", 2, "second", 3, 4))
    sc.req(a, 0x40_2345_6789, "write", pasid=2, note="1 GiB leaf in the top table of a 3-level walk",
           check=ok(0x2_2345_6789, SIZE_1G, "rw-", 1, 4))
    return sc


@scenario
def scalable_ss_large_page_unsupported():
    u = QEMU.variant("qemu-sslps-2m", cap={"SSLPS": 0b0001})
    sc = Scenario("scalable-ss-large-page-unsupported",
                  "Scalable mode, second-stage 1 GiB leaf with SSLPS = 0001b (2 MiB only)",
                  SEC_SS, u, ttm=1)
    a = sid(0, 12, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.ss(0, 1)
    t.map(0x4000_0000, 0x1_0000_0000, SIZE_1G)
    t.map(0x20_0000, 0x4020_0000, SIZE_2M)
    sc.req(a, 0x4000_0000, note="1 GiB leaf without SSLPS bit 35", tags=["large-page-unsupported"],
           decisions=["D10"], check=fault("SSS.3", 3, "second", 2, 4))
    sc.req(a, 0x20_0010, note="2 MiB leaf is supported", check=ok(0x4020_0010, SIZE_2M))
    return sc


@scenario
def scalable_ss_rights():
    sc = Scenario("scalable-ss-rights",
                  "Scalable mode, second-stage rights and non-present entries (SGN.6/7, SSS.2, D12)",
                  SEC_SS, QEMU, ttm=1)
    a = sid(0, 13, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.ss(1, 1)
    t.map(0x1000, 0x8000_0000, w=False)
    t.map(0x2000, 0x8000_1000, r=False)
    t.map(0x40_0000_0000, 0x8000_2000)
    t.clear(0x40_0000_0000, 3, SS_W)
    sc.req(a, 0x1010, pasid=1, note="read-only page, read", check=ok(0x8000_0010, PAGE, "r--"))
    sc.req(a, 0x1010, "write", pasid=1, note="read-only page, write", tags=["perm-write-ro"],
           check=fault("SGN.6", None, "second", 4, 4))
    sc.req(a, 0x2010, "write", pasid=1, note="write-only page, write", check=ok(0x8000_1010, PAGE, "-w-"))
    sc.req(a, 0x2010, pasid=1, note="write-only page, read", tags=["perm-read-wo"],
           check=fault("SGN.7", None, "second", 4, 4))
    sc.req(a, 0x40_0000_0010, "write", pasid=1, note="read-only non-leaf PDPE",
           tags=["perm-write-ro"], check=fault("SGN.6", None, "second"))
    sc.req(a, 0x40_0000_0010, pasid=1, note="same, read", check=ok(0x8000_2010, perm="r--"))
    for pasid, level in ((2, 4), (3, 3), (4, 2), (5, 1)):
        tt = d.ss(pasid, pasid)
        tt.map(0x1000, 0x9000_0000)
        tt.clear(0x1000, level, SS_R | SS_W)
        for acc in ("read", "write"):
            sc.req(a, 0x1010, acc, pasid=pasid, note=f"level-{level} entry R = W = 0",
                   check=fault("SSS.2", level, "second", 4 - level + 1, 4))
    tc = d.ss(6, 6)
    tc.map(0x1000, 0x9100_0000)
    tc.clear(0x1000, 2, SS_R)
    tc.clear(0x1000, 1, SS_W)
    for acc in ("read", "write"):
        sc.req(a, 0x1010, acc, pasid=6, note="PDE write-only, PTE read-only: the ANDed R and W "
               "are both 0, SSS.2 (spec 5.10 Table 30; D12 had SGN.7/SGN.6)",
               check=fault("SSS.2", None, "second", 4, 4))
    return sc


@scenario
def scalable_ss_exec():
    sc = Scenario("scalable-ss-exec",
                  "Scalable mode, second-stage execute: SLEE and the X bit (server unit)",
                  SEC_SS, SRV, ttm=1)
    a = sid(7, 0, 0)
    d = sc.sm_device(a, pdts=0)
    t1 = d.ss(1, 1, slee=True, ere=True)
    t1.map(0x1000, 0x8000_0000, x=True)
    t1.map(0x2000, 0x8000_1000, x=False)
    t1.map(0x3000, 0x8000_2000, r=False, w=False, x=True)
    for lv in (4, 3, 2):
        t1.set(0x1000, lv, SS_X)
        t1.set(0x3000, lv, SS_X)
    t2 = d.ss(2, 2, slee=False, ere=True)
    t2.map(0x1000, 0x8100_0000)
    t2.map(0x2000, 0x8100_1000, r=False)
    t2.map(0x3000, 0x8100_2000, r=False, w=False, x=True)
    sc.req(a, 0x1010, "exec", pasid=1, note="SLEE = 1, X = 1 on the path", check=ok(0x8000_0010, PAGE, "rwx"))
    sc.req(a, 0x2010, "exec", pasid=1, note="SLEE = 1, X = 0 in the leaf", tags=["perm-exec"],
           decisions=["D12"], check=fault("SGN.3", None, "second", 4, 4))
    sc.req(a, 0x2010, pasid=1, note="same page, read", check=ok(0x8000_1010, perm="rw-"))
    sc.req(a, 0x3010, pasid=1, note="SLEE = 1: an X-only entry is present, but the walk's "
           "ANDed R and W are both 0: SSS.2 (spec 5.10 Table 30)",
           decisions=["D10"], check=fault("SSS.2", None, "second"))
    sc.req(a, 0x3010, "exec", pasid=1, note="X-only page, execute: SSS.2 as well",
           tags=["perm-exec"], decisions=["D12"], check=fault("SSS.2", None, "second"))
    sc.req(a, 0x1010, "exec", pasid=2, note="SLEE = 0: X not consulted, R suffices",
           check=ok(0x8100_0010, PAGE, "rwx"))
    sc.req(a, 0x2010, "exec", pasid=2, note="SLEE = 0, write-only page: execute needs R",
           tags=["perm-exec"], check=fault("SGN.3", None, "second"))
    sc.req(a, 0x3010, pasid=2, note="SLEE = 0: an X-only entry is not present",
           decisions=["D10"], check=fault("SSS.2", 1, "second"))
    return sc


@scenario
def scalable_ss_reserved():
    sc = Scenario("scalable-ss-reserved",
                  "Scalable mode, reserved bits in second-stage entries (HAW 48, ECAP.SC = 0)",
                  SEC_SS, QEMU, ttm=1)
    a = sid(0, 14, 0)
    d = sc.sm_device(a, pdts=0)
    va = 0x40_0000_0000
    cases = [
        ("SL-PML4E PS (bit 7)", 4, bit(7), PAGE, 2, 0),
        ("SL-PML4E bit 62", 4, bit(62), PAGE, 2, 0),
        ("SL-PML4E bit 11", 4, bit(11), PAGE, 2, 0),
        ("SL-PML4E address bit 48 (>= HAW)", 4, bit(48), PAGE, 2, 0),
        ("SL-PDPE (non-leaf) bit 11", 3, bit(11), PAGE, 2, 0),
        ("SL-PDPE bit 62", 3, bit(62), PAGE, 2, 0),
        ("SL-PDE (non-leaf) bit 11", 2, bit(11), PAGE, 2, 0),
        ("SL-PDE address bit 51", 2, bit(51), PAGE, 2, 0),
        ("SL-PTE SNP (bit 11) with ECAP.SC = 0", 1, bit(11), PAGE, 2, 0),
        ("SL-PTE bit 62", 1, bit(62), PAGE, 2, 0),
        ("SL-PTE address bit 49", 1, bit(49), PAGE, 2, 0),
        ("2 MiB leaf bit 12", 2, bit(12), SIZE_2M, 2, 0),
        ("1 GiB leaf bit 29", 3, bit(29), SIZE_1G, 2, 0),
        ("1 GiB leaf bit 21", 3, bit(21), SIZE_1G, 2, 0),
        ("3-level walk: top SL-PDPE bit 62", 3, bit(62), PAGE, 1, 0),
        ("R = W = 0 with bit 62: not present first (SSS.2)", 1, bit(62), PAGE, 2, SS_R | SS_W),
    ]
    for i, (note, level, mask, size, aw, clear) in enumerate(cases):
        t = d.ss(i + 1, i + 1, aw=aw)
        t.map(va, 0x8000_0000 if size == PAGE else 0x1_0000_0000, size)
        t.set(va, level, mask)
        if clear:
            t.clear(va, level, clear)
        name = "SSS.2" if clear else "SSS.3"
        dec = ["D12"] if clear else (["D23"] if mask & bits(51, 48) else ["D10"])
        sc.req(a, va + 0x40, "write" if i % 3 == 0 else "read", pasid=i + 1, note=note, decisions=dec,
               check=fault(name, level, "second", aw + 2 - level + 1, 4))
    return sc


@scenario
def scalable_ss5_reserved():
    sc = Scenario("scalable-ss5-reserved",
                  "Scalable mode, 5-level second stage: SL-PML5E reserved bits (HAW 46, SC = 1)",
                  SEC_SS, SRV46, ttm=1)
    a = sid(8, 0, 0)
    d = sc.sm_device(a, pdts=0)
    va = 0x00F3_4567_89AB_C000
    cases = [("SL-PML5E PS (bit 7)", 5, bit(7), "SSS.3"),
             ("SL-PML5E bit 62", 5, bit(62), "SSS.3"),
             ("SL-PML5E address bit 46 (>= HAW 46)", 5, bit(46), "SSS.3"),
             ("SL-PML5E bit 11", 5, bit(11), "SSS.3"),
             ("SL-PML4E PS (bit 7)", 4, bit(7), "SSS.3"),
             ("SL-PTE SNP with ECAP.SC = 1: legal", 1, bit(11), None)]
    for i, (note, level, mask, name) in enumerate(cases):
        t = d.ss(i + 1, i + 1, aw=3)
        t.map(va, 0x8000_0000)
        t.set(va, level, mask)
        chk = fault(name, level, "second", 5 - level + 1, 4) if name else ok(0x8000_0DEF, walk=5)
        sc.req(a, va + 0xDEF, pasid=i + 1, note=note, decisions=["D23"] if mask == bit(46) else ["D10"],
               check=chk)
    return sc


# ============================================================================================
# Scalable mode: nested
# ============================================================================================

def _nested_basic(name, unit, fs_levels, aw, reads, va):
    sc = Scenario(name, f"Scalable mode, nested translation (PGTT 011b), {fs_levels}-level first "
                  f"stage over {aw + 2}-level second stage", [SEC_NESTED, SEC_SCALABLE],
                  unit, ttm=1)
    a = sid(0x10, 0, 0)
    d = sc.sm_device(a, pdts=0)
    fs, ss = d.nested(1, 0x77, fs_levels=fs_levels, aw=aw, gpa_base=0x1000_0000)
    fs.map(va, 0x2000_0000)                 # GVA -> GPA
    fs.map(0x1000, 0x2000_1000, rw=False)
    ss.map(0x2000_0000, 0x5_0000_0000)      # GPA -> HPA
    ss.map(0x2000_1000, 0x5_0000_1000)
    d.nested(0, 0x70, fs_levels=fs_levels, aw=aw, gpa_base=0x1800_0000, ss=ss)[0].map(
        0x3000, 0x2000_0000)
    sc.req(a, va + 0x123, pasid=1, note=f"full nested walk: ({fs_levels}+1)({aw + 2}+1)-1 = {reads} reads",
           check={**ok(0x5_0000_0123, PAGE, "rw-", reads, 4), "did": 0x77})
    sc.req(a, va + 0xFF8, "write", pasid=1, priv=True, note="supervisor write", check=ok(0x5_0000_0FF8))
    sc.req(a, 0x1008, pasid=1, note="first-stage read-only page", check=ok(0x5_0000_1008, perm="r--"))
    sc.req(a, 0x1008, "write", pasid=1, note="first-stage read-only page, write: first-stage "
           "rights are checked before the final second-stage walk", tags=["perm-write-ro"],
           decisions=["D12"], check=fault("SGN.6", None, "first", reads - (aw + 2), 4))
    sc.req(a, 0x3008, note="without PASID: RID_PASID 0, another first stage on the same second stage",
           check={**ok(0x5_0000_0008, PAGE, "rw-", reads, 4), "did": 0x70})
    return sc


@scenario
def scalable_nested_4over4():
    return _nested_basic("scalable-nested-4over4", QEMU, 4, 2, 24, 0x0000_1234_5678_9000)


@scenario
def scalable_nested_4over3():
    return _nested_basic("scalable-nested-4over3", QEMU, 4, 1, 19, 0x0000_1234_5678_9000)


@scenario
def scalable_nested_5over5():
    return _nested_basic("scalable-nested-5over5", SRV, 5, 3, 35, 0x00F3_4567_89AB_C000)


@scenario
def scalable_nested_4over5():
    return _nested_basic("scalable-nested-4over5", SRV, 4, 3, 29, 0x0000_1234_5678_9000)


@scenario
def scalable_nested_5over4():
    return _nested_basic("scalable-nested-5over4", SRV, 5, 2, 29, 0xFFF3_4567_89AB_C000)


@scenario
def scalable_nested_large():
    sc = Scenario("scalable-nested-large",
                  "Scalable mode, nested translation with large pages in one or both stages",
                  SEC_NESTED, SRV, ttm=1)
    a = sid(0x11, 0, 0)
    d = sc.sm_device(a, pdts=0)
    # PASID 1: FS 2 MiB over SS 4 KiB
    fs, ss = d.nested(1, 1)
    fs.map(0x20_0000, 0x4000_0000, SIZE_2M)
    ss.map(0x4012_3000, 0x6_0000_0000)
    # PASID 2: FS 4 KiB over SS 2 MiB, tables reached through 2 MiB SS pages too
    fs, ss = d.nested(2, 2, block=SIZE_2M, gpa_base=0x1000_0000)
    fs.map(0x1000, 0x4020_1000)
    ss.map(0x4020_0000, 0x6_0020_0000, SIZE_2M)
    # PASID 3: FS 1 GiB over SS 1 GiB
    fs, ss = d.nested(3, 3, block=SIZE_1G, gpa_base=0x8000_0000)
    fs.map(0x4000_0000, 0x1_0000_0000, SIZE_1G)
    ss.map(0x1_0000_0000, 0x7_0000_0000, SIZE_1G)
    # PASID 4: FS 2 MiB over SS 1 GiB
    fs, ss = d.nested(4, 4)
    fs.map(0x60_0000, 0x1_0060_0000, SIZE_2M)
    ss.map(0x1_0000_0000, 0x8_0000_0000, SIZE_1G)
    # PASID 5: FS 1 GiB over SS 2 MiB
    fs, ss = d.nested(5, 5)
    fs.map(0x4000_0000, 0x1_4000_0000, SIZE_1G)
    ss.map(0x1_4020_0000, 0x9_0000_0000, SIZE_2M)
    sc.req(a, 0x32_3456, pasid=1, note="FS 2 MiB leaf, SS 4 KiB leaf: page 4 KiB",
           tags=["nested-large"], decisions=["D13"], check=ok(0x6_0000_0456, PAGE, "rw-", 3 + 3 * 4 + 4, 4))
    sc.req(a, 0x1ABC, "write", pasid=2, note="FS 4 KiB over SS 2 MiB (tables too): 4 FS reads + "
           "5 SS walks of 3 reads", tags=["nested-large"], decisions=["D13"],
           check=ok(0x6_0020_1ABC, PAGE, "rw-", 19, 4))
    sc.req(a, 0x7654_3210, pasid=3, note="FS 1 GiB over SS 1 GiB: page 1 GiB",
           tags=["nested-large", "large-page-both-stages"], decisions=["D13"],
           check=ok(0x7_3654_3210, SIZE_1G, "rw-", 2 + 2 * 2 + 2, 4))
    sc.req(a, 0x6F_FFFF, "write", pasid=4, note="FS 2 MiB over SS 1 GiB: page 2 MiB",
           tags=["nested-large", "large-page-both-stages"], decisions=["D13"],
           check=ok(0x8_006F_FFFF, SIZE_2M))
    sc.req(a, 0x4023_4567, pasid=5, note="FS 1 GiB over SS 2 MiB: page 2 MiB",
           tags=["nested-large", "large-page-both-stages"], decisions=["D13"],
           check=ok(0x9_0003_4567, SIZE_2M))
    sc.req(a, 0x4043_4567, pasid=5, note="FS 1 GiB page, next 2 MiB of its GPA not mapped in SS",
           tags=["nested-large"], check=fault("SSS.2", 2, "second"))
    return sc


@scenario
def scalable_nested_table_faults():
    sc = Scenario("scalable-nested-table-faults",
                  "Scalable mode, nested: faults while reaching first-stage tables (D13)",
                  [SEC_NESTED, SEC_FAULTS], QEMU, ttm=1)
    a = sid(0x12, 0, 0)
    d = sc.sm_device(a, pdts=0)
    va = 0x40_0000_1000
    n = [0]

    def new(aw=2, **kw):
        n[0] += 1
        fs, ss = d.nested(n[0], n[0], aw=aw, gpa_base=0x1000_0000, **kw)
        fs.map(va, 0x2000_0000)
        ss.map(0x2000_0000, 0x5_0000_0000)
        return n[0], fs, ss

    p, fs, ss = new()
    sc.req(a, va, pasid=p, note="healthy 4/4 walk", check=ok(0x5_0000_0000, walk=24))
    # SFS.5: a first-stage table GPA beyond the second-stage width (3-level SS: 39 bits)
    p, fs, ss = new(aw=1)
    fs.replace(va, 4, fs_entry(0x80_0000_0000))
    sc.req(a, va, pasid=p, note="PML4E points to a PDPT at GPA 2^39, SS width 39",
           check=fault("SFS.5", 3, "first", 3 + 1, 4))
    n[0] += 1
    d.set_pasid(n[0], pasid_entry(PGTT_NESTED, n[0], slptptr=ss.root, aw=1,
                                  flptptr=0x100_0000_0000, sre=True))
    sc.req(a, va, pasid=n[0], note="FSPTPTR 2^40 beyond the 39-bit second stage: invalid PASID "
           "entry (spec 5.10 SPT.4.4)", tags=["width"], check=fault("SPT.4", None, None, 0, 4))
    # SSS.2 / SFS.6 / SFS.7
    p, fs, ss = new()
    ss.clear(fs.root, 1, SS_R | SS_W)
    sc.req(a, va, pasid=p, note="SS PTE of the FS root table not present: SSS.2 (spec 5.10 "
           "SFS.1 note)", check=fault("SSS.2", 1, "second", 4, 4))
    p, fs, ss = new()
    ss.clear(fs.root, 1, SS_R)
    sc.req(a, va, pasid=p, note="SS maps the FS root table write-only",
           check=fault("SFS.6", 4, "first", 4, 4))
    p, fs, ss = new()
    pd_gpa = sc.mem.read(fs.entry(va, 3)) & bits(51, 12)
    ss.clear(pd_gpa, 1, SS_R | SS_W)
    sc.req(a, va, pasid=p, note="SS PTE of the FS page directory not present: SSS.2",
           check=fault("SSS.2", 1, "second", 4 + 1 + 4 + 1 + 4, 4))
    p, fs, ss = new()
    pt_gpa = sc.mem.read(fs.entry(va, 2)) & bits(51, 12)
    ss.clear(pt_gpa, 1, SS_R)
    sc.req(a, va, pasid=p, note="SS maps the FS page table write-only",
           check=fault("SFS.7", 1, "first", 5 * 3 + 4, 4))
    p, fs, ss = new()
    ss.clear(fs.root, 2, SS_R)
    sc.req(a, va, pasid=p, note="SS PDE (non-leaf) on the path to the FS root table is write-only: "
           "rights ANDed over the SS walk", check=fault("SFS.6", 4, "first", 4, 4))
    # SSS.3 while translating a table GPA
    p, fs, ss = new()
    pdpt_gpa = sc.mem.read(fs.entry(va, 4)) & bits(51, 12)
    ss.set(pdpt_gpa, 1, bit(62))
    sc.req(a, va, pasid=p, note="reserved bit in the SS PTE mapping the FS PDPT",
           decisions=["D10"], check=fault("SSS.3", 1, "second", 5 + 4, 4))
    # faults in first-stage entries reached through the second stage
    p, fs, ss = new()
    fs.clear(va, 2, FS_P)
    sc.req(a, va, pasid=p, note="FS PDE not present", check=fault("SFS.2", 2, "first", 15, 4))
    p, fs, ss = new()
    fs.set(va, 1, bit(50))
    sc.req(a, va, "write", pasid=p, note="FS PTE address bit 50 (>= HAW 48): reserved even "
           "though it is a GPA", decisions=["D23"], check=fault("SFS.3", 1, "first", 20, 4))
    p, fs, ss = new()
    sc.req(a, 0x8000_0000_0000, pasid=p, note="non-canonical input", check=fault("SGN.1", None, None, 0, 4))
    p, fs, ss = new()
    ss.clear(fs.root, 2, SS_R)
    ss.clear(fs.root, 1, SS_W)
    sc.req(a, va, pasid=p, note="SS PDE write-only, SS PTE read-only on the path to the FS root "
           "table: ANDed R and W both 0, SSS.2 (spec 5.10)", check=fault("SSS.2", None, "second", 4, 4))
    return sc


@scenario
def scalable_nested_final_faults():
    sc = Scenario("scalable-nested-final-faults",
                  "Scalable mode, nested: faults of the final GPA and of the accumulated rights",
                  [SEC_NESTED, SEC_FAULTS], QEMU, ttm=1)
    a = sid(0x13, 0, 0)
    d = sc.sm_device(a, pdts=0)
    fs, ss = d.nested(1, 1)
    fs.map(0x1000, 0x2000_0000)
    fs.map(0x2000, 0x2000_1000, rw=False)
    fs.map(0x3000, 0x2000_2000, us=False)
    fs.map(0x4000, 0x2000_3000)
    fs.map(0x5000, 0x2000_4000)
    fs.map(0x6000, 0x2000_5000, rw=False)
    fs.map(0x7000, 0x2000_6000)
    ss.map(0x2000_0000, 0x5_0000_0000)
    ss.map(0x2000_1000, 0x5_0000_1000)
    ss.map(0x2000_2000, 0x5_0000_2000)
    ss.map(0x2000_3000, 0x5_0000_3000, w=False)
    ss.map(0x2000_4000, 0x5_0000_4000, r=False)
    ss.map(0x2000_6000, 0xFEE0_6000)
    # 0x2000_5000 is not mapped in the second stage
    fs3, ss3 = d.nested(2, 2, aw=1)
    fs3.map(0x1000, 0x80_0000_0000)         # final GPA 2^39 on a 39-bit second stage
    sc.req(a, 0x1010, pasid=1, note="healthy", check=ok(0x5_0000_0010, PAGE, "rw-", 24, 4))
    sc.req(a, 0x8010, pasid=1, note="final GPA: FS PTE not present", check=fault("SFS.2", 1, "first", 20, 4))
    sc.req(a, 0x2010, pasid=1, note="FS read-only, SS RW: read", check=ok(0x5_0000_1010, perm="r--"))
    sc.req(a, 0x2010, "write", pasid=1, note="FS read-only: write", tags=["perm-write-ro"],
           check=fault("SGN.6", None, "first", 20, 4))
    sc.req(a, 0x3010, pasid=1, note="FS supervisor page, user request", tags=["perm-user-supervisor"],
           check=fault("SGN.2", None, "first", 20, 4))
    sc.req(a, 0x4010, pasid=1, note="FS RW, SS read-only: read", check=ok(0x5_0000_3010, perm="r--"))
    sc.req(a, 0x4010, "write", pasid=1, note="FS RW, SS read-only: write", tags=["perm-write-ro"],
           check=fault("SGN.6", None, "second", 24, 4))
    sc.req(a, 0x5010, "write", pasid=1, note="FS RW, SS write-only: write",
           check=ok(0x5_0000_4010, perm="-w-"))
    sc.req(a, 0x5010, pasid=1, note="FS RW, SS write-only: read", tags=["perm-read-wo"],
           check=fault("SGN.7", None, "second", 24, 4))
    sc.req(a, 0x6010, pasid=1, note="final GPA not mapped in the SS", decisions=["D12"],
           check=fault("SSS.2", 1, "second", 24, 4))
    sc.req(a, 0x6010, "write", pasid=1, note="FS read-only and final GPA unmapped: the FS write "
           "fault comes first, before the final SS walk", tags=["perm-write-ro"], decisions=["D12"],
           check=fault("SGN.6", None, "first", 20, 4))
    sc.req(a, 0x7010, "write", pasid=1, note="final HPA in the interrupt range", check=fault("SGN.8", None, None, 24, 4))
    sc.req(a, 0x1010, pasid=2, note="final GPA 2^39 beyond the 39-bit second stage",
           decisions=["D13"], check=fault("SFS.5", None, "first", 4 * 4, 4))
    return sc


@scenario
def scalable_nested_exec():
    sc = Scenario("scalable-nested-exec",
                  "Scalable mode, nested execute: XD/NXE in the first stage, X/SLEE in the second",
                  SEC_NESTED, SRV, ttm=1)
    a = sid(0x14, 0, 0)
    d = sc.sm_device(a, pdts=0)
    fs, ss = d.nested(1, 1, ere=True, nxe=True, slee=True)
    fs.map(0x1000, 0x2000_0000)
    fs.map(0x2000, 0x2000_1000, xd=True)
    fs.map(0x3000, 0x2000_2000)
    ss.map(0x2000_0000, 0x5_0000_0000, x=True)
    ss.map(0x2000_1000, 0x5_0000_1000, x=True)
    ss.map(0x2000_2000, 0x5_0000_2000, x=False)
    for g in (0x2000_0000, 0x2000_1000):
        for lv in (4, 3, 2):
            ss.set(g, lv, SS_X)
    sc.req(a, 0x1010, "exec", pasid=1, note="executable in both stages", check=ok(0x5_0000_0010, PAGE, "rwx", 24, 4))
    sc.req(a, 0x2010, "exec", pasid=1, note="first-stage XD with NXE = 1", tags=["perm-exec"],
           decisions=["D11"], check=fault("SGN.3", None, "first", 20, 4))
    sc.req(a, 0x2010, pasid=1, note="read of the XD page", check=ok(0x5_0000_1010, perm="rw-"))
    sc.req(a, 0x3010, "exec", pasid=1, note="second-stage X = 0 with SLEE = 1", tags=["perm-exec"],
           check=fault("SGN.3", None, "second", 24, 4))
    sc.req(a, 0x3010, "write", pasid=1, note="write of that page", check=ok(0x5_0000_2010, perm="rw-"))
    return sc


@scenario
def scalable_nested_access_errors():
    sc = Scenario("scalable-nested-access-errors",
                  "Scalable mode, nested: access errors on second- and first-stage entries (D13, D15)",
                  [SEC_NESTED, SEC_FAULTS], QEMU, ttm=1, mem_limit=0x4000_0000)
    lim = 0x4000_0000
    a = sid(0x15, 0, 0)
    d = sc.sm_device(a, pdts=0)
    va = 0x1000
    n = [0]

    def new():
        n[0] += 1
        fs, ss = d.nested(n[0], n[0], gpa_base=0x1000_0000)
        fs.map(va, 0x2000_0000)
        ss.map(0x2000_0000, 0x5_0000_0000)
        return n[0], fs, ss

    p, fs, ss = new()
    sc.mem.write(d.pasid_entry_addr(p), (sc.mem.read(d.pasid_entry_addr(p)) & ~bits(63, 12)) | lim)
    sc.req(a, va, pasid=p, note="SSPTPTR beyond mem_limit: the first SS read (for the FS root) fails",
           check=fault("SSS.4", 4, "second", 1, 4))
    p, fs, ss = new()
    ss.replace(fs.root, 4, ss_entry(lim + 0x1000))
    sc.req(a, va, pasid=p, note="SS PML4E (on the path to the FS root) points beyond mem_limit",
           check=fault("SSS.1", 3, "second", 2, 4))
    p, fs, ss = new()
    ss.replace(fs.root, 1, ss_entry(lim + 0x2000))
    sc.req(a, va, pasid=p, note="SS maps the FS root table to an HPA beyond mem_limit",
           check=fault("SFS.4", 4, "first", 5, 4))
    p, fs, ss = new()
    pt_gpa = sc.mem.read(fs.entry(va, 2)) & bits(51, 12)
    ss.replace(pt_gpa, 1, ss_entry(lim + 0x3000))
    sc.req(a, va, "write", pasid=p, note="SS maps the FS page table beyond mem_limit",
           check=fault("SFS.1", 1, "first", 20, 4))
    p, fs, ss = new()
    ss.replace(0x2000_0000, 2, ss_entry(lim + 0x4000))
    sc.req(a, va, pasid=p, note="final SS walk: PDE points beyond mem_limit",
           check=fault("SSS.1", 1, "second", 24, 4))
    return sc


# ============================================================================================
# Scalable mode: root, context, PASID directory and PASID entry
# ============================================================================================

@scenario
def scalable_root_faults():
    sc = Scenario("scalable-root-faults",
                  "Scalable-mode root entry: LP/UP halves, reserved bits, other half ignored (D4)",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1)
    lo_dev, up_dev = (lambda b: sid(b, 0, 0)), (lambda b: sid(b, 0x10, 0))  # devfn 0x00 / 0x80
    for bus in range(1, 7):
        for s in (lo_dev(bus), up_dev(bus)):
            d = sc.sm_device(s, pdts=0)
            d.fs(0, bus).map(0x1000, 0x8000_0000 + 0x1000 * bus)
    r = sc.root
    sc.mem.clear_bits(r + 16 * 1, 1)                   # bus 1: LP = 0
    sc.mem.write(r + 16 * 2 + 8, bits(11, 1) | bit(63))  # bus 2: UP = 0, garbage in upper half
    sc.mem.set_bits(r + 16 * 3, bit(5))               # bus 3: lower half bit 5
    sc.mem.set_bits(r + 16 * 4 + 8, bit(11))          # bus 4: bit 75 (upper half 11:1)
    sc.mem.set_bits(r + 16 * 5, bit(48))              # bus 5: LCTP bit 48 >= HAW 48
    sc.mem.set_bits(r + 16 * 6 + 8, bit(50))          # bus 6: UCTP bit 50
    E = "decision:D4"
    sc.req(lo_dev(1), 0x1000, note="LP = 0", check=fault("SRT.2", None, None, 0, 1, True))
    sc.req(up_dev(1), 0x1000, note="UP = 1 serves devfn >= 0x80 while LP = 0", tags=[E],
           check=ok(0x8000_1000, PAGE, "rw-", 4, 4))
    sc.req(lo_dev(2), 0x1000, note="lower half present; the upper half (UP = 0, garbage) is not "
           "looked at", tags=[E], check=ok(0x8000_2000))
    sc.req(up_dev(2), 0x1000, "write", note="UP = 0 with reserved bits set: not present first",
           check=fault("SRT.2"))
    sc.req(lo_dev(3), 0x1000, note="bit 5 in the lower half", check=fault("SRT.3", None, None, 0, 1, True))
    sc.req(up_dev(3), 0x1000, note="upper half unaffected by a lower-half reserved bit", tags=[E],
           check=ok(0x8000_3000))
    sc.req(up_dev(4), 0x1000, note="bit 75 in the upper half", check=fault("SRT.3"))
    sc.req(lo_dev(4), 0x1000, note="lower half unaffected", tags=[E], check=ok(0x8000_4000))
    sc.req(lo_dev(5), 0x1000, note="LCTP bit 48 (>= HAW)", decisions=["D23"], check=fault("SRT.3"))
    sc.req(up_dev(6), 0x1000, pasid=0, note="UCTP bit 114 (>= HAW)", decisions=["D23"],
           check=fault("SRT.3"))
    sc.req(sid(7, 0, 0), 0x1000, pasid=3, note="bus without a root entry", check=fault("SRT.2"))
    return sc


@scenario
def scalable_root_access_error():
    sc = Scenario("scalable-root-access-error", "Scalable mode, root table above mem_limit: SRT.1",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1, mem_limit=0x4000_0000,
                  root=0x4000_0000)
    sc.req(sid(0, 1, 0), 0x1000, note="root entry read fails", check=fault("SRT.1", None, None, 0, 1, True))
    sc.req(sid(0, 0x1F, 7), 0x1000, "write", pasid=1, note="upper half, with PASID", check=fault("SRT.1"))
    return sc


@scenario
def scalable_access_errors():
    sc = Scenario("scalable-access-errors",
                  "Scalable mode, access errors on every structure and paging level (mem_limit, D15)",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1, mem_limit=0x4000_0000)
    lim = 0x4000_0000
    sc.mem.write_entry(sc.root + 16 * 1, [lim | 1, (lim + 0x1000) | 1])   # bus 1 both halves
    b, c = sid(0, 2, 0), sid(0, 3, 0)
    d_b = sc.sm_device(b, pdts=0)
    sc.mem.write(d_b.ctx_addr, (sc.mem.read(d_b.ctx_addr) & ~bits(63, 12)) | lim + 0x2000)
    d = sc.sm_device(c, pdts=0)
    sc.mem.write(d.dir_entry_addr(64), pasid_dir_entry(lim + 0x3000))
    t_fs_top = d.fs(1, 1)
    t_fs_top.map(0x1000, 0x2000)
    sc.mem.write(d.pasid_entry_addr(1) + 16, (sc.mem.read(d.pasid_entry_addr(1) + 16)
                                              & ~bits(63, 12)) | (lim + 0x4000))
    t_fs = d.fs(2, 2)
    t_fs.map(0x1000, 0x2000)
    t_fs.replace(0x1000, 4, fs_entry(lim + 0x5000))
    t_ss_top = d.ss(3, 3)
    sc.mem.write(d.pasid_entry_addr(3), (sc.mem.read(d.pasid_entry_addr(3)) & ~bits(63, 12))
                 | (lim + 0x6000))
    t_ss = d.ss(4, 4)
    t_ss.map(0x1000, 0x2000)
    t_ss.replace(0x1000, 2, ss_entry(lim + 0x7000))
    sc.req(sid(1, 0, 0), 0x1000, note="lower context table beyond mem_limit",
           check=fault("SCT.1", None, None, 0, 2, True))
    sc.req(sid(1, 0x10, 0), 0x1000, pasid=1, note="upper context table beyond mem_limit",
           check=fault("SCT.1"))
    sc.req(b, 0x1000, note="PASID directory beyond mem_limit", check=fault("SPD.1", None, None, 0, 3, True))
    sc.req(c, 0x1000, pasid=64, note="PASID table beyond mem_limit", check=fault("SPT.1", None, None, 0, 4, True))
    sc.req(c, 0x1000, pasid=1, note="FSPTPTR beyond mem_limit", check=fault("SFS.4", 4, "first", 1, 4, True))
    sc.req(c, 0x1000, pasid=2, note="PML4E points beyond mem_limit", check=fault("SFS.1", 3, "first", 2, 4))
    sc.req(c, 0x1000, pasid=3, note="SSPTPTR beyond mem_limit", check=fault("SSS.4", 4, "second", 1, 4))
    sc.req(c, 0x1000, pasid=4, note="SL-PDE points beyond mem_limit", check=fault("SSS.1", 1, "second", 4, 4))
    return sc


@scenario
def scalable_context_faults():
    sc = Scenario("scalable-context-faults",
                  "Scalable-mode context entry: not present, reserved bits, PASIDE",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1)
    cases = []

    def dev(no, note, name, *, q=(0, 0, 0, 0), present=True, paside=True, rid_pasid=0,
            rid_priv=False, pasid=None, dec=(), acc="read"):
        s = sid(0, no, 0)
        d = sc.sm_device(s, pdts=0, present=present, paside=paside)
        d.fs(0, 1).map(0x1000, 0x8000_0000)
        d.fs(1, 2).map(0x1000, 0x8000_1000)
        a = d.ctx_addr
        for i, m in enumerate(q):
            sc.mem.set_bits(a + 8 * i, m)
        sc.mem.set_bits(a + 8, rid_pasid | (int(rid_priv) << 20))
        cases.append((s, note, name, pasid, dec, acc))

    dev(1, "healthy", None)
    dev(2, "P = 0", "SCT.2", present=False)
    dev(3, "P = 0 with reserved bits: not present first", "SCT.2", present=False,
        q=(bit(6), 0, bit(0), 0), dec=["D12"])
    dev(4, "bit 5 (reserved 8:5)", "SCT.3", q=(bit(5), 0, 0, 0))
    dev(5, "bit 8", "SCT.3", q=(bit(8), 0, 0, 0), acc="write")
    dev(6, "PASIDDIRPTR bit 48 (>= HAW)", "SCT.3", q=(bit(48), 0, 0, 0), dec=["D23"])
    dev(7, "bit 85 (reserved 127:85)", "SCT.3", q=(0, bit(21), 0, 0), pasid=1)
    dev(8, "bit 127", "SCT.3", q=(0, bit(63), 0, 0))
    dev(9, "bit 128 (reserved 255:128)", "SCT.3", q=(0, 0, bit(0), 0))
    dev(10, "bit 255", "SCT.3", q=(0, 0, 0, bit(63)), pasid=1)
    dev(11, "RID_PASID = 1 without ECAP.RPS: reserved", "SCT.3", rid_pasid=1, dec=["D5", "D6"])
    dev(12, "RID_PRIV = 1 without ECAP.RPRIVS: reserved", "SCT.3", rid_priv=True, dec=["D5"])
    dev(13, "PASIDE = 0, request with PASID", "SCT.6", paside=False, pasid=1)
    dev(14, "PASIDE = 0, request without PASID", None, paside=False)
    dev(15, "PASIDE = 0 and a reserved bit: reserved first", "SCT.3", paside=False,
        q=(0, 0, 0, bit(1)), pasid=1)
    for s, note, name, pasid, dec, acc in cases:
        hpa = 0x8000_0000 if pasid is None else 0x8000_1000
        chk = ok(hpa, walk=4) if name is None else fault(name, None, None, 0, 2)
        sc.req(s, 0x1000, acc, pasid=pasid, note=note, decisions=dec, check=chk)
    return sc


@scenario
def scalable_context_cap_fields():
    u = QEMU.variant("qemu-no-dt-prs-pasid", ecap={"DT": 0, "PRS": 0, "PASID": 0})
    sc = Scenario("scalable-context-cap-fields",
                  "Scalable-mode context entry: DTE, PRE, PASIDE are reserved without DT, PRS, PASID",
                  SEC_SCALABLE, u, ttm=1)
    for no, kw, note in ((1, {}, "all three clear: translated"),
                         (2, {"dte": True}, "DTE = 1 without ECAP.DT"),
                         (3, {"pre": True}, "PRE = 1 without ECAP.PRS"),
                         (4, {"paside": True}, "PASIDE = 1 without ECAP.PASID")):
        s = sid(0, no, 0)
        d = sc.sm_device(s, pdts=0, paside=kw.pop("paside", False), **kw)
        d.fs(0, 1).map(0x1000, 0x8000_0000)
        chk = ok(0x8000_0000) if no == 1 else fault("SCT.3", None, None, 0, 2, True)
        sc.req(s, 0x1000, note=note, decisions=["D5"], check=chk)
    return sc


@scenario
def scalable_pasid_limits():
    sc = Scenario("scalable-pasid-limits",
                  "Scalable mode, PASID limit from PDTS: 2^(PDTS+7) x 64 (D6); digest 12.3 indexing",
                  SEC_SCALABLE, QEMU, ttm=1)
    a, b, c, e = sid(0x3A, 0x1F, 5), sid(0x3A, 0x1F, 6), sid(0x3A, 1, 0), sid(0x3A, 2, 0)
    da = sc.sm_device(a, pdts=4)
    ta = da.ss(0x12345, 0x2A)
    ta.map(0x1000, 0x8000_0000, r=False)
    ta.map(0x2000, 0x8000_1000)
    assert da.ctx_addr == sc.ctx_tables[(0x3A, True)] + 0xFA0          # digest 12.3
    assert da.dir_entry_addr(0x12345) == da.dirptr + 0x2468
    assert da.pasid_entry_addr(0x12345) == da.tables[0x48D] + 0x140
    da.ss(0x1FFFF, 0x2B, table=ta)
    db = sc.sm_device(b, pdts=3)
    db.ss(0x12345 & 0xFFFF, 0x2C, table=ta)
    dc = sc.sm_device(c, pdts=0)
    dc.ss(0x1FFF, 0x2D, table=ta)
    de = sc.sm_device(e, pdts=7)
    de.ss(0xFFFFF, 0x2E, table=ta)
    sc.req(a, 0x2004, pasid=0x12345, note="digest 12.3: PASID 0x12345 with PDTS 4 (limit 0x20000)",
           check={**ok(0x8000_1004, PAGE, "rw-", 4, 4), "did": 0x2A})
    sc.req(a, 0x1010, pasid=0x12345, note="digest 12.5: read fault record of SID 0x3AFD, PASID 0x12345",
           tags=["perm-read-wo"], check={**fault("SGN.7", None, "second", 4, 4),
                                         "frcd": ["0x1000", "0xc123458680003afd"]})
    sc.req(a, 0x2004, pasid=0x1FFFF, note="last PASID below the PDTS 4 limit", check=ok(0x8000_1004))
    sc.req(a, 0x2004, pasid=0x20000, note="PDTS 4 limit", check=fault("SCT.7", None, None, 0, 2))
    sc.req(b, 0x2004, pasid=0x12345, note="digest 12.3: PDTS 3 (limit 0x10000) is too small",
           check=fault("SCT.7", None, None, 0, 2))
    sc.req(b, 0x2004, pasid=0xFFFF, note="PDTS 3: 0xFFFF is the last (no entry: SPD.2)",
           check=fault("SPD.2", None, None, 0, 3))
    sc.req(c, 0x2004, pasid=0x1FFF, note="PDTS 0: 0x1FFF is the last", check=ok(0x8000_1004))
    sc.req(c, 0x2004, pasid=0x2000, note="PDTS 0 limit 0x2000", check=fault("SCT.7"))
    sc.req(e, 0x2004, pasid=0xFFFFF, note="PDTS 7: the whole 20-bit space (PSS 19)",
           check=ok(0x8000_1004))
    return sc


@scenario
def scalable_pasid_pss():
    u = QEMU.variant("qemu-pss7", ecap={"PSS": 7})
    sc = Scenario("scalable-pasid-pss",
                  "Scalable mode, PASID above ECAP.PSS: SGN.10 (spec 5.10), PDTS limit: SCT.7",
                  [SEC_SCALABLE, SEC_FAULTS], u, ttm=1)
    a = sid(0x3B, 0, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.ss(0xFF, 0x2A)
    t.map(0x1000, 0x8000_0000)
    d.ss(0, 0x2B, table=t)
    sc.req(a, 0x1004, pasid=0xFF, note="PSS 7: 8-bit PASIDs, 0xFF is the last",
           check=ok(0x8000_0004, PAGE, "rw-", 4, 4))
    sc.req(a, 0x1004, pasid=0x100, note="PASID 0x100 above the 8-bit PSS width (PDTS 0 limit "
           "0x2000 not reached): SGN.10", check=fault("SGN.10", None, None, 0, 2, True))
    sc.req(a, 0x1004, pasid=0x2000, note="above both the PSS width and the PDTS "
           "limit: SGN.10 checked first (vtdlab order)", check=fault("SGN.10", None, None, 0, 2))
    sc.req(a, 0x1004, note="request without PASID (PASID 0)", check=ok(0x8000_0004))
    return sc


@scenario
def scalable_context_invalid():
    sc = Scenario("scalable-context-invalid",
                  "Scalable-mode context entry: invalid programming DTE = 0 with PRE = 1 (SCT.4, spec 5.10)",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1)
    for no, kw, note in ((1, {"dte": True, "pre": True}, "DTE = 1, PRE = 1: translated"),
                         (2, {"pre": True}, "DTE = 0, PRE = 1: SCT.4.1"),
                         (3, {"dte": True}, "DTE = 1, PRE = 0: translated")):
        s = sid(0x3C, no, 0)
        d = sc.sm_device(s, pdts=0, **kw)
        d.fs(0, 1).map(0x1000, 0x8000_0000)
        d.fs(1, 2).map(0x1000, 0x8000_1000)
        bad = no == 2
        sc.req(s, 0x1000, note=note, tags=["invalid-context"],
               check=fault("SCT.4", None, None, 0, 2, True) if bad else ok(0x8000_0000))
        sc.req(s, 0x1000, "write", pasid=1, note=note + " (request with PASID)",
               tags=["invalid-context"],
               check=fault("SCT.4", None, None, 0, 2) if bad else ok(0x8000_1000))
    return sc


@scenario
def scalable_pasid_dir_faults():
    sc = Scenario("scalable-pasid-dir-faults",
                  "Scalable-mode PASID directory entry: not present, reserved bits",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1)
    a = sid(0, 20, 0)
    d = sc.sm_device(a, pdts=0)
    for p in (1, 2 * 64, 3 * 64, 4 * 64, 5 * 64):
        d.fs(p, 1).map(0x1000, 0x8000_0000)
    sc.mem.write(d.dir_entry_addr(2 * 64), sc.mem.read(d.dir_entry_addr(2 * 64)) & ~1 | bit(5))
    sc.mem.set_bits(d.dir_entry_addr(3 * 64), bit(2))
    sc.mem.set_bits(d.dir_entry_addr(4 * 64), bit(11))
    sc.mem.set_bits(d.dir_entry_addr(5 * 64), bit(48))
    sc.req(a, 0x1000, pasid=1, note="healthy", check=ok(0x8000_0000))
    sc.req(a, 0x1000, pasid=64, note="directory entry 1 is zero", check=fault("SPD.2", None, None, 0, 3))
    sc.req(a, 0x1000, pasid=128, note="P = 0 with a reserved bit: not present first",
           decisions=["D12"], check=fault("SPD.2"))
    sc.req(a, 0x1000, pasid=192, note="bit 2 (reserved 11:2)", check=fault("SPD.3", None, None, 0, 3, True))
    sc.req(a, 0x1000, "write", pasid=256, note="bit 11", check=fault("SPD.3"))
    sc.req(a, 0x1000, pasid=320, note="SMPTBLPTR bit 48 (>= HAW)", decisions=["D23"], check=fault("SPD.3"))
    return sc


@scenario
def scalable_pasid_entry_faults():
    sc = Scenario("scalable-pasid-entry-faults",
                  "Scalable-mode PASID entry: not present, reserved bits, invalid programming",
                  [SEC_SCALABLE, SEC_FAULTS], QEMU, ttm=1)
    a = sid(0, 21, 0)
    d = sc.sm_device(a, pdts=0)
    t = PageTable(sc, "fs", 4)
    t.map(0x1000, 0x8000_0000)
    s4 = PageTable(sc, "ss", 4)
    s4.map(0x1000, 0x8000_1000)
    cases = []

    def pe(p, note, name, entry, *, q=None, dec=(), tags=(), acc="read"):
        d.set_pasid(p, entry)
        for i, m in (q or {}).items():
            sc.mem.set_bits(d.pasid_entry_addr(p) + 8 * i, m)
        cases.append((p, note, name, dec, tags, acc))

    fsq = dict(flptptr=t.root, sre=True)
    pe(1, "healthy first stage", None, pasid_entry(PGTT_FS, 1, **fsq))
    pe(2, "entry all zero", "SPT.2", [0] * 8)
    pe(3, "P = 0 with garbage: not present first", "SPT.2",
       pasid_entry(PGTT_FS, 1, present=False, **fsq), q={0: bit(10), 3: bit(0)}, dec=["D12"])
    pe(4, "bit 10 (reserved 11:10)", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq), q={0: bit(10)})
    pe(5, "bit 80 (reserved 86:80)", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq), q={1: bit(16)})
    pe(6, "bit 86", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq), q={1: bit(22)}, acc="write")
    pe(7, "bit 136 (reserved 139:136)", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq), q={2: bit(8)})
    pe(8, "bit 192 (qword 3 reserved)", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq), q={3: bit(0)})
    pe(9, "bit 511 (qword 7 reserved)", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq), q={7: bit(63)})
    pe(10, "FSPTPTR bit 48 (>= HAW) with PGTT 001b", "SPT.3", pasid_entry(PGTT_FS, 1, **fsq),
       q={2: bit(48)}, dec=["D23"])
    pe(11, "SSPTPTR bit 48 with PGTT 010b", "SPT.3",
       pasid_entry(PGTT_SS, 1, slptptr=s4.root, aw=2), q={0: bit(48)}, dec=["D23"])
    pe(12, "FSPTPTR bit 50 with PGTT 011b", "SPT.3",
       pasid_entry(PGTT_NESTED, 1, slptptr=s4.root, aw=2, flptptr=t.root), q={2: bit(50)},
       dec=["D23"])
    for p, pgtt in ((13, 0), (14, 5), (15, 6), (16, 7)):
        pe(p, f"PGTT {pgtt:03b}b", "SPT.4", pasid_entry(pgtt, 1, slptptr=s4.root, aw=2, **fsq),
           tags=["invalid-pgtt"])
    pe(17, "PGTT 010b, AW 011b not in SAGAW", "SPT.4", pasid_entry(PGTT_SS, 1, slptptr=s4.root, aw=3),
       tags=["invalid-aw"])
    pe(18, "PGTT 010b, AW 000b", "SPT.4", pasid_entry(PGTT_SS, 1, slptptr=s4.root, aw=0),
       tags=["invalid-aw"])
    pe(19, "PGTT 011b, AW 100b", "SPT.4",
       pasid_entry(PGTT_NESTED, 1, slptptr=s4.root, aw=4, flptptr=t.root), tags=["invalid-aw"])
    pe(20, "FSPM 01b (5-level) without CAP.FS5LP", "SPT.4", pasid_entry(PGTT_FS, 1, flpm=1, **fsq))
    pe(21, "FSPM 10b", "SPT.4", pasid_entry(PGTT_FS, 1, flpm=2, **fsq), acc="write")
    pe(22, "PGTT 011b, FSPM 11b", "SPT.4",
       pasid_entry(PGTT_NESTED, 1, slptptr=s4.root, aw=2, flptptr=t.root, flpm=3))
    pe(23, "reserved bit and PGTT 111b: reserved (.3) first", "SPT.3", pasid_entry(7, 1, **fsq),
       q={0: bit(11)}, dec=["D19"])
    pe(24, "healthy second stage", None, pasid_entry(PGTT_SS, 1, slptptr=s4.root, aw=2))
    for p, note, name, dec, tags, acc in cases:
        if name is None:
            chk = ok(0x8000_0000 if p == 1 else 0x8000_1000, walk=4)
        else:
            chk = fault(name, None, None, 0, 4)
        sc.req(a, 0x1000, acc, pasid=p, note=note, tags=tags, decisions=dec, check=chk)
    return sc


@scenario
def scalable_pasid_entry_cap_fields():
    sc = Scenario("scalable-pasid-entry-cap-fields",
                  "Scalable-mode PASID entry: fields reserved without their capability (QEMU unit, D5)",
                  SEC_SCALABLE, QEMU, ttm=1)
    a = sid(0, 22, 0)
    d = sc.sm_device(a, pdts=0)
    t = PageTable(sc, "fs", 4)
    t.map(0x1000, 0x8000_0000)
    s4 = PageTable(sc, "ss", 4)
    s4.map(0x1000, 0x8000_1000)
    fs = dict(flptptr=t.root, sre=True)
    cases = [
        ("SLEE without ECAP.ERS (PGTT 010b)", pasid_entry(PGTT_SS, 1, slptptr=s4.root, aw=2, slee=True), "SPT.3"),
        ("SLEE without ECAP.ERS (PGTT 001b: D5 applies to every PGTT)",
         pasid_entry(PGTT_FS, 1, slee=True, **fs), "SPT.3"),
        ("SLADE without ECAP.SSADS", pasid_entry(PGTT_SS, 1, slptptr=s4.root, aw=2, slade=True), "SPT.3"),
        ("PWSNP without ECAP.SMPWCS", pasid_entry(PGTT_FS, 1, pwsnp=True, **fs), "SPT.3"),
        ("PGSNP without ECAP.SC", pasid_entry(PGTT_FS, 1, pgsnp=True, **fs), "SPT.3"),
        ("ERE without ECAP.ERS", pasid_entry(PGTT_FS, 1, ere=True, **fs), "SPT.3"),
        ("SMEP without ECAP.ERS", pasid_entry(PGTT_FS, 1, smep=True, **fs), "SPT.3"),
        ("EAFE without ECAP.EAFS", pasid_entry(PGTT_FS, 1, eafe=True, **fs), "SPT.3"),
        ("NXE needs no capability", pasid_entry(PGTT_FS, 1, nxe=True, **fs), None),
        ("WPE needs no capability", pasid_entry(PGTT_FS, 1, wpe=True, **fs), None),
    ]
    p = 0
    for note, entry, name in cases:
        p += 1
        d.set_pasid(p, entry)
        hpa = 0x8000_1000 if entry[0] >> 6 & 7 == PGTT_SS else 0x8000_0000
        sc.req(a, 0x1000, pasid=p, note=note, decisions=["D5"],
               check=ok(hpa) if name is None else fault(name, None, None, 0, 4, True))
    for note, bitno in (("CD (bit 89) without ECAP.MTS", 25), ("EMTE (bit 90) without ECAP.MTS", 26),
                        ("PAT bit 96 without ECAP.MTS", 32), ("PAT bit 127 without ECAP.MTS", 63)):
        p += 1
        d.set_pasid(p, pasid_entry(PGTT_FS, 1, **fs))
        sc.mem.set_bits(d.pasid_entry_addr(p) + 8, bit(bitno))
        sc.req(a, 0x1000, pasid=p, note=note, decisions=["D5"], check=fault("SPT.3"))
    p += 1
    d.set_pasid(p, pasid_entry(PGTT_FS, 1, flptptr=t.root, sre=True))
    sc.req(a, 0x1000, "exec", pasid=p, note="execute request: ERE is 0 (it must be, ERS = 0)",
           tags=["perm-exec"], decisions=["D7"], check=fault("SPT.5", None, None, 0, 4))
    return sc


@scenario
def scalable_pasid_entry_no_srs():
    u = QEMU.variant("qemu-no-srs", ecap={"SRS": 0})
    sc = Scenario("scalable-pasid-entry-no-srs",
                  "Scalable mode, SRE without ECAP.SRS is reserved; supervisor requests fault SPT.6",
                  SEC_SCALABLE, u, ttm=1)
    a = sid(0, 23, 0)
    d = sc.sm_device(a, pdts=0)
    d.fs(1, 1, sre=True).map(0x1000, 0x8000_0000)
    d.fs(2, 2, sre=False).map(0x1000, 0x8000_1000)
    sc.req(a, 0x1000, pasid=1, note="SRE = 1 without ECAP.SRS", decisions=["D5"],
           check=fault("SPT.3", None, None, 0, 4))
    sc.req(a, 0x1000, pasid=2, priv=True, note="supervisor request, SRE = 0", decisions=["D7"],
           check=fault("SPT.6", None, None, 0, 4))
    sc.req(a, 0x1000, pasid=2, note="user request", check=ok(0x8000_1000))
    return sc


@scenario
def scalable_pasid_entry_did_width():
    u = SRV.variant("server-nd4", cap={"ND": 4})
    sc = Scenario("scalable-pasid-entry-did-width",
                  "Scalable-mode PASID entry: DID bits above the CAP.ND width are reserved (D18)",
                  SEC_SCALABLE, u, ttm=1)
    a = sid(0, 24, 0)
    d = sc.sm_device(a, pdts=0)
    d.fs(1, 0xFFF).map(0x1000, 0x8000_0000)
    d.fs(2, 0x1000).map(0x1000, 0x8000_1000)
    d.fs(3, 0x8001).map(0x1000, 0x8000_2000)
    sc.req(a, 0x1000, pasid=1, note="DID 0xFFF: largest 12-bit domain id (ND = 4)", decisions=["D18"],
           check={**ok(0x8000_0000), "did": 0xFFF})
    sc.req(a, 0x1000, pasid=2, note="DID 0x1000: bit 12 reserved", decisions=["D18"],
           check=fault("SPT.3", None, None, 0, 4))
    sc.req(a, 0x1000, "write", pasid=3, note="DID 0x8001: bit 15 reserved", decisions=["D18"],
           check=fault("SPT.3"))
    return sc


@scenario
def scalable_pgtt_unsupported_fs_nest_pt():
    u = QEMU.variant("qemu-ss-only", ecap={"FSTS": 0, "NEST": 0, "PT": 0})
    sc = Scenario("scalable-pgtt-unsupported-fs-nest-pt",
                  "Scalable mode, PGTT 001b/011b/100b on a unit without FSTS, NEST, PT",
                  SEC_SCALABLE, u, ttm=1)
    a = sid(0, 25, 0)
    d = sc.sm_device(a, pdts=0)
    s4 = d.ss(2, 2)
    s4.map(0x1000, 0x8000_0000)
    t = PageTable(sc, "fs", 4)
    t.map(0x1000, 0x8000_1000)
    d.set_pasid(1, pasid_entry(PGTT_FS, 1, flptptr=t.root, sre=True))
    d.set_pasid(3, pasid_entry(PGTT_NESTED, 3, flptptr=t.root, slptptr=s4.root, aw=2, sre=True))
    d.set_pasid(4, pasid_entry(PGTT_PT, 4, sre=True))
    for p, what in ((1, "first stage without FSTS"), (3, "nested without NEST"),
                    (4, "pass-through without PT")):
        sc.req(a, 0x1000, pasid=p, note=what, tags=["invalid-pgtt"], decisions=["D19"],
               check=fault("SPT.4", None, None, 0, 4))
    sc.req(a, 0x1000, pasid=2, note="second stage is supported", check=ok(0x8000_0000))
    return sc


@scenario
def scalable_pgtt_unsupported_ss():
    u = QEMU.variant("qemu-fs-only", ecap={"SSTS": 0, "NEST": 0})
    sc = Scenario("scalable-pgtt-unsupported-ss", "Scalable mode, PGTT 010b on a unit without SSTS",
                  SEC_SCALABLE, u, ttm=1)
    a = sid(0, 26, 0)
    d = sc.sm_device(a, pdts=0)
    s4 = PageTable(sc, "ss", 4)
    s4.map(0x1000, 0x8000_0000)
    d.set_pasid(2, pasid_entry(PGTT_SS, 2, slptptr=s4.root, aw=2))
    d.fs(1, 1).map(0x1000, 0x8000_1000)
    sc.req(a, 0x1000, pasid=2, note="second stage without SSTS", tags=["invalid-pgtt"],
           decisions=["D19"], check=fault("SPT.4", None, None, 0, 4))
    sc.req(a, 0x1000, pasid=1, note="first stage works", check=ok(0x8000_1000))
    return sc


# ============================================================================================
# Scalable mode: pass-through, FPD, ignored bits, widths, indexing, mixed PGTTs
# ============================================================================================

@scenario
def scalable_pass_through():
    sc = Scenario("scalable-pass-through", "Scalable mode, pass-through (PGTT 100b), QEMU unit",
                  [SEC_PT, SEC_SCALABLE], QEMU, ttm=1)
    a = sid(0, 27, 0)
    d = sc.sm_device(a, pdts=0)
    d.pt(0, 0x100)
    d.pt(1, 0x101, aw=7, slptptr=0xFFFF_0000_0000_0000, flptptr=0xFFFF_0000_0000_1000)
    sc.req(a, 0x1234_5678, note="RID_PASID 0 pass-through: output = input, 4 KiB, rw",
           check={**ok(0x1234_5678, PAGE, "rw-", 0, 4), "did": 0x100})
    sc.req(a, 0xFFFF_FFFF_FFFF, "write", pasid=1, note="2^48 - 1 = last host address (HAW 48)",
           check=ok(0xFFFF_FFFF_FFFF))
    sc.req(a, 0x1_0000_0000_0000, pasid=1, note="2^48: beyond HAW", decisions=["D9"],
           check=fault("SGN.4", None, None, 0, 4))
    sc.req(a, 0x2000, pasid=1, priv=True, note="pointers (bits >= HAW too) and AW are ignored",
           tags=["ignored-bits"], decisions=["D8"], check={**ok(0x2000), "did": 0x101})
    sc.req(a, 0x2000, "exec", pasid=1, note="execute with ERE = 0", tags=["perm-exec"],
           check=fault("SPT.5"))
    return sc


@scenario
def scalable_pass_through_server():
    sc = Scenario("scalable-pass-through-server",
                  "Scalable mode, pass-through on the server unit (HAW 52, ERE)",
                  [SEC_PT, SEC_SCALABLE], SRV, ttm=1)
    a = sid(0x20, 0, 0)
    d = sc.sm_device(a, pdts=0, rid_pasid=9)
    d.pt(9, 0x109)
    d.pt(10, 0x10A, ere=True)
    sc.req(a, 0xF_FFFF_FFFF_FFFF, "write", note="RID_PASID 9, 2^52 - 1", check=ok(0xF_FFFF_FFFF_FFFF, PAGE, "rw-"))
    sc.req(a, 0x10_0000_0000_0000, note="2^52 = HAW", decisions=["D9"], check=fault("SGN.4"))
    sc.req(a, 0x4000, "exec", pasid=10, note="ERE = 1: execute allowed, perm rwx",
           check=ok(0x4000, PAGE, "rwx"))
    sc.req(a, 0x4000, "exec", pasid=10, priv=True, note="supervisor execute", check=ok(0x4000, PAGE, "rwx"))
    sc.req(a, 0x4000, pasid=9, note="with PASID 9 (= RID_PASID): SCT.9 (spec 5.10)",
           check=fault("SCT.9", None, None, 0, 2))
    d.pt(11, 0x10B)
    sc.req(a, 0x4000, pasid=11, note="with PASID 11, ERE = 0: perm rw-",
           check=ok(0x4000, PAGE, "rw-"))
    return sc


@scenario
def scalable_fpd():
    sc = Scenario("scalable-fpd",
                  "Scalable mode, FPD in context, PASID-directory and PASID entries (D17)",
                  [SEC_FAULTS, SEC_SCALABLE], QEMU, ttm=1, mem_limit=0x4000_0000)
    lim = 0x4000_0000
    F = ["fpd"]
    # context FPD = 1
    a = sid(0, 1, 0)
    sc.sm_device(a, pdts=0, present=False, fpd=True)
    b = sid(0, 2, 0)
    db = sc.sm_device(b, pdts=0, fpd=True)
    sc.mem.set_bits(db.ctx_addr, bit(7))
    c = sid(0, 3, 0)
    dc = sc.sm_device(c, pdts=0, fpd=True, paside=False)
    dc.fs(0, 1).map(0x1000, 0x8000_0000)
    e = sid(0, 4, 0)
    de = sc.sm_device(e, pdts=0, fpd=True)
    t = de.fs(0, 1)
    t.map(0x1000, 0x8000_0000, rw=False)
    t.map(0x2000, 0xFEE0_0000)
    sc.mem.write(de.dir_entry_addr(64), pasid_dir_entry(lim))
    sc.req(a, 0x1000, note="context P = 0, FPD = 1", tags=F, check=fault("SCT.2", recorded=False))
    sc.req(b, 0x1000, note="context reserved bit, FPD = 1: qualified (spec 5.10 Table 30)",
           tags=F, check=fault("SCT.3", recorded=False))
    sc.req(c, 0x1000, pasid=1, note="PASIDE = 0, FPD = 1", tags=F, check=fault("SCT.6", recorded=False))
    sc.req(e, 0x1000, pasid=0x2000, note="PASID beyond PDTS, FPD = 1", tags=F,
           check=fault("SCT.7", recorded=False))
    sc.req(c, 0x1000, note="successful translation with FPD = 1", tags=F, check=ok(0x8000_0000))
    sc.req(e, 0x1000, "write", note="SGN.6 with context FPD = 1", tags=F, check=fault("SGN.6", recorded=False))
    sc.req(e, 0x2000, note="SGN.8 with context FPD = 1", tags=F, check=fault("SGN.8", recorded=False))
    sc.req(e, 0x1000, pasid=64, note="SPT.1 (access error) with context FPD = 1: not qualified",
           tags=F, check=fault("SPT.1", recorded=True))
    # PASID directory / PASID entry FPD on a context with FPD = 0
    f = sid(0, 5, 0)
    df = sc.sm_device(f, pdts=0)
    sc.mem.write(df.dir_entry_addr(64), 2)                       # P = 0, FPD = 1
    sc.mem.write(df.dir_entry_addr(128), pasid_dir_entry(sc.alloc.page(), fpd=True) | bit(3))
    tf = df.fs(1, 1, fpd=True)
    tf.map(0x1000, 0x8000_0000)
    df.set_pasid(2, [2, 0, 0, 0, 0, 0, 0, 0])                    # P = 0, FPD = 1
    df.fs(3, 3, fpd=True)
    sc.mem.set_bits(df.pasid_entry_addr(3) + 24, bit(5))         # reserved qword 3
    df.set_pasid(4, pasid_entry(6, 4, fpd=True))                 # PGTT 110b, FPD = 1
    tf5 = df.fs(5, 5)                                            # FPD = 0
    tf5.map(0x1000, 0x8000_0000)
    df.set_pasid(6, [0] * 8)                                     # P = 0, FPD = 0
    sc.req(f, 0x1000, pasid=64, note="PASID-directory entry P = 0, FPD = 1", tags=F,
           check=fault("SPD.2", recorded=False))
    sc.req(f, 0x1000, pasid=128, note="PASID-directory reserved bit, FPD = 1: qualified "
           "(spec 5.10 Table 30)", tags=F, check=fault("SPD.3", recorded=False))
    sc.req(f, 0x1000, pasid=2, note="PASID entry P = 0, FPD = 1", tags=F, check=fault("SPT.2", recorded=False))
    sc.req(f, 0x1000, pasid=6, note="PASID entry P = 0, FPD = 0", tags=F, check=fault("SPT.2", recorded=True))
    sc.req(f, 0x1000, pasid=3, note="PASID entry reserved bit, FPD = 1: qualified (spec 5.10 "
           "Table 30)", tags=F, check=fault("SPT.3", recorded=False))
    sc.req(f, 0x1000, pasid=4, note="invalid PGTT, FPD = 1", tags=F + ["invalid-pgtt"],
           check=fault("SPT.4", recorded=False))
    sc.req(f, 0x9000, pasid=1, note="first-stage PTE not present, PASID entry FPD = 1", tags=F,
           check=fault("SFS.2", recorded=False))
    sc.req(f, 0x9000, pasid=5, note="same fault through PASID 5 (FPD = 0 everywhere)", tags=F,
           check=fault("SFS.2", recorded=True))
    sc.req(f, 0x1000, "write", pasid=1, note="successful write with PASID entry FPD = 1", tags=F,
           check=ok(0x8000_0000))
    sc.req(sid(3, 0, 0), 0x1000, note="root entry not present: no FPD can apply", tags=F,
           check=fault("SRT.2", recorded=True))
    return sc


@scenario
def scalable_ignored_bits():
    sc = Scenario("scalable-ignored-bits",
                  "Scalable mode, ignored bits and unused fields must not fault (D4, D8, D10, D11, D24)",
                  [SEC_SCALABLE, SEC_FS, SEC_SS], QEMU, ttm=1)
    I = ["ignored-bits"]
    a = sid(0, 0x0E, 0)
    d = sc.sm_device(a, pdts=0)
    fs_ign = FS_XD | bits(62, 52) | bit(11) | bit(10) | bit(9) | bit(8) | bit(4) | bit(3)
    t1 = d.fs(1, 1)
    t1.map(0x1000, 0x8000_0000)
    for lv in (4, 3, 2, 1):
        t1.set(0x1000, lv, fs_ign)
    t1.set(0x1000, 1, bit(7))                 # PAT in a PTE
    for lv in (4, 3, 2):
        t1.set(0x1000, lv, bit(6))            # D is ignored in non-leaf entries
    t1.map(0x40_0000_0000, 0x1_0000_0000, SIZE_1G)
    t1.set(0x40_0000_0000, 3, fs_ign | bit(12))  # PAT of a 1 GiB leaf
    ss_ign = bits(6, 3) | bit(8) | bit(9) | bit(10) | bits(61, 52) | bit(63) | bit(2)
    t2 = d.ss(2, 2)
    t2.map(0x1000, 0x8100_0000)
    for lv in (4, 3, 2, 1):
        t2.set(0x1000, lv, ss_ign)
    t2.set(0x1000, 1, bit(7))                 # PS ignored in a PTE
    # unused PASID-entry fields (D8)
    t3 = PageTable(sc, "fs", 4)
    t3.map(0x1000, 0x8200_0000)
    d.set_pasid(3, pasid_entry(PGTT_FS, 3, flptptr=t3.root, sre=True, aw=0,
                               slptptr=0xFFFF_FFFF_FFFF_F000))
    s4 = PageTable(sc, "ss", 4)
    s4.map(0x1000, 0x8300_0000)
    d.set_pasid(4, pasid_entry(PGTT_SS, 4, slptptr=s4.root, aw=2, flptptr=0xFFFF_FFFF_FFFF_F000,
                               flpm=2, wpe=True, sre=True))
    d.set_pasid(5, pasid_entry(PGTT_PT, 5, aw=5, slptptr=0xFFFF_0000_0000_0000,
                               flptptr=0xFFFF_0000_0000_0000, sre=True))
    d.set_pasid(6, pasid_entry(PGTT_FS, 6, flptptr=t3.root, nxe=True, sre=True))
    # root entry: the unused half may hold anything (D4); devfn 0x80 on bus 0 has no upper table
    sc.mem.write(sc.root + 8, bits(11, 1) | bit(63))
    sc.req(a, 0x1234, pasid=1, note="FS: XD (NXE = 0), 62:52, 11:8, PWT/PCD at every level, D in "
           "non-leaf entries, PAT in the PTE", tags=I, decisions=["D11", "D24"],
           check=ok(0x8000_0234, PAGE, "rw-", 4, 4))
    sc.req(a, 0x40_1234_5678, "write", pasid=1, note="FS 1 GiB leaf with PAT (bit 12) and ignored bits",
           tags=I, decisions=["D24"], check=ok(0x1_1234_5678, SIZE_1G))
    sc.req(a, 0x1234, "write", pasid=2, note="SS: 6:3, 8, 9, 10, 61:52, 63, X (SLEE = 0) at every "
           "level, PS in the PTE", tags=I, decisions=["D10"], check=ok(0x8100_0234, PAGE, "rw-", 4, 4))
    sc.req(a, 0x1234, pasid=3, note="PGTT 001b: SSPTPTR (bits >= HAW too) and AW ignored", tags=I,
           decisions=["D8"], check=ok(0x8200_0234))
    sc.req(a, 0x1234, "write", pasid=4, priv=True, note="PGTT 010b: FSPTPTR, FSPM 10b and WPE ignored",
           tags=I, decisions=["D8"], check=ok(0x8300_0234))
    sc.req(a, 0x1234, pasid=5, note="PGTT 100b: pointers and AW ignored", tags=I, decisions=["D8"],
           check=ok(0x1234, PAGE, "rw-", 0, 4))
    sc.req(a, 0x1234, pasid=6, note="NXE = 1 without ECAP.ERS is legal (no capability needed)",
           tags=I, decisions=["D5"], check=ok(0x8200_0234))
    sc.req(sid(0, 0x10, 0), 0x1234, note="the garbage upper half is checked for devfn >= 0x80",
           check=fault("SRT.2"))
    return sc


@scenario
def scalable_width():
    sc = Scenario("scalable-width", "Scalable mode, input width and canonical checks (D16)",
                  [SEC_SCALABLE, SEC_FS, SEC_SS], QEMU, ttm=1)
    a = sid(0, 31, 0)
    d = sc.sm_device(a, pdts=0)
    t = d.fs(1, 1)
    t.map(0x7FFF_FFFF_F000, 0x8000_0000)
    t.map(0xFFFF_8000_0000_0000, 0x8000_1000)
    s = d.ss(2, 2)
    s.map(0xFFFF_FFFF_F000, 0x8100_0000)
    d.pt(3, 3)
    sc.req(a, 0x7FFF_FFFF_FFFF, pasid=1, note="FS: 2^47 - 1, last lower-half address",
           check=ok(0x8000_0FFF, PAGE, "rw-", 4, 4))
    sc.req(a, 0xFFFF_8000_0000_0000, "write", pasid=1, note="FS: first upper-half address",
           check=ok(0x8000_1000))
    sc.req(a, 0x8000_0000_0000, pasid=1, note="FS: 2^47 is not canonical", check=fault("SGN.1", None, None, 0, 4))
    sc.req(a, 0xFFFF_7FFF_FFFF_F000, pasid=1, note="FS: bit 47 clear, 63:48 set",
           check=fault("SGN.1"))
    sc.req(a, 0x1_0000_0000_0000, pasid=1, note="FS: bit 48 set", check=fault("SGN.1"))
    sc.req(a, 0xFFFF_FFFF_FFFF, pasid=2, note="SS AW 010b: 2^48 - 1", check=ok(0x8100_0FFF))
    sc.req(a, 0x1_0000_0000_0000, "write", pasid=2, note="SS: 2^48", decisions=["D16"],
           check=fault("SGN.5", None, None, 0, 4))
    sc.req(a, 0xFFFF_FFFF_FFFF_F000, pasid=2, note="SS: upper addresses have no meaning",
           decisions=["D16"], check=fault("SGN.5"))
    sc.req(a, 0x1_0000_0000_0000, pasid=3, note="pass-through: 2^48 = HAW", decisions=["D9"],
           check=fault("SGN.4"))
    return sc


@scenario
def scalable_width_mgaw():
    u = SRV.variant("server-mgaw48", cap={"MGAW": 47})
    sc = Scenario("scalable-width-mgaw",
                  "Scalable mode, MGAW 48 below the 57-bit AGAW: limits second-stage inputs only (D16)",
                  [SEC_SCALABLE, SEC_NESTED], u, ttm=1)
    a = sid(0x21, 0, 0)
    d = sc.sm_device(a, pdts=0)
    s = d.ss(1, 1, aw=3)
    s.map(0xFFFF_FFFF_F000, 0x8000_0000)
    t = d.fs(2, 2, levels=5)
    t.map(0x00F3_4567_89AB_C000, 0x8100_0000)
    fs, ss = d.nested(3, 3, fs_levels=4, aw=3)
    fs.map(0x1000, 0x1_0000_0000_0000)     # final GPA 2^48
    fs.map(0x2000, 0xFFFF_FFFF_F000)
    ss.map(0xFFFF_FFFF_F000, 0x8200_0000)
    sc.req(a, 0xFFFF_FFFF_FFFF, pasid=1, note="SS AW 011b, 2^48 - 1", check=ok(0x8000_0FFF, walk=5))
    sc.req(a, 0x1_0000_0000_0000, pasid=1, note="SS AW 011b (57 bits), MGAW 48: 2^48 faults",
           decisions=["D16"], check=fault("SGN.5", None, None, 0, 4))
    sc.req(a, 0x00F3_4567_89AB_CDEF, pasid=2, note="FS 5-level input beyond MGAW: allowed",
           decisions=["D16"], check=ok(0x8100_0DEF, walk=5))
    sc.req(a, 0x1010, pasid=3, note="nested: final GPA 2^48 >= 2^min(57, MGAW 48)",
           decisions=["D13", "D16"], check=fault("SFS.5", None, "first", 4 * 6, 4))
    sc.req(a, 0x2010, pasid=3, note="nested: final GPA 2^48 - 4096", check=ok(0x8200_0010, walk=29))
    return sc


@scenario
def scalable_devfn_halves():
    sc = Scenario("scalable-devfn-halves",
                  "Scalable mode, lower/upper context tables by devfn (digest 12.3)",
                  SEC_SCALABLE, QEMU, ttm=1)
    devs = [sid(0x3A, 0, 0), sid(0x3A, 0x0F, 7), sid(0x3A, 0x10, 0), sid(0x3A, 0x1F, 5),
            sid(0x3A, 0x1F, 7)]
    for i, s in enumerate(devs):
        d = sc.sm_device(s, pdts=0)
        d.fs(0, 0x30 + i).map(0x1000, 0x8000_0000 + 0x1000 * i)
        d.ss(1, 0x40 + i).map(0x1000, 0x9000_0000 + 0x1000 * i)
    assert sc.mem.read(sc.root + 0x3A0) & 1 and sc.mem.read(sc.root + 0x3A8) & 1
    for i, s in enumerate(devs):
        half = "upper" if s & 0x80 else "lower"
        sc.req(s, 0x1010, note=f"devfn 0x{s & 0xFF:02x}: {half} context table, index 0x{s & 0x7F:02x}",
               check={**ok(0x8000_0010 + 0x1000 * i, PAGE, "rw-", 4, 4), "did": 0x30 + i})
        sc.req(s, 0x1010, "write", pasid=1, note="with PASID 1", check={**ok(0x9000_0010 + 0x1000 * i),
                                                                        "did": 0x40 + i})
    return sc


@scenario
def scalable_multi_pasid():
    sc = Scenario("scalable-multi-pasid",
                  "Scalable mode, one device with a PASID per PGTT and RID_PASID (server unit)",
                  SEC_SCALABLE, SRV, ttm=1)
    a = sid(0x22, 3, 1)
    d = sc.sm_device(a, pdts=2, rid_pasid=0x4000, rid_priv=False)
    d.pt(0x4000, 0x400)
    d.fs(0x4001, 0x401, levels=5).map(0x7000, 0x1_0000_0000)
    d.fs(0x4002, 0x402, levels=4).map(0x7000, 0x1_0000_1000)
    d.ss(0x4003, 0x403, aw=1).map(0x7000, 0x1_0000_2000)
    d.ss(0x4004, 0x404, aw=2).map(0x7000, 0x1_0000_3000)
    d.ss(0x4005, 0x405, aw=3).map(0x7000, 0x1_0000_4000)
    fs, ss = d.nested(0x4006, 0x406, fs_levels=5, aw=2)
    fs.map(0x7000, 0x3000_0000)
    ss.map(0x3000_0000, 0x1_0000_5000)
    fs, ss = d.nested(0x4007, 0x407, fs_levels=4, aw=1)
    fs.map(0x7000, 0x3000_0000)
    ss.map(0x3000_0000, 0x1_0000_6000)
    sc.req(a, 0x7123, note="without PASID: RID_PASID 0x4000 is pass-through",
           check={**ok(0x7123, PAGE, "rw-", 0, 4), "did": 0x400})
    expect = [(0x4001, 0x1_0000_0123, 5), (0x4002, 0x1_0000_1123, 4), (0x4003, 0x1_0000_2123, 3),
              (0x4004, 0x1_0000_3123, 4), (0x4005, 0x1_0000_4123, 5), (0x4006, 0x1_0000_5123, 29),
              (0x4007, 0x1_0000_6123, 19)]
    for p, hpa, walk in expect:
        sc.req(a, 0x7123, "write", pasid=p, note=f"PASID 0x{p:x}",
               check={**ok(hpa, PAGE, "rw-", walk, 4), "did": p - 0x4000 + 0x400})
    return sc


# ============================================================================================
# Seeded random scenarios
# ============================================================================================

SIZES = (PAGE, PAGE, PAGE, SIZE_2M, SIZE_1G)


class _Regions:
    """Hands out distinct 1 GiB-aligned regions below 2^width (one leaf path each)."""

    def __init__(self, rng: random.Random, width: int, avoid=()):
        self.rng, self.width, self.used = rng, width, set(avoid)

    def take(self) -> int:
        while True:
            r = self.rng.randrange(1 << (self.width - 30))
            if r not in self.used:
                self.used.add(r)
                return r << 30


def _rand_page(rng, size, lo=0x1_0000_0000, hi=1 << 40):
    return rng.randrange(lo // size, hi // size) * size


def _rand_offset(rng, size):
    return rng.choice((0, size - 1, rng.randrange(size) & ~7, rng.randrange(size)))


def _corrupt(rng, t: PageTable, va: int, leaf_level: int, stage: str, haw: int):
    level = rng.randint(leaf_level, t.levels)
    if stage == "ss":
        ops = [("set", bit(62)), ("set", bit(7)), ("set", bit(11)), ("set", bit(rng.randint(52, 61))),
               ("set", bit(63)), ("set", bit(rng.randint(3, 6))), ("set", bit(rng.choice((8, 9, 10)))),
               ("set", bit(2)), ("clear", SS_R), ("clear", SS_W), ("clear", SS_R | SS_W),
               ("set", bit(rng.randint(12, 20)))]
    else:
        ops = [("set", bit(7)), ("set", FS_XD), ("set", bit(rng.randint(52, 62))),
               ("set", bit(rng.randint(8, 11))), ("clear", FS_P), ("clear", FS_RW), ("clear", FS_US),
               ("set", bit(rng.randint(12, 20))), ("set", bit(6))]
    if haw < 52:
        ops.append(("set", bit(rng.randint(haw, 51))))
    op, mask = rng.choice(ops)
    (t.set if op == "set" else t.clear)(va, level, mask)
    return "level-%d entry: %s 0x%x" % (level, op, mask)


def _random_requests(rng, sc, leaves, n, *, pasids=(None,), exec_ok=False, privs=(False,)):
    for i in range(n):
        s, va, size, what = rng.choice(leaves)
        pasid = rng.choice(pasids) if isinstance(pasids, tuple) else pasids(s)
        if rng.random() < 0.8:
            addr = va + _rand_offset(rng, size)
            note = "random: %s" % what
        else:
            addr = va + size * rng.choice((1, -1, 2)) + rng.randrange(PAGE)
            addr &= (1 << 64) - 1
            note = "random: neighbour of %s" % what
        accs = ["read", "write"] + (["exec"] if exec_ok and pasid is not None else [])
        acc = rng.choice(accs)
        priv = pasid is not None and rng.choice(privs)
        sc.req(s, addr, acc, pasid=pasid, priv=priv, note=note, tags=["random"])


@scenario
def random_legacy():
    rng = random.Random(0x5EED_0001)
    sc = Scenario("random-legacy", "Seeded random legacy-mode walks with random corruptions "
                  "(seed 0x5eed0001)", SEC_LEGACY, LEG5)
    leaves = []
    for k in range(5):
        s = sid(rng.randrange(256), rng.randrange(32), rng.randrange(8))
        while any(x[0] == s for x in leaves):
            s = sid(rng.randrange(256), rng.randrange(32), rng.randrange(8))
        if k == 4:
            sc.legacy_device(s, aw=3, did=k + 1, tt=2)
            for _ in range(3):
                leaves.append((s, _rand_page(rng, PAGE, 0, 1 << 47), PAGE, "pass-through"))
            continue
        aw = rng.choice((1, 2, 3))
        t = sc.legacy_device(s, aw=aw, did=k + 1)
        regions = _Regions(rng, 30 + 9 * aw)
        for _ in range(rng.randint(4, 7)):
            size = rng.choice(SIZES)
            va = regions.take() + (rng.randrange((1 << 30) // size) * size if size < SIZE_1G else 0)
            w, r = rng.random() < 0.85, rng.random() < 0.9
            t.map(va, _rand_page(rng, size, hi=1 << 46), size, r=r or not w, w=w)
            what = "%d-level, %s leaf" % (aw + 2, {PAGE: "4K", SIZE_2M: "2M", SIZE_1G: "1G"}[size])
            if rng.random() < 0.35:
                what += ", " + _corrupt(rng, t, va, {PAGE: 1, SIZE_2M: 2, SIZE_1G: 3}[size], "ss", 46)
            leaves.append((s, va, size, what))
    _random_requests(rng, sc, leaves, 40)
    return sc


def _random_scalable(name, title, unit, seed, kinds, n_req=48):
    rng = random.Random(seed)
    sc = Scenario(name, title + " (seed 0x%x)" % seed, SEC_SCALABLE, unit, ttm=1)
    ers = unit.e("ERS") == 1
    leaves = []
    pasid_of = {}
    for k in range(3):
        s = sid(rng.randrange(256), rng.randrange(32), rng.randrange(8))
        rid_pasid = rng.randrange(1, 64) if unit.e("RPS") else 0
        rid_priv = unit.e("RPRIVS") == 1 and rng.random() < 0.3
        d = sc.sm_device(s, pdts=1, rid_pasid=rid_pasid, rid_priv=rid_priv)
        plist = [rid_pasid] + rng.sample(range(64, 16384), 3)
        pasid_of[s] = plist
        for j, p in enumerate(plist):
            kind = rng.choice(kinds)
            did = 0x100 * (k + 1) + j
            pe = dict(sre=rng.random() < 0.8 and unit.e("SRS") == 1,
                      ere=ers and rng.random() < 0.5, wpe=rng.random() < 0.3)
            if ers:
                pe.update(nxe=rng.random() < 0.5, smep=rng.random() < 0.3)
            if kind == "pt":
                d.pt(p, did, **pe)
                for _ in range(2):
                    leaves.append((s, _rand_page(rng, PAGE, 0, 1 << unit.haw), PAGE, "pass-through", p))
                continue
            if kind == "fs":
                levels = rng.choice((4, 5)) if unit.c("FS5LP") else 4
                t = d.fs(p, did, levels=levels, **pe)
                width, tables = 47, [(t, "fs")]
            elif kind == "ss":
                aw = rng.choice([a for a in (1, 2, 3) if unit.aw_supported(a)])
                if ers:
                    pe["slee"] = rng.random() < 0.5
                t = d.ss(p, did, aw=aw, **pe)
                width, tables = 30 + 9 * aw, [(t, "ss")]
            else:
                levels = rng.choice((4, 5)) if unit.c("FS5LP") else 4
                aw = rng.choice([a for a in (1, 2, 3) if unit.aw_supported(a)])
                if ers:
                    pe["slee"] = rng.random() < 0.5
                t, ss = d.nested(p, did, fs_levels=levels, aw=aw, gpa_base=0x1000_0000, **pe)
                width, tables = 47, [(t, "fs"), (ss, "ss")]
                gregions = _Regions(rng, min(30 + 9 * aw, unit.mgaw), avoid={0})
            regions = _Regions(rng, width)
            for _ in range(rng.randint(3, 5)):
                size = rng.choice(SIZES if kind != "fs" or unit.c("FS1GP") else SIZES[:4])
                va = regions.take() + (rng.randrange((1 << 30) // size) * size if size < SIZE_1G else 0)
                if kind == "nested" and rng.random() < 0.5:
                    va |= ((1 << 64) - 1) << 47 & ((1 << 64) - 1)   # canonical upper half
                    va &= (1 << 64) - 1
                x = rng.random() < 0.7
                leaf = dict(rw=rng.random() < 0.8, us=rng.random() < 0.8, xd=rng.random() < 0.3) \
                    if kind != "ss" else dict(w=rng.random() < 0.8, x=x)
                what = "%s PASID 0x%x, %s leaf" % (kind, p, {PAGE: "4K", SIZE_2M: "2M", SIZE_1G: "1G"}[size])
                if kind == "nested":
                    g = gregions.take() + (rng.randrange((1 << 30) // size) * size if size < SIZE_1G else 0)
                    t.map(va, g, size, **leaf)
                    ss_size = rng.choice((PAGE, SIZE_2M, SIZE_1G))
                    ss.map(g & ~(ss_size - 1), _rand_page(rng, ss_size, hi=1 << 44), ss_size, x=x,
                           w=rng.random() < 0.85)
                    if x:
                        for lv in range(ss.levels, {PAGE: 1, SIZE_2M: 2, SIZE_1G: 3}[ss_size], -1):
                            ss.set(g, lv, SS_X)
                else:
                    t.map(va, _rand_page(rng, size, hi=1 << 44), size, **leaf)
                    if kind == "ss" and x:
                        for lv in range(t.levels, {PAGE: 1, SIZE_2M: 2, SIZE_1G: 3}[size], -1):
                            t.set(va, lv, SS_X)
                if rng.random() < 0.3:
                    ct, cst = rng.choice(tables)
                    cva = va if cst == "fs" or kind != "nested" else g
                    lvl = {PAGE: 1, SIZE_2M: 2, SIZE_1G: 3}[size] if ct is t else ct.levels
                    what += ", " + _corrupt(rng, ct, cva, lvl, cst, unit.haw)
                leaves.append((s, va, size, what, p))
        if rng.random() < 0.34:  # a random reserved bit in one PASID entry
            p = rng.choice(plist[1:])
            q, b = rng.choice(((0, 10), (1, 16), (2, 9), (4, rng.randrange(64))))
            sc.mem.set_bits(d.pasid_entry_addr(p) + 8 * q, bit(b))
    flat = [(s, va, size, what) for s, va, size, what, p in leaves]
    by_leaf = {(s, va): p for s, va, size, what, p in leaves}
    for i in range(n_req):
        s, va, size, what = rng.choice(flat)
        p = by_leaf[(s, va)]
        pasid = None if p == pasid_of[s][0] and rng.random() < 0.7 else p
        if rng.random() < 0.8:
            addr = va + _rand_offset(rng, size)
        else:
            addr = (va + size * rng.choice((1, -1)) + rng.randrange(PAGE)) & ((1 << 64) - 1)
        accs = ["read", "write"] + (["exec"] if pasid is not None and ers else [])
        acc = rng.choice(accs)
        priv = pasid is not None and rng.random() < 0.4
        if pasid is not None and pasid == pasid_of[s][0] and unit.e("RPS"):
            # spec 5.10 SCT.9: a request with PASID = RID_PASID faults; request the RID_PASID
            # leaves without PASID instead (the random stream is unchanged)
            pasid, priv, acc = None, False, "read" if acc == "exec" else acc
            tags = ["random", "spec-5.10"]
        else:
            tags = ["random"]
        sc.req(s, addr, acc, pasid=pasid, priv=priv, note="random: " + what, tags=tags)
    return sc


@scenario
def random_scalable_fs():
    return _random_scalable("random-scalable-fs", "Seeded random first-stage walks, QEMU unit",
                            QEMU, 0x5EED_0002, ("fs",))


@scenario
def random_scalable_ss():
    return _random_scalable("random-scalable-ss", "Seeded random second-stage walks, QEMU unit",
                            QEMU, 0x5EED_0003, ("ss",))


@scenario
def random_scalable_nested():
    return _random_scalable("random-scalable-nested", "Seeded random nested walks, server unit",
                            SRV, 0x5EED_0004, ("nested",))


@scenario
def random_scalable_mixed():
    return _random_scalable("random-scalable-mixed",
                            "Seeded random walks of every PGTT with execute and supervisor requests, "
                            "server unit", SRV, 0x5EED_0005, ("fs", "ss", "nested", "pt"), 64)


# ============================================================================================
# Output
# ============================================================================================

def _dump(obj, indent=0) -> str:
    """JSON with a fixed key order (insertion), lists of scalars and small objects inline."""
    pad, pad2 = "  " * indent, "  " * (indent + 1)
    compact = json.dumps(obj, separators=(", ", ": "))
    if not isinstance(obj, (dict, list)) or len(compact) + len(pad) <= 100 or _is_write(obj):
        return compact
    if isinstance(obj, dict):
        items = [pad2 + json.dumps(k) + ": " + _dump(v, indent + 1) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if all(not isinstance(v, (dict, list)) for v in obj):
        return compact
    return "[\n" + ",\n".join(pad2 + _dump(v, indent + 1) for v in obj) + "\n" + pad + "]"


def _is_write(obj) -> bool:
    return isinstance(obj, dict) and set(obj) == {"addr", "qwords"}


def render_all() -> dict[str, str]:
    selfcheck()
    files = {}
    for fn in SCENARIOS:
        data = fn().build()
        name = data["name"] + ".json"
        assert name not in files, name
        files[name] = _dump(data) + "\n"
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true",
                    help="fail if the files in --out differ from a fresh generation")
    args = ap.parse_args()
    files = render_all()
    if args.check:
        bad = []
        present = {f for f in os.listdir(args.out) if f.endswith(".json")} if os.path.isdir(args.out) else set()
        for name, text in files.items():
            path = os.path.join(args.out, name)
            if not os.path.exists(path) or open(path, encoding="utf-8").read() != text:
                bad.append(name)
        bad += sorted(present - set(files))
        if bad:
            print("out of date: " + ", ".join(bad))
            return 1
        print("%d files up to date" % len(files))
        return 0
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith(".json") and f not in files:
            os.remove(os.path.join(args.out, f))
    nreq = 0
    for name, text in sorted(files.items()):
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        nreq += len(json.loads(text)["requests"])
    print("wrote %d files, %d requests to %s" % (len(files), nreq, os.path.relpath(args.out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
