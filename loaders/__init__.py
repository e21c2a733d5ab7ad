"""Loaders: readers, cleaning and extraction of actors and claims from news text."""
