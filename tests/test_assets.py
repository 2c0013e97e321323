"""Front-end code copied from an installed package into static/ (dashboard.assets): deck.gl's
bundle as pydeck ships it, copied whole, atomically, and only when it changed."""
from __future__ import annotations

from dashboard import assets


def test_deck_bundle_copied_whole_and_only_when_changed(tmp_path):
    target = tmp_path / "static" / "deckgl.min.js"
    assert assets.install_deck_bundle(target) == target
    source = assets.pydeck_bundle().read_bytes()
    assert target.read_bytes() == source and b"createDeck" in source
    inode = target.stat().st_ino
    assets.install_deck_bundle(target)  # the same file: left in place
    assert target.stat().st_ino == inode
    target.write_bytes(source[:1000])  # a broken or older copy is replaced
    assets.install_deck_bundle(target)
    assert target.read_bytes() == source
    assert sorted(p.name for p in target.parent.iterdir()) == ["deckgl.min.js"]  # no temporary file left


def test_the_served_bundle_is_the_installed_one():
    assert assets.DECK_JS.name == "deckgl.min.js" and assets.DECK_JS.parent.name == "static"
    if assets.DECK_JS.exists():  # `make install` copied it: it must match the pydeck in use
        assert assets.DECK_JS.read_bytes() == assets.pydeck_bundle().read_bytes()
