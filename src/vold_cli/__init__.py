"""vold: decision support on violence in close relationships between adults, for Danish municipalities."""

__version__ = "0.1.0"
