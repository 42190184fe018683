"""Reading a model's field declarations: annotations (written as text or not, on every
Python), and the generated clients' type names they stand for.

Annotations written as text (``from __future__ import annotations``) are read as text:
``"Optional[List[Folder]]"`` is ``"list[Folder]"`` without evaluating anything, so a
field may name a class defined later in its module, or its own class. Which class a
model's name means is settled when the model first decodes (``registry.resolve_model``).
"""

from __future__ import annotations

import datetime
import sys
import types
import typing
from typing import Any, Dict, List, Union

from TextMagic.models.registry import is_model_class

__all__ = ["class_body_annotations", "collect_models", "is_plain_list", "type_name"]


_SIMPLE_TYPE_NAMES = {
    int: "int",
    str: "str",
    bool: "bool",
    float: "float",
    object: "object",
    datetime.datetime: "datetime",
    datetime.date: "date",
    Any: "object",
}
_SIMPLE_TEXT_NAMES = {
    "int": "int",
    "str": "str",
    "bool": "bool",
    "float": "float",
    "object": "object",
    "Any": "object",
    "datetime": "datetime",
    "date": "date",
}
# ``X | None`` (PEP 604) has its own origin before Python 3.14.
_UNION_ORIGINS = tuple(
    origin for origin in (Union, getattr(types, "UnionType", None)) if origin is not None
)


def type_name(annotation: Any) -> str:
    """The generated clients' name of a field's type: ``Optional[List[MessageOut]]`` is
    ``"list[MessageOut]"``, ``Optional[Dict[str, Any]]`` is ``"dict(str, object)"``."""
    if isinstance(annotation, str):
        return _text_type_name(annotation)
    if isinstance(annotation, typing.ForwardRef):
        return _text_type_name(annotation.__forward_arg__)
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in _UNION_ORIGINS:
        inner = [arg for arg in args if arg is not type(None)]
        return type_name(inner[0]) if len(inner) == 1 else "object"
    if origin is list:
        return "list[%s]" % type_name(args[0])
    if origin is dict:
        return "dict(%s, %s)" % (type_name(args[0]), type_name(args[1]))
    if annotation in _SIMPLE_TYPE_NAMES:
        return _SIMPLE_TYPE_NAMES[annotation]
    if isinstance(annotation, type):
        return annotation.__name__
    raise TypeError("a model field cannot have the type %r" % (annotation,))


def _text_type_name(text: str) -> str:
    """``type_name`` of an annotation written as text."""
    text = text.strip()
    alternatives = _split(text, "|")
    if len(alternatives) > 1:
        return _union_name(alternatives, text)
    head, bracket, rest = text.partition("[")
    head = head.strip().rpartition(".")[2]
    if bracket:
        if not rest.endswith("]"):
            raise TypeError("cannot read the model field type %r" % text)
        args = _split(rest[:-1], ",")
        if head == "Optional" and len(args) == 1:
            return _text_type_name(args[0])
        if head == "Union":
            return _union_name(args, text)
        if head in ("List", "list") and len(args) == 1:
            return "list[%s]" % _text_type_name(args[0])
        if head in ("Dict", "dict") and len(args) == 2:
            return "dict(%s, %s)" % (_text_type_name(args[0]), _text_type_name(args[1]))
        raise TypeError("a model field cannot have the type %r" % text)
    if not head.isidentifier():
        raise TypeError("cannot read the model field type %r" % text)
    return _SIMPLE_TEXT_NAMES.get(head, head)


def _union_name(alternatives: List[str], text: str) -> str:
    inner = [part for part in alternatives if part not in ("None", "NoneType")]
    return _text_type_name(inner[0]) if len(inner) == 1 else "object"


def _split(text: str, separator: str) -> List[str]:
    """``text`` split at ``separator`` outside brackets, each part stripped."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def is_plain_list(annotation: Any) -> bool:
    """Whether an annotation is a list that cannot be None (``List[X]``, not
    ``Optional[List[X]]``): such a field reads as ``[]`` when the JSON lacks it."""
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        head = annotation.strip().partition("[")[0].rpartition(".")[2]
        return head in ("List", "list") and len(_split(annotation, "|")) == 1
    return typing.get_origin(annotation) is list


def collect_models(annotation: Any, found: Dict[str, Any]) -> Dict[str, Any]:
    """Collect the model classes an annotation names, by name, into ``found``; an
    annotation written as text names them by dotted name (resolved on first decode)."""
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        for word in annotation.replace("[", ",").replace("]", ",").replace("|", ",").split(","):
            word = word.strip()
            if "." in word:
                found.setdefault(word.rpartition(".")[2], word)
        return found
    if is_model_class(annotation):
        found.setdefault(annotation.__name__, annotation)
    for arg in typing.get_args(annotation):
        collect_models(arg, found)
    return found


def class_body_annotations(namespace: Dict[str, Any]) -> Dict[str, Any]:
    """The annotations written in a class body, from the namespace a metaclass receives.

    The fields must be known before the class exists, so the finished class comes too
    late. Before Python 3.14, and under ``from __future__ import annotations``, the
    namespace holds ``__annotations__``; from 3.14 on (PEP 649/749) it holds a function
    that computes them, which ``annotationlib`` calls for us (names not yet defined come
    back as forward references).
    """
    annotations = namespace.get("__annotations__")
    if annotations is None:
        if sys.version_info >= (3, 14):  # a test of its own: type checkers skip the block
            import annotationlib

            annotate = annotationlib.get_annotate_from_class_namespace(namespace)
            if annotate is not None:
                annotations = annotationlib.call_annotate_function(
                    annotate, annotationlib.Format.FORWARDREF
                )
    return dict(annotations or {})
