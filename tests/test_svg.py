"""Contributed SVG: hostile files refused with a French reason, the others published rebuilt from an allow-list."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

from conftest import NEW_MEMBER, ROOT, serve, tiny_project
from pdh.content.svg import EXPORT_HINT, SvgRefused, clean_svg, svg_size
from pdh.plan.catalog import check_problems

NS = 'xmlns="http://www.w3.org/2000/svg"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
SVG_NS = "{http://www.w3.org/2000/svg}"

# One file per class of bypass found against the old deny-list, and the reason its author reads.
REFUSED = {
    "xslt pointing at itself": (
        f'<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="#"?><svg {NS}/>',
        "instruction de traitement <?xml-stylesheet?> interdite",
    ),
    "processing instruction inside": (
        f"<svg {NS}><g><?php echo 1 ?></g></svg>",
        "instruction de traitement <?php?> interdite",
    ),
    "processing instruction after the root": (
        f"<svg {NS}/><?xml-stylesheet href='x.css'?>",
        "instruction de traitement <?xml-stylesheet?> interdite",
    ),
    "xhtml meta refresh": (
        f'<svg {NS}><meta xmlns="http://www.w3.org/1999/xhtml" http-equiv="refresh" '
        'content="0;url=https://exemple.org/"/></svg>',
        "élément <meta> d'un autre espace de noms (XHTML) interdit",
    ),
    "xhtml script": (
        f'<svg {NS} xmlns:h="http://www.w3.org/1999/xhtml"><h:script>alert(1)</h:script></svg>',
        "élément <script> d'un autre espace de noms (XHTML) interdit",
    ),
    "xsl elements": (
        f'<svg {NS} xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">'
        '<xsl:value-of select="."/></xsl:template></svg>',
        "élément <template> d'un autre espace de noms (XSLT) interdit",
    ),
    "unknown namespace": (
        f'<svg {NS}><x:y xmlns:x="urn:exemple"/></svg>',
        "élément <y> d'un espace de noms inconnu (« urn:exemple ») interdit",
    ),
    "element without namespace": (f'<svg {NS}><g xmlns=""/></svg>', "élément <g> sans espace de noms interdit"),
    "script": (f"<svg {NS}><script>alert(1)</script></svg>", "élément actif <script> interdit"),
    "script hidden in metadata": (
        f"<svg {NS}><metadata><script>alert(1)</script></metadata></svg>",
        "élément actif <script> interdit",
    ),
    "script hidden in editor data": (
        f'<svg {NS} xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd">'
        "<sodipodi:namedview><script>alert(1)</script></sodipodi:namedview></svg>",
        "élément actif <script> interdit",
    ),
    "drawing hidden in metadata": (
        f"<svg {NS}><metadata><rect/></metadata></svg>",
        "élément <rect> à l'intérieur de métadonnées interdit",
    ),
    "foreignObject": (
        f"<svg {NS}><foreignObject><p>x</p></foreignObject></svg>",
        "élément actif <foreignObject> interdit",
    ),
    "escaped @import": (
        f"<svg {NS}><style>@\\69mport url(https://exemple.org/x.css);</style></svg>",
        "règle CSS « @import » interdite",
    ),
    "escaped @import of a string": (
        f'<svg {NS}><style>@\\69mport "https://exemple.org/x.css";</style></svg>',
        "règle CSS « @import » interdite",
    ),
    "@font-face": (
        f"<svg {NS}><style>@font-face{{font-family:x;src:url(https://exemple.org/f.woff)}}</style></svg>",
        "règle CSS « @font-face » interdite",
    ),
    "@media": (f"<svg {NS}><style>@media print{{.a{{fill:red}}}}</style></svg>", "règle CSS « @media » interdite"),
    "escaped url in a style attribute": (
        f'<svg {NS}><rect style="fill:u\\72l(https://exemple.org/x)"/></svg>',
        "référence externe « url(https://exemple.org/x) » interdite",
    ),
    "escaped url in a style element": (
        f'<svg {NS}><style>.a{{fill:u\\72l(https://exemple.org/x)}}</style><rect class="a"/></svg>',
        "référence externe « url(https://exemple.org/x) » interdite",
    ),
    "quoted external url": (
        f"<svg {NS}><rect fill=\"url('https://exemple.org/x')\"/></svg>",
        'référence externe « url("https://exemple.org/x") » interdite',
    ),
    "css after a comment inside style": (
        f"<svg {NS}><style>.a{{fill:red}}<!-- x -->@import url(https://exemple.org/x.css);</style></svg>",
        "règle CSS « @import » interdite",
    ),
    "css after a child element inside style": (
        f'<svg {NS}><style>.a{{fill:red}}<g/>@import "x.css";</style></svg>',
        "élément <style> contenant d'autres éléments interdit",
    ),
    "css function that loads": (
        f"<svg {NS}><rect mask=\"image-set('https://exemple.org/x.png' 1x)\"/></svg>",
        "fonction CSS « image-set() » interdite",
    ),
    "css escape": (f'<svg {NS}><rect style="fill:r\\65d"/></svg>', "échappement CSS « \\ » interdit"),
    "complex selector": (
        f"<svg {NS}><style>g > .a{{fill:red}}</style></svg>",
        "sélecteur CSS « g > .a » non pris en charge : exportez le SVG avec des attributs de présentation",
    ),
    "smil set of href": (
        f'<svg {NS}><use href="#a"><set attributeName="href" to="javascript:alert(1)"/></use></svg>',
        "élément <set> (animation) interdit",
    ),
    "smil animate of href": (
        f'<svg {NS}><animate attributeName="href" values="javascript:alert(1)"/></svg>',
        "élément <animate> (animation) interdit",
    ),
    "onload": (f'<svg {NS} onload="alert(1)"/>', "gestionnaire d'événement « onload » interdit"),
    "ONLOAD": (f'<svg {NS} ONLOAD="alert(1)"/>', "gestionnaire d'événement « ONLOAD » interdit"),
    "onClick on a shape": (
        f'<svg {NS}><rect onClick="alert(1)"/></svg>',
        "gestionnaire d'événement « onClick » interdit",
    ),
    "xlink:href to javascript": (
        f'<svg {NS} {XLINK}><use xlink:href="javascript:alert(1)"/></svg>',
        "lien « javascript:alert(1) » interdit (seul un lien interne « #… » est accepté)",
    ),
    "href to data": (
        f'<svg {NS}><use href="data:image/svg+xml,&lt;svg/&gt;"/></svg>',
        "lien « data:image/svg+xml,<svg/> » interdit",
    ),
    "href to https": (
        f'<svg {NS}><use href="https://exemple.org/x.svg#a"/></svg>',
        "lien « https://exemple.org/x.svg#a » interdit",
    ),
    "use of another file": (f'<svg {NS}><use href="other.svg#x"/></svg>', "lien « other.svg#x » interdit"),
    "image": (
        f'<svg {NS} {XLINK}><image xlink:href="https://exemple.org/x.png"/></svg>',
        "élément <image> interdit (il charge un autre fichier)",
    ),
    "image with a local link": (
        f'<svg {NS}><image href="#a"/></svg>',
        "élément <image> interdit (il charge un autre fichier)",
    ),
    "link": (f'<svg {NS}><a href="javascript:alert(1)"><text>x</text></a></svg>', "élément <a> (lien) interdit"),
    "javascript in a value": (
        f'<svg {NS}><rect fill="javascript:alert(1)"/></svg>',
        "« javascript: » interdit dans l'attribut « fill »",
    ),
    "active unknown attribute": (
        f'<svg {NS}><rect cursor="url(https://exemple.org/c.cur)"/></svg>',
        "attribut « cursor » au contenu actif interdit",
    ),
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
        f"<svg {NS}><text>&b;</text></svg>",
        "déclaration DOCTYPE ou ENTITY interdite",
    ),
    "doctype": (
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
        f"<svg {NS}/>",
        "déclaration DOCTYPE ou ENTITY interdite",
    ),
    "width inf": (f'<svg {NS} width="inf" height="10"/>', "largeur « inf » invalide (nombre positif attendu)"),
    "height nan": (f'<svg {NS} width="10" height="nan"/>', "hauteur « nan » invalide (nombre positif attendu)"),
    "negative width": (f'<svg {NS} width="-5" height="10"/>', "largeur « -5 » invalide (nombre positif attendu)"),
    "width overflowing to inf": (
        f'<svg {NS} width="1e400" height="10"/>',
        "largeur « 1e400 » invalide (nombre positif attendu)",
    ),
    "viewBox inf": (
        f'<svg {NS} viewBox="0 0 inf 10"/>',
        "viewBox « 0 0 inf 10 » invalide (quatre nombres, largeur et hauteur positives)",
    ),
    "viewBox of zero width": (f'<svg {NS} viewBox="0 0 0 10"/>', "viewBox « 0 0 0 10 » invalide"),
    "root without namespace": ("<svg><rect/></svg>", "l'élément racine doit être <svg> dans l'espace de noms SVG"),
    "xhtml root": (
        '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        "l'élément racine doit être <svg>",
    ),
    "too deep": (
        f"<svg {NS}>" + "<g>" * 150 + "</g>" * 150 + "</svg>",
        "éléments imbriqués trop profondément (plus de 100 niveaux)",
    ),
    "not xml": (f"<svg {NS}>\n<g></svg>", "XML mal formé (ligne 2, colonne 6)"),
    "utf-7": (
        f'<?xml version="1.0" encoding="utf-7"?><svg {NS}/>',
        "encodage non pris en charge : enregistrez le fichier en UTF-8",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_hostile_svg_is_refused_with_its_reason(case):
    text, expected = REFUSED[case]
    with pytest.raises(SvgRefused) as refused:
        clean_svg(text.encode("utf-8"))
    assert refused.value.reason.startswith("SVG refusé : ")
    assert expected in refused.value.reason


def test_payloads_a_deny_list_misses_are_refused():
    """Illustrator-shaped files whose `<style>` imports through CSS escapes: no regex on `@import` or `url(` sees them."""
    for hidden in (
        '@\\69mport "https://exemple.org/x.css";',
        "@\\000069mport url(https://exemple.org/x.css);",
        ".st0{fill:u\\72l(https://exemple.org/x)}",
    ):
        text = f'<svg {NS} viewBox="0 0 10 10"><style type="text/css">{hidden}.st1{{fill:#E30613;}}</style><rect class="st1"/></svg>'
        with pytest.raises(SvgRefused):
            clean_svg(text.encode())


ILLUSTRATOR = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Calque_1" {NS} {XLINK} xmlns:i="http://ns.adobe.com/AdobeIllustrator/10.0/"
     x="0px" y="0px" viewBox="0 0 240 96" style="enable-background:new 0 0 240 96;" xml:space="preserve" data-name="Calque 1">
<style type="text/css">
  .st0{{fill:#E30613;}}
  .st1{{fill:none;stroke:#1D1D1B;stroke-width:6;stroke-miterlimit:10;}}
  .st2{{font-family:'Helvetica';font-size:40px;fill:#FFFFFF;}}
</style>
<rect class="st0" width="240" height="96" rx="10" i:knockout="Off"/>
<circle class="st1" cx="48" cy="48" r="28"/>
<text transform="matrix(1 0 0 1 96 62)" class="st2">PDH</text>
</svg>
"""
INKSCAPE = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="120" height="120" viewBox="0 0 120 120" version="1.1" id="svg5"
   inkscape:version="1.1" sodipodi:docname="logo.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   {NS} xmlns:svg="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" inkscape:zoom="0.5"><inkscape:grid type="xygrid" id="grid1"/></sodipodi:namedview>
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format></cc:Work></rdf:RDF></metadata>
  <defs id="defs2"><linearGradient id="g"><stop offset="0" style="stop-color:#123f6d;stop-opacity:1"/><stop offset="1" style="stop-color:#f0c419"/></linearGradient></defs>
  <g inkscape:label="Calque 1" inkscape:groupmode="layer" id="layer1">
    <rect style="fill:url(#g);stroke:none" id="rect1" width="120" height="120" rx="16"/>
    <circle id="c" cx="40" cy="60" r="14" style="fill:#ffffff" sodipodi:type="arc"/>
    <use href="#c" x="40"/>
  </g>
