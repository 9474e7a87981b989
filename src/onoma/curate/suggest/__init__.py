"""Variant discovery (``onoma glossary suggest``): spellings found in a corpus
(``candidates``), clustered into names (``clusters``), written as a report or as draft
entries (``report``)."""
