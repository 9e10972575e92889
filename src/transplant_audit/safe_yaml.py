"""YAML for untrusted files: size, alias, nesting and expanded-size limits before loading.

``yaml.safe_load`` refuses arbitrary objects but not a "billion laughs": a few
hundred bytes of nested aliases that expand to billions of nodes once anything
walks the result. :func:`load_bounded` scans the event stream first (aliases,
nesting depth), then counts the nodes the document has with every alias expanded
(on the composed node graph, memoised, so the count itself is cheap), and only
then builds Python objects. Each limit is in :mod:`transplant_audit.limits`.
"""

from __future__ import annotations

from typing import Any

import yaml

from transplant_audit import error_codes as codes
from transplant_audit import limits


def _scan_events(text: str, file: str) -> None:
    max_aliases, max_depth = limits.YAML_ALIASES.value(), limits.YAML_DEPTH.value()
    aliases = depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
            if aliases > max_aliases:
                raise limits.YAML_ALIASES.exceeded(
                    file, f"more than {max_aliases} aliases", code=codes.YamlTooManyAliases
                )
        elif isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > max_depth:
                raise limits.YAML_DEPTH.exceeded(
                    file, f"nested more than {max_depth} levels deep", code=codes.YamlTooDeep
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def expanded_size(node: yaml.Node, memo: dict[int, int] | None = None) -> int:
    """Number of nodes under ``node`` with every alias expanded (memoised per node)."""
    memo = {} if memo is None else memo
    key = id(node)
    if key in memo:
        return memo[key]
    memo[key] = 1  # a recursive alias counts once (SafeLoader builds it as a cycle)
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(expanded_size(k, memo) + expanded_size(v, memo) for k, v in node.value)
    memo[key] = total
    return total


def load_bounded(data: bytes, file: str) -> Any:
    """The YAML document in ``data`` (UTF-8), refused over any limit with a ``DataError``."""
    max_bytes = limits.YAML_BYTES.value()
    if len(data) > max_bytes:
        raise limits.YAML_BYTES.exceeded(
            file, f"file has more than {max_bytes:,} bytes", code=codes.YamlTooLarge
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from transplant_audit.errors import DataError

        raise DataError(
            file=file, reason=f"not UTF-8 at byte {exc.start}", code=codes.EncodingError
        ) from None
    _scan_events(text, file)
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        max_nodes = limits.YAML_NODES.value()
        size = expanded_size(node)
        if size > max_nodes:
            raise limits.YAML_NODES.exceeded(
                file, f"expands to {size:,} nodes", code=codes.YamlTooManyNodes
            )
        return loader.construct_document(node)
    finally:
        loader.dispose()
