"""Turn an OPUS-MT (Marian) model into an installed Argos package.

OPUS-MT and Tatoeba-Challenge releases are zips (or their unpacked folders) holding a
Marian model (``*.npz``), its vocabulary (``*.vocab.yml``), ``decoder.yml`` and two
SentencePiece models, ``source.spm`` and ``target.spm``. CTranslate2's converter turns the
Marian model into the package's ``model/`` folder; it reads numpy arrays only (no torch
needed, though ``ctranslate2.converters`` imports torch when it is installed).

Tokenizers: an Argos package has a single ``sentencepiece.model``, used both to encode
the source and to decode the output. LibreTranslate's own converter (Locomotive's
``opus_mt_convert.py``) copies ``source.spm`` as ``sentencepiece.model`` and drops
``target.spm``: decoding still works because SentencePiece passes pieces that the source
model does not know through verbatim. onoma does the same, so the package works with Argos
Translate as it is, and also keeps ``target.spm`` in the package, named in
``metadata.json`` as ``"target_sentencepiece_model": "target.spm"``, so that onoma's
engine can decode with the target model (exact spacing and byte-fallback pieces).
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from onoma.translation.archive import safe_extract
from onoma.translation.metadata import check_metadata
from onoma.translation.packages import (
    PackageError,
    PackageInfo,
    install_folder,
    staging_dir,
)

QUANTIZATIONS = (
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
TARGET_SPM = "target.spm"
LANGUAGE_NAMES = {"en": "English", "hy": "Armenian", "az": "Azerbaijani", "ru": "Russian"}
_TOKEN_REQUIRED = "language token is required"
MAX_DECODER_YML = 64 * 1024


@dataclass(frozen=True)
class Release:
    """The files of an OPUS-MT release that the conversion uses."""

    folder: Path
    model: Path
    vocabs: tuple[Path, ...]
    source_spm: Path
    target_spm: Path
    has_decoder_yml: bool  # decoder.yml names the model and vocabularies found
    target_labels: tuple[str, ...] | None  # valid >>id<< labels, if the model needs one


def _inside(folder: Path, name: object, label: Path) -> Path:
    """The file ``name`` of ``decoder.yml``, which must stay inside the release folder."""
    if not isinstance(name, str) or not name or "\0" in name:
        raise PackageError(f"decoder.yml names {name!r}, which is not a file name", label)
    root = folder.resolve()
    candidate = (folder / name).resolve()
    if not candidate.is_relative_to(root) or Path(name).is_absolute():
        raise PackageError(
            f"decoder.yml names {name!r}, outside the release: every file must be inside it",
            label,
        )
    return candidate


def _decoder_config(folder: Path, label: Path) -> tuple[Path, tuple[Path, ...]] | None:
    """The model and vocabularies named in ``decoder.yml``, if it exists and they do.

    A name that leads outside the release (an absolute path, ``..``, a link) is a
    :class:`PackageError`: the conversion reads only the release's own files."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    config_file = folder / "decoder.yml"
    if not config_file.is_file():
        return None
    try:
        if config_file.stat().st_size > MAX_DECODER_YML:
            raise PackageError("decoder.yml is larger than 64 kB", label)
        config = YAML(typ="safe").load(config_file.read_text(encoding="utf-8"))
        models, vocabs = config["models"], config["vocabs"]
    except (OSError, ValueError, YAMLError, KeyError, IndexError, TypeError, RecursionError):
        return None
    if not isinstance(models, list) or not isinstance(vocabs, list) or not models:
        return None
    model = _inside(folder, models[0], label)
    named = tuple(_inside(folder, v, label) for v in vocabs)
    if model.is_file() and named and all(v.is_file() for v in named):
        return model, named
    return None


def _pick_model(folder: Path, label: Path) -> Path:
    """The Marian model: the only one, else the one named "best", else the largest."""
    models = sorted(folder.glob("*.npz"))
    if not models:
        raise PackageError("no Marian model (*.npz) found", label)
    if len(models) == 1:
        return models[0]
    best = [m for m in models if "best" in m.name]
    if len(best) == 1:
        return best[0]
    return max(models, key=lambda m: m.stat().st_size)


