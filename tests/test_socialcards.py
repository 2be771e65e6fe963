"""Social cards: PNG decoded back with Pillow and examined pixel by pixel; the cache driven through its files."""

from __future__ import annotations

import io
import os
import struct

import PIL
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageColor, ImageDraw

from pdh.render import cardtext, socialcards
from pdh.render.socialcards import CARD_SIZE, CardCache, social_card, wrap_title

CARD = {
    "title": "Colombie : l’ONU doit enquêter sur les assassinats de défenseurs des droits « sans délai »",
    "kind": "Note de position",
    "date": "12 mars 2026",
    "site_name": "Plateforme droits de l'homme",
}
LOGO_REGION = (880, 56, 1144, 320)  # the tile top-right and a margin around it
RED = (255, 0, 0)
DEJAVU = all(os.path.isfile(paths[0]) for paths in cardtext.FONT_PATHS.values())
needs_dejavu = pytest.mark.skipif(not DEJAVU, reason="DejaVu Sans is not installed")


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    image.load()
    return image.convert("RGB")


def count(image: Image.Image, colour: tuple[int, int, int], box: tuple[int, int, int, int] | None = None) -> int:
    region = image.crop(box) if box else image
    return sum(n for n, c in region.getcolors(1 << 20) if c == colour)


def png(size: tuple[int, int], colour, fmt: str = "PNG", mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, colour).save(out, fmt)
    return out.getvalue()


def chunk_types(data: bytes) -> list[bytes]:
    types, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        types.append(kind)
        at += 12 + length
    return types


def use_fallback_fonts(monkeypatch) -> None:
    monkeypatch.setattr(
        cardtext, "FONT_PATHS", {"regular": ("/nonexistent/Regular.ttf",), "bold": ("/nonexistent/Bold.ttf",)}
    )


# The card


def test_a_card_is_a_1200_by_630_png_with_white_background_and_exact_brand_colours():
    image = decode(social_card(**CARD))
    assert image.size == CARD_SIZE == (1200, 630)
    assert image.getpixel((600, 600)) == (255, 255, 255)
    assert image.getpixel((5, 300)) == ImageColor.getrgb(socialcards.BLUE)  # the band
    assert count(image, ImageColor.getrgb(socialcards.BLUE), (96, 150, 1128, 480)) > 5000  # the title


def test_same_inputs_same_bytes_and_no_metadata():
    first = social_card(**CARD)
    assert social_card(**CARD) == first
    assert chunk_types(first) == [b"IHDR", b"PLTE", b"IDAT", b"IEND"]  # no tIME, tEXt or iTXt


def test_different_titles_different_cards():
    assert social_card(**CARD) != social_card(**{**CARD, "title": CARD["title"] + " (suite)"})


def test_kind_and_date_are_drawn_in_their_colours():
    accent, muted = ImageColor.getrgb(socialcards.ACCENT), ImageColor.getrgb(socialcards.MUTED)
    pill, date_area = (96, 72, 500, 116), (96, 380, 700, 480)
    full = decode(social_card(**CARD))
    bare = decode(social_card(**{**CARD, "kind": "", "date": None}))
    assert count(full, accent, pill) > 2000 and count(bare, accent, pill) == 0
    assert count(full, muted, date_area) > 100 and count(bare, muted) == 0


def test_control_and_invisible_characters_are_dropped():
    dirty = {
        **CARD,
        "title": "Colombie\x00 :\u202e l’ONU\u200b doit enquêter\x1b sur les assassinats de "
        "défenseurs des droits « sans\ud800 délai »\r\n",
    }
    assert social_card(**dirty) == social_card(**CARD)


def test_spaces_collapse_and_overlong_text_ends_with_an_ellipsis():
    assert cardtext.clean("  Titre \t\n\u2003 long" + " " * 5000 + "fin ", "fr") == "Titre long fin"
    cut = cardtext.clean("mot " * 1000, "fr")
    assert len(cut) <= cardtext.MAX_CHARS + 1 and cut.endswith(" mot…")


@needs_dejavu
def test_french_spaces_before_punctuation_and_inside_quotes_do_not_break():
    text, font = "Une enquête « sans délai » : la Colombie doit agir !", cardtext.typeface("bold", 56)

    def orphans(lang: str) -> set[str]:
        lines = [
            line
            for width in range(400, 1200, 5)  # glued words all fit: none is cut
            for line in wrap_title(cardtext.clean(text, lang), font, width, 20)
        ]
        return {line[0] for line in lines if line[0] in ":!»"} | {line[-1] for line in lines if line[-1] == "«"}

    assert orphans("en") == {":", "!", "»", "«"}  # without the French rule, some width breaks at each of them
    assert orphans("fr") == set()


# Wrapping


@needs_dejavu
def test_a_long_title_is_cut_on_its_last_line_with_an_ellipsis():
    font = cardtext.typeface("bold", 56)
    text = " ".join(["défenseurs des droits de l’homme"] * 10)
    lines = wrap_title(text, font, 800, 4)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert all(font.getlength(line) <= 800 for line in lines)
    assert text.startswith(" ".join(lines)[:-1])  # the lines are the start of the text, in order


