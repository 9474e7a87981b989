"""Offline translation of articles with Argos Translate packages, names kept intact.

The pieces: :mod:`.segment` (layout and sentences), :mod:`.entities` (placeholders,
checks, the segmented fallback), :mod:`.engine` (CTranslate2 and SentencePiece, models
cached per process), :mod:`.api` (:class:`~onoma.translation.api.Translator` and
:func:`~onoma.translation.api.translate_text`, which is ``onoma.translate``), and the
package management in :mod:`.packages`, :mod:`.archive`, :mod:`.index` and
:mod:`.opus_mt`. Nothing
heavy is imported here.
"""
