"""What onoma knows about languages and scripts: letters and their scripts, case folding,
the romanization key, stems and case endings. The bottom layer: it imports nothing of
onoma's but ``onoma.errors``."""
