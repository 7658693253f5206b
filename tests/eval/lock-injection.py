#!/usr/bin/env python3
"""lock-injection.py -- recall of devlife-lock-across-barrier on injected bugs.

Takes real Linux 6.12 code and makes the bug the rule is for: an existing
cancel_work_sync / flush_work / cancel_delayed_work_sync / flush_delayed_work /
synchronize_irq / free_irq / del_timer_sync / timer_delete_sync call is moved
inside a lock that its callback takes. In a copy of the file (beside the
original, so its includes still resolve), a fresh lock is declared, the
callback the barrier waits for takes it at its start, and the barrier line is
wrapped in it. Nothing else changes; the declaration is the one line added,
after the includes. devlife must then report the barrier line.

Which barrier waits for which callback is read from the program facts of an
earlier audit (`devlife audit --program-facts FILE`), but only the simple,
unambiguous pairs are used: the barrier's object and the binding's object
are the same class (or a field path of it), the callback is defined in the
same file, and the barrier stands alone on its line. A copy that does not
parse is counted apart ("not injected"), not as a miss. Copies of one file go to
separate audits: two would define its exported functions twice.

Numbers, not a test:  lock-injection.py --ksrc DIR --facts FILE [--devlife BIN]
                      [--sample N] [--seed S] [--jobs J] [--keep]
"""
import argparse, json, os, random, re, shlex, shutil, subprocess, sys, tempfile

KINDS = {  # barrier api -> the lock the callback may take in its context
    "cancel_work_sync": "mutex", "flush_work": "mutex",
    "cancel_delayed_work_sync": "mutex", "flush_delayed_work": "mutex",
    "synchronize_irq": "spin", "free_irq": "spin",
    "del_timer_sync": "spin", "timer_delete_sync": "spin",
}
LOCKS = {
    "mutex": ("static DEFINE_MUTEX(devlife_inj_lock);",
              "mutex_lock(&devlife_inj_lock);", "mutex_unlock(&devlife_inj_lock);"),
    "spin": ("static DEFINE_SPINLOCK(devlife_inj_lock);",
             "spin_lock(&devlife_inj_lock);", "spin_unlock(&devlife_inj_lock);"),
}


def same_object(a, b):
    if len(a) > len(b):
        a, b = b, a
    return b.startswith(a) and (len(b) == len(a) or b[len(a)] == ".")


def candidates(facts):
    """(file, barrier line, api, callback definition line) pairs."""
    out = []
    for tu in facts["tus"]:
        prog = tu.get("program")
        if not prog:
            continue
        fns = {f["key"]: f for f in prog["functions"]}
        for f in prog["functions"]:
            for b in f.get("barriers", []):
                api, obj = b["api"], b.get("object", "")
                if api not in KINDS or not obj or b["at"]["file"] != tu["file"]:
                    continue
                for bind in prog["bindings"]:
                    if bind["kind"] != b.get("kind") or not bind.get("object"):
                        continue
                    if not same_object(obj, bind["object"]):
                        continue
                    for cb in bind.get("callbacks", []):
                        c = fns.get(cb)
                        if c and c["at"]["file"] == tu["file"]:
                            out.append((tu["file"], b["at"]["line"], api,
                                        c["at"]["line"]))
                            break
                    else:
                        continue
                    break
    return sorted(set(out))


