"""Slim the int8 sentiment classifier's ONNX graph for one-input-at-a-time inference (issue 16).

sitrep runs every (sentence, target) input alone and unpadded (batch-independent scores, issue 18),
so three parts of the exported graph do work whose result is known in advance or never read. This
script removes them and leaves every output bit-identical (checked on the inputs below and, in
``docs/benchmarks.md``, on NewsMTSC devtest_mt and the FA-KES profile sample):

1. **The attention mask.** With no padding the additive mask is 0.0 everywhere, and ``x + 0.0``
   is ``x``; the mask's ~40 shape and comparison nodes and the six ``Add`` nodes go, and so does
   the ``attention_mask`` input.
2. **Shape arithmetic.** Each attention block computes its ``Reshape`` targets from ``Shape`` /
   ``Gather`` / ``Unsqueeze`` / ``Concat`` at every run; the leading (batch, sequence) dimensions
   are copied from the input instead (``0`` in a ``Reshape`` target), a pure relabelling of the
   same data.
3. **The last layer's output projection on two rows.** The classifier reads only the final hidden
   states of ``[CLS]`` (row 0) and of the target marker (row ``marker``). The last
   feed-forward output projection is quantized over *all* rows as before (one activation scale per
   tensor, so the scale is unchanged), then only those two quantized rows are multiplied; the
   residual sum and layer norm (per row) follow on the two rows, and the head reads them directly.

The slimmed graph accepts one input per run (``batch`` = 1, as sitrep calls it). Run by
``scripts/train_sentiment.py`` after export; on its own it slims a model in place::

    python scripts/slim_sentiment.py [src/sitrep/models/sentiment/tsc-minilm-l6.int8.onnx]

Needs the ``onnx`` package (the ``train`` extra), never at run time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = REPO / "src" / "sitrep" / "models" / "sentiment" / "tsc-minilm-l6.int8.onnx"
#: project-written inputs used to check the slimmed graph against the original (ids, marker)
CHECK_INPUTS: tuple[tuple[list[int], int], ...] = (
    ([101, 1, 2000, 2, 102], 1),
    ([101, 2000, 2001, 1, 2002, 2, 2003, 2004, 1012, 102], 3),
    ([101, *range(3000, 3030), 1, 4000, 4001, 2, *range(5000, 5025), 102], 31),
)


class SlimError(RuntimeError):
    """The graph is not the exported classifier this script knows how to slim."""


def _producers(graph) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {out: node for node in graph.node for out in node.output}


def _drop_mask(graph) -> None:  # type: ignore[no-untyped-def]
    """Bypass the attention-score ``Add`` of the additive mask (0.0 with no padding)."""
    adds = [n for n in graph.node if n.op_type == "Add" and n.name.endswith("/attention/self/Add")]
    if not adds:
        raise SlimError("no attention-mask Add nodes found (already slim?)")
    for add in adds:
        scores, mask = add.input[0], add.input[1]
        if not mask.startswith("/encoder/Where"):
            raise SlimError(f"{add.name}: second input {mask!r} is not the attention mask")
        for node in graph.node:
            for i, name in enumerate(node.input):
                if name == add.output[0]:
                    node.input[i] = scores
        graph.node.remove(add)
    inputs = [i for i in graph.input if i.name == "attention_mask"]
    for i in inputs:
        graph.input.remove(i)


def _static_reshapes(graph) -> int:  # type: ignore[no-untyped-def]
    """Reshape targets built from the input's own (batch, sequence) dims -> ``0`` (copy the dim)."""
    from onnx import numpy_helper

    made = _producers(graph)
    changed = 0
    for node in graph.node:
        if node.op_type != "Reshape" or "/attention/self/Reshape" not in node.name:
            continue
        concat = made.get(node.input[1])
        if concat is None or concat.op_type != "Concat":  # type: ignore[attr-defined]
            continue
        target: list[int] = []
        for pos, part in enumerate(concat.input):  # type: ignore[attr-defined]
            src = made.get(part)
            if src is not None and src.op_type == "Unsqueeze":  # type: ignore[attr-defined]
                gather = made.get(src.input[0])  # type: ignore[attr-defined]
                index = made.get(gather.input[1]) if gather is not None else None  # type: ignore[attr-defined]
                if gather is None or gather.op_type != "Gather" or index is None or pos > 1:  # type: ignore[attr-defined]
                    raise SlimError(f"{node.name}: unexpected shape part {part!r}")
                if int(numpy_helper.to_array(index.attribute[0].t)) != pos:  # type: ignore[attr-defined]
                    raise SlimError(f"{node.name}: shape part {pos} is not the input's dim {pos}")
                target.append(0)
            elif src is not None and src.op_type == "Constant":  # type: ignore[attr-defined]
                target.extend(int(v) for v in numpy_helper.to_array(src.attribute[0].t).ravel())  # type: ignore[attr-defined]
            else:
                raise SlimError(f"{node.name}: unexpected shape part {part!r}")
        name = f"{node.name}/static_shape"
        graph.initializer.append(numpy_helper.from_array(np.array(target, dtype=np.int64), name))
        node.input[1] = name
        changed += 1
    if changed == 0:
        raise SlimError("no attention Reshape nodes with computed shapes found")
    return changed


