#!/usr/bin/python3
"""Export a trained cross-encoder to ONNX (fp32), compress it (int8), and check both with ONNX Runtime.

Compression (plain onnx graph surgery):
- every MatMul whose B input is a constant weight [in, out] becomes ONNX Runtime's dynamic-quantization
  pattern: DynamicQuantizeLinear(A) -> MatMulInteger(A_q, W_q, A_zp, W_zp) -> Cast(float) ->
  Mul(A_scale * W_scale). W_q is int8, symmetric, one scale per output column, in [-64, 64] (the
  7-bit "reduce range" of the all-minilm-l6-v2-q file: u8 x s8 products cannot saturate on AVX2).
- the word-embedding table is int8 with one fp32 scale per row: Gather both by id, Cast, Mul.
ONNX Runtime runs in Java (the shaded storybot.jar) through OnnxCheck.java, next to this file.
"""
import argparse, hashlib, json, os, subprocess, sys, tempfile

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import CrossEncoder, batch_tensors, load_groups, load_minilm, metrics, subset  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
JAVA = [os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java"),
        "--enable-native-access=ALL-UNNAMED",
        "-cp", os.path.join(HERE, "..", "..", "target", "storybot.jar"), os.path.join(HERE, "OnnxCheck.java")]


def export_fp32(model, path):
    ids = torch.tensor([[101, 2040, 102, 1996, 4937, 102], [101, 2040, 2003, 102, 1045, 102]])
    mask, types = torch.ones_like(ids), (torch.arange(6) > 2).long().expand(2, 6)
    axes = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
            "token_type_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch"}}
    torch.onnx.export(model, (ids, mask, types), path, opset_version=14, do_constant_folding=True,
                      input_names=["input_ids", "attention_mask", "token_type_ids"],
                      output_names=["logits"], dynamic_axes=axes)


def compress(src, dst, matmuls=True, embeddings=True, keep_fp32=(), fp16_weights=False):
    model = onnx.load(src)
    g = model.graph
    init = {t.name: t for t in g.initializer}
    added, dropped, nodes, quantized = [], set(), [], {}

    def const(name, array):
        added.append(numpy_helper.from_array(array, name))
        return name

    for n in g.node:
        w = init.get(n.input[1]) if len(n.input) > 1 else None
        if (matmuls and n.op_type == "MatMul" and w is not None and len(w.dims) == 2
                and not any(k in n.output[0] for k in keep_fp32)):
            b = numpy_helper.to_array(w)
            if fp16_weights:  # stored as fp16, cast back once when ONNX Runtime folds constants
                h = const(w.name + "_fp16", b.astype(np.float16))
                nodes += [helper.make_node("Cast", [h], [w.name + "_f32"], to=TensorProto.FLOAT),
                          helper.make_node("MatMul", [n.input[0], w.name + "_f32"], list(n.output))]
                dropped.add(w.name)
                continue
            scale = (np.abs(b).max(axis=0) / 64.0).astype(np.float32)
            scale[scale == 0] = 1.0
            q = const(w.name + "_q", np.clip(np.round(b / scale), -64, 64).astype(np.int8))
            zp = const(w.name + "_zp", np.zeros(b.shape[1], np.int8))
            s = const(w.name + "_scale", scale)
            a = n.input[0]
            if a not in quantized:  # one DynamicQuantizeLinear per activation, shared by Q, K, V
                quantized[a] = (a + "_u8", a + "_s", a + "_zp")
                nodes.append(helper.make_node("DynamicQuantizeLinear", [a], list(quantized[a])))
            aq, a_s, a_zp = quantized[a]
            o = n.output[0]
            nodes += [helper.make_node("Mul", [a_s, s], [o + "_scales"]),
                      helper.make_node("MatMulInteger", [aq, q, a_zp, zp], [o + "_i32"]),
                      helper.make_node("Cast", [o + "_i32"], [o + "_f32"], to=TensorProto.FLOAT),
                      helper.make_node("Mul", [o + "_f32", o + "_scales"], [o])]
            dropped.add(w.name)
        elif embeddings and n.op_type == "Gather" and n.input[0] in init and init[n.input[0]].dims[0] > 10000:
            table = numpy_helper.to_array(init[n.input[0]])
            scale = (np.abs(table).max(axis=1, keepdims=True) / 127.0).astype(np.float32)
            scale[scale == 0] = 1.0
            name, o = n.input[0], n.output[0]
            q = const(name + "_q", np.round(table / scale).astype(np.int8))
            s = const(name + "_row_scale", scale)
            nodes += [helper.make_node("Gather", [q, n.input[1]], [o + "_i8"]),
                      helper.make_node("Cast", [o + "_i8"], [o + "_f32"], to=TensorProto.FLOAT),
                      helper.make_node("Gather", [s, n.input[1]], [o + "_scale"]),
                      helper.make_node("Mul", [o + "_f32", o + "_scale"], [o])]
            dropped.add(name)
        else:
            nodes.append(n)
    kept = [t for t in g.initializer if t.name not in dropped]
    del g.node[:], g.initializer[:]
    g.node.extend(nodes)
    g.initializer.extend(kept + added)
    onnx.checker.check_model(model)
    onnx.save(model, dst)


