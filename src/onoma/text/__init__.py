"""Text files and spans, shared by every layer: strict UTF-8 reading, atomic writes,
diffs, and helpers for (start, end) spans. Imports nothing of onoma's but
``onoma.errors``."""
