"""Loading and validating the data files: one bounded, strict reader (:mod:`.loading`), the
schema building blocks (:mod:`.schema`) and one module per data file."""
