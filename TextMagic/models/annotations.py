"""Reading a model's field declarations: annotations (written as text or not, on every
Python), and the generated clients' type names they stand for."""

from __future__ import annotations

import datetime
import sys
import types
import typing
from typing import Any, Union

from TextMagic._lazy import lazy_pattern
from TextMagic.models.registry import is_model_class

__all__ = ["class_body_annotations", "collect_models", "resolve_text_annotations", "type_name"]


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
# ``X | None`` (PEP 604) has its own origin before Python 3.14.
_UNION_ORIGINS = tuple(
    origin for origin in (Union, getattr(types, "UnionType", None)) if origin is not None
)


def type_name(annotation):
    """The generated clients' name of a field's type: ``Optional[List[MessageOut]]`` is
    ``"list[MessageOut]"``, ``Optional[Dict[str, Any]]`` is ``"dict(str, object)"``."""
    if isinstance(annotation, str):
        return annotation
    if isinstance(annotation, typing.ForwardRef):
        if not annotation.__forward_arg__.isidentifier():
            raise TypeError(
                "cannot read the model field type %r on Python %d.%d"
                % ((annotation.__forward_arg__,) + sys.version_info[:2])
            )
        return annotation.__forward_arg__
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


def collect_models(annotation, found):
    """Collect the model classes an annotation names, by name, into ``found``."""
    if is_model_class(annotation):
        found.setdefault(annotation.__name__, annotation)
    for arg in typing.get_args(annotation):
        collect_models(arg, found)
    return found


def class_body_annotations(namespace):
    """The annotations written in a class body, from the namespace a metaclass receives.

    ``__slots__`` must be known before the class exists, so the finished class comes too
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


def resolve_text_annotations(annotations, namespace, name):
    """Evaluate annotations written as text (``from __future__ import annotations``) in
    the module that declares the class; names not yet defined there (the class itself, a
    later class) become forward references, resolved when the model first decodes."""
    if not any(isinstance(text, str) for text in annotations.values()):
        return annotations
    module = sys.modules.get(namespace.get("__module__", ""))
    globalns = dict(vars(module)) if module is not None else {}
    localns = dict(namespace)
    localns.setdefault(name, typing.ForwardRef(name))
    for field, text in annotations.items():
        if isinstance(text, str):
            annotations[field] = _evaluate(text, globalns, localns)
    return annotations


def _evaluate(text, globalns, localns):
    def holder():
        """Carries one annotation for ``typing.get_type_hints``."""

    holder.__annotations__ = {"value": text}
    for _ in range(text.count("[") + 2):  # each round defines one more missing name
        try:
            return typing.get_type_hints(holder, globalns, localns)["value"]
        except NameError as error:
            missing = _NAME_IN_ERROR().search(str(error))
            if missing is None or missing.group(1) in localns:
                break
            localns[missing.group(1)] = typing.ForwardRef(missing.group(1))
        except Exception:  # nosec B112 - syntax this Python cannot evaluate (X | None on 3.9)
            break
    return typing.ForwardRef(text)


_NAME_IN_ERROR = lazy_pattern(r"name '(\w+)' is not defined")
