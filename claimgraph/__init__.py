"""claimgraph: the command-line face over loaders/ and graph/."""
__version__ = "0.1.0"