@needs_dejavu
def test_a_title_that_fits_is_kept_whole_without_ellipsis():
    font = cardtext.typeface("bold", 56)
    text = "Assemblée générale de la Plateforme à Paris"
    lines = wrap_title(text, font, 800, 4)
    assert 1 < len(lines) <= 4 and " ".join(lines) == text and "…" not in text


@needs_dejavu
def test_a_word_longer_than_a_line_is_broken_between_characters():
    font = cardtext.typeface("bold", 56)
    word = "anticonstitutionnellement" * 4
    lines = wrap_title(word, font, 500, 10)
    assert len(lines) > 2 and "".join(lines) == word
    assert all(font.getlength(line) <= 500 for line in lines)
    cut = wrap_title(word, font, 500, 2)
    assert len(cut) == 2 and cut[-1].endswith("…") and font.getlength(cut[-1]) <= 500


def test_empty_or_blank_text_gives_no_lines():
    font = cardtext.typeface("bold", 56)
    assert wrap_title("", font, 800, 4) == [] and wrap_title("   ", font, 800, 4) == []


# Logo


def test_a_logo_appears_top_right_and_only_with_a_logo():
    with_logo = decode(social_card(**CARD, logo=png((50, 50), RED)))
    without = decode(social_card(**CARD))
    assert count(with_logo, RED, LOGO_REGION) > 150 * 150  # fitted to the 200 × 200 box
    assert count(without, RED) == 0


@pytest.mark.parametrize("fmt", ["JPEG", "WEBP"])
def test_jpeg_and_webp_logos_appear(fmt):
    image = decode(social_card(**CARD, logo=png((120, 60), RED, fmt)))
    reddish = sum(n for n, (r, g, b) in image.crop(LOGO_REGION).getcolors(1 << 20) if r > 200 and g < 50 and b < 50)
    assert reddish > 150 * 60


def test_a_transparent_logo_is_composited_on_white():
    logo = png((60, 30), (255, 0, 0, 0), mode="RGBA")  # wholly transparent red: nothing red may show
    image = decode(social_card(**CARD, logo=logo))
    assert count(image, RED) == 0 and image.getpixel((1012, 188)) == (255, 255, 255)


