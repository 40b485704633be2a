"""python-igraph side of `qunpulse bench --kernels`: times igraph's kernels on the benchmark's graph.

Reads one graph file (little-endian int32 n, int32 m, int32 removed count, int32 src[m], int32 dst[m],
float64 weight[m], int32 removed[]), prints {"ready": version}, then for each kernel name read from
stdin runs it once and prints {"ms": wall-clock milliseconds, "cpuMs": CPU milliseconds}. One run per request lets the caller interleave
igraph's runs with its own, so both see the same load on a shared machine. The edge list is turned
into Python lists before any timing: `build` is igraph's own graph construction.
"""
import json
import struct
import sys
import time
from array import array

import igraph


def load(path):
    with open(path, "rb") as f:
        n, m, removed_count = struct.unpack("<3i", f.read(12))
        src = array("i"); src.frombytes(f.read(4 * m))
        dst = array("i"); dst.frombytes(f.read(4 * m))
        weight = array("d"); weight.frombytes(f.read(8 * m))
        removed = array("i"); removed.frombytes(f.read(4 * removed_count))
    if sys.byteorder != "little":
        for a in (src, dst, weight, removed):
            a.byteswap()
    return n, list(zip(src.tolist(), dst.tolist())), weight.tolist(), removed.tolist()


def main(path):
    n, edges, weights, removed = load(path)

    def build():
        return igraph.Graph(n=n, edges=edges, directed=True, edge_attrs={"weight": weights})

    g = build()

    def departure():
        h = g.copy()
        h.delete_vertices(removed)
        return h.connected_components(mode="weak")

    kernels = {
        "build": build,
        "pagerank": lambda: g.pagerank(weights="weight", damping=0.85, implementation="prpack"),
        "pagerankArpack": lambda: g.pagerank(weights="weight", damping=0.85, implementation="arpack"),
        "betweennessExact": lambda: g.betweenness(directed=True),
        "coreness": lambda: g.coreness(mode="all"),
        "weightedInDegree": lambda: g.strength(mode="in", weights="weight"),
        "components": lambda: g.connected_components(mode="weak"),
        "departure": departure,
        "reciprocity": lambda: g.reciprocity(ignore_loops=True, mode="default"),
    }
    print(json.dumps({"ready": igraph.__version__}), flush=True)
    for line in sys.stdin:
        name = line.strip()
        if name not in kernels:
            print(json.dumps({"error": f"unknown kernel {name!r}"}), flush=True)
            continue
        start, cpu = time.perf_counter(), time.process_time()
        kernels[name]()
        cpu_ms = (time.process_time() - cpu) * 1000
        print(json.dumps({"ms": (time.perf_counter() - start) * 1000, "cpuMs": cpu_ms}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
