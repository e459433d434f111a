"""The decisions executives record on a pilot."""
