"""clex: just enough of a C lexer for the layer checks. It splits a source
file into its string literals (adjacent literals joined, as the compiler
joins them, so SQL written over several lines is seen whole) and its code
with comments and literals blanked out (newlines kept, so line numbers
stay true). No preprocessing: an #include <x.h> stays in the code."""
import os


def scan(text):
    """(strings, code): strings is a list of (line, value) with escapes
    left as written; code is text with comments, string and character
    literals replaced by spaces."""
    strings, code = [], []
    i, n, line = 0, len(text), 1
    pending = None  # [line, value] of a literal that the next one may continue
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            chunk = text[i:end]
            code.append("".join(ch if ch == "\n" else " " for ch in chunk))
            line += chunk.count("\n")
            i = end
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            code.append(" " * (end - i))
            i = end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            body = text[i + 1:j - 1]
            code.append(" " * (j - i))
            if c == '"':
                if pending is not None:
                    pending[1] += body
                else:
                    pending = [line, body]
            i = j
        elif text.startswith("\\\n", i):  # a line continuation is only space
            code.append(" \n")
            line += 1
            i += 2
        else:
            if not c.isspace() and pending is not None:
                strings.append(tuple(pending))
                pending = None
            if c == "\n":
                line += 1
            code.append(c)
            i += 1
    if pending is not None:
        strings.append(tuple(pending))
    return strings, "".join(code)


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def sources(root, under, skip=()):
    """Every .c and .h file below root/under, as (relative path, text),
    in a stable order; paths under any of skip (relative) are left out."""
    base = os.path.join(root, under)
    for dirpath, dirs, files in os.walk(base):
        dirs.sort()
        for f in sorted(files):
            if not f.endswith((".c", ".h")):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), root)
            if any(rel == s or rel.startswith(s.rstrip("/") + "/") for s in skip):
                continue
            with open(os.path.join(root, rel), errors="replace") as fh:
                yield rel, fh.read()


def write_tree(root, files):
    """Writes {relative path: text} below root, for a check's self-test."""
    for rel, body in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(body)


def main(argv, doc, check, self_test, root):
    """The command line every check shares: --self-test, --help, or a
    check of the tree at argv[1] (root by default). An exit status."""
    if "--self-test" in argv:
        return 0 if self_test() else 1
    if "-h" in argv or "--help" in argv:
        print(doc)
        return 0
    return 1 if check(argv[1] if len(argv) > 1 else root) else 0