def find_release(folder: Path, label: Path | None = None) -> Release:
    """Locate the model, vocabularies and SentencePiece models in an OPUS-MT folder."""
    label = label or folder
    subfolders = [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
    if not any(folder.glob("*.npz")) and len(subfolders) == 1:
        folder = subfolders[0]  # a release zipped inside a folder
    readme = folder / "README.md"
    text = readme.read_text("utf-8", errors="replace") if readme.is_file() else ""
    labels = None
    if _TOKEN_REQUIRED in text:
        labels = tuple(dict.fromkeys(t for t in re.findall(r">>([\w-]+)<<", text) if t != "id"))
    source, target = folder / "source.spm", folder / "target.spm"
    if not source.is_file() or not target.is_file():
        bpe = (
            " (this release uses BPE, which is not supported)" if any(folder.glob("*.bpe")) else ""
        )
        raise PackageError(f"source.spm and target.spm are required{bpe}", label)
    named = _decoder_config(folder, label)
    if named:
        return Release(folder, named[0], named[1], source, target, True, labels)
    model = _pick_model(folder, label)
    vocabs = sorted(folder.glob("*.vocab.yml")) or sorted(
        p for p in folder.glob("*.yml") if p.name != "decoder.yml"
    )
    if not vocabs:
        raise PackageError("no Marian vocabulary (*.vocab.yml) found", label)
    return Release(folder, model, tuple(vocabs), source, target, False, labels)


def _source_token(release: Release, target_token: str | None, label: Path) -> str | None:
    """The ``>>id<<`` token to put before each source sentence, if the model needs one."""
    if target_token is None:
        if release.target_labels is not None:
            valid = ", ".join(release.target_labels) or "see its README.md"
            raise PackageError(
                "this OPUS-MT model needs a target-language token before each sentence "
                f"(valid: {valid}); choose one with --target-token",
                label,
            )
        return None
    token = f">>{target_token.strip('<>')}<<"
    vocab = release.vocabs[0].read_text("utf-8", errors="replace")
    if token not in vocab:
        raise PackageError(f"{token} is not in the model's vocabulary", label)
    return token


def release_version(name: str) -> str:
    """The release date in a name such as ``opus-2021-02-23.zip`` as ``2021.02.23``."""
    found = re.search(r"(\d{4})-(\d{2})-(\d{2})", name)
    return ".".join(found.groups()) if found else "1.0"


def convert(release: Release, output: Path, quantization: str | None, label: Path) -> None:
    """Convert the Marian model of ``release`` to a CTranslate2 model in ``output``."""
    from ctranslate2.converters import MarianConverter, OpusMTConverter

    try:
        if release.has_decoder_yml:
            converter = OpusMTConverter(str(release.folder))
        else:
            converter = MarianConverter(str(release.model), [str(v) for v in release.vocabs])
        converter.convert(str(output), quantization=quantization)
    except Exception as exc:  # any failure on foreign input is the input's fault
        detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        message = f"cannot convert the Marian model {release.model.name}: {detail}"
        raise PackageError(message, label) from None


def import_opus_mt(
    path: Path,
    from_code: str,
    to_code: str,
    *,
    quantization: str | None = "int8",
    version: str | None = None,
    target_token: str | None = None,
    on_convert: Callable[[], None] | None = None,
) -> PackageInfo:
    """Convert the OPUS-MT release ``path`` (zip or folder) and install it as a package.

    ``target_token`` (e.g. ``hye``) is required by multi-target models: it is recorded in
    ``metadata.json`` as ``source_prefix_token`` (``>>hye<<``), to put before each source
    sentence; Argos Translate itself ignores it. ``on_convert`` is called once every
    argument and the release are checked, right before the (slow) conversion.
    """
    path = Path(path)
    if quantization not in (*QUANTIZATIONS, None):
        raise PackageError(
            f"unknown quantization {quantization!r}; valid: {', '.join(QUANTIZATIONS)} or none"
        )
    # The codes and a given version, checked before anything is extracted or converted.
    meta = {"from_code": from_code, "to_code": to_code, "package_version": version or "1.0"}
    check_metadata(meta, path, strict=True)
    if not path.exists():
        raise PackageError("no such file or folder", path)
    with staging_dir() as staging:
        if path.is_dir():
            folder = path
        elif zipfile.is_zipfile(path):
            folder = staging / "release"
            folder.mkdir()
            safe_extract(path, folder)
        else:
            raise PackageError("not an OPUS-MT release (a zip or a folder)", path)
        release = find_release(folder, label=path)
        token = _source_token(release, target_token, path)
        package = staging / "package"
        package.mkdir()
        if on_convert is not None:
            on_convert()
        convert(release, package / "model", quantization, path)
        shutil.copyfile(release.source_spm, package / "sentencepiece.model")
        shutil.copyfile(release.target_spm, package / TARGET_SPM)
        for extra in ("README.md", "LICENSE"):
            if (release.folder / extra).is_file():
                shutil.copyfile(release.folder / extra, package / extra)
        meta.update(
            package_version=version or release_version(f"{path.name} {release.model.name}"),
            argos_version="1.9.0",
            from_name=LANGUAGE_NAMES.get(from_code, from_code),
            to_name=LANGUAGE_NAMES.get(to_code, to_code),
            package_name=f"opus-mt-{from_code}-{to_code}",
            type="translate",
            source=f"OPUS-MT {path.name}, converted by onoma",
            quantization=quantization or "none",
            target_sentencepiece_model=TARGET_SPM,
        )
        if token:
            meta["source_prefix_token"] = token
        text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
        (package / "metadata.json").write_text(text, encoding="utf-8")
        return install_folder(package, staging, label=path)
