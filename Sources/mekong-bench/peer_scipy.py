"""Peer for the Dijkstra benchmark: loads the graph mekong-bench wrote and times SciPy's
csgraph.dijkstra from node 0 (or the node given second). Prints: median seconds (5 runs) and the sum of finite distances."""
import statistics, sys, time
import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

with open(sys.argv[1], 'rb') as f:
    nodes, edges = np.frombuffer(f.read(16), dtype=np.int64)
    tails = np.frombuffer(f.read(4 * edges), dtype=np.int32)
    heads = np.frombuffer(f.read(4 * edges), dtype=np.int32)
    weights = np.frombuffer(f.read(8 * edges), dtype=np.float64)
graph = csr_matrix((weights, (tails, heads)), shape=(nodes, nodes))
times = []
for _ in range(5):
    start = time.perf_counter()
    distances = dijkstra(graph, directed=True, indices=int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    times.append(time.perf_counter() - start)
print(statistics.median(times), distances[np.isfinite(distances)].sum())