def inject(src, barrier_line, api, cb_line, lock):
    decl, take, drop = LOCKS[lock]
    lines = src.split("\n")
    b = barrier_line - 1
    if not re.match(r"^\s*" + api + r"\s*\(.*\);\s*$", lines[b]):
        return None
    # The callback's body starts at the first '{' from its name on.
    for i in range(cb_line - 1, min(cb_line + 8, len(lines))):
        if "{" in lines[i]:
            j = lines[i].index("{")
            lines[i] = lines[i][:j + 1] + " " + take + " " + drop + lines[i][j + 1:]
            break
    else:
        return None
    lines[b] = lines[b].rstrip() + "  /* devlife-injected */"
    # Braced, so that the body of a braceless `if (irq)` stays one statement.
    lines[b] = re.sub(r"^(\s*)(.*)$", r"\1{ " + take + r" \2 " + drop + " }", lines[b])
    incs = [i for i, l in enumerate(lines) if l.startswith("#include")]
    if not incs or incs[-1] >= min(b, cb_line - 1):
        return None
    # The one line added: everything after the includes moves down by one.
    lines.insert(incs[-1] + 1, decl)
    return "\n".join(lines)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser()
    ap.add_argument("--ksrc", default=os.path.expanduser(
        "~/.cache/devlife-bench/linux-source-6.12"))
    ap.add_argument("--facts", required=True)
    ap.add_argument("--devlife", default=os.path.join(here, "../../build/devlife"))
    ap.add_argument("--sample", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count())
    ap.add_argument("--keep", action="store_true",
                    help="leave the injected copies and the database, to look at a miss")
    a = ap.parse_args()
    a.devlife = os.path.abspath(a.devlife)  # the audit runs from /
    facts = json.load(open(a.facts))
    db = {os.path.normpath(os.path.join(e["directory"], e["file"])): e
          for e in json.load(open(os.path.join(a.ksrc, "compile_commands.json")))}
    sites = [s for s in candidates(facts) if s[0] in db]
    random.Random(a.seed).shuffle(sites)
    sites = sites[:a.sample]
    work = tempfile.mkdtemp(prefix="devlife-inject-")
    made, entries = [], []
    for n, (path, line, api, cb) in enumerate(sites):
        text = inject(open(path, errors="replace").read(), line, api, cb, KINDS[api])
        if text is None:
            continue
        copy = os.path.join(os.path.dirname(path), ".devlife-inj-%d-%s" % (n, os.path.basename(path)))
        open(copy, "w").write(text)
        e = dict(db[path])
        args = e.pop("arguments", None) or shlex.split(e.pop("command"))
        # The source may be named relative to "directory" or absolutely.
        e["arguments"] = [copy if os.path.normpath(os.path.join(e["directory"], x)) == path
                          else x for x in args]
        e["file"] = copy
        entries.append(e)
        made.append((copy, line + 1, path, api))
    # Two copies of one file define its exported functions twice, and the
    # program model keeps one definition of a name (as the kernel links
    # one): each audit gets at most one copy of a file.
    rounds = []
    for e, m in zip(entries, made):
        k = sum(1 for x in made[:made.index(m)] if x[2] == m[2])
        while len(rounds) <= k:
            rounds.append([])
        rounds[k].append(e)
    failed, found = set(), set()
    for k, batch in enumerate(rounds):
        db_dir = os.path.join(work, "round-%d" % k)
        os.makedirs(db_dir)
        json.dump(batch, open(os.path.join(db_dir, "compile_commands.json"), "w"))
        r = subprocess.run([a.devlife, "audit", "-p", db_dir, "--jobs", str(a.jobs),
                            "--checks", "devlife-lock-across-barrier"],
                           capture_output=True, text=True, cwd="/")  # paths stay absolute
        failed |= set(re.findall(r"^(\S+\.c): error:", r.stderr, re.M))
        for m in re.finditer(r"^(\S+):(\d+):\d+: (?:warning|note): .*\[devlife-lock-across-barrier\]$",
                             r.stdout, re.M):
            found.add((m.group(1), int(m.group(2))))
    hit = miss = broken = 0
    for copy, line, orig, api in made:
        rel = os.path.relpath(orig, a.ksrc)
        if copy in failed:
            broken += 1
            print("NOT-INJECTED (does not parse) %s:%d %s" % (rel, line - 1, api))
        elif (copy, line) in found:
            hit += 1
            print("FOUND  %s:%d %s" % (rel, line - 1, api))
        else:
            miss += 1
            print("MISSED %s:%d %s" % (rel, line - 1, api))
        if not a.keep:
            os.remove(copy)
    if a.keep:
        print("KEPT %s/round-*/compile_commands.json (the copies are named in them)" % work)
    else:
        shutil.rmtree(work)
    total = hit + miss
    print("INJECTION sites=%d injected=%d found=%d missed=%d not_injected=%d recall=%.1f%%"
          % (len(sites), total, hit, miss, broken + len(sites) - len(made),
             100.0 * hit / total if total else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
