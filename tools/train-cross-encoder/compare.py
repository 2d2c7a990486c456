#!/usr/bin/env python3
"""Scores one fold's groups with several ONNX cross-encoders on the same pairs, for comparisons
like the shipped model against a new one (docs/experiments.md). ONNX Runtime runs in Java, as in
export.py.

  /usr/bin/python3 tools/train-cross-encoder/compare.py --pairs /work/data/ce-pairs.jsonl \\
      src/main/resources/org/storybot/rank/cross-encoder.onnx /work/ce/NEW/cross-encoder.onnx
"""
import argparse, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import load_groups, metrics  # noqa: E402
from export import flat_rows, group_scores, ort_logits  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", default="/work/data/ce-pairs.jsonl")
    ap.add_argument("--fold", type=int, default=2, help="never 3 or 4 while choosing a model")
    ap.add_argument("models", nargs="+", metavar="ONNX")
    a = ap.parse_args()
    groups = load_groups(a.pairs, {a.fold})
    rows = flat_rows(groups)
    for path in a.models:
        print(path, json.dumps(metrics(groups, group_scores(groups, ort_logits(path, rows)))), flush=True)


if __name__ == "__main__":
    main()
