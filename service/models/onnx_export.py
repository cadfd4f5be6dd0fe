"""A trained model as an ONNX graph, for running it outside the service (onnxruntime and others).

The graph takes `input`, float32 (batch, n_features) with the columns in the model's feature order
(float32 because every ONNX runtime supports it; the service itself predicts in float64, so answers
agree to float32 precision, about 1e-6, and a label can differ only where two classes tie to that
precision), and computes what `POST /v1/models/{id}/predict` does:

    input -> Sub mean, Div scale (when the model scales its features)
          -> per layer: MatMul W, Add b, then the hidden activation (Relu, LeakyRelu, Tanh, Sigmoid),
             and on the output layer Sigmoid (two classes), Softmax (more) or nothing (regression)
    classifier: `probabilities` float32 (batch, n_classes), columns in `classes` order (for two
                classes the one sigmoid unit p becomes [1 - p, p]), and `label` (batch,): the class
                of the highest probability, a string, int64, double or bool tensor like the classes
    regressor:  Mul scale, Add mean (when the model scales its target), then `predictions` float32
                (batch,) for one target, (batch, n_targets) for more

`metadata_props` hold what a client needs to map inputs and outputs: `model_id`, `task`, `target`,
`features` and `classes` (JSON lists), and `input_dtype`.

A model trained on a raw table (its `encoder_`, a `ColumnEncoder`) takes the raw columns instead of
`input`: one input of shape (batch,) per column the encoder uses, float32 for numbers and booleans
(NaN missing), string for categories (a stated token missing), int64 epoch seconds for dates (INT64
min missing), and the graph encodes them as `encoder_.transform` does before the layers above (see
onnx_encoding.py, which builds those nodes). Its metadata then has `features`: the columns the graph
takes, in input order; `inputs`: per input its name, column, type, dtype and missing token (JSON);
`encoded_features`: the encoder's outputs, the network's inputs; `left_out`: the columns the encoder
leaves out, with why; and no `input_dtype`. A graph input is named after its column, with `_2` added
when the column is named like an output (`label`, `probabilities`, `predictions`).
"""

import json
from typing import Any, cast

import numpy as np
import onnx
from onnx import TensorProto, helper

from nn_engine import MLPClassifier
from nn_engine.activations import LEAKY_RELU_SLOPE
from service.models import onnx_encoding
from service.models.onnx_graph import GraphBuilder
from service.models.service import LoadedModel

# Every op here as it is at opset 13 (row-wise Softmax, Squeeze with axes as an input): onnxruntime >= 1.6
OPSET = 13
DTYPE = np.float32
BATCH = "batch"  # the symbolic first dimension of every input and output


def _activation_node(name: str, x: str, y: str) -> onnx.NodeProto | None:
    """The node of an activation of the engine's table (`network_.hidden_activation` or
    `output_activation`); None for identity."""
    if name == "identity":
        return None
    if name == "leaky_relu":
        return helper.make_node("LeakyRelu", [x], [y], alpha=LEAKY_RELU_SLOPE)
    ops = {"relu": "Relu", "tanh": "Tanh", "sigmoid": "Sigmoid", "softmax": "Softmax"}
    if name not in ops:
        raise ValueError(f"activation {name!r} has no ONNX counterpart here")
    attributes: dict[str, Any] = {"axis": 1} if name == "softmax" else {}  # Any: make_node's **kwargs are attributes
    return helper.make_node(ops[name], [x], [y], **attributes)


def _label_tensor(classes: np.ndarray) -> tuple[np.ndarray, int]:
    """The classes as a constant for Gather, and its ONNX element type."""
    if classes.dtype.kind in "US":
        return classes.astype(object), TensorProto.STRING
    if classes.dtype.kind == "b":
        return classes, TensorProto.BOOL
    if classes.dtype.kind in "iu":
        return classes.astype(np.int64), TensorProto.INT64
    return classes.astype(np.float64), TensorProto.DOUBLE


