#!/usr/bin/env python3
"""Score agendex on the real-record gold set of tests/gold/extraction.

Usage:
    python3 tests/gold/score_real.py [--agendex BIN] [--shared DIR] [--rules DIR]
                                     [--keep DIR] [--json OUT] [--per-doc] [--errors]
                                     [--only GLOB] [--skip GLOB]

Each gold file names its text: `meta.source` "corpus-real/<file>" is read from the
shared folder (`--shared`, else $AGENDEX_SHARED, ../shared, ../../shared) and cut
to `meta.lines` ([first, last] or a list of such ranges, 1-based, inclusive); a
PDF source is read by `agendex pdf-worker` and cut to `meta.pages` (same form);
otherwise the text is `<doc>` beside the gold file (the records written for the
set). Every text is run through `agendex extract --json`; the prediction loses
its `segments` (segmentation is scored elsewhere), then

  * ../shared/gold-dev/score.py scores the categories (F1),
  * ../shared/gold-dev/score_roles.py the requester / addressee of the matched
    requests and the donor / recipient of the contributions (roles/), and
  * this script scores what those two do not: the owner ("whose") of each
    matched deadline, and the extension records (state + requested deadline).

The JSON written by --json holds {"categories": {...score.py...},
"roles": {...score_roles.py...}, "deadline_whose": {...}, "extensions": {...}}.
`--only` / `--skip` choose gold files by a glob on their name (e.g. `--only
'heldout_*'` for the held-out excerpts, annotated before any rule was written for
them). A gold file whose `meta.categories` lists the categories it annotates
(e.g. ["states", "organisations", "persons", "amounts", "dates"]) is scored on
those only: the prediction loses the others, so an excerpt annotated for names
and dates does not count every predicted request as a false alarm.

Exit 0 after printing, 2 when the shared folder or a tool is missing.
"""
import argparse
import fnmatch
import shutil
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = os.path.join(HERE, "extraction")
REPO = os.path.dirname(os.path.dirname(HERE))


def find_shared(explicit):
    cands = [explicit] if explicit else []
    if os.environ.get("AGENDEX_SHARED"):
        cands.append(os.environ["AGENDEX_SHARED"])
    cands += [os.path.join(REPO, "..", "shared"), os.path.join(REPO, "..", "..", "shared")]
    for c in cands:
        if c and os.path.isfile(os.path.join(c, "gold-dev", "score.py")):
            return os.path.abspath(c)
    return None


def pdf_pages(agendex, path, ranges):
    """agendex's own text of the PDF pages in `ranges` (1-based, inclusive), so a
    PDF excerpt scores PDF reading and extraction together."""
    run = subprocess.run([agendex, "pdf-worker", path], capture_output=True, text=True)
    res = json.loads(run.stdout) if run.returncode == 0 else {}
    if "Ok" not in res:
        raise RuntimeError(f"agendex pdf-worker failed on {path}: {run.stderr or res}")
    text, starts = res["Ok"]["text"].encode("utf-8"), res["Ok"]["page_starts"]
    ends = starts[1:] + [len(text)]
    n = len(starts)
    return "\n\n".join(text[starts[min(a, n) - 1]:ends[min(b, n) - 1]].decode("utf-8").strip()
                         for a, b in ranges) + "\n"


def text_of(gold, shared, agendex=None):
    meta = gold.get("meta") or {}
    src = meta.get("source") or ""
    if src.startswith("corpus-real/") and src.endswith(".pdf"):
        ranges = meta.get("pages") or [[1, 10 ** 6]]
        if ranges and isinstance(ranges[0], int):
            ranges = [ranges]
        return pdf_pages(agendex, os.path.join(shared, src), ranges)
    if src.startswith("corpus-real/"):
        with open(os.path.join(shared, src), encoding="utf-8") as f:
            lines = f.read().split("\n")
        ranges = meta.get("lines") or [1, len(lines)]
        if ranges and isinstance(ranges[0], int):
            ranges = [ranges]
        parts = ["\n".join(lines[a - 1:b]) for a, b in ranges]
        return "\n\n".join(parts) + "\n"
    with open(os.path.join(GOLD, gold["doc"]), encoding="utf-8") as f:
        return f.read()


def norm(s):
    return " ".join(re.findall(r"[a-z0-9]+", (s or "").lower()))


def same_owner(pred, gold):
    """Lenient: one names the other ("Serbia" / "Serbia's Article 5 deadline")."""
    p, g = norm(pred), norm(gold)
    if not p or not g:
        return False
    return p == g or f" {p} " in f" {g} " or f" {g} " in f" {p} "


def score_whose(golds, preds):
    """Among gold deadlines with a `whose`, matched to a predicted deadline of
    the same dates (one to one, in text order), the share whose owner is right."""
    n = right = found = 0
    misses = []
    for base, gd in golds:
        pd = preds.get(base) or {}
        pool = [d for d in pd.get("dates") or [] if d.get("is_deadline")]
        for g in gd.get("dates", []):
            if not g.get("is_deadline") or not g.get("whose") or g.get("optional"):
                continue
            n += 1
            hit = next((i for i, d in enumerate(pool)
                        if d.get("start") == g["start"] and (d.get("end") or d.get("start")) == g["end"]), None)
            if hit is None:
                continue
            found += 1
            d = pool.pop(hit)
            if same_owner(d.get("whose"), g["whose"]):
                right += 1
            else:
                misses.append(f"{base}: {g['text']!r} whose={d.get('whose')!r}, gold {g['whose']!r}")
    return {"gold": n, "found": found, "whose_right": right,
            "accuracy_among_found": (right / found) if found else 0.0, "errors": misses}


