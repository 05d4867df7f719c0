"""Tools for the editors of the corpus: finding candidate passages in a new document."""