def _last_rows(graph) -> None:  # type: ignore[no-untyped-def]
    """The last layer's output projection, residual and layer norm on rows [0, marker] only."""
    from onnx import TensorProto, helper, numpy_helper

    nodes = list(graph.node)
    layers = sorted({int(n.name.split("/layer.")[1].split("/")[0]) for n in nodes if "/layer." in n.name})
    last = f"/encoder/encoder/layer.{layers[-1]}/output"
    matmul = next(n for n in nodes if n.op_type == "MatMulInteger" and n.name.startswith(f"{last}/dense/"))
    residual = next(n for n in nodes if n.op_type == "Add" and n.name == f"{last}/Add")
    norm = next(n for n in nodes if n.op_type == "LayerNormalization" and n.name.startswith(f"{last}/LayerNorm"))
    head_matmul = next(n for n in nodes if n.name.startswith("/head/") and n.op_type == "MatMulInteger")
    head = _producers(graph)[head_matmul.input[0]]
    if head.op_type != "DynamicQuantizeLinear":  # type: ignore[attr-defined]
        raise SlimError("the head's input is not a DynamicQuantizeLinear")
    hidden, ffn_src, res_src = norm.output[0], matmul.input[0], residual.input[1]
    graph.initializer.append(numpy_helper.from_array(np.array([0], dtype=np.int64), "slim/cls_row"))
    graph.initializer.append(numpy_helper.from_array(np.array([1, -1], dtype=np.int64), "slim/head_shape"))
    new = [
        helper.make_node("Concat", ["slim/cls_row", "marker"], ["slim/rows"], name="slim/rows", axis=0),
        helper.make_node("Gather", [ffn_src, "slim/rows"], ["slim/ffn_rows"], name="slim/ffn_rows", axis=1),
        helper.make_node("Gather", [res_src, "slim/rows"], ["slim/res_rows"], name="slim/res_rows", axis=1),
        helper.make_node("Reshape", [hidden, "slim/head_shape"], ["slim/head_input"], name="slim/head_input"),
    ]
    matmul.input[0] = "slim/ffn_rows"
    residual.input[1] = "slim/res_rows"
    head.input[0] = "slim/head_input"
    index = nodes.index(matmul)
    for offset, node in enumerate(new[:3]):
        graph.node.insert(index + offset, node)
    graph.node.insert(list(graph.node).index(norm) + 1, new[3])
    _two_rows(graph, [matmul.output[0], residual.output[0], norm.output[0]], head.output[0])
    quantizer = _producers(graph)[ffn_src]
    known = {v.name: v for v in graph.value_info}
    width = {name: known[name].type.tensor_type.shape.dim[2].dim_value
             for name in (quantizer.input[0], res_src) if name in known}  # type: ignore[attr-defined]
    # the same symbolic batch dimension as the tensors they meet (the skip-layer-norm fusion
    # compares the two summands' shapes)
    batch = known[residual.output[0]].type.tensor_type.shape.dim[0].dim_param or "batch"
    graph.value_info.extend([
        helper.make_tensor_value_info("slim/ffn_rows", TensorProto.UINT8,
                                      [batch, 2, width.get(quantizer.input[0]) or None]),  # type: ignore[attr-defined]
        helper.make_tensor_value_info("slim/res_rows", TensorProto.FLOAT, [batch, 2, width.get(res_src) or None]),
    ])


