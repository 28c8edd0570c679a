#!/usr/bin/env python3
"""Compare two gold files of the same story (first annotator = reference,
second annotator = system). Standard library only.

Usage: python examples/annotator_agreement.py [STORY_DIR ...]
Reference: STORY_DIR/gold.toml (first annotator); system: STORY_DIR/gold.annotator2.toml
(a second annotator who annotated the texts without seeing the first one's file).
Defaults to the two stories annotated twice: corpus/blind_charges, corpus/blind_ruling.

Items are located in their document (NFC, \\r\\n -> \\n) and matched one-to-one
by character-span overlap within the same document (greedy, largest overlap
first). Claim spans are first widened to the sentence(s) they touch (a simple
abbreviation-aware segmenter), so two different substrings of one sentence
count as the same unit.
"""
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ABBREV = {"u.s", "sen", "gov", "rep", "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar",
          "apr", "aug", "sept", "sep", "oct", "nov", "dec", "inc", "jr", "no", "vs", "a.m", "p.m"}


def norm(t):
    return unicodedata.normalize("NFC", t.replace("\r\n", "\n"))


def sentences(text):
    """Return list of (start, end) sentence spans."""
    cuts = set()
    for m in re.finditer(r"\n", text):
        cuts.add(m.end())
    for m in re.finditer(r"[.!?…][\"”’)\]]*(?=\s+[\"“‘(•A-Z0-9])", text):
        before = text[:m.start()]
        word = re.search(r"([A-Za-z.]+)$", before)
        w = word.group(1).lower().rstrip(".") if word else ""
        if w in ABBREV or (len(w) == 1 and w.isalpha()):
            continue
        cuts.add(m.end())
    bounds = sorted({0, len(text)} | cuts)
    spans = []
    for a, b in zip(bounds, bounds[1:]):
        seg = text[a:b]
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            spans.append((a + lead, a + len(seg.rstrip())))
    return spans


def locate(text, needle):
    n = norm(needle)
    i = text.find(n)
    if i < 0:
        raise ValueError(f"not found: {needle[:60]!r}")
    return i, i + len(n)


def load(path, story_dir):
    gold = tomllib.loads(path.read_text(encoding="utf-8"))
    docs = {}

    def doc(name):
        if name not in docs:
            docs[name] = norm((story_dir / name).read_text(encoding="utf-8"))
        return docs[name]

    out = {"document": {d["file"]: d for d in gold.get("document", [])}}
    for kind in ("quote", "claim", "number"):
        items = []
        for it in gold.get(kind, []):
            t = doc(it["file"])
            s, e = locate(t, it["text"])
            if kind == "claim":
                sents = [sp for sp in sentences(t) if sp[0] < e and s < sp[1]]
                if sents:
                    s, e = min(s, sents[0][0]), max(e, sents[-1][1])
            items.append(dict(it, span=(s, e)))
        out[kind] = items
    bl = set()
    for it in gold.get("boilerplate", []):
        lines = doc(it["file"]).split("\n")
        for i, l in enumerate(lines):
            if l.strip() == it["line"].strip():
                bl.add((it["file"], i))
    out["boilerplate"] = bl
    return out


def match(ref, sys_):
    """Greedy one-to-one matching by overlap length within the same file."""
    cands = []
    for i, r in enumerate(ref):
        for j, s in enumerate(sys_):
            if r["file"] != s["file"]:
                continue
            ov = min(r["span"][1], s["span"][1]) - max(r["span"][0], s["span"][0])
            if ov > 0:
                cands.append((ov, i, j))
    cands.sort(reverse=True)
    used_r, used_s, pairs = set(), set(), []
    for ov, i, j in cands:
        if i in used_r or j in used_s:
            continue
        used_r.add(i); used_s.add(j); pairs.append((i, j))
    return pairs, [i for i in range(len(ref)) if i not in used_r], [j for j in range(len(sys_)) if j not in used_s]


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    return p, r, f


def kappa(pairs):
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / n / n
    return (po - pe) / (1 - pe) if pe < 1 else None


def last(name):
    toks = re.findall(r"[\w'-]+", (name or "").lower())
    return toks[-1] if toks else ""


