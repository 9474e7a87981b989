"""``onoma models import-opus-mt``: a tiny real Marian model (numpy weights, two trained
SentencePiece models) converted with CTranslate2 and installed as an Argos package."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from package_files import build_opus_mt_release, build_package, snapshot, zip_folder
from typer.testing import CliRunner

from onoma.cli import app
from onoma.translation import packages as pk
from onoma.translation.opus_mt import find_release, release_version

runner = CliRunner()


@pytest.fixture(scope="module")
def release(tmp_path_factory) -> Path:
    return build_opus_mt_release(tmp_path_factory.mktemp("opus") / "eng-hye")


@pytest.fixture
def pkgs(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "pkgs"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(root))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{port}/")
    pk.install_package_file(build_package(tmp_path / "en_ru.argosmodel", "en", "ru", "1.9"))
    return root


def test_import_a_release_zip(release, pkgs, tmp_path):
    import ctranslate2
    import sentencepiece as spm

    path = zip_folder(release, tmp_path / "opus-2020-06-16.zip")
    result = runner.invoke(
        app, ["models", "import-opus-mt", str(path), "--from", "en", "--to", "hy"]
    )
    assert result.exit_code == 0, result.output
    folder = pkgs / "translate-en_hy-2020_06_16"
    assert result.stdout == f"installed en → hy 2020.06.16 in {folder}\n"
    assert result.stderr == f"converting {path} (this can take a minute)…\n"
    assert sorted(p.name for p in pkgs.iterdir()) == [
        "translate-en_hy-2020_06_16",
        "translate-en_ru-1_9",
    ]
    assert sorted(p.name for p in folder.iterdir()) == [
        "LICENSE",
        "README.md",
        "metadata.json",
        "model",
        "sentencepiece.model",
        "target.spm",
    ]
    assert (folder / "sentencepiece.model").read_bytes() == (release / "source.spm").read_bytes()
    assert (folder / "target.spm").read_bytes() == (release / "target.spm").read_bytes()
    meta = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    assert meta == {
        "from_code": "en",
        "to_code": "hy",
        "package_version": "2020.06.16",
        "argos_version": "1.9.0",
        "from_name": "English",
        "to_name": "Armenian",
        "package_name": "opus-mt-en-hy",
        "type": "translate",
        "source": "OPUS-MT opus-2020-06-16.zip, converted by onoma",
        "quantization": "int8",
        "target_sentencepiece_model": "target.spm",
    }
    found = pk.find_installed("en", "hy")
    assert found == pk.PackageInfo("en", "hy", "2020.06.16", folder, "opus-mt-en-hy")

    # the converted model runs, and its output decodes with target.spm
    source = spm.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    target = spm.SentencePieceProcessor(model_file=str(folder / "target.spm"))
    translator = ctranslate2.Translator(str(folder / "model"))
    tokens = source.encode("hello world", out_type=str)
    output = translator.translate_batch([tokens], max_decoding_length=4)[0].hypotheses[0]
    assert 1 <= len(output) <= 4
    assert isinstance(target.decode_pieces(output), str)


def test_import_a_folder_without_decoder_yml_as_float32(release, pkgs, tmp_path):
    folder = tmp_path / "unpacked" / "eng-hye"
    shutil.copytree(release, folder)
    (folder / "decoder.yml").unlink()
    pkg = pk_import(folder, quantization="float32", version="3")
    assert pkg.version == "3"
    assert pkg.path == pkgs / "translate-en_hy-3"
    meta = json.loads((pkg.path / "metadata.json").read_text(encoding="utf-8"))
    assert meta["quantization"] == "float32"
    # a folder holding the release folder is accepted too
    assert pk_import(folder.parent, version="4").path == pkgs / "translate-en_hy-4"
    assert not (pkgs / "translate-en_hy-3").exists()


def pk_import(path: Path, **kw):
    from onoma.translation.opus_mt import import_opus_mt

    return import_opus_mt(path, "en", "hy", **kw)


def test_multi_target_model_needs_a_target_token(pkgs, tmp_path):
    folder = build_opus_mt_release(tmp_path / "multi", labels=("hye", "hye_Latn"))
    before = snapshot(pkgs)
    args = ["models", "import-opus-mt", str(folder), "--from", "en", "--to", "hy"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {folder}: this OPUS-MT model needs a target-language token before each "
        "sentence (valid: hye, hye_Latn); choose one with --target-token\n"
    )
    result = runner.invoke(app, [*args, "--target-token", "xyz"])
    assert result.stderr.splitlines()[-1] == (
        f"error: {folder}: >>xyz<< is not in the model's vocabulary"
    )
    assert snapshot(pkgs) == before
    result = runner.invoke(app, [*args, "--target-token", "hye"])
    assert result.exit_code == 0, result.output
    meta = json.loads((pkgs / "translate-en_hy-2020_06_16" / "metadata.json").read_text())
    assert meta["source_prefix_token"] == ">>hye<<"


def test_bad_releases_are_refused_and_change_nothing(release, pkgs, tmp_path):
    before = snapshot(pkgs)

    def refused(path: Path, message: str, *args: str, converting: bool = False) -> None:
        cmd = ["models", "import-opus-mt", str(path), "--from", "en", "--to", "hy", *args]
        result = runner.invoke(app, cmd)
        assert result.exit_code == 2, result.output
        # "converting…" only once the arguments and the release are found good
        started = f"converting {path} (this can take a minute)…\n" if converting else ""
        assert result.stderr == f"{started}error: {message}\n"
        assert "Traceback" not in result.output
        assert snapshot(pkgs) == before

    no_target = tmp_path / "no-target"
    shutil.copytree(release, no_target)
    (no_target / "target.spm").unlink()
    refused(no_target, f"{no_target}: source.spm and target.spm are required")

    broken = tmp_path / "broken"
    shutil.copytree(release, broken)
    npz = next(broken.glob("*.npz"))
    npz.write_bytes(b"not numpy")
    refused(
        broken,
        f"{broken}: cannot convert the Marian model {npz.name}: " + _load_error(npz),
        converting=True,
    )

    text = tmp_path / "model.txt"
    text.write_text("hello")
    refused(text, f"{text}: not an OPUS-MT release (a zip or a folder)")
    refused(tmp_path / "missing.zip", f"{tmp_path / 'missing.zip'}: no such file or folder")
    refused(
        release,
        "unknown quantization 'int4'; valid: int8, int8_float32, int8_float16, "
        "int8_bfloat16, int16, float16, bfloat16, float32 or none",
        "--quantization",
        "int4",
    )
    result = runner.invoke(
        app, ["models", "import-opus-mt", str(release), "--from", "en", "--to", "../x"]
    )
    assert result.stderr == "error: --to: '../x' is not a language code such as en, hy, ru or az\n"


def test_installing_a_release_as_a_package_points_to_import(release, pkgs, tmp_path):
    path = zip_folder(release, tmp_path / "opus-2020-06-16.zip")
    result = runner.invoke(app, ["models", "install", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {path}: this is an OPUS-MT (Marian) model, not an Argos package; convert it "
        "with: onoma models import-opus-mt FILE --from CODE --to CODE\n"
    )


def _load_error(npz: Path) -> str:
    import numpy as np

    try:
        np.load(npz)
    except Exception as exc:
        return str(exc).splitlines()[0]
    raise AssertionError("np.load accepted a broken file")


def test_find_release_and_version(release):
    found = find_release(release)
    assert found.has_decoder_yml
    assert found.model.name.endswith(".best-perplexity.npz")
    assert [v.name for v in found.vocabs] == ["opus.spm4k-spm4k.vocab.yml"] * 2
    assert found.target_labels is None
    assert release_version("opus-2021-02-23.zip") == "2021.02.23"
    assert release_version("model.zip") == "1.0"


def test_decoder_yml_is_read_without_pyyaml(release, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "yaml", None)  # "import yaml" now fails
    found = find_release(release)
    assert found.has_decoder_yml
    assert found.model.name.endswith(".best-perplexity.npz")
