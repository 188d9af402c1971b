#!/usr/bin/env python3
"""The layers' include rules, read from the sources (docs/tests.md, "Layout"):

- engine/ includes only engine/ and the standard library (no libtorch, Boost or OpenSSL);
- net/, server/ and download/ include only engine/ and themselves;
- of net/'s headers only those in net/torch/ include libtorch (its .cpp files may);
- the folders of engine/ include each other one way: their include graph has no cycle.

Usage: check_includes.py SOURCE_DIR. Prints every breach and exits 1 if there is one.
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)
LAYERS = {"engine": {"engine"}, "net": {"engine", "net"}, "server": {"engine", "server"},
          "download": {"engine", "download"}}
THIRD_PARTY_BANNED_IN_ENGINE = ("torch/", "ATen/", "c10/", "boost/", "openssl/")
TORCH = ("torch/", "ATen/", "c10/")


def sources(root, layer):
    for path in sorted((root / layer).rglob("*")):
        if path.suffix in (".h", ".cpp") and path.is_file():
            yield path


def engine_folder(relative):
    # engine/board.h -> "engine" (the core); engine/gtp/gtp_client.h -> "gtp"
    parts = pathlib.PurePosixPath(relative).parts
    return parts[1] if len(parts) > 2 else "engine"


def find_cycle(graph):
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return trail[trail.index(target):] + [target] if target in trail else [node, target]
            if target not in state:
                found = visit(target, trail + [target])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def main():
    root = pathlib.Path(sys.argv[1])
    breaches = []
    engine_graph = {}
    checked = 0
    for layer, allowed in LAYERS.items():
        for path in sources(root, layer):
            checked += 1
            relative = path.relative_to(root).as_posix()
            for bracket, name in INCLUDE.findall(path.read_text(errors="replace")):
                if bracket == '"':
                    top = name.split("/", 1)[0]
                    if "/" in name and top not in allowed:
                        breaches.append(f"{relative}: includes {name} ({layer}/ may include only "
                                        f"{', '.join(sorted(allowed))})")
                    if layer == "engine" and top == "engine":
                        source, target = engine_folder(relative), engine_folder(name)
                        if source != target:
                            engine_graph.setdefault(source, set()).add(target)
                elif layer == "engine" and name.startswith(THIRD_PARTY_BANNED_IN_ENGINE):
                    breaches.append(f"{relative}: includes <{name}> (engine/ has no libtorch, "
                                    "Boost or OpenSSL)")
                elif (layer == "net" and path.suffix == ".h" and name.startswith(TORCH)
                      and not relative.startswith("net/torch/")):
                    breaches.append(f"{relative}: a net/ header outside net/torch/ includes "
                                    f"<{name}>")
    cycle = find_cycle(engine_graph)
    if cycle:
        breaches.append("engine/ folders include each other in a cycle: " + " -> ".join(cycle))
    for line in breaches:
        print("FAIL:", line)
    if checked == 0:
        print(f"FAIL: no sources found under {root}")
        return 1
    if breaches:
        return 1
    print(f"{checked} files of engine/, net/, server/ and download/ keep the include rules; "
          "no cycle among the folders of engine/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
