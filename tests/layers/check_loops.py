#!/usr/bin/env python3
"""No loop of more than two files in src/: the call graph between object
files (A uses a symbol B defines, read with nm) and the include graph
(A.c or A.h includes B.h) must have no strongly connected component of
more than two modules. A module is a .c file with the header of the same
name. Prints each component it finds too big, and the graph's size.

usage: check_loops.py BUILD_DIR [--dot FILE]"""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LIMIT = 2


def module_of(path):
    """src/client/search/view_search.c -> client/search/view_search."""
    rel = os.path.relpath(path, os.path.join(ROOT, "src"))
    return os.path.splitext(rel)[0]


def call_graph(build):
    defined, wanted = {}, {}
    objdir = os.path.join(build, "src")
    for dirpath, _, files in os.walk(objdir):
        for f in files:
            if not f.endswith(".o"):
                continue
            obj = os.path.join(dirpath, f)
            mod = os.path.splitext(os.path.relpath(obj, objdir))[0]
            out = subprocess.run(["nm", obj], capture_output=True, text=True).stdout
            for line in out.splitlines():
                parts = line.split()
                if len(parts) == 3 and parts[1] in "TDBR":
                    defined[parts[2]] = mod
                elif len(parts) == 2 and parts[0] == "U":
                    wanted.setdefault(mod, set()).add(parts[1])
    graph = {}
    for mod, syms in wanted.items():
        graph.setdefault(mod, set())
        for s in syms:
            if s in defined and defined[s] != mod:
                graph[mod].add(defined[s])
    return graph


INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def include_graph():
    graph = {}
    src = os.path.join(ROOT, "src")
    for dirpath, _, files in os.walk(src):
        for f in files:
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            mod = module_of(path)
            with open(path, errors="replace") as fh:
                for inc in INCLUDE.findall(fh.read()):
                    target = os.path.splitext(inc)[0]
                    if target != mod and os.path.exists(os.path.join(src, inc)):
                        graph.setdefault(mod, set()).add(target)
    return graph


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


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    bad = 0
    for name, graph in (("call", call_graph(argv[1])), ("include", include_graph())):
        edges = sum(len(v) for v in graph.values())
        big = [c for c in components(graph) if len(c) > LIMIT]
        print("%s graph: %d modules, %d edges, %d loop(s) of more than %d files"
              % (name, len(set(graph) | {m for v in graph.values() for m in v}), edges, len(big), LIMIT))
        for c in big:
            print("  loop of %d: %s" % (len(c), " ".join(c)))
        bad += len(big)
        if "--dot" in argv:
            with open(argv[argv.index("--dot") + 1] + "." + name + ".dot", "w") as f:
                f.write("digraph %s {\n" % name)
                for a in sorted(graph):
                    for b in sorted(graph[a]):
                        f.write('  "%s" -> "%s";\n' % (a, b))
                f.write("}\n")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
