"""onoma."""
