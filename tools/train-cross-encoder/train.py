#!/usr/bin/python3
"""Train a MiniLM cross-encoder (question + sentence -> relevance logit) on the pairs Storybot writes.

Input: JSONL, one question group a line: {"id", "fold", "kind", "x": [[ids...], ...], "y": [0/1, ...]}.
Plain PyTorch (no transformers): the BERT encoder is written here and loaded from the fp32
all-MiniLM-L6-v2 ONNX file. Resumable: rerun the same command and it continues from OUT/last.pt.
"""
import argparse, json, math, os, random, time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # no spinning threads: the 2 cores are shared
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

HIDDEN, HEADS, FFN, VOCAB, MAX_POS, SEP = 384, 12, 1536, 30522, 512, 102


class Layer(nn.Module):
    def __init__(self):
        super().__init__()
        self.query, self.key, self.value, self.attn_out = (nn.Linear(HIDDEN, HIDDEN) for _ in range(4))
        self.attn_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.ffn_in, self.ffn_out = nn.Linear(HIDDEN, FFN), nn.Linear(FFN, HIDDEN)
        self.ffn_norm = nn.LayerNorm(HIDDEN, eps=1e-12)

    def forward(self, x, mask_bias, p):
        b, t = x.shape[0], x.shape[1]
        heads = lambda y: y.reshape(b, t, HEADS, HIDDEN // HEADS).transpose(1, 2)
        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        att = (q @ k.transpose(-1, -2)) / math.sqrt(HIDDEN // HEADS) + mask_bias
        ctx = (att.softmax(-1) @ v).transpose(1, 2).reshape(b, t, HIDDEN)
        x = self.attn_norm(x + F.dropout(self.attn_out(ctx), p, self.training))
        h = self.ffn_out(F.gelu(self.ffn_in(x)))
        return self.ffn_norm(x + F.dropout(h, p, self.training))


class CrossEncoder(nn.Module):
    """BERT encoder (post-LN) + head: dense+tanh on the [CLS] state, then one logit."""

    def __init__(self, layers, dropout=0.1):
        super().__init__()
        self.word = nn.Embedding(VOCAB, HIDDEN)
        self.position = nn.Embedding(MAX_POS, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.emb_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(Layer() for _ in range(layers))
        self.pool, self.score = nn.Linear(HIDDEN, HIDDEN), nn.Linear(HIDDEN, 1)
        self.dropout = dropout

    def encode(self, input_ids, attention_mask, token_type_ids):
        pos = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.token_type(token_type_ids) + self.position(pos)
        x = F.dropout(self.emb_norm(x), self.dropout, self.training)
        mask_bias = (1.0 - attention_mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, mask_bias, self.dropout)
        return x

    def forward(self, input_ids, attention_mask, token_type_ids):
        cls = self.encode(input_ids, attention_mask, token_type_ids)[:, 0]
        cls = F.dropout(torch.tanh(self.pool(cls)), self.dropout, self.training)
        return self.score(cls).squeeze(-1)


def load_minilm(model, path):
    """Copy the first len(model.layers) layers of the fp32 MiniLM ONNX file into model.

    Named initializers (embeddings.*, encoder.layer.N.*.bias / LayerNorm) map by name; the weight
    matrices are anonymous (onnx::MatMul_NNN, stored [in, out]) and are named by the MatMul node
    that reads them, e.g. output '/encoder/layer.0/attention/self/query/MatMul_output_0'."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(path).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    for node in graph.node:
        if node.op_type == "MatMul" and node.input[1] in init:
            name = node.output[0].strip("/").rsplit("/", 1)[0].replace("/", ".") + ".weight"
            init[name] = init[node.input[1]].T
    sub = {"attention.self.query": "query", "attention.self.key": "key", "attention.self.value": "value",
           "attention.output.dense": "attn_out", "attention.output.LayerNorm": "attn_norm",
           "intermediate.dense": "ffn_in", "output.dense": "ffn_out", "output.LayerNorm": "ffn_norm"}
    names = {"word.weight": "embeddings.word_embeddings.weight",
             "position.weight": "embeddings.position_embeddings.weight",
             "token_type.weight": "embeddings.token_type_embeddings.weight",
             "emb_norm.weight": "embeddings.LayerNorm.weight", "emb_norm.bias": "embeddings.LayerNorm.bias"}
    for i in range(len(model.layers)):
        for theirs, ours in sub.items():
            for p in ("weight", "bias"):
                names[f"layers.{i}.{ours}.{p}"] = f"encoder.layer.{i}.{theirs}.{p}"
    state = model.state_dict()
    for ours, theirs in names.items():
        assert state[ours].shape == init[theirs].shape, (ours, theirs)
        state[ours].copy_(torch.from_numpy(np.array(init[theirs])))
    return model


def batch_tensors(rows):
    """Right-pad id sequences; mask 1 on ids; token type 1 after the first [SEP]."""
    t = max(len(r) for r in rows)
    ids = torch.zeros(len(rows), t, dtype=torch.long)
    mask, types = torch.zeros_like(ids), torch.zeros_like(ids)
    for i, r in enumerate(rows):
        ids[i, :len(r)] = torch.as_tensor(r)
        mask[i, :len(r)] = 1
        first_sep = list(r).index(SEP)
        types[i, first_sep + 1:len(r)] = 1
    return ids, mask, types


def load_groups(path, folds, kinds=None):
    groups = []
    with open(path) as f:
        for line in f:
            g = json.loads(line)
            if g["fold"] in folds and g["x"] and (kinds is None or g["kind"] in kinds):
                groups.append({"id": g["id"], "kind": g["kind"], "y": np.array(g["y"], np.int8),
                               "x": [np.array(x, np.int16) for x in g["x"]]})
    return groups


def sample_group(g, rng, k, top=0):
    """Answerable: 1 random positive first, then k negatives; others: k+1 negatives.
    Half the negatives are drawn from the k hardest (earliest), the rest from all remaining;
    with top > 0, a question without an answer always gets its `top` hardest."""
    pos, neg = np.flatnonzero(g["y"] == 1), np.flatnonzero(g["y"] == 0)
    n, top = (k, 0) if len(pos) else (k + 1, top)
    hard = np.concatenate([neg[:top], rng.permutation(neg[top:k])])[: max(top, (n + 1) // 2)]
    rest = np.setdiff1d(neg, hard)
    picked = list(hard) + list(rng.permutation(rest)[: n - len(hard)])
    return ([int(rng.choice(pos))] if len(pos) else []) + picked


def step_loss(model, groups, rng, k, chunks=2, top=0, null=None):
    rows, labels, spans = [], [], []
    for g in groups:
        idx = sample_group(g, rng, k, top)
        spans.append((len(rows), len(idx), g["y"][idx[0]] == 1))
        rows += [g["x"][i].astype(np.int64) for i in idx]
        labels += [float(g["y"][i]) for i in idx]
    # forward in chunks of similar length (less padding), then back to the original order
    parts = np.array_split(np.argsort([len(r) for r in rows], kind="stable"), chunks)
    logits = torch.cat([model(*batch_tensors([rows[i] for i in p])) for p in parts])
    logits = logits[torch.as_tensor(np.argsort(np.concatenate(parts)))]
    bce = F.binary_cross_entropy_with_logits(logits, torch.tensor(labels))
    if null is None:
        lists = [F.cross_entropy(logits[s:s + n][None], torch.zeros(1, dtype=torch.long))
                 for s, n, answerable in spans if answerable]
    else:  # a fixed "no answer" logit competes in every list: it wins where no candidate answers
        lists = [F.cross_entropy(torch.cat([torch.full((1,), null), logits[s:s + n]])[None],
                                 torch.full((1,), 1 if answerable else 0, dtype=torch.long))
                 for s, n, answerable in spans]
    listwise = torch.stack(lists).mean() if lists else torch.zeros(())
    return listwise + bce, listwise.item(), bce.item()


@torch.no_grad()
def score_groups(model, groups, batch=64):
    """Logits for every pair of every group, batched by length (less padding)."""
    model.eval()
    flat = [(gi, pi, x) for gi, g in enumerate(groups) for pi, x in enumerate(g["x"])]
    flat.sort(key=lambda r: len(r[2]))
    out = [np.zeros(len(g["x"]), np.float32) for g in groups]
    for s in range(0, len(flat), batch):
        chunk = flat[s:s + batch]
        logits = model(*batch_tensors([x.astype(np.int64) for _, _, x in chunk])).numpy()
        for (gi, pi, _), v in zip(chunk, logits):
            out[gi][pi] = v
    return out


def auc(pos, neg):
    """P(score of a positive > score of a negative), ties count half."""
    s = np.concatenate([pos, neg])
    order = s.argsort(kind="mergesort")
    ranks = np.empty(len(s))
    ranks[order] = np.arange(1, len(s) + 1)
    for v in np.unique(s):  # average ranks of ties
        tie = s == v
        if tie.sum() > 1:
            ranks[tie] = ranks[tie].mean()
    return (ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def metrics(groups, scores):
    p1, rr, best = [], [], {"answerable": [], "unanswerable": [], "offtopic": [], "edited": []}
    for g, s in zip(groups, scores):
        best[g["kind"]].append(s.max())
        if g["kind"] == "answerable":
            order = np.argsort(-s, kind="stable")
            first = int(np.flatnonzero(g["y"][order] == 1)[0])
            p1.append(first == 0)
            rr.append(1.0 / (first + 1))
    a, u, o = (np.array(best[k]) for k in ("answerable", "unanswerable", "offtopic"))
    m = {"groups": len(groups), "answerable": len(a), "unanswerable": len(u), "offtopic": len(o),
         "P@1": float(np.mean(p1)), "MRR": float(np.mean(rr))}
    if len(u) + len(o):
        m["AUC"] = float(auc(a, np.concatenate([u, o])))
    if len(u):
        m["AUC_unanswerable"] = float(auc(a, u))
    if len(o):
        m["AUC_offtopic"] = float(auc(a, o))
    if best["edited"]:
        m["edited"] = len(best["edited"])
        m["AUC_edited"] = float(auc(a, np.array(best["edited"])))
    return m


def subset(groups, n, seed):
    if n <= 0 or n >= len(groups):
        return groups
    return [groups[i] for i in sorted(np.random.RandomState(seed).choice(len(groups), n, replace=False))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", default="/work/data/ce-pairs.jsonl")
    ap.add_argument("--base", default="/work/models/minilm-fp32/all-minilm-l6-v2.onnx")
    ap.add_argument("--out", required=True, help="directory for checkpoints, log, final model")
    ap.add_argument("--train-folds", default="0,1,2")
    ap.add_argument("--eval-folds", default="", help="folds scored at --eval-every and at the end")
    ap.add_argument("--eval-groups", type=int, default=0, help="seeded subset of eval groups (0 = all)")
    ap.add_argument("--eval-every", type=int, default=0)
    ap.add_argument("--edited", action="store_true", help="also learn from the \"edited\" groups (unanswerable by one swap)")
    ap.add_argument("--eval-edited", type=int, default=0, help="also score this many edited groups of --eval-folds")
    ap.add_argument("--layers", type=int, default=4)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--max-steps", type=int, default=0, help="stop after this many steps (schedule unchanged)")
    ap.add_argument("--groups-per-step", type=int, default=4)
    ap.add_argument("--negatives", type=int, default=7)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--head-lr-mult", type=float, default=1.0, help="lr multiplier for the fresh head")
    ap.add_argument("--warmup", type=float, default=0.06, help="fraction of the steps")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--train-word-embeddings", action="store_true", help="default: the table stays frozen")
    ap.add_argument("--checkpoint-minutes", type=float, default=15)
    ap.add_argument("--unanswerable-repeat", type=int, default=1, help="each unanswerable group this many times an epoch")
    ap.add_argument("--unanswerable-top", type=int, default=0, help="unanswerable groups always get their N hardest")
    ap.add_argument("--null-logit", type=float, default=None, help="a fixed no-answer option in every list")
    ap.add_argument("--eval-only", action="store_true", help="score --eval-folds with OUT/model.pt")
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    os.makedirs(a.out, exist_ok=True)
    log_file = open(os.path.join(a.out, "log.txt"), "a")

    def log(*msg):
        line = time.strftime("%Y-%m-%d %H:%M:%S ") + " ".join(str(m) for m in msg)
        print(line, flush=True)
        log_file.write(line + "\n")
        log_file.flush()

    folds = lambda s: {int(f) for f in s.split(",") if f}
    kinds = {"answerable", "unanswerable", "offtopic"}
    evals = subset(load_groups(a.pairs, folds(a.eval_folds), kinds), a.eval_groups, a.seed) if a.eval_folds else []
    if a.eval_folds and a.eval_edited:  # scored beside the usual subset, which stays as it was
        evals += subset(load_groups(a.pairs, folds(a.eval_folds), {"edited"}), a.eval_edited, a.seed)
    random.seed(a.seed); np.random.seed(a.seed); torch.manual_seed(a.seed)
    model = CrossEncoder(a.layers)  # the head's initial weights come from the seed

    def evaluate(tag):
        t0 = time.time()
        m = metrics(evals, score_groups(model, evals))
        log(f"eval {tag} folds={a.eval_folds}", json.dumps(m), f"({time.time() - t0:.0f}s)")
        return m

    if a.eval_only:
        model.load_state_dict(torch.load(os.path.join(a.out, "model.pt")))
        evaluate("final-model")
        return

    train = load_groups(a.pairs, folds(a.train_folds), None if a.edited else kinds)
    assert not folds(a.train_folds) & {3, 4}, "folds 3 and 4 are the held-out test folds"
    train += [g for g in train if g["kind"] == "unanswerable"] * (a.unanswerable_repeat - 1)
    per_epoch = len(train) // a.groups_per_step
    total = int(per_epoch * a.epochs)
    warmup = max(1, int(total * a.warmup))
    load_minilm(model, a.base)
    model.word.weight.requires_grad_(a.train_word_embeddings)
    groups = {}  # (is head, weight decay) -> params; the fresh head learns at lr * head_lr_mult
    for n, p in model.named_parameters():
        if p.requires_grad:
            head, wd = n.startswith(("pool.", "score.")), 0.01 if p.ndim > 1 and "norm" not in n else 0.0
            groups.setdefault((head, wd), []).append(p)
    opt = torch.optim.AdamW([{"params": ps, "weight_decay": wd, "lr": a.lr * (a.head_lr_mult if head else 1)}
                             for (head, wd), ps in sorted(groups.items())], lr=a.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))))
    step, ckpt = 0, os.path.join(a.out, "last.pt")
    if os.path.exists(ckpt):
        state = torch.load(ckpt)
        model.load_state_dict(state["model"]); opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"]); step = state["step"]
        log(f"resumed at step {step}")
    log(f"train groups={len(train)} steps={total} warmup={warmup} args={json.dumps(vars(a))}")

    def save():
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "step": step, "args": vars(a)}, ckpt + ".tmp")
        os.replace(ckpt + ".tmp", ckpt)

    stop = min(total, a.max_steps) if a.max_steps else total
    last_save, t0, run = time.time(), time.time(), []
    while step < stop:
        epoch, within = divmod(step, per_epoch)
        order = np.random.RandomState(a.seed * 1000 + epoch).permutation(len(train))
        picked = [train[i] for i in order[within * a.groups_per_step:(within + 1) * a.groups_per_step]]
        torch.manual_seed(a.seed * 100003 + step)  # dropout: same on resume
        model.train()
        loss, lw, bce = step_loss(model, picked, np.random.RandomState(a.seed * 7919 + step), a.negatives,
                                 top=a.unanswerable_top, null=a.null_logit)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step(); sched.step(); step += 1
        run.append((lw, bce))
        if step % 50 == 0 or step == stop:
            lw_m, bce_m = np.mean(run, axis=0)
            rate = (time.time() - t0) / len(run)
            log(f"step {step}/{total} epoch {step / per_epoch:.2f} listwise {lw_m:.4f} bce {bce_m:.4f} "
                f"lr {sched.get_last_lr()[0]:.2e} {rate:.2f}s/step eta {(stop - step) * rate / 60:.0f}min")
            run, t0 = [], time.time()
        if time.time() - last_save > a.checkpoint_minutes * 60:
            save(); last_save = time.time(); log(f"checkpoint at step {step}")
        if evals and a.eval_every and step % a.eval_every == 0 and step < stop:
            evaluate(f"step {step}"); t0 = time.time()
    save()
    if step >= total:
        torch.save(model.state_dict(), os.path.join(a.out, "model.pt"))
        log("saved model.pt")
    if evals:
        evaluate(f"step {step}")


if __name__ == "__main__":
    main()
