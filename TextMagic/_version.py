"""The SDK's version, kept in one place for the package, ``setup.py`` and the User-Agent."""

__version__ = "1.0.0"