def to_onnx(model: LoadedModel) -> bytes:
    """The serialized ONNX model (see the module docstring for the graph)."""
    estimator = model.estimator
    network = estimator.network_
    n_features = network.sizes[0]
    encoder = estimator.encoder_
    classifier = model.task == "classification"
    g = GraphBuilder(["probabilities", "label"] if classifier else ["predictions"])

    meta = {"model_id": model.id, "task": model.task, "target": model.target}
    if encoder is None:
        assert n_features == len(model.features)
        x = g.fresh("input")  # (batch, n_features)
        inputs = [helper.make_tensor_value_info(x, TensorProto.FLOAT, [BATCH, n_features])]
        meta |= {"features": json.dumps(model.features), "input_dtype": "float32"}
    else:
        assert n_features == encoder.n_outputs_
        columns, x = onnx_encoding.encoding_nodes(g, encoder, "encoded")  # (batch, n_features) float32
        inputs = [helper.make_tensor_value_info(c.name, c.elem_type, [BATCH]) for c in columns]
        meta |= {
            "features": json.dumps([c.column for c in columns]),
            "inputs": json.dumps([c.metadata() for c in columns]),
            "encoded_features": json.dumps(encoder.get_feature_names_out().tolist()),
            "left_out": json.dumps({p.name: f"{p.type}: {p.reason}" for p in encoder.plans_ if not p.outputs()}),
        }

    if estimator.scaler_ is not None:
        x = g.node("Sub", [x, g.constant("feature_mean", estimator.scaler_.mean_.astype(DTYPE))], "centred")
        x = g.node("Div", [x, g.constant("feature_scale", estimator.scaler_.scale_.astype(DTYPE))], "scaled")

    last = network.n_layers - 1
    for i, (W, b) in enumerate(zip(network.weights, network.biases, strict=True)):
        x = g.node("MatMul", [x, g.constant(f"W{i}", W.astype(DTYPE))], f"matmul{i}")  # (batch, sizes[i + 1])
        x = g.node("Add", [x, g.constant(f"b{i}", b.astype(DTYPE))], f"z{i}")
        activation = network.output_activation if i == last else network.hidden_activation
        act = _activation_node(activation, x, g.fresh(f"a{i}"))
        if act is not None:
            g.add(act)
            x = act.output[0]

    if classifier:
        classes = cast(MLPClassifier, estimator).classes_
        meta["classes"] = json.dumps(classes.tolist())
        if network.sizes[-1] == 1:  # one sigmoid unit: P(classes[1])
            complement = g.node("Sub", [g.constant("one", np.array(1, DTYPE)), x], "complement")
            g.node("Concat", [complement, x], "probabilities", axis=1)
        else:
            g.node("Identity", [x], "probabilities")
        index = g.node("ArgMax", ["probabilities"], "label_index", axis=1, keepdims=0)  # (batch,) int64
        labels, label_type = _label_tensor(classes)
        g.node("Gather", [g.constant("classes", labels), index], "label", axis=0)
        outputs = [
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [BATCH, len(classes)]),
            helper.make_tensor_value_info("label", label_type, [BATCH]),
        ]
    else:
        if estimator.y_scaler_ is not None:
            x = g.node("Mul", [x, g.constant("target_scale", estimator.y_scaler_.scale_.astype(DTYPE))], "unscaled")
            x = g.node("Add", [x, g.constant("target_mean", estimator.y_scaler_.mean_.astype(DTYPE))], "targets")
        n_outputs = network.sizes[-1]
        if n_outputs == 1:
            g.node("Squeeze", [x, g.shared_constant("axis_1", np.array([1], np.int64))], "predictions")
            shape: list[str | int] = [BATCH]
        else:
            g.node("Identity", [x], "predictions")
            shape = [BATCH, n_outputs]
        outputs = [helper.make_tensor_value_info("predictions", TensorProto.FLOAT, shape)]

    graph = helper.make_graph(g.nodes, f"nnservice-{model.id}", inputs, outputs, initializer=g.constants)
    opsets = [helper.make_opsetid("", OPSET)]
    if encoder is not None and onnx_encoding.uses_ml_domain(encoder):
        opsets.append(helper.make_opsetid(onnx_encoding.ML_DOMAIN, onnx_encoding.ML_OPSET))
    source = f"{n_features} features" if encoder is None else f"{len(inputs)} columns ({n_features} features)"
    onnx_model = helper.make_model(
        graph,
        opset_imports=opsets,
        ir_version=helper.find_min_ir_version_for(opsets),  # the oldest runtimes that know the opset read it
        producer_name="nnservice",
        doc_string=f"model {model.id}: {model.task} of {model.target!r} from {source}",
    )
    helper.set_model_props(onnx_model, meta)
    onnx.checker.check_model(onnx_model)
    return onnx_model.SerializeToString()
