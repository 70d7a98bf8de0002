"""chipwatch: Korean trade-policy news in, a source-linked record of measures out.

Importing the package is cheap: heavy parts (Kiwi, trafilatura, datasketch) load lazily.
"""
__version__ = "0.1.0"
