"""nnservice: the HTTP training service around nn_engine."""

__version__ = "0.1.0"
