#!/usr/bin/env python3
"""No loop of more than two files in src/: the call graph between object
files (A uses a symbol B defines, read with nm) and the include graph
(A.c or A.h includes B.h) must have no strongly connected component of
more than two modules. A module is a .c file with the header of the same
name. Prints one summary line per graph, and for each component too big
every edge inside it as file:line (the #include, or the first use of the
symbol), so the edge to cut can be read off.

usage: check_loops.py BUILD_DIR [--dot FILE]   (FILE.call.dot, FILE.include.dot)
       check_loops.py --self-test"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clex  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIMIT = 2


def call_graph(root, build):
    """{module: {module it calls}}, and {(a, b): [symbols]} for the edges."""
    defined, wanted = {}, {}
    objdir = os.path.join(build, "src")
    for dirpath, _, files in os.walk(objdir):
        for f in sorted(files):
            if not f.endswith(".o"):
                continue
            obj = os.path.join(dirpath, f)
            mod = os.path.splitext(os.path.relpath(obj, objdir))[0]
            if not any(os.path.exists(os.path.join(root, "src", mod + ext)) for ext in (".c", ".S")):
                continue   # an object whose source was moved or deleted since it was built
            out = subprocess.run(["nm", obj], capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[1] in "TDBR":
                    defined[parts[2]] = mod
                elif len(parts) == 2 and parts[0] == "U":
                    wanted.setdefault(mod, set()).add(parts[1])
    graph, why = {}, {}
    for mod, syms in wanted.items():
        graph.setdefault(mod, set())
        for s in sorted(syms):
            if s in defined and defined[s] != mod:
                graph[mod].add(defined[s])
                why.setdefault((mod, defined[s]), []).append(s)
    return graph, why


INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def include_graph(root):
    """{module: {module it includes}}, and {(a, b): [file:line]}."""
    graph, why = {}, {}
    for rel, text in clex.sources(root, "src"):
        mod = os.path.splitext(os.path.relpath(rel, "src"))[0]
        for m in INCLUDE.finditer(text):
            inc = m.group(1)
            target = os.path.splitext(inc)[0]
            if target != mod and os.path.exists(os.path.join(root, "src", inc)):
                graph.setdefault(mod, set()).add(target)
                why.setdefault((mod, target), []).append(
                    "%s:%d" % (rel, clex.line_of(text, m.start(1))))
    return graph, why


def first_use(root, mod, symbol):
    """file:line of the first use of symbol in mod's source, else its .c."""
    rel = os.path.join("src", mod + ".c")
    try:
        with open(os.path.join(root, rel), errors="replace") as fh:
            _, code = clex.scan(fh.read())
    except OSError:
        return rel
    m = re.search(r"\b%s\b" % re.escape(symbol), code)
    return "%s:%d" % (rel, clex.line_of(code, m.start())) if m else rel


def components(graph):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out, counter = {}, {}, set(), [], [], [0]
    nodes = set(graph) | {m for vs in graph.values() for m in vs}
    for root in sorted(nodes):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter[0]; counter[0] += 1
        stack.append(root); on.add(root)
        while work:
            node, it = work[-1]
            nxt = next(it, None)
            if nxt is not None:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]; counter[0] += 1
                    stack.append(nxt); on.add(nxt)
                    work.append((nxt, iter(sorted(graph.get(nxt, ())))))
                elif nxt in on:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop(); on.discard(m); comp.append(m)
                    if m == node:
                        break
                out.append(sorted(comp))
    return out


def edge_lines(root, name, comp, graph, why):
    """Every edge inside one component, as 'file:line: a -> b (how)'."""
    inside = set(comp)
    for a in comp:
        for b in sorted(graph.get(a, ()) & inside):
            if name == "include":
                for site in why[(a, b)]:
                    yield "%s: %s includes %s" % (site, a, b)
            else:
                syms = why[(a, b)]
                yield "%s: %s calls %s (%s)" % (first_use(root, a, syms[0]), a, b,
                                                " ".join(syms))


def write_dot(path, name, graph, big):
    looped = {m for c in big for m in c}
    with open(path, "w") as f:
        f.write("digraph %s {\n  rankdir=LR;\n" % name)
        for m in sorted(looped):
            f.write('  "%s" [color=red];\n' % m)
        for a in sorted(graph):
            for b in sorted(graph[a]):
                f.write('  "%s" -> "%s";\n' % (a, b))
        f.write("}\n")


def check(root, build, dot=None):
    bad = 0
    for name, (graph, why) in (("call", call_graph(root, build)),
                               ("include", include_graph(root))):
        edges = sum(len(v) for v in graph.values())
        big = [c for c in components(graph) if len(c) > LIMIT]
        print("%s graph: %d modules, %d edges, %d loop(s) of more than %d files"
              % (name, len(set(graph) | {m for v in graph.values() for m in v}), edges,
                 len(big), LIMIT))
        for c in big:
            print("  loop of %d: %s" % (len(c), " ".join(c)))
            for line in edge_lines(root, name, c, graph, why):
                print("    " + line)
        bad += len(big)
        if dot:
            write_dot(dot + "." + name + ".dot", name, graph, big)
    return bad


SELF_TEST = {
    # a.h -> b.h -> c.h -> a.h: a loop of three through headers
    "src/x/a.h": '#include "x/b.h"\n', "src/x/b.h": '#include "x/c.h"\n',
    "src/x/c.h": '\n#include "x/a.h"\n',
    # p -> q -> r -> p through calls; s <-> t is two files, allowed
    "src/y/p.c": "void q_f(void);\nvoid p_f(void) { q_f(); }\n",
    "src/y/q.c": "void r_f(void);\nvoid q_f(void) { r_f(); }\n",
    "src/y/p.h": "void p_f(void);\n",
    "src/y/r.c": "#include \"y/p.h\"\nvoid r_f(void)\n{\n    p_f();\n}\n",
    "src/y/s.c": "void t_f(void);\nvoid s_f(void) { t_f(); }\n",
    "src/y/t.c": "void s_f(void);\nvoid t_f(void) { s_f(); }\n",
}


def self_test():
    cc = shutil.which(os.environ.get("CC", "cc")) or shutil.which("cc")
    with tempfile.TemporaryDirectory() as tmp:
        for rel, body in SELF_TEST.items():
            os.makedirs(os.path.dirname(os.path.join(tmp, rel)), exist_ok=True)
            with open(os.path.join(tmp, rel), "w") as f:
                f.write(body)
            if rel.endswith(".c"):
                obj = os.path.join(tmp, "build", rel[:-2] + ".o")
                os.makedirs(os.path.dirname(obj), exist_ok=True)
                subprocess.run([cc, "-I", os.path.join(tmp, "src"), "-c", "-o", obj,
                                os.path.join(tmp, rel)], check=True)
        import io
        import contextlib
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            bad = check(tmp, os.path.join(tmp, "build"))
    out = buf.getvalue()
    want = ["loop of 3: y/p y/q y/r", "src/y/r.c:4: y/r calls y/p (p_f)",
            "loop of 3: x/a x/b x/c", "src/x/c.h:2: x/c includes x/a"]
    missing = [w for w in want if w not in out]
    ok = bad == 2 and not missing and "y/s" not in out
    if not ok:
        print(out + "self-test: missing %s" % missing)
    print("loops self-test: %s" % ("ok" if ok else "FAILED"))
    return ok


def main(argv):
    if "--self-test" in argv:
        return 0 if self_test() else 1
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__)
        return 2
    dot = argv[argv.index("--dot") + 1] if "--dot" in argv else None
    return 1 if check(ROOT, argv[1], dot) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