def test_the_logos_transparent_surroundings_are_the_tiles_white():
    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, 119, 119), fill=(230, 0, 18, 255))
    ImageDraw.Draw(image).rectangle((140, 30, 299, 90), fill=(20, 20, 20, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    card = decode(social_card(**CARD, logo=out.getvalue()))
    box = (912, 148, 1112, 228)  # the logo fitted to 200 × 80, centred in the tile
    assert card.getpixel((952, 188)) == (230, 0, 18)  # the logo's own colours are kept exactly
    corners = [card.getpixel((x, y)) for x in (box[0] + 1, box[2] - 2) for y in (box[1] + 1, box[3] - 2)]
    assert corners == [(255, 255, 255)] * 4  # no off-white rectangle around the logo


@pytest.mark.parametrize(
    "logo",
    [
        b"",
        b"not an image at all",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 40,
        png((50, 50), RED)[:60],
        b'<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="50" height="50" fill="red"/></svg>',
        png((50, 50), RED, "GIF"),  # a raster image, but not one of the accepted formats
    ],
    ids=["empty", "text", "png-header-only", "truncated-png", "svg", "gif"],
)
def test_a_logo_that_is_not_an_accepted_raster_image_is_left_out(logo):
    assert social_card(**CARD, logo=logo) == social_card(**CARD)


@pytest.mark.parametrize("side", [1200, 1500], ids=["over-the-warning-limit", "over-the-error-limit"])
def test_a_logo_over_pillows_pixel_budget_is_left_out(monkeypatch, side):
    logo = png((side, side), RED)
    assert count(decode(social_card(**CARD, logo=logo)), RED) > 0  # shown within the default budget
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # Pillow warns above it, refuses above twice it
    assert social_card(**CARD, logo=logo) == social_card(**CARD)


# Fonts


@needs_dejavu
def test_dejavu_is_used_when_installed():
    assert cardtext.typeface("bold", 64).getname() == ("DejaVu Sans", "Bold")


def test_without_dejavu_pillows_font_draws_the_card(monkeypatch):
    use_fallback_fonts(monkeypatch)
    assert cardtext.typeface("bold", 64).getname()[0] != "DejaVu Sans"
    image = decode(social_card(**CARD, logo=png((50, 50), RED)))
    assert image.size == CARD_SIZE
    assert count(image, ImageColor.getrgb(socialcards.BLUE), (96, 150, 800, 480)) > 3000
    # Pillow's font has no accents: letters it lacks are drawn as their base letter, not as a box.
    plain = wrap_title("Événement à Genève œuvre", cardtext.typeface("bold", 64), 2000, 1)
    assert plain == ["Evenement a Geneve oeuvre"]


@needs_dejavu
def test_the_fallback_card_differs_from_the_dejavu_card(monkeypatch):
    dejavu = social_card(**CARD)
    use_fallback_fonts(monkeypatch)
    assert social_card(**CARD) != dejavu


# Any text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(st.characters(exclude_categories=()), max_size=600),
    kind=st.text(st.characters(exclude_categories=()), max_size=60),
    date=st.none() | st.text(st.characters(exclude_categories=()), max_size=60),
    site_name=st.text(st.characters(exclude_categories=()), max_size=80),
    lang=st.sampled_from(["fr", "en", "", "FR-ca"]),
    logo=st.none() | st.binary(max_size=64).map(lambda tail: b"\x89PNG\r\n\x1a\n" + tail),
)
def test_any_text_gives_a_card(title, kind, date, site_name, lang, logo):
    image = decode(social_card(title=title, kind=kind, date=date, site_name=site_name, logo=logo, lang=lang))
    assert image.size == CARD_SIZE


def test_huge_and_pathological_text_gives_a_card_quickly():
    for title in ["x" * 1_000_000, "\u0301" * 10_000, "\x00" * 100_000 + "Titre", " " * 10_000, "\ud800" * 50]:
        assert decode(social_card(**{**CARD, "title": title})).size == CARD_SIZE


# Cache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "social-cards"


def test_a_card_is_drawn_once_then_read_back(cache_dir):
    first = CardCache()
    assert first.directory == cache_dir
    data = first.get_or_draw(**CARD)
    assert (first.hits, first.misses) == (0, 1) and data == social_card(**CARD)
    assert [p.name for p in cache_dir.iterdir()] == [first.path(**CARD).name]  # no temporary file left
    second = CardCache()
    assert second.get_or_draw(**CARD) == data and (second.hits, second.misses) == (1, 0)
    assert second.get_or_draw(**CARD, logo=png((50, 50), RED)) != data and second.misses == 1


def test_every_input_is_part_of_the_key(cache_dir):
    cache = CardCache()
    variants = [
        CARD,
        {**CARD, "title": "Autre"},
        {**CARD, "kind": "Événement"},
        {**CARD, "date": None},
        {**CARD, "date": ""},
        {**CARD, "site_name": "PDH"},
        {**CARD, "lang": "en"},
        {**CARD, "logo": png((50, 50), RED)},
    ]
    assert len({cache.path(**variant) for variant in variants}) == len(variants)


@pytest.mark.parametrize("damage", [b"", b"garbage", "truncate", "flip", "wrong-size"])
def test_a_damaged_cache_file_is_drawn_again(cache_dir, damage):
    cache = CardCache()
    good = cache.get_or_draw(**CARD)
    path = cache.path(**CARD)
    if damage == "truncate":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "flip":  # a bit changed inside the image data: the chunk checksum no longer matches
        path.write_bytes(good[:200] + bytes([good[200] ^ 1]) + good[201:])
    elif damage == "wrong-size":
        path.write_bytes(png((10, 10), RED))
    else:
        path.write_bytes(damage)
    again = CardCache()
    assert again.get_or_draw(**CARD) == good and (again.hits, again.misses) == (0, 1)
    assert path.read_bytes() == good  # repaired


def test_new_drawing_code_or_pillow_draws_again(cache_dir, monkeypatch, tmp_path):
    CardCache().get_or_draw(**CARD)
    monkeypatch.setattr(PIL, "__version__", "0.0-test")
    other_pillow = CardCache()
    other_pillow.get_or_draw(**CARD)
    assert other_pillow.misses == 1
    monkeypatch.undo()
    monkeypatch.setenv("PDH_CACHE_DIR", str(tmp_path / "cache"))
    edited = tmp_path / "socialcards.py"
    edited.write_bytes(open(socialcards.__file__, "rb").read() + b"\n# an edit\n")
    before = socialcards.code_fingerprint()
    monkeypatch.setattr(socialcards, "__file__", str(edited))
    assert socialcards.code_fingerprint() != before
    edited_code = CardCache()
    edited_code.get_or_draw(**CARD)
    assert edited_code.misses == 1


def test_prune_keeps_only_the_cards_used(cache_dir):
    old = CardCache()
    old.get_or_draw(**CARD)
    old.get_or_draw(**{**CARD, "title": "Ancien titre"})
    (cache_dir / "notes.txt").write_text("not a card")
    cache = CardCache()
    cache.get_or_draw(**CARD)
    cache.prune()
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted([cache.path(**CARD).name, "notes.txt"])


def test_prune_of_other_code_keeps_this_codes_cards(cache_dir, monkeypatch):
    monkeypatch.setattr(PIL, "__version__", "0.0-test")
    stale = CardCache()
    stale.get_or_draw(**CARD)
    monkeypatch.undo()
    monkeypatch.setenv("PDH_CACHE_DIR", str(cache_dir.parent))
    current = CardCache()
    current.get_or_draw(**{**CARD, "title": "Titre courant"})
    CardCache().prune(keep_used_only=False)  # a fresh cache has used nothing: only the fingerprint decides
    assert [p.name for p in cache_dir.iterdir()] == [current.path(**{**CARD, "title": "Titre courant"}).name]


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the directory should be")
    cache = CardCache(blocker / "cards")
    assert cache.get_or_draw(**CARD) == social_card(**CARD) and cache.misses == 1
    cache.prune()  # nothing to prune, nothing raised