</svg>
"""


def _parsed(data: bytes) -> ET.Element:
    return ET.fromstring(data)


def _check_clean(data: bytes) -> ET.Element:
    """What every cleaned SVG satisfies: SVG elements only, no CSS, no comments, and cleaning it again changes nothing."""
    assert b"<!--" not in data and b"<?" not in data and b"<!" not in data
    root = _parsed(data)
    for element in root.iter():
        assert element.tag.startswith(SVG_NS), element.tag
        assert element.tag != f"{SVG_NS}style"
        assert "style" not in element.attrib and "class" not in element.attrib
        assert all(
            not k.startswith("{") or k.startswith("{http://www.w3.org/XML/1998/namespace}") for k in element.attrib
        )
    assert clean_svg(data) == data
    return root


def test_illustrator_styles_become_presentation_attributes():
    root = _check_clean(clean_svg(ILLUSTRATOR.encode()))
    rect, circle, text = root.find(f"{SVG_NS}rect"), root.find(f"{SVG_NS}circle"), root.find(f"{SVG_NS}text")
    assert rect.get("fill") == "#E30613" and rect.get("width") == "240"
    assert (circle.get("fill"), circle.get("stroke"), circle.get("stroke-width")) == ("none", "#1D1D1B", "6")
    assert (text.get("font-family"), text.get("font-size"), text.text) == ('"Helvetica"', "40px", "PDH")
    assert root.get("id") == "Calque_1" and "data-name" not in root.attrib


def test_inkscape_styles_apply_and_editor_data_is_dropped():
    data = clean_svg(INKSCAPE.encode())
    root = _check_clean(data)
    assert b"sodipodi" not in data and b"inkscape" not in data and b"rdf" not in data and b"metadata" not in data
    stops = root.findall(f".//{SVG_NS}stop")
    assert [(s.get("stop-color"), s.get("stop-opacity")) for s in stops] == [("#123f6d", "1"), ("#f0c419", None)]
    rect = root.find(f".//{SVG_NS}rect")
    assert (rect.get("fill"), rect.get("stroke")) == ("url(#g)", "none")
    assert root.find(f".//{SVG_NS}use").get("href") == "#c"
    assert svg_size(data) == (120.0, 120.0)


def test_the_css_cascade_is_kept():
    data = clean_svg(
        f"""<svg {NS}><style>
        rect {{ fill: red; stroke: red }} .a {{ fill: green; opacity: .5 }} #r {{ fill: blue }}
        .b {{ stroke: black !important }} .a {{ opacity: .7 }}
      </style><rect id="r" class="a b" fill="gray" style="fill: yellow; stroke: white"/><rect class="a"/></svg>""".encode()
    )
    first, second = _parsed(data).findall(f"{SVG_NS}rect")
    # inline style beats rules; !important beats inline; CSS beats attributes; later rules win at equal weight
    assert (first.get("fill"), first.get("stroke"), first.get("opacity")) == ("yellow", "black", ".7")
    assert (second.get("fill"), second.get("stroke"), second.get("opacity")) == ("green", "red", ".7")


def test_xlink_links_gradients_and_text_survive():
    data = clean_svg(
        f"""<svg {NS} {XLINK} viewBox="0 0 10 10"><defs><linearGradient id="g"/>
        <radialGradient id="h" xlink:href="#g"/><symbol id="s"><path d="M0 0h1"/></symbol></defs>
        <rect width="10" height="10" fill="url(#g)" filter="url('#f')"/><use xlink:href="#s"/>
        <text xml:space="preserve">Bon<!-- commentaire -->jour <tspan>à tous</tspan></text></svg>""".encode()
    )
    root = _check_clean(data)
    assert root.find(f".//{SVG_NS}radialGradient").get("href") == "#g"
    assert root.find(f".//{SVG_NS}use").get("href") == "#s"
    assert root.find(f"{SVG_NS}rect").get("fill") == "url(#g)"
    text = root.find(f"{SVG_NS}text")
    assert text.text == "Bonjour " and text.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"


def test_sizes_of_cleaned_svg():
    assert svg_size(clean_svg(f'<svg {NS} viewBox="0 0 240 96"/>'.encode())) == (240.0, 96.0)
    assert svg_size(clean_svg(f'<svg {NS} width="72pt" height="1in"/>'.encode())) == (96.0, 96.0)
    assert svg_size(clean_svg(f'<svg {NS} width="100%" height="5"/>'.encode())) == (1.0, 1.0)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=len(INKSCAPE)), st.text(max_size=40))
def test_any_edit_of_a_logo_is_cleaned_or_refused_never_crashes(position, insert):
    data = (INKSCAPE[:position] + insert + INKSCAPE[position:]).encode("utf-8", "surrogatepass")
    try:
        cleaned = clean_svg(data)
    except SvgRefused as refused:
        assert refused.reason.startswith("SVG refusé : ")
    else:
        _check_clean(cleaned)
        svg_size(cleaned)


def test_every_svg_of_the_repository_is_accepted():
    files = sorted(
        p for folder in ("data", "content") for p in (ROOT / folder).rglob("*") if p.suffix.lower() == ".svg"
    )
    assert files, "the repository has SVG files to check"
    for path in files:
        _check_clean(clean_svg(path.read_bytes()))


MEMBER = NEW_MEMBER + "  logo: data/logos/nouvelle-ong.svg\n"


def test_hostile_logo_gives_one_located_message(tiny_sources):
    text, reason = REFUSED["xslt pointing at itself"]
    tiny_sources.write("data/logos/nouvelle-ong.svg", text)
    tiny_sources.append("data/members.yaml", MEMBER)
    line = tiny_sources.line_of("data/members.yaml", "logo: data/logos/nouvelle-ong.svg")
    assert [str(p) for p in check_problems(tiny_sources.root).sorted()] == [
        f"data/members.yaml:{line} — membre « nouvelle-ong » — logo : « data/logos/nouvelle-ong.svg » : SVG refusé : {reason}"
        f" — {EXPORT_HINT}"
    ]


def test_hostile_content_svg_gives_one_located_message(tiny_sources):
    text, reason = REFUSED["xhtml meta refresh"]
    tiny_sources.write("content/presse/x.svg", text)
    assert [str(p) for p in check_problems(tiny_sources.root).sorted()] == [
        f"content/presse/x.svg — SVG refusé : {reason} — {EXPORT_HINT}"
    ]


DIRTY_CONTENT = f"""<?xml version="1.0"?>
<!-- exporté à la main -->
<svg {NS} xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" viewBox="0 0 240 96" class="logo">
  <sodipodi:namedview id="nv"/>
  <style>.fond{{fill:#123f6d}} text{{fill:#ffffff;font-family:Helvetica, Arial, sans-serif}}</style>
  <rect class="fond" width="240" height="96" rx="10"/>
  <text x="120" y="60" font-size="40" font-weight="700" text-anchor="middle">PDH<!-- fin --></text>
</svg>
"""


@pytest.fixture(scope="module")
def dirty_site(tmp_path_factory):
    """The tiny site built once with a dirty (accepted) SVG logo and a dirty SVG under content/."""
    repo = tiny_project(tmp_path_factory.mktemp("svg"))
    (repo.root / "data/logos/exemple-association-b.svg").write_text(INKSCAPE, encoding="utf-8")
    (repo.root / "content/presse/logo-provisoire-pdh.svg").write_text(DIRTY_CONTENT, encoding="utf-8")
    repo.write("content/presse/illustrator.svg", ILLUSTRATOR)
    return repo.build()


BUILT = {
    "assets/logos/exemple-association-b.svg": INKSCAPE,
    "presse/logo-provisoire-pdh.svg": DIRTY_CONTENT,
    "presse/illustrator.svg": ILLUSTRATOR,
}


def test_built_svg_files_are_the_cleaned_bytes(dirty_site):
    for rel, submitted in BUILT.items():
        built = (dirty_site / rel).read_bytes()
        assert built == clean_svg(submitted.encode()) and built != submitted.encode(), rel
        _check_clean(built)
    assert (
        'width="240" height="96" rx="10" fill="#123f6d"' in (dirty_site / "presse/logo-provisoire-pdh.svg").read_text()
    )


def _watch(page) -> dict[str, list]:
    """Record dialogs, console errors and every request, before the page navigates."""
    seen: dict[str, list] = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: message.type == "error" and seen["errors"].append(message.text))
    page.on("request", lambda request: seen["requests"].append(request.url))
    return seen


@pytest.mark.parametrize("rel", sorted(BUILT))
def test_built_svg_opened_as_a_document_stays_inert(dirty_site, page, rel):
    with serve(dirty_site) as base:
        seen = _watch(page)
        page.goto(base + rel)
        expect(page.locator("rect").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        expect(page).to_have_url(base + rel)
        assert page.evaluate("document.documentElement.namespaceURI") == "http://www.w3.org/2000/svg"
        assert seen["dialogs"] == [] and seen["errors"] == []
        assert seen["requests"][0] == base + rel and all(url.startswith(base) for url in seen["requests"])


@pytest.mark.parametrize("rel", ["membres/", "membres/exemple-association-b/"])
def test_pages_showing_the_svg_logo_stay_inert(dirty_site, page, rel):
    with serve(dirty_site) as base:
        seen = _watch(page)
        page.goto(base + rel)
        logo = page.locator('img[src$="exemple-association-b.svg"]').first
        expect(logo).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=logo.element_handle())
        page.wait_for_load_state("networkidle")
        expect(page).to_have_url(base + rel)
        assert seen["dialogs"] == []
        assert seen["requests"] and all(url.startswith(base) for url in seen["requests"]), seen["requests"]


def test_the_watch_sees_a_hostile_svg(dirty_site, page):
    """Control: the same listeners do catch a script in an SVG published as sent."""
    (dirty_site / "control.svg").write_text(REFUSED["onload"][0], encoding="utf-8")
    with serve(dirty_site) as base:
        _watch(page)
        with page.expect_event("dialog"):
            page.goto(base + "control.svg")


def _nested_uses(levels: int, copies: int) -> bytes:
    groups = "".join(f'<g id="g{i}">' + f'<use href="#g{i - 1}"/>' * copies + "</g>" for i in range(1, levels + 1))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><path id="g0" d="M0 0h1"/>{groups}</defs>'
        f'<use href="#g{levels}"/></svg>'
    ).encode()


@pytest.mark.parametrize(
    "svg, reason",
    [
        (_nested_uses(19, 3), "dessin trop grand une fois les <use> développés (plus de 50\u202f000 éléments)"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><g id="a"><use href="#a"/></g></svg>',
            "élément <use> qui se reprend lui-même (référence circulaire)",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><defs><symbol id="a"><use href="#b"/></symbol>'
            b'<symbol id="b"><use href="#a"/></symbol></defs><use href="#a"/></svg>',
            "élément <use> qui se reprend lui-même (référence circulaire)",
        ),
    ],
)
def test_reuse_that_explodes_or_loops_is_refused(svg, reason):
    """A small file whose <use> copies multiply (an SVG « billion laughs ») would freeze whoever opens it."""
    with pytest.raises(SvgRefused) as refused:
        clean_svg(svg)
    assert refused.value.reason == f"SVG refusé : {reason}"


def test_reasonable_reuse_is_kept():
    cleaned = clean_svg(_nested_uses(5, 3))  # 3⁵ = 243 copies of one path
    assert cleaned.count(b"<use ") == 16 and clean_svg(cleaned) == cleaned
    long_chain = _nested_uses(2000, 1)  # deep but linear: no recursion limit, no refusal
    assert clean_svg(long_chain).count(b"<use ") == 2001
