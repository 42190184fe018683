"""The SDK's model classes by name, and which class a type name in a field means."""

from __future__ import annotations

import importlib
import sys
from typing import Any, Dict, Optional

from TextMagic.models import MODULES as _MODEL_MODULES

__all__ = ["is_model_class", "model_class", "register", "resolve_model"]

# Every model class of the SDK by name, for nested types and for ``ApiClient.deserialize``.
_REGISTRY: Dict[str, Any] = {}
SDK_MODELS = __name__.rpartition(".")[0] + "."


def is_model_class(value: Any) -> bool:
    """Whether ``value`` is a model class (made by ``ModelMeta``)."""
    return isinstance(value, type) and hasattr(value, "_field_of_wire")


def register(cls: Any) -> None:
    """Make one of the SDK's own model classes known by its name."""
    _REGISTRY[cls.__name__] = cls


def model_class(name: str) -> Optional[type]:
    """Return the SDK's model class called ``name`` (importing its module if it is not yet
    imported), or None."""
    found = _REGISTRY.get(name)
    if found is None and name in _MODEL_MODULES:
        importlib.import_module(SDK_MODELS + _MODEL_MODULES[name])
        found = _REGISTRY.get(name)
    return found


def resolve_model(cls: Any, field: str, name: str) -> Any:
    """The model class that a type name in ``field``'s type means: a class named in the
    field's annotation (a dotted name, written as text, is looked up from ``cls``'s
    module), the model itself, one of its module's, or else one of the SDK's."""
    found = cls._field_models.get(field, {}).get(name)
    module = sys.modules.get(cls.__module__)
    if isinstance(found, str):  # "TextMagic.MessageSession", from an annotation's text
        first, *rest = found.split(".")
        found = getattr(module, first, None)
        for part in rest:
            found = getattr(found, part, None)
    if found is None and name == cls.__name__:
        found = cls
    if found is None:
        candidate = getattr(module, name, None)
        if is_model_class(candidate):
            found = candidate
    return found if is_model_class(found) else model_class(name)