def ort_logits(model_path, rows, batch=16):
    """Logits from ONNX Runtime (Java), batching pairs of similar length (less padding)."""
    order = np.argsort([len(r) for r in rows], kind="stable")
    with tempfile.TemporaryDirectory() as tmp:
        ids, out = os.path.join(tmp, "ids.txt"), os.path.join(tmp, "out.bin")
        with open(ids, "w") as f:
            f.writelines(" ".join(map(str, rows[i])) + "\n" for i in order)
        subprocess.run(JAVA + ["run", model_path, ids, out, str(batch)], check=True)
        logits = np.empty(len(rows), np.float32)
        logits[order] = np.fromfile(out, "<f4")
        return logits


def ort_time(model_path, rows, threads, runs=50):
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as f:
        f.writelines(" ".join(map(str, r)) + "\n" for r in rows)
        f.flush()
        res = subprocess.run(JAVA + ["time", model_path, f.name, str(threads), str(runs)],
                             check=True, capture_output=True, text=True)
        return res.stdout.strip()


@torch.no_grad()
def torch_logits(model, rows, batch=16):
    return np.concatenate([model(*batch_tensors(rows[i:i + batch])).numpy()
                           for i in range(0, len(rows), batch)])


def flat_rows(groups):
    return [x.astype(np.int64).tolist() for g in groups for x in g["x"]]


def group_scores(groups, flat):
    out, i = [], 0
    for g in groups:
        out.append(flat[i:i + len(g["x"])]); i += len(g["x"])
    return out


