"""The curator's tools, built on the glossary as data: lint, add and ids, merge, show,
stats, variant discovery (``suggest``) and the exchange formats (``exchange``)."""
