#!/usr/bin/env python3
"""Checks the vtd-scenario/1 files: format, self-consistency and coverage.

    python3 tools/vectors/check_coverage.py [DIR] [--markdown]

1. Format: every key of shared/spec/vectors-format.md with its type and conventions (hex
   strings, ids, bdf = sid, memory runs non-overlapping and below mem_limit, D3 request rules,
   the four expect shapes).
2. Self-consistency: each file is parsed back (unit, RTADDR, mem_limit, memory image) and every
   request is translated again by vtd_model.Translator; the expectation must match exactly.
3. Coverage: every fault name of decisions.md's "can raise" list, amended for spec rev 5.10
   (SPEC_510_RAISABLE, docs/spec-deviations.md), appears, none of its "never" list does; every PGTT, level count and nested combination translates at least once; every
   structure and paging level has a reserved-bit and a not-present case; the format's tags all
   appear.
Exit status 1 on any failure. --markdown prints the coverage tables for README.md.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from vtd_model import FAULT_CODES, Memory, Request, Translator, Unit, frcd  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DIR = os.path.join(REPO, "src", "test", "resources", "vectors")

def _decisions_candidates() -> list[str]:
    """shared/spec/decisions.md in the repository or any parent directory of it."""
    out, d = [], REPO
    while True:
        out.append(os.path.join(d, "shared", "spec", "decisions.md"))
        if os.path.dirname(d) == d:
            return out
        d = os.path.dirname(d)


DECISIONS_CANDIDATES = _decisions_candidates()

HEX = re.compile(r"^0x[0-9a-f]+$")
TOP_KEYS = ["format", "name", "title", "section", "unit", "rtaddr", "mem_limit", "memory",
            "requests"]
REQ_KEYS = ["id", "sid", "bdf", "pasid", "addr", "access", "privileged", "note", "tags", "expect"]
EXPECT_KEYS = {
    "ok": ["result", "hpa", "page_size", "perm", "did", "reads"],
    "fault": ["result", "code", "name", "level", "stage", "recorded", "frcd", "reads"],
    "interrupt": ["result"],
    "blocked": ["result"],
}
FORMAT_TAGS = (
    "legacy scalable with-pasid rid-pasid pgtt-fs pgtt-ss pgtt-nested pgtt-pt fs-4level fs-5level "
    "ss-3level ss-4level ss-5level pass-through page-4k page-2m page-1g not-present reserved width "
    "non-canonical pasid-limit access-error interrupt-range rights nested-ss-denies-fs-table "
    "fpd-suppressed interrupt blocked perm-write-ro perm-read-wo perm-user-supervisor perm-exec "
    "invalid-pgtt invalid-aw invalid-context large-page-unsupported nested-large "
    "large-page-both-stages ignored-bits fpd rtaddr-ttm random").split()
STRUCTURES = ["root", "context", "pasid-dir", "pasid-entry"]
NESTED = ["nested-4/4", "nested-5/5", "nested-4/5", "nested-5/4", "nested-4/3"]


class Checker:
    def __init__(self):
        self.errors: list[str] = []

    def err(self, where: str, msg: str) -> None:
        self.errors.append(f"{where}: {msg}")

    def hexval(self, where, v, what):
        if not isinstance(v, str) or not HEX.match(v):
            self.err(where, f"{what} is not a lowercase 0x hex string: {v!r}")
            return 0
        return int(v, 16)


def expand(spec: str) -> list[str]:
    """'LRT.1-3' -> LRT.1, LRT.2, LRT.3; 'SCT.6' -> SCT.6."""
    out = []
    for part in re.split(r",\s*", spec.strip().rstrip(".")):
        m = re.match(r"^([A-Z]{3})\.(\d+)(?:-(\d+))?$", part.strip())
        if m:
            lo, hi = int(m.group(2)), int(m.group(3) or m.group(2))
            out += [f"{m.group(1)}.{i}" for i in range(lo, hi + 1)]
    return out


# Spec rev 5.10 amendments to decisions.md's lists (docs/spec-deviations.md): RTA.4 abort-DMA
# mode, SCT.4 invalid context (DTE/PRE, RID_PASID beyond PDTS), SGN.5 second-stage-only input
# width, SGN.10 PASID above ECAP.PSS become raisable.
SPEC_510_RAISABLE = ["RTA.4", "SCT.4", "SGN.5", "SGN.10"]


def decision_lists(path: str | None = None) -> tuple[list[str], list[str]]:
    path = path or next((p for p in DECISIONS_CANDIDATES if os.path.exists(p)), None)
    if path is None:
        raise SystemExit("decisions.md not found")
    text = open(path, encoding="utf-8").read()
    sec = text[text.index("## Fault codes a translation can raise"):]
    body = sec.split("\n", 1)[1]
    can, never = body.split("Never:")
    never = never.split("(")[0]
    can, never = expand(can.replace("\n", " ")), expand(never.replace("\n", " "))
    can += [n for n in SPEC_510_RAISABLE if n not in can]
    return can, [n for n in never if n not in SPEC_510_RAISABLE]


def check_file(c: Checker, path: str, data: dict, stats) -> None:
    w = os.path.basename(path)
    if list(data) != TOP_KEYS:
        c.err(w, f"top-level keys {list(data)}")
        return
    if data["format"] != "vtd-scenario/1":
        c.err(w, "format")
    if data["name"] + ".json" != w:
        c.err(w, "name does not match the file name")
    if not data["section"].startswith("VT-d ") or "digest" not in data["section"]:
        c.err(w, "section must cite the VT-d spec and the digest")
    u = data["unit"]
    if list(u) != ["cap", "ecap", "haw", "options", "decoded"]:
        c.err(w, f"unit keys {list(u)}")
    unit = Unit(u["decoded"].get("preset", "?"), c.hexval(w, u["cap"], "cap"),
                c.hexval(w, u["ecap"], "ecap"), u["haw"],
                u["options"]["xd_reserved_without_nxe"])
    if unit.xd_reserved_without_nxe:
        c.err(w, "shipped scenarios use xd_reserved_without_nxe = false")
    rtaddr = c.hexval(w, data["rtaddr"], "rtaddr")
    limit = None if data["mem_limit"] is None else c.hexval(w, data["mem_limit"], "mem_limit")
    prev_end = -1
    for m in data["memory"]:
        a = c.hexval(w, m["addr"], "memory addr")
        qs = [c.hexval(w, q, "qword") for q in m["qwords"]]
        if a % 8 or a < prev_end or not qs or any(q == 0 for q in qs):
            c.err(w, f"memory write at {m['addr']}: unaligned, overlapping, empty or zero qword")
        if a == prev_end:
            c.err(w, f"memory write at {m['addr']} continues the previous run")
        prev_end = a + 8 * len(qs)
        if limit is not None and prev_end > limit:
            c.err(w, f"memory write at {m['addr']} reaches mem_limit")
    mem = Memory.from_image(data["memory"])
    tr = Translator(unit, rtaddr, limit, mem)
    stats["files"] += 1
    for i, r in enumerate(data["requests"]):
        where = f"{w} {r.get('id')}"
        if list(r) != REQ_KEYS:
            c.err(where, f"request keys {list(r)}")
            continue
        if r["id"] != f"r{i}":
            c.err(where, "ids must be r0, r1, ...")
        s = c.hexval(where, r["sid"], "sid")
        if r["bdf"] != "%02x:%02x.%x" % (s >> 8, (s >> 3) & 0x1F, s & 7):
            c.err(where, "bdf does not match sid")
        if r["pasid"] is None and (r["privileged"] or r["access"] == "exec"):
            c.err(where, "privileged/exec request without PASID (D3)")
        if r["pasid"] is not None and not 0 <= r["pasid"] < (1 << 20):
            c.err(where, "PASID out of range")
        if r["access"] not in ("read", "write", "exec") or not r["note"]:
            c.err(where, "access or note")
        e = r["expect"]
        if list(e) != EXPECT_KEYS.get(e.get("result"), []):
            c.err(where, f"expect keys {list(e)}")
            continue
        req = Request(s, c.hexval(where, r["addr"], "addr"), r["access"], r["pasid"], r["privileged"])
        again, auto, dec = tr.translate(req)
        if again != e:
            c.err(where, f"re-translation differs: {again} != {e}")
        missing = (auto | {"decision:" + d for d in dec}) - set(r["tags"])
        if missing:
            c.err(where, f"automatic tags missing: {sorted(missing)}")
        if e["result"] == "fault":
            if FAULT_CODES.get(e["name"]) != int(e["code"], 16):
                c.err(where, "code does not match name")
            want = frcd(s, req.addr, int(e["code"], 16), r["access"], r["pasid"], r["privileged"],
                        tr.unit.fi_width)
            if [int(x, 16) for x in e["frcd"]] != want:
                c.err(where, "frcd")
        stats["requests"] += 1
        stats["results"][e["result"]] += 1
        for t in r["tags"]:
            stats["tags"][t].add(w)
            stats["tag_requests"][t] += 1
        if e["result"] == "fault":
            stats["faults"][e["name"]].add(w)
        mode = "legacy" if "legacy" in r["tags"] else "scalable"
        for t in r["tags"]:
            if t.startswith(("reserved:", "not-present:")):
                stats["where"][(t, mode)].add(w)
            if e["result"] == "ok" and (t.startswith(("pgtt-", "fs-", "ss-", "nested-", "page-"))
                                        or t == "pass-through"):
                stats["ok_tags"][(t, mode)].add(w)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=DEFAULT_DIR)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--decisions", help="path of decisions.md (default: shared/spec/ above the repo)")
    args = ap.parse_args()
    c = Checker()
    stats = {"files": 0, "requests": 0, "results": collections.Counter(),
             "tags": collections.defaultdict(set), "tag_requests": collections.Counter(),
             "faults": collections.defaultdict(set), "where": collections.defaultdict(set),
             "ok_tags": collections.defaultdict(set)}
    files = sorted(f for f in os.listdir(args.dir) if f.endswith(".json"))
    for f in files:
        path = os.path.join(args.dir, f)
        with open(path, encoding="utf-8") as fh:
            check_file(c, path, json.load(fh), stats)

    can, never = decision_lists(args.decisions)
    missing = [n for n in can if n not in stats["faults"]]
    forbidden = [n for n in never if n in stats["faults"]]
    unexpected = [n for n in stats["faults"] if n not in can]
    for n in missing:
        c.err("coverage", f"fault {n} (decisions.md can raise) never expected")
    for n in forbidden + unexpected:
        c.err("coverage", f"fault {n} is not raisable under the decisions")
    need_ok = [("pgtt-" + p, "scalable") for p in ("fs", "ss", "nested", "pt")]
    need_ok += [(t, "scalable") for t in ("fs-4level", "fs-5level", "ss-3level", "ss-4level",
                                          "ss-5level", *NESTED)]
    need_ok += [(t, "legacy") for t in ("ss-3level", "ss-4level", "ss-5level", "pass-through")]
    need_ok += [(p, m) for p in ("page-4k", "page-2m", "page-1g") for m in ("legacy", "scalable")]
    for t in need_ok:
        if not stats["ok_tags"].get(t):
            c.err("coverage", f"no successful translation tagged {t[0]} in {t[1]} mode")
    need_where = [(f"{k}:{s}", m) for k in ("reserved", "not-present") for s in ("root", "context")
                  for m in ("legacy", "scalable")]
    need_where += [(f"{k}:{s}", "scalable") for k in ("reserved", "not-present")
                   for s in ("pasid-dir", "pasid-entry")]
    need_where += [(f"{k}:fs-L{lv}", "scalable") for k in ("reserved", "not-present")
                   for lv in range(1, 6)]
    need_where += [(f"{k}:ss-L{lv}", m) for k in ("reserved", "not-present") for lv in range(1, 6)
                   for m in ("legacy", "scalable")]
    for t in need_where:
        if not stats["where"].get(t):
            c.err("coverage", f"no {t[0]} case in {t[1]} mode")
    for t in FORMAT_TAGS:
        if not stats["tags"].get(t):
            c.err("coverage", f"tag {t} never used")

    print(f"{stats['files']} files, {stats['requests']} requests: "
          + ", ".join(f"{n} {k}" for k, n in sorted(stats["results"].items())))
    print(f"fault names expected: {len(stats['faults'])} of {len(can)} raisable "
          f"(decisions.md + spec 5.10); never-raised list respected: {not forbidden}")
    decs = sorted({t for t in stats["tags"] if t.startswith("decision:")},
                  key=lambda t: int(t[10:]))
    print("decision tags: " + " ".join(d[9:] for d in decs))
    if args.markdown:
        print_markdown(stats, can)
    else:
        print("faults: " + ", ".join(f"{n} ({len(stats['faults'][n])})" for n in can))
        struct = sorted(k for k in stats["where"])
        print("reserved/not-present cases: " + ", ".join(f"{t}/{m}" for t, m in struct))
        print("successful translations: " + ", ".join(f"{t}/{m}" for t, m in sorted(stats["ok_tags"])))
    if c.errors:
        print("\n".join("ERROR " + e for e in c.errors))
        print(f"{len(c.errors)} error(s)")
        return 1
    print("OK: format, self-consistency and coverage checks passed")
    return 0


def print_markdown(stats, can) -> None:
    print("\n### Fault names (decisions.md 'can raise' list + spec 5.10) and the files that expect them\n")
    print("| fault | code | files |\n|---|---|---|")
    for n in can:
        fl = sorted(f[:-5] for f in stats["faults"][n])
        print(f"| {n} | 0x{FAULT_CODES[n]:02x} | {', '.join(fl)} |")
    print("\n### Tags: requests and files\n")
    print("| tag | requests | files |\n|---|---|---|")
    for t in sorted((t for t in stats["tags"] if not t.startswith("fault:")), key=lambda t: (t.startswith("decision:"),
                                                 int(t[10:]) if t.startswith("decision:") else 0, t)):
        fl = sorted(f[:-5] for f in stats["tags"][t])
        shown = ", ".join(fl) if len(fl) <= 6 else ", ".join(fl[:6]) + f", ... ({len(fl)} files)"
        print(f"| {t} | {stats['tag_requests'][t]} | {shown} |")


if __name__ == "__main__":
    sys.exit(main())
