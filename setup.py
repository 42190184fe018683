"""Packaging for the TextMagic Outbound Message Sessions SDK."""

import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as handle:
        return handle.read()


VERSION = re.search(r'__version__ = "([^"]+)"', read("TextMagic/_version.py")).group(1)
# The same list as requirements.txt (a test keeps the two equal); written out here so
# that an sdist builds from setup.py and README.md alone.
REQUIRES = [
    "certifi >= 2017.4.17",
    "python-dateutil >= 2.9.0",
    "six >= 1.16.0",
    "urllib3 >= 1.26.5, < 3",
]

setup(
    # The import package is ``TextMagic``; the distribution has a name of its own, because
    # the package index's ``textmagic`` is an unrelated client (module ``textmagic``).
    name="textmagic-message-sessions",
    version=VERSION,
    description="Python client for the TextMagic Outbound Message Sessions API",
    long_description=read("README.md"),
    long_description_content_type="text/markdown",
    author="TextMagic SDK team",
    license="MIT",
    license_files=["LICENSE"],
    keywords=["TextMagic", "SMS", "REST API", "SDK"],
    python_requires=">=3.8",
    install_requires=REQUIRES,
    # Faster decoding of answers (same results): pip install textmagic-message-sessions[fast]
    extras_require={"fast": ["orjson >= 3.9"]},
    packages=find_packages(include=["TextMagic", "TextMagic.*"]),
    package_data={"TextMagic": ["py.typed"]},
    entry_points={
        "console_scripts": ["textmagic = TextMagic.cli:command"],
        # The textmagic_sandbox fixture, for applications' own tests (TextMagic.pytest_plugin).
        "pytest11": ["textmagic = TextMagic.pytest_plugin"],
    },
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Programming Language :: Python :: 3.8",
        "Programming Language :: Python :: 3.9",
        "Programming Language :: Python :: 3.10",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Programming Language :: Python :: 3.14",
        "Programming Language :: Python :: 3.15",
        "Intended Audience :: Developers",
        "Topic :: Communications :: Telephony",
        "Framework :: Pytest",
    ],
)
