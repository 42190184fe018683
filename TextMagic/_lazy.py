"""Work moved from import time to first use: package attributes imported when first
named, regular expressions compiled when first used."""

from __future__ import annotations

import functools
import importlib
import re
import sys
from typing import Any, Callable, Dict, Iterable, List, Pattern, Tuple

__all__ = ["lazy_attributes", "lazy_pattern"]


def lazy_pattern(source: str, flags: int = 0) -> Callable[[], Pattern[str]]:
    """A function returning ``re.compile(source, flags)``, compiled at its first call.

    Compiling a pattern costs more instructions than importing a small module, and most
    patterns serve rare paths: an import should not pay for them.
    """
    return functools.lru_cache(maxsize=None)(functools.partial(re.compile, source, flags))


def lazy_attributes(
    package_name: str, sources: Dict[str, str], submodules: Iterable[str] = ()
) -> Tuple[Callable[[str], Any], Callable[[], List[str]]]:
    """The ``__getattr__`` and ``__dir__`` (PEP 562) of a package whose names are
    imported when first asked for, then kept in the package.

    :param str package_name: the package's ``__name__``.
    :param dict sources: each such name -> the absolute name of the module defining it.
    :param submodules: submodules reachable as attributes before anything imported them.
    """
    package = sys.modules[package_name]
    submodule_names = frozenset(submodules)

    def __getattr__(name: str) -> Any:
        if name in submodule_names:
            return importlib.import_module("%s.%s" % (package_name, name))
        source = sources.get(name)
        if source is None:
            raise AttributeError("module %r has no attribute %r" % (package_name, name))
        value = getattr(importlib.import_module(source), name)
        setattr(package, name, value)  # later lookups find it without this function
        return value

    def __dir__() -> List[str]:
        return sorted(set(vars(package)) | set(sources) | submodule_names)

    return __getattr__, __dir__