def compare(story, C):
    sdir = Path(story) if Path(story).is_dir() else ROOT / "corpus" / story
    R = load(sdir / "gold.toml", sdir)
    S = load(sdir / "gold.annotator2.toml", sdir)
    # documents
    for f, d in R["document"].items():
        s = S["document"].get(f, {})
        for key in ("same_event", "paywall"):
            C[f"doc_{key}_n"] += 1
            C[f"doc_{key}_agree"] += int(s.get(key) == d.get(key))
            if s.get(key) != d.get(key):
                C["disagreements"].append(f"{story}/{f}: {key} ref={d.get(key)} sys={s.get(key)}")
    # boilerplate
    C["bl_tp"] += len(R["boilerplate"] & S["boilerplate"])
    C["bl_fp"] += len(S["boilerplate"] - R["boilerplate"])
    C["bl_fn"] += len(R["boilerplate"] - S["boilerplate"])
    # quotes
    pairs, ur, us = match(R["quote"], S["quote"])
    C["q_tp"] += len(pairs); C["q_fn"] += len(ur); C["q_fp"] += len(us)
    for i, j in pairs:
        r, s = R["quote"][i], S["quote"][j]
        if r.get("label") and s.get("label"):
            C["q_lab_n"] += 1
            C["q_lab_ok"] += r["label"] == s["label"]
            if r["label"] != s["label"]:
                C["disagreements"].append(f"{story}/{r['file']} quote label ref={r['label']} sys={s['label']}: {r['text'][:50]!r}")
        C["q_spk_n"] += 1
        ok = last(r.get("speaker")) == last(s.get("speaker"))
        C["q_spk_ok"] += ok
        if not ok:
            C["disagreements"].append(f"{story}/{r['file']} quote speaker ref={r.get('speaker')!r} sys={s.get('speaker')!r}")
    for i in ur:
        C["disagreements"].append(f"{story}/{R['quote'][i]['file']} quote only in ref: {R['quote'][i]['text'][:50]!r}")
    for j in us:
        C["disagreements"].append(f"{story}/{S['quote'][j]['file']} quote only in sys: {S['quote'][j]['text'][:50]!r}")
    # claims
    NS = {"added", "contradicted"}
    pairs, ur, us = match(R["claim"], S["claim"])
    units = [(R["claim"][i]["label"], S["claim"][j]["label"], R["claim"][i]) for i, j in pairs]
    units += [(R["claim"][i]["label"], "supported", R["claim"][i]) for i in ur]
    units += [("supported", S["claim"][j]["label"], S["claim"][j]) for j in us]
    for a, b, it in units:
        for lab in ("added", "contradicted"):
            C[f"c_{lab}_tp"] += a == lab and b == lab
            C[f"c_{lab}_fp"] += a != lab and b == lab
            C[f"c_{lab}_fn"] += a == lab and b != lab
        C["c_ns_tp"] += a in NS and b in NS
        C["c_ns_fp"] += a not in NS and b in NS
        C["c_ns_fn"] += a in NS and b not in NS
        C["kappa_pairs"].append((a, b))
        if a != b:
            C["disagreements"].append(f"{story}/{it['file']} claim ref={a} sys={b}: {it['text'][:60]!r}")
    # numbers
    pairs, ur, us = match(R["number"], S["number"])
    NM = {"rounded", "mismatch", "unsourced"}
    for i, j in pairs:
        a, b = R["number"][i]["label"], S["number"][j]["label"]
        C["n_tp"] += a in NM and b in NM
        C["n_fp"] += a not in NM and b in NM
        C["n_fn"] += a in NM and b not in NM
        C["n_lab_n"] += 1; C["n_lab_ok"] += a == b
        if a != b:
            C["disagreements"].append(f"{story}/{R['number'][i]['file']} number ref={a} sys={b}: {R['number'][i]['text'][:40]!r}")
    for i in ur:
        C["n_fn"] += R["number"][i]["label"] in NM
        C["disagreements"].append(f"{story}/{R['number'][i]['file']} number only in ref ({R['number'][i]['label']}): {R['number'][i]['text'][:40]!r}")
    for j in us:
        C["n_fp"] += S["number"][j]["label"] in NM
        C["disagreements"].append(f"{story}/{S['number'][j]['file']} number only in sys ({S['number'][j]['label']}): {S['number'][j]['text'][:40]!r}")


def fmt(x):
    return "  -  " if x is None else f"{x:5.2f}"


def report(name, C):
    rows = []
    p, r, f = prf(C["c_added_tp"], C["c_added_fp"], C["c_added_fn"]); rows.append(("claims added P/R/F1", p, r, f))
    p, r, f = prf(C["c_contradicted_tp"], C["c_contradicted_fp"], C["c_contradicted_fn"]); rows.append(("claims contradicted P/R/F1", p, r, f))
    p, r, f = prf(C["c_ns_tp"], C["c_ns_fp"], C["c_ns_fn"]); rows.append(("claims not-supported P/R/F1", p, r, f))
    p, r, f = prf(C["n_tp"], C["n_fp"], C["n_fn"]); rows.append(("numbers not-match P/R/F1", p, r, f))
    p, r, f = prf(C["q_tp"], C["q_fp"], C["q_fn"]); rows.append(("quotes extraction P/R/F1", p, r, f))
    p, r, f = prf(C["bl_tp"], C["bl_fp"], C["bl_fn"]); rows.append(("boilerplate lines P/R/F1", p, r, f))
    print(f"\n== {name}")
    for lab, p, r, f in rows:
        print(f"  {lab:32s} {fmt(p)} {fmt(r)} {fmt(f)}")
    acc = lambda ok, n: (f"{C[ok] / C[n]:.2f} ({C[ok]}/{C[n]})" if C[n] else "-")
    print(f"  {'numbers label acc (both listed)':32s} {acc('n_lab_ok', 'n_lab_n')}")
    print(f"  {'quotes label acc (matched)':32s} {acc('q_lab_ok', 'q_lab_n')}")
    print(f"  {'quotes speaker acc (matched)':32s} {acc('q_spk_ok', 'q_spk_n')}")
    print(f"  {'documents same_event agreement':32s} {acc('doc_same_event_agree', 'doc_same_event_n')}")
    print(f"  {'documents paywall agreement':32s} {acc('doc_paywall_agree', 'doc_paywall_n')}")
    k = kappa(C["kappa_pairs"])
    print(f"  {'claim kappa (units either listed)':32s} {fmt(k)} over {len(C['kappa_pairs'])} units")


def main(stories):
    pooled = Counter(); pooled["kappa_pairs"] = []; pooled["disagreements"] = []
    for st in stories:
        C = Counter(); C["kappa_pairs"] = []; C["disagreements"] = []
        compare(st, C)
        report(st, C)
        for k, v in C.items():
            pooled[k] = pooled[k] + v if k in pooled else v
    if len(stories) > 1:
        report("pooled", pooled)
    print("\n-- disagreements")
    for d in pooled["disagreements"]:
        print("  " + d)


if __name__ == "__main__":
    main(sys.argv[1:] or ["blind_charges", "blind_ruling"])
