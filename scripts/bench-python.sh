#!/usr/bin/env bash
# Throughput of herald from Python and on Spark beside the CLI, on the BBC
# corpus (2,225 articles): `herald extract -j T`, `Pipeline.extract_arrow`
# with T threads, `Pipeline.extract_batch` (dicts), and the Spark example on
# local[T] (T = 2 by default). Prints documents per second (wall) and per
# CPU second (user + system, children included), for the README.
#
# Usage: scripts/bench-python.sh [CORPUS_DIR] [THREADS]
# Needs the venv of scripts/test-python.sh (HERALD_PY_VENV) with the
# extension built in release; HERALD_BIN names a release `herald` to use
# instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bbc}
threads=${2:-2}
venv=${HERALD_PY_VENV:-target/python-venv}
if [ ! -d "$corpus" ]; then echo "bench-python: $corpus not found (../shared absent?)" >&2; exit 2; fi
if [ -z "${HERALD_BIN:-}" ]; then cargo build --release -q -p herald; fi
bin=${HERALD_BIN:-${CARGO_TARGET_DIR:-target}/release/herald}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat "$corpus"/*/*.txt >/dev/null

/usr/bin/time -f "%e %U %S" -o "$tmp/time" "$bin" extract -j "$threads" "$corpus" >"$tmp/cli.jsonl" 2>/dev/null || true
read -r wall user sys < "$tmp/time"
docs=$(wc -l < "$tmp/cli.jsonl")
python3 -c "
w,u,s,d=$wall,$user,$sys,$docs
print(f'cli     herald extract -j $threads: {d} docs, {w:.2f} s wall, {u+s:.2f} CPU s: {d/w:.1f} docs/s, {d/(u+s):.1f} docs per CPU s')"

RAYON_NUM_THREADS=$threads "$venv/bin/python" - "$corpus" <<'PY'
import json, os, resource, sys, time
from pathlib import Path
import pyarrow as pa
import herald

def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime

root = sys.argv[1]
ids, texts = [], []
for p in sorted(Path(root).rglob("*.txt")):
    b = p.read_bytes()
    try:
        t = b.decode("utf-8")
    except UnicodeDecodeError:
        t = b.decode("cp1252")
    ids.append(os.path.join(root, str(p.relative_to(root))))
    texts.append(t)
batch = pa.RecordBatch.from_pydict({"id": ids, "text": texts})
t0, c0 = time.perf_counter(), cpu()
p = herald.Pipeline()
print(f"python  Pipeline(): {time.perf_counter() - t0:.2f} s wall, {cpu() - c0:.2f} CPU s")
threads = os.environ["RAYON_NUM_THREADS"]

def report(name, f):
    t0, c0 = time.perf_counter(), cpu()
    out = f()
    w, c = time.perf_counter() - t0, cpu() - c0
    print(f"python  {name} ({threads} threads): {len(ids)} docs, {w:.2f} s wall, {c:.2f} CPU s: {len(ids)/w:.1f} docs/s, {len(ids)/c:.1f} docs per CPU s")
    return out

out = report("extract_arrow", lambda: p.extract_arrow(batch, skip_errors=True))
assert out.num_rows == len(ids)
dicts = report("extract_batch (dicts)", lambda: p.extract_batch(list(zip(ids, texts)), skip_errors=True))
lines = [json.dumps(d) for d in dicts]
t0 = time.perf_counter()
for l in lines:
    json.loads(l)
print(f"python  of which json.loads: {time.perf_counter() - t0:.2f} s")
PY

out="$tmp/spark-out"
/usr/bin/time -f "%e %U %S" -o "$tmp/time" env PYSPARK_PYTHON="$venv/bin/python" "$venv/bin/python" examples/spark/spark_extract.py "$corpus" "$out" --master "local[$threads]" 2>"$tmp/spark.err" || { tail -20 "$tmp/spark.err"; exit 1; }
grep '^spark_extract:' "$tmp/spark.err" | sed 's/^/spark   /'
read -r wall user sys < "$tmp/time"
echo "spark   whole run (JVM start, Parquet write): ${wall} s wall, $(python3 -c "print(round($user + $sys, 2))") CPU s"