def check_base(base, pairs, n=24):
    """Our PyTorch encoder with all 6 MiniLM layers vs ONNX Runtime on the original file."""
    rows = flat_rows(load_groups(pairs, {0})[:3])[:n]
    model = load_minilm(CrossEncoder(6), base).eval()
    with torch.no_grad():
        ours = np.concatenate([model.encode(*batch_tensors([r]))[0].numpy().ravel() for r in rows])
    with tempfile.TemporaryDirectory() as tmp:
        ids, out = os.path.join(tmp, "ids.txt"), os.path.join(tmp, "out.bin")
        with open(ids, "w") as f:
            f.writelines(" ".join(map(str, r)) + "\n" for r in rows)
        subprocess.run(JAVA + ["run", base, ids, out, "1"], check=True)
        theirs = np.fromfile(out, "<f4")
    print(f"base parity: {len(rows)} pairs, last_hidden_state max abs diff {np.abs(ours - theirs).max():.2e}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--run", help="training directory holding model.pt and last.pt")
    ap.add_argument("--check-base", metavar="ONNX", help="only compare our encoder with this MiniLM file")
    ap.add_argument("--out", default="/work/ce", help="directory for the ONNX files and the checks")
    ap.add_argument("--pairs", default="/work/data/ce-pairs.jsonl")
    ap.add_argument("--check-fold", type=int, default=2, help="fold for the fp32-vs-int8 comparison")
    ap.add_argument("--check-groups", type=int, default=0, help="seeded subset of that fold's groups (0 = all)")
    ap.add_argument("--torch-pairs", type=int, default=400, help="pairs of that fold also scored by PyTorch")
    ap.add_argument("--test-folds", default="", help="held-out folds to report (the final model, once)")
    ap.add_argument("--fp16-variant", action="store_true", help="also write int8-embedding + fp16-weight file")
    a = ap.parse_args()
    torch.set_num_threads(2)
    if a.check_base:
        return check_base(a.check_base, a.pairs)
    args = torch.load(os.path.join(a.run, "last.pt"))["args"]
    model = CrossEncoder(args["layers"])
    model.load_state_dict(torch.load(os.path.join(a.run, "model.pt")))
    model.eval()
    files = {"fp32": os.path.join(a.out, "cross-encoder-fp32.onnx"), "int8": os.path.join(a.out, "cross-encoder.onnx")}
    export_fp32(model, files["fp32"])
    compress(files["fp32"], files["int8"])
    if a.fp16_variant:
        files["fp16w"] = os.path.join(a.out, "cross-encoder-fp16w.onnx")
        compress(files["fp32"], files["fp16w"], fp16_weights=True)
    report = {"layers": args["layers"], "seed": args["seed"], "bytes": {k: os.path.getsize(f) for k, f in files.items()}}

    groups = subset(load_groups(a.pairs, {a.check_fold}), a.check_groups, args["seed"])
    rows = flat_rows(groups)
    sample = sorted(np.random.RandomState(1).choice(len(rows), a.torch_pairs, replace=False))
    ref = torch_logits(model, [rows[i] for i in sample])
    check, logits = {}, {name: ort_logits(path, rows) for name, path in files.items()}
    for name, got in logits.items():
        check[name] = {"max_abs_diff_vs_torch": float(np.abs(got[sample] - ref).max()),
                       "mean_abs_diff_vs_torch": float(np.abs(got[sample] - ref).mean()),
                       "max_abs_diff_vs_ort_fp32_all": float(np.abs(got - logits["fp32"]).max()),
                       "mean_abs_diff_vs_ort_fp32_all": float(np.abs(got - logits["fp32"]).mean()),
                       "metrics": metrics(groups, group_scores(groups, got))}
    report[f"fold{a.check_fold}"] = {"torch_pairs": a.torch_pairs, "logit_std_torch": float(ref.std()), **check}

    if a.test_folds:  # the held-out folds: run once, for the final model only
        test = {}
        for folds in [{int(f)} for f in a.test_folds.split(",")] + [{int(f) for f in a.test_folds.split(",")}]:
            tg = load_groups(a.pairs, folds)
            test["+".join(map(str, sorted(folds)))] = {
                name: metrics(tg, group_scores(tg, ort_logits(path, flat_rows(tg)))) for name, path in files.items()}
        report["test"] = test

    # 12 pairs of exactly 80 tokens: real pairs, lengthened with "the" (1996) before the last [SEP]
    long_rows = sorted(rows, key=len)[-12:]
    bench = [r[:-1][:79] + [1996] * (79 - len(r[:-1][:79])) + [102] for r in long_rows]
    report["java_ms_12x80"] = {name: [ort_time(path, bench, t) for t in (1, 2)] for name, path in files.items()}

    # one pair per run: dynamic int8 quantizes each batch with one activation scale, so a pair's
    # logit moves slightly with the other pairs in its batch
    pick = [sample[i] for i in sorted(np.random.RandomState(7).choice(len(sample), 20, replace=False))]
    alone = ort_logits(files["int8"], [rows[i] for i in pick], batch=1)
    expected = {"model": os.path.basename(files["int8"]),
                "sha256": hashlib.sha256(open(files["int8"], "rb").read()).hexdigest(),
                "note": "logit: ONNX Runtime 1.20 (Java) on this model, each pair run alone (batch 1); "
                        "token_type_ids 1 after the first [SEP], attention_mask all 1",
                "pairs": [{"input_ids": rows[i], "logit": float(v), "torch_fp32_logit": float(ref[sample.index(i)])}
                          for i, v in zip(pick, alone)]}
    with open(os.path.join(a.out, "expected-logits.json"), "w") as f:
        json.dump(expected, f, indent=1)
    with open(os.path.join(a.out, "export-report.json"), "w") as f:
        json.dump(report, f, indent=1)
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