def score_extensions(golds, preds):
    """Extension records: a gold record is found when a predicted one names the
    same state (and the same requested deadline where the gold has one);
    status is then compared."""
    tp = fp = fn = status_ok = 0
    errors = []
    for base, gd in golds:
        g = list(gd.get("extensions") or [])
        p = list((preds.get(base) or {}).get("extensions") or [])
        used = set()
        for ge in g:
            hit = None
            for i, pe in enumerate(p):
                if i in used or norm(pe.get("state")) != norm(ge["state"]):
                    continue
                if ge.get("requested_deadline") and pe.get("requested_deadline") != ge["requested_deadline"]:
                    continue
                hit = i
                break
            if hit is None:
                fn += 1
                errors.append(f"{base}: missed {ge['state']} {ge.get('requested_deadline')}")
                continue
            used.add(hit)
            tp += 1
            if norm(p[hit].get("status")) == norm(ge.get("status")):
                status_ok += 1
        fp += len(p) - len(used)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "p": prec, "r": rec, "f1": f1,
            "status_right": status_ok, "errors": errors}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--agendex", default=os.path.join(REPO, "target", "debug", "agendex"))
    ap.add_argument("--shared")
    ap.add_argument("--rules", default=os.path.join(REPO, "rules"))
    ap.add_argument("--keep", help="write the texts and predictions here")
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--only", metavar="GLOB", help="score only the gold files whose name matches")
    ap.add_argument("--skip", metavar="GLOB", help="leave out the gold files whose name matches")
    args = ap.parse_args(argv)
    shared = find_shared(args.shared)
    if not shared:
        print("skipping: ../shared/gold-dev not found (or set AGENDEX_SHARED)", file=sys.stderr)
        return 2
    if not os.path.isfile(args.agendex):
        print(f"error: no agendex binary at {args.agendex}: run `cargo build` first", file=sys.stderr)
        return 2
    work = args.keep or tempfile.mkdtemp(prefix="agendex-gold-")
    texts, preds_dir = os.path.join(work, "texts"), os.path.join(work, "pred")
    os.makedirs(texts, exist_ok=True)
    os.makedirs(preds_dir, exist_ok=True)
    gold_dir = os.path.join(work, "gold")
    shutil.rmtree(gold_dir, ignore_errors=True)
    shutil.copytree(os.path.join(GOLD, "roles"), os.path.join(gold_dir, "roles"))
    golds, preds = [], {}
    for name in sorted(os.listdir(GOLD)):
        if not name.endswith(".json"):
            continue
        if args.only and not fnmatch.fnmatch(name, args.only):
            continue
        if args.skip and fnmatch.fnmatch(name, args.skip):
            continue
        shutil.copy(os.path.join(GOLD, name), gold_dir)
        with open(os.path.join(GOLD, name), encoding="utf-8") as f:
            gd = json.load(f)
        base = name[:-5]
        golds.append((base, gd))
        tpath = os.path.join(texts, base + ".txt")
        with open(tpath, "w", encoding="utf-8") as f:
            f.write(text_of(gd, shared, args.agendex))
        run = subprocess.run([args.agendex, "extract", "--json", "--rules", args.rules, tpath],
                             capture_output=True, text=True)
        if run.returncode != 0:
            print(f"error: agendex failed on {base}: {run.stderr}", file=sys.stderr)
            return 2
        pred = json.loads(run.stdout)
        pred.pop("segments", None)
        cats = (gd.get("meta") or {}).get("categories")
        if cats:
            for key in ["states", "organisations", "persons", "amounts", "dates", "requests",
                        "extensions", "contributions"]:
                if key not in cats:
                    pred.pop(key, None)
        pred["doc"] = gd["doc"]
        preds[base] = pred
        with open(os.path.join(preds_dir, base + ".json"), "w", encoding="utf-8") as f:
            json.dump(pred, f, ensure_ascii=False, indent=1)
    dev = os.path.join(shared, "gold-dev")
    cat_json, role_json = os.path.join(work, "cats.json"), os.path.join(work, "roles.json")
    extra = ["--per-doc"] if args.per_doc else []
    r1 = subprocess.run([sys.executable, os.path.join(dev, "score.py"), preds_dir, "--gold", gold_dir,
                         "--json", cat_json] + extra, capture_output=True, text=True)
    print(r1.stdout)
    r2 = subprocess.run([sys.executable, os.path.join(dev, "score_roles.py"), preds_dir, "--gold", gold_dir,
                         "--roles-dir", os.path.join(gold_dir, "roles"), "--json", role_json]
                        + extra + (["--errors"] if args.errors else []), capture_output=True, text=True)
    print(r2.stdout)
    if r1.returncode or r2.returncode:
        print(r1.stderr + r2.stderr, file=sys.stderr)
        return 2
    whose = score_whose(golds, preds)
    ext = score_extensions(golds, preds)
    print(f"deadline owner ('whose'): {whose['whose_right']}/{whose['found']} right among "
          f"{whose['found']} found of {whose['gold']} gold deadlines with an owner")
    print(f"extension records: P {ext['p']:.3f} R {ext['r']:.3f} F1 {ext['f1']:.3f} "
          f"(tp {ext['tp']} fp {ext['fp']} fn {ext['fn']}), status right {ext['status_right']}")
    if args.errors:
        for e in whose["errors"] + ext["errors"]:
            print("  " + e)
    with open(cat_json, encoding="utf-8") as f:
        cats = json.load(f)
    with open(role_json, encoding="utf-8") as f:
        roles = json.load(f)
    out = {"categories": cats.get("categories", {}), "roles": roles,
           "deadline_whose": whose, "extensions": ext}
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
