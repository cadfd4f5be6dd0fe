"""A small builder of ONNX graphs: nodes and constants collected in order, every tensor name unique.

Graph inputs are named after a model's columns, and a column may be called anything (`W0`, `label`,
`scaled`), so every name goes through `fresh`: a name already taken gets `_2`, `_3`, ... appended.
The public outputs are reserved when the builder is made, so no input or inner tensor takes them.
"""

from typing import Any

import numpy as np
import onnx
from onnx import helper, numpy_helper


class GraphBuilder:
    def __init__(self, outputs: list[str]):
        self.nodes: list[onnx.NodeProto] = []
        self.constants: list[onnx.TensorProto] = []
        self.outputs = set(outputs)  # public names: given only to the node that computes them
        self._taken = {"", *outputs}  # "" names an absent optional input in ONNX
        self._shared: dict[tuple[str, str, tuple[int, ...], bytes], str] = {}

    def fresh(self, name: str) -> str:
        """`name`, or `name_2`, `name_3`, ... if it is taken; the name returned is taken from now on."""
        candidate, n = name, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{name}_{n}"
        self._taken.add(candidate)
        return candidate

    def constant(self, name: str, value: np.ndarray) -> str:
        """An initializer holding `value` (its dtype kept), under a fresh name."""
        name = self.fresh(name)
        self.constants.append(numpy_helper.from_array(np.asarray(value), name))
        return name

    def shared_constant(self, name: str, value: np.ndarray) -> str:
        """As `constant`, but one initializer for every request of the same name and value."""
        value = np.asarray(value)
        key = (name, value.dtype.str, value.shape, value.tobytes())
        if key not in self._shared:
            self._shared[key] = self.constant(name, value)
        return self._shared[key]

    def node(self, op: str, inputs: list[str], output: str, domain: str = "", **attributes: Any) -> str:
        """One node with one output; its name, exactly `output` for a public output, else a fresh one."""
        name = output if output in self.outputs else self.fresh(output)
        if domain:  # the default domain left unset, as helper.make_node leaves it
            attributes["domain"] = domain
        self.nodes.append(helper.make_node(op, inputs, [name], **attributes))
        return name

    def add(self, node: onnx.NodeProto) -> None:
        """A node made elsewhere: its outputs' names must come from `fresh`."""
        self.nodes.append(node)