def _two_rows(graph, starts: list[str], stop: str) -> None:  # type: ignore[no-untyped-def]
    """Fix dim 1 of the shape annotations downstream of ``starts`` (up to ``stop``) to 2 rows.

    onnxruntime fuses nodes using these annotations: a stale ``seq`` would be wrong, a dropped
    annotation would change which fused kernels (and hence which float roundings) are used."""
    consumers: dict[str, list[object]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    known = {v.name: v for v in graph.value_info}
    seen: set[str] = set()
    stack = list(starts)
    while stack:
        name = stack.pop()
        if name in seen or name == stop or name == "slim/head_input":
            continue
        seen.add(name)
        info = known.get(name)
        if info is not None and len(info.type.tensor_type.shape.dim) == 3:
            info.type.tensor_type.shape.dim[1].Clear()
            info.type.tensor_type.shape.dim[1].dim_value = 2
        for node in consumers.get(name, []):
            stack.extend(node.output)  # type: ignore[attr-defined]


def _prune(model) -> None:  # type: ignore[no-untyped-def]
    """Drop nodes and initializers no output depends on."""
    graph = model.graph
    made = _producers(graph)
    needed = {o.name for o in graph.output}
    keep: set[int] = set()
    stack = list(needed)
    while stack:
        name = stack.pop()
        node = made.get(name)
        if node is None or id(node) in keep:
            continue
        keep.add(id(node))
        stack.extend(i for i in node.input if i)  # type: ignore[attr-defined]
        for attr in node.attribute:  # type: ignore[attr-defined]
            if attr.g is not None:
                for sub in attr.g.node:
                    stack.extend(i for i in sub.input if i)
    for node in [n for n in graph.node if id(n) not in keep]:
        graph.node.remove(node)
    used = {i for n in graph.node for i in n.input}
    for n in graph.node:
        for attr in n.attribute:
            used.update(i for sub in attr.g.node for i in sub.input)
    for init in [i for i in graph.initializer if i.name not in used]:
        graph.initializer.remove(init)


def slim(src: Path, dst: Path) -> None:
    """Write the slimmed graph of ``src`` to ``dst`` (may be the same file)."""
    import onnx

    model = onnx.load(str(src))
    if not any(i.name == "attention_mask" for i in model.graph.input):
        raise SlimError(f"{src} has no attention_mask input: already slimmed")
    _drop_mask(model.graph)
    _static_reshapes(model.graph)
    _last_rows(model.graph)
    _prune(model)
    onnx.checker.check_model(model)
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "slim.onnx"
        onnx.save(model, str(staged))
        compare(src, staged)
        dst.write_bytes(staged.read_bytes())


def _session(path: Path):  # type: ignore[no-untyped-def]
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def run(session, ids: Sequence[int], marker: int) -> np.ndarray:  # type: ignore[no-untyped-def]
    """Logits of one unpadded input, feeding whichever inputs the graph declares."""
    feed = {"input_ids": np.array([list(ids)], dtype=np.int64), "marker": np.array([marker], dtype=np.int64)}
    if any(i.name == "attention_mask" for i in session.get_inputs()):
        feed["attention_mask"] = np.ones((1, len(ids)), dtype=np.int64)
    return np.asarray(session.run(None, feed)[0])


def compare(original: Path, slimmed: Path, inputs: Sequence[tuple[Sequence[int], int]] = CHECK_INPUTS) -> None:
    """Raise unless the slimmed graph gives bit-identical logits on ``inputs``."""
    a, b = _session(original), _session(slimmed)
    for ids, marker in inputs:
        x, y = run(a, ids, marker), run(b, ids, marker)
        if x.shape != y.shape or not np.array_equal(x, y):
            raise SlimError(f"slimmed graph differs on an input of {len(ids)} tokens: {x} vs {y}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path, nargs="?", default=DEFAULT_MODEL)
    ap.add_argument("--out", type=Path, default=None, help="write here (default: in place)")
    args = ap.parse_args(argv)
    try:
        slim(args.model, args.out or args.model)
    except SlimError as exc:
        print(f"slim_sentiment: {exc}", file=sys.stderr)
        return 1
    print(f"slimmed {args.model} -> {args.out or args.model}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
