#!/usr/bin/env python3
"""Deterministic, offline generator of an UNRELATED news distractor corpus.

Writes N fictional news articles (about 60% English, 40% French) into DIR, in
"raw as scraped" shapes: .txt pages with site boilerplate around the story,
.html pages, one .jsonl feed export and a few tag/index pages holding several
short articles.  With --with-corpus, the files of a real corpus directory are
copied in too, so DIR becomes a mixed corpus.

    python evals/make_distractors.py --out DIR [--n 1000] [--seed 0]
                                     [--with-corpus DIR] [--manifest FILE]
                                     [--clean] [--stats]

Stdlib only.  Every company, platform, person, publisher and law in the output
is invented; an assertion checks that none of FORBIDDEN_TERMS (the sample
corpus's entities and topics) appears, whole-word and case-insensitive, in any
file written.  See evals/README_distractors.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import html
import json
import os
import random
import re
import shutil
import time
import unicodedata

# --------------------------------------------------------------------------
# Forbidden terms: the sample corpus's subjects.  Checked whole-word,
# case-insensitively, over every file the generator writes.
# --------------------------------------------------------------------------
FORBIDDEN_TERMS = [
    "X",
    "Twitter",
    "Grok",
    "Musk",
    "Yaccarino",
    "Telegram",
    "Durov",
    "Kick",
    "Pormanove",
    "TikTok",
    "AliExpress",
    "LinkedIn",
    "Meta",
    "Facebook",
    "Instagram",
    "Google",
    "YouTube",
    "WhatsApp",
    "Microsoft",
    "Apple",
    "Amazon",
    "Discord",
    "Twitch",
    "Snapchat",
    "Reddit",
    "DSA",
    "Digital Services Act",
    "règlement sur les services numériques",
    "GDPR",
    "RGPD",
    "Online Safety Act",
    "Europol",
    "Arcom",
    "Mediapart",
    "POLITICO",
    "Reuters",
    "AP",
    "Bloomberg",
    "Breton",
    "Virkkunen",
    "deepfake",
    "deepfakes",
]
# Other names from the sample corpus and its question set, kept out as well.
ALSO_AVOIDED = [
    "Delaporte",
    "Bothorel",
    "Vojetta",
    "Chappaz",
    "Busch",
    "Vance",
    "Graven",
    "Umicc",
    "Inoxtag",
    "Alibaba",
    "ByteDance",
    "Pornhub",
    "Stripchat",
    "XVideos",
    "inkl",
    "Woo Jong-soo",
    "Yoon",
    "Report.az",
    "Associated Press",
    "El Haïry",
    "Godechot",
    "OFAC",
]


def _term_regex(terms):
    parts = []
    for t in terms:
        parts.append(r"\s+".join(re.escape(w) for w in t.split()))
    return re.compile(r"(?<!\w)(?:{})(?!\w)".format("|".join(parts)), re.IGNORECASE)


FORBIDDEN_RE = _term_regex(FORBIDDEN_TERMS + ALSO_AVOIDED)


def html_visible(text: str) -> str:
    """HTML with the markup itself removed (so <meta> is not 'Meta'), keeping text,
    attribute values (content, alt, href, ...) and script/style bodies."""
    return re.sub(r"<[^>]*>", lambda m: " " + " ".join(re.findall(r'"([^"]*)"', m.group(0))) + " ", text)


def check_forbidden(text: str, where: str) -> None:
    m = FORBIDDEN_RE.search(text)
    if m:
        s = max(0, m.start() - 60)
        raise AssertionError(f"forbidden term {m.group(0)!r} in {where}: ...{text[s : m.end() + 60]!r}...")


# --------------------------------------------------------------------------
# Template engine
#   {a|b|c}        random alternative (nestable)
#   <key>          value from the article context; <^key> capitalised
#   <#10-90>       random integer (thousands separated for the language)
#   <%1.5-9.9>     random number with one decimal (decimal comma in French)
#   <#10-90=k>     draw, store as k, reuse later as <k>
#   « »            dialogue quotes, rendered per publisher style
# --------------------------------------------------------------------------
ALT_RE = re.compile(r"\{([^{}]*)\}")
SLOT_RE = re.compile(r"<(\^?)([#%$]?)([A-Za-z0-9_.\-]+)(?:=([A-Za-z0-9_]+))?>")
KIND_RE = re.compile(r"^\[(!?)([\w,]+)\]")


def usable(templates, kind):
    """Templates may start with [k1,k2] (only for those story kinds) or [!k1,k2] (not for them)."""
    out = []
    for t in templates:
        m = KIND_RE.match(t)
        if not m:
            out.append(t)
        elif (kind in m.group(2).split(",")) != bool(m.group(1)):
            out.append(t[m.end() :])
    return out


def fmt_int(n: int, lang: str) -> str:
    if n < 1000:
        return str(n)
    s = f"{n:,}"
    return s.replace(",", " ") if lang == "fr" else s


def fmt_float(x: float, lang: str) -> str:
    s = f"{x:.1f}"
    return s.replace(".", ",") if lang == "fr" else s


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def expand(tpl: str, ctx: dict, rng: random.Random) -> str:
    lang = ctx["lang"]
    s = tpl
    for _ in range(6):
        while True:
            s2 = ALT_RE.sub(lambda m: rng.choice(m.group(1).split("|")), s)
            if s2 == s:
                break
            s = s2

        def slot(m):
            up, kind, body, store = m.groups()
            if kind in ("#", "%", "$"):
                lo, hi = body.split("-")
                if kind == "$":
                    v = str(rng.randint(int(lo), int(hi)))
                elif kind == "#":
                    v = fmt_int(rng.randint(int(lo), int(hi)), lang)
                else:
                    v = fmt_float(rng.uniform(float(lo), float(hi)), lang)
                if store:
                    ctx[store] = v
            else:
                if body not in ctx:
                    raise KeyError(f"template slot <{body}> undefined (topic {ctx.get('topic')}, lang {lang})")
                v = ctx[body]
                if callable(v):
                    v = v()
            return cap(v) if up else v

        s2 = SLOT_RE.sub(slot, s)
        if s2 == s and "{" not in s2:
            break
        s = s2
    return re.sub(r"[ \t]{2,}", " ", s).strip()


def render_quotes(text: str, style: dict) -> str:
    text = re.sub(r"«\s*", "\x01", text)
    text = re.sub(r"\s*»", "\x02", text)
    text = text.replace("\x01", style["qo"]).replace("\x02", style["qc"])
    if style["apos"] != "'":
        text = text.replace("'", style["apos"])
    return text


# --------------------------------------------------------------------------
# Common pools (all people, firms, publishers and laws are invented)
# --------------------------------------------------------------------------
EN_FIRST_M = [
    "James",
    "Daniel",
    "Tom",
    "Owen",
    "Marcus",
    "Ian",
    "Gareth",
    "Callum",
    "Imran",
    "Patrick",
    "Victor",
    "Kwame",
    "Rory",
    "Samuel",
    "Adebayo",
    "Neil",
    "Graham",
    "Stuart",
    "Dev",
    "Hamish",
    "Lewis",
    "Martin",
    "Jonah",
    "Ravi",
    "Euan",
]
EN_FIRST_F = [
    "Sarah",
    "Emily",
    "Priya",
    "Rachel",
    "Hannah",
    "Fiona",
    "Chloe",
    "Niamh",
    "Leah",
    "Ruth",
    "Megan",
    "Zoe",
    "Alison",
    "Helen",
    "Grace",
    "Joanne",
    "Aisha",
    "Bethan",
    "Kirsty",
    "Lydia",
    "Maya",
    "Carol",
    "Imogen",
    "Nadia",
    "Tessa",
]
EN_LAST = [
    "Whitfield",
    "Okafor",
    "Brennan",
    "Hollis",
    "Castellano",
    "Pemberton",
    "Ashworth",
    "Lindqvist",
    "Mwangi",
    "Garside",
    "Thornbury",
    "Keane",
    "Redmond",
    "Faulkner",
    "Osei",
    "Marchetti",
    "Doyle",
    "Harcourt",
    "Nakamura",
    "Prentice",
    "Calloway",
    "Sandhu",
    "Ellery",
    "Whitmore",
    "Radcliffe",
    "Kowalski",
    "Ferris",
    "Blackwood",
    "Quinlan",
    "Abernathy",
    "Trevelyan",
    "Oduya",
    "McCaskill",
    "Hargreaves",
    "Penrose",
    "Stroud",
    "Achebe",
    "Lockhart",
    "Varga",
    "Dunmore",
]
FR_FIRST_M = [
    "Julien",
    "Mathieu",
    "Nicolas",
    "Antoine",
    "Thomas",
    "Karim",
    "Sébastien",
    "Olivier",
    "Yannick",
    "Romain",
    "Fabrice",
    "Mehdi",
    "Grégoire",
    "Lucas",
    "Bastien",
    "Laurent",
    "Pascal",
    "Cédric",
    "Hugo",
    "Arnaud",
    "Rémi",
    "Samir",
    "Damien",
    "Jérôme",
    "Loïc",
]
FR_FIRST_F = [
    "Camille",
    "Sophie",
    "Claire",
    "Léa",
    "Élodie",
    "Aurélie",
    "Nathalie",
    "Inès",
    "Manon",
    "Isabelle",
    "Chloé",
    "Hélène",
    "Pauline",
    "Agathe",
    "Sandrine",
    "Valérie",
    "Margaux",
    "Nadia",
    "Céline",
    "Justine",
    "Amandine",
    "Gaëlle",
    "Salomé",
    "Yasmina",
    "Océane",
]
FR_LAST = [
    "Lemaire",
    "Garnier",
    "Faure",
    "Rousseau",
    "Mercier",
    "Dumont",
    "Barbier",
    "Lefèvre",
    "Chevalier",
    "Renaud",
    "Giraud",
    "Morel",
    "Fontaine",
    "Benali",
    "Caron",
    "Perrin",
    "Marchand",
    "Lacroix",
    "Colin",
    "Vidal",
    "Brunet",
    "Gauthier",
    "Roussel",
    "Aubert",
    "Leclerc",
    "Delmas",
    "Carpentier",
    "Hamidi",
    "Besnard",
    "Poulain",
    "Jacquemin",
    "Ollivier",
    "Tessier",
    "Kerbrat",
    "Maillard",
    "Vasseur",
    "Chauvin",
    "Lebrun",
    "Texier",
    "Bouvier",
]

EN_PLACES = [
    "Leeds",
    "Bristol",
    "Norwich",
    "Cardiff",
    "Aberdeen",
    "Leicester",
    "Plymouth",
    "Sheffield",
    "York",
    "Derby",
    "Swansea",
    "Exeter",
    "Coventry",
    "Hull",
    "Dundee",
    "Preston",
    "Carlisle",
    "Lincoln",
    "Bath",
    "Stoke",
    "Inverness",
    "Wrexham",
    "Gloucester",
    "Middlesbrough",
    "Ipswich",
    "Worcester",
    "Shrewsbury",
    "Perth",
]
FR_PLACES = [
    "Rennes",
    "Nantes",
    "Angers",
    "Tours",
    "Dijon",
    "Grenoble",
    "Clermont-Ferrand",
    "Limoges",
    "Poitiers",
    "Metz",
    "Nancy",
    "Reims",
    "Amiens",
    "Rouen",
    "Caen",
    "Brest",
    "Pau",
    "Perpignan",
    "Annecy",
    "Besançon",
    "Chambéry",
    "Valence",
    "Nîmes",
    "Avignon",
    "Orléans",
    "Le Mans",
    "Quimper",
    "Colmar",
]
# small fictional towns near the main one
EN_SMALL = [
    "Little Haddon",
    "Kirkby Fell",
    "Norton Cross",
    "Elmswick",
    "Stanmoor",
    "Ashby Marsh",
    "Holme Bridge",
    "Wexley",
    "Brampton Vale",
    "Oakridge",
    "Fenby",
    "Upper Calder",
    "Saltcote",
    "Harwood Green",
]
FR_SMALL = [
    "Saint-Jory-des-Champs",
    "Montigny-sur-Aure",
    "Villefranche-la-Haute",
    "Sainte-Marthe-en-Bocage",
    "Val-de-Lièvre",
    "Boissy-la-Forêt",
    "Chantemerle-sur-Isle",
    "Pont-Aubert",
    "Mézières-en-Vallée",
    "Saint-Ouen-des-Prés",
    "Mareuil-sur-Lize",
    "Cormeilles-la-Vieille",
    "Arcy-le-Moutier",
]
EN_GEO = {  # town: (region, river)
    "Leeds": ("Yorkshire", "Aire"),
    "Bristol": ("the West Country", "Avon"),
    "Norwich": ("Norfolk", "Wensum"),
    "Cardiff": ("south Wales", "Taff"),
    "Aberdeen": ("the north-east of Scotland", "Dee"),
    "Leicester": ("the East Midlands", "Soar"),
    "Plymouth": ("Devon", "Tamar"),
    "Sheffield": ("Yorkshire", "Don"),
    "York": ("Yorkshire", "Ouse"),
    "Derby": ("the East Midlands", "Derwent"),
    "Swansea": ("south Wales", "Tawe"),
    "Exeter": ("Devon", "Exe"),
    "Coventry": ("the West Midlands", "Sowe"),
    "Hull": ("East Yorkshire", "Hull"),
    "Dundee": ("Tayside", "Tay"),
    "Preston": ("Lancashire", "Ribble"),
    "Carlisle": ("Cumbria", "Eden"),
    "Lincoln": ("Lincolnshire", "Witham"),
    "Bath": ("Somerset", "Avon"),
    "Stoke": ("Staffordshire", "Trent"),
    "Inverness": ("the Highlands", "Ness"),
    "Wrexham": ("north Wales", "Dee"),
    "Gloucester": ("Gloucestershire", "Severn"),
    "Middlesbrough": ("Teesside", "Tees"),
    "Ipswich": ("Suffolk", "Orwell"),
    "Worcester": ("Worcestershire", "Severn"),
    "Shrewsbury": ("Shropshire", "Severn"),
    "Perth": ("Tayside", "Tay"),
}
FR_GEO = {  # ville: (région, département, rivière)
    "Rennes": ("en Bretagne", "l'Ille-et-Vilaine", "la Vilaine"),
    "Nantes": ("dans les Pays de la Loire", "la Loire-Atlantique", "la Loire"),
    "Angers": ("dans les Pays de la Loire", "le Maine-et-Loire", "la Maine"),
    "Tours": ("en Centre-Val de Loire", "l'Indre-et-Loire", "la Loire"),
    "Dijon": ("en Bourgogne-Franche-Comté", "la Côte-d'Or", "l'Ouche"),
    "Grenoble": ("en Auvergne-Rhône-Alpes", "l'Isère", "l'Isère"),
    "Clermont-Ferrand": ("en Auvergne-Rhône-Alpes", "le Puy-de-Dôme", "l'Allier"),
    "Limoges": ("en Nouvelle-Aquitaine", "la Haute-Vienne", "la Vienne"),
    "Poitiers": ("en Nouvelle-Aquitaine", "la Vienne", "le Clain"),
    "Metz": ("dans le Grand Est", "la Moselle", "la Moselle"),
    "Nancy": ("dans le Grand Est", "la Meurthe-et-Moselle", "la Meurthe"),
    "Reims": ("dans le Grand Est", "la Marne", "la Vesle"),
    "Amiens": ("dans les Hauts-de-France", "la Somme", "la Somme"),
    "Rouen": ("en Normandie", "la Seine-Maritime", "la Seine"),
    "Caen": ("en Normandie", "le Calvados", "l'Orne"),
    "Brest": ("en Bretagne", "le Finistère", "l'Élorn"),
    "Pau": ("en Nouvelle-Aquitaine", "les Pyrénées-Atlantiques", "le gave de Pau"),
    "Perpignan": ("en Occitanie", "les Pyrénées-Orientales", "la Têt"),
    "Annecy": ("en Auvergne-Rhône-Alpes", "la Haute-Savoie", "le Fier"),
    "Besançon": ("en Bourgogne-Franche-Comté", "le Doubs", "le Doubs"),
    "Chambéry": ("en Auvergne-Rhône-Alpes", "la Savoie", "la Leysse"),
    "Valence": ("en Auvergne-Rhône-Alpes", "la Drôme", "le Rhône"),
    "Nîmes": ("en Occitanie", "le Gard", "le Vistre"),
    "Avignon": ("en Provence-Alpes-Côte d'Azur", "le Vaucluse", "le Rhône"),
    "Orléans": ("en Centre-Val de Loire", "le Loiret", "la Loire"),
    "Le Mans": ("dans les Pays de la Loire", "la Sarthe", "la Sarthe"),
    "Quimper": ("en Bretagne", "le Finistère", "l'Odet"),
    "Colmar": ("dans le Grand Est", "le Haut-Rhin", "la Lauch"),
}

EN_FIRMS = [
    "Harlow Dynamics",
    "Corvane Foods",
    "Northmere Energy",
    "Talvick Logistics",
    "Presswell Pharma",
    "Aldercrest Bank",
    "Stonebridge Mutual",
    "Kestrel Aerospace",
    "Brightwater Utilities",
    "Fenmoor Construction",
    "Halden Retail Group",
    "Tidewell Insurance",
    "Copperleaf Homes",
    "Ravensworth Steel",
    "Marlowe & Finch",
]
FR_FIRMS = [
    "Valdis Industries",
    "Groupe Sarrazet",
    "Lumenor",
    "Ferronnerie Dastier",
    "Banque Horvelle",
    "Laboratoires Quintal",
    "Transports Meurant",
    "Maisons Ardoisier",
    "Groupe Bellerive",
    "Cimenteries Roquaire",
    "Aurélis Énergie",
    "Mutuelle Solvane",
    "Distrilac",
    "Papeteries du Morvan-Vert",
    "Tessaro Électronique",
]
EN_FIRM_SECTOR = {
    "Harlow Dynamics": "engineering",
    "Corvane Foods": "food processing",
    "Northmere Energy": "energy",
    "Talvick Logistics": "logistics",
    "Presswell Pharma": "pharmaceuticals",
    "Aldercrest Bank": "banking",
    "Stonebridge Mutual": "insurance",
    "Kestrel Aerospace": "aerospace",
    "Brightwater Utilities": "water",
    "Fenmoor Construction": "construction",
    "Halden Retail Group": "retail",
    "Tidewell Insurance": "insurance",
    "Copperleaf Homes": "house building",
    "Ravensworth Steel": "steel",
    "Marlowe & Finch": "department store",
}
FR_FIRM_SECTOR = {
    "Valdis Industries": "l'équipement industriel",
    "Groupe Sarrazet": "l'agroalimentaire",
    "Lumenor": "l'éclairage",
    "Ferronnerie Dastier": "la métallurgie",
    "Banque Horvelle": "la banque de détail",
    "Laboratoires Quintal": "la pharmacie",
    "Transports Meurant": "le transport routier",
    "Maisons Ardoisier": "la construction de maisons individuelles",
    "Groupe Bellerive": "la grande distribution",
    "Cimenteries Roquaire": "le ciment",
    "Aurélis Énergie": "l'énergie",
    "Mutuelle Solvane": "l'assurance",
    "Distrilac": "les produits laitiers",
    "Papeteries du Morvan-Vert": "le papier",
    "Tessaro Électronique": "l'électronique",
}
OFFICE_SECTORS = (
    "banking",
    "insurance",
    "retail",
    "department store",
    "la banque de détail",
    "l'assurance",
    "la grande distribution",
)
APPS = [
    "Quorvia",
    "Plinkit",
    "Vessio",
    "Hummly",
    "Orbello",
    "Chatterloop",
    "Pixarel",
    "Nookaa",
    "Brindlr",
    "Zumio",
    "Parlotte",
    "Glimmo",
    "Tandemio",
    "Frello",
    "Wobbl",
]
SHARE_NETS = ["Chirply", "Plinkit", "Pixarel", "Quorvia", "Hummly", "Flocksy"]

EN_PUBS = [
    ("The Harbourside Chronicle", "harboursidechronicle.co.uk"),
    ("Northgate Evening Post", "northgatepost.co.uk"),
    ("The Lakeland Dispatch", "lakelanddispatch.co.uk"),
    ("Riverbend Courier", "riverbendcourier.com"),
    ("Metro Ledger", "metroledger.co.uk"),
    ("The Southcoast Record", "southcoastrecord.co.uk"),
    ("Fenwick Gazette", "fenwickgazette.co.uk"),
    ("Daily Meridian", "dailymeridian.com"),
    ("The Pennine Observer", "pennineobserver.co.uk"),
    ("County Line News", "countylinenews.co.uk"),
    ("The Morning Wire Digest", "morningwiredigest.com"),
    ("Newsfold", "newsfold.app"),
]
FR_PUBS = [
    ("Le Phare Atlantique", "lephare-atlantique.fr"),
    ("L'Observateur des Vallons", "observateur-vallons.fr"),
    ("La Voix du Plateau", "lavoixduplateau.fr"),
    ("Le Fil Rhodanien", "lefilrhodanien.fr"),
    ("Horizon Matin", "horizon-matin.fr"),
    ("Le Quotidien des Deux-Rives", "quotidien-deuxrives.fr"),
    ("L'Écho des Marches", "echodesmarches.fr"),
    ("Info Continue 24", "infocontinue24.fr"),
    ("Le Courrier Mosan", "lecourriermosan.be"),
    ("La Gazette du Bocage", "gazettedubocage.fr"),
    ("Le Journal des Trois-Vallées", "jdtv.fr"),
]
EN_WIRES = ["Meridian Press Service", "Northern Newswire", "Continental Press Bureau"]
EN_WIRE_SHORT = {"Meridian Press Service": "MPS", "Northern Newswire": "NNW", "Continental Press Bureau": "CPB"}
FR_WIRES = ["Agence Presse Continentale", "Agence Francophone d'Information", "Dépêches du Centre"]
FR_WIRE_SHORT = {
    "Agence Presse Continentale": "APC",
    "Agence Francophone d'Information": "AFI",
    "Dépêches du Centre": "DDC",
}

EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
FR_MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]
EN_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FR_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
EN_ORD = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
FR_ORD = [
    "première",
    "deuxième",
    "troisième",
    "quatrième",
    "cinquième",
    "sixième",
    "septième",
    "huitième",
    "neuvième",
    "dixième",
    "onzième",
    "douzième",
]


# --------------------------------------------------------------------------
# Article context
# --------------------------------------------------------------------------
def add_person(ctx, rng, lang, i, used, female=None):
    if female is None:
        female = rng.random() < 0.5
    if lang == "en":
        firsts = EN_FIRST_F if female else EN_FIRST_M
        lasts = EN_LAST
    else:
        firsts = FR_FIRST_F if female else FR_FIRST_M
        lasts = FR_LAST
    while True:
        first, last = rng.choice(firsts), rng.choice(lasts)
        if last not in used:
            used.append(last)
            break
    ctx[f"P{i}"] = f"{first} {last}"
    ctx[f"P{i}F"] = first
    ctx[f"P{i}L"] = last
    ctx[f"fem{i}"] = female
    if lang == "en":
        ctx[f"he{i}"] = "she" if female else "he"
        ctx[f"his{i}"] = "her" if female else "his"
        ctx[f"him{i}"] = "her" if female else "him"
    else:
        ctx[f"il{i}"] = "elle" if female else "il"
        ctx[f"e{i}"] = "e" if female else ""
        ctx[f"civ{i}"] = "Mme" if female else "M."


def pick_distinct(rng, pool, k):
    return rng.sample(pool, k)


def role(ctx, i, masc, fem):
    """Gendered role label for person i."""
    return fem if ctx[f"fem{i}"] else masc


def base_context(rng, lang, topic, when: dt.datetime, pub: str):
    ctx = {"lang": lang, "topic": topic, "pub": pub, "kind": None}
    used: list = []
    for i in range(1, 7):
        add_person(ctx, rng, lang, i, used)
    places = pick_distinct(rng, EN_PLACES if lang == "en" else FR_PLACES, 3)
    ctx["place"], ctx["place3"], ctx["place4"] = places
    ctx["place2"] = rng.choice(EN_SMALL if lang == "en" else FR_SMALL)
    if lang == "en":
        ctx["region"], ctx["river"] = EN_GEO[ctx["place"]]
        ctx["wire"] = rng.choice(EN_WIRES)
    else:
        ctx["region_in"], ctx["dept"], ctx["river"] = FR_GEO[ctx["place"]]
        ctx["wire"] = rng.choice(FR_WIRES)
    days = EN_DAYS if lang == "en" else FR_DAYS
    months = EN_MONTHS if lang == "en" else FR_MONTHS
    ev = when - dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
    ctx["day"] = days[ev.weekday()]
    fut = when + dt.timedelta(days=rng.randint(3, 45))
    ctx["fday"] = days[(when.weekday() + rng.randint(2, 6)) % 7]
    ctx["fdate"] = (
        f"{months[fut.month - 1]} {fut.day}"
        if lang == "en" and rng.random() < 0.5
        else f"{fut.day} {months[fut.month - 1]}"
    )
    ctx["fmonth"] = months[(when.month - 1 + rng.randint(1, 5)) % 12]
    ctx["month"] = months[when.month - 1]
    ctx["lastmonth"] = months[(when.month - 2) % 12]
    ctx["year"] = str(when.year)
    ctx["pyear"] = str(when.year - rng.randint(2, 14))
    ctx["pyear2"] = str(when.year - rng.randint(1, 6))
    ctx["nyear"] = str(when.year + rng.randint(1, 3))
    ords = EN_ORD if lang == "en" else FR_ORD
    ctx["pos"] = rng.choice(ords[1:10])
    ctx["nth"] = rng.choice(ords[1:6])
    ctx["firm"], ctx["firm2"] = pick_distinct(rng, EN_FIRMS if lang == "en" else FR_FIRMS, 2)
    ctx["app"], ctx["app2"] = pick_distinct(rng, APPS, 2)
    return ctx


# --------------------------------------------------------------------------
# English topics
# --------------------------------------------------------------------------
EN_SPORTS = [
    dict(
        unit="goal",
        units="goals",
        field="pitch",
        positions=["striker", "centre-back", "winger", "goalkeeper", "midfielder"],
        comps=["the Northern Premier Division", "the Southern League Premier", "the Regional League"],
        teams=[
            "Kelbrook United",
            "Ashgrove Town",
            "Marlow Athletic",
            "Dunmore City",
            "Harrowgate Rangers",
            "Westbury Wanderers",
            "Caldwell Albion",
            "Portree Rovers",
            "Sefton Vale",
            "Brackley Borough",
        ],
        venues=["Millbrook Park", "the Old Foundry Ground", "Ashgrove Road", "Riverside Park", "Coronation Meadow"],
        score=(1, 4, 0),
    ),
    dict(
        unit="try",
        units="tries",
        field="pitch",
        positions=["fly-half", "hooker", "full-back", "flanker", "scrum-half"],
        comps=["National League One", "the regional Championship", "Counties One"],
        teams=[
            "Kelbrook Falcons",
            "Ashgrove Saints",
            "Dunmore Vikings",
            "Westbury Wolves",
            "Caldwell Cavaliers",
            "Portree Pirates",
            "Marlow Knights",
        ],
        venues=["Hollins Lane", "the Memorial Field", "Tanners Park", "the Castle Ground"],
        score=(13, 38, 6),
    ),
    dict(
        unit="basket",
        units="baskets",
        field="court",
        positions=["point guard", "centre", "shooting guard", "power forward"],
        comps=["Division One", "the National League", "Division Two"],
        teams=[
            "Kelbrook Comets",
            "Harbourside Hawks",
            "Dunmore Lightning",
            "Westbury Storm",
            "Ashgrove Giants",
            "Caldwell Jets",
        ],
        venues=["the Eastgate Arena", "the Civic Sports Centre", "Harbourside Arena"],
        score=(68, 99, 55),
    ),
]


def econ_figures(c, r, lang):
    """Figures that titles, leads and body must agree on."""
    up = r.random() < 0.5
    infl = round(r.uniform(1.5, 6.5), 1)
    prev = round(max(0.5, infl + r.choice([-1, 1]) * r.uniform(0.2, 1.2)), 1)
    c.update(
        up=up,
        pct=str(r.randint(5, 40)),
        jobs=str(r.randint(80, 900)),
        infl=fmt_float(infl, lang),
        infl_prev=fmt_float(prev, lang),
        infl_down=infl < prev,
    )
    if lang == "en":
        c.update(
            pdir="rise" if up else "fall",
            ptitle=r.choice(["rise", "jump", "climb"]) if up else r.choice(["fall", "slide", "drop"]),
            pwhy=r.choice(["a recovery in demand lifted results", "price rises and cost cuts lifted margins"])
            if up
            else r.choice(
                ["higher energy and wage costs weighed on margins", "a slowdown in orders weighed on results"]
            ),
            pwhy_t=r.choice(["sales recover", "demand picks up"]) if up else r.choice(["costs bite", "demand slows"]),
            sverb="rose" if up else "fell",
            shares_t=(
                f"{c['firm']} shares {r.choice(['soar', 'jump'])} after {r.choice(['results', 'trading update'])}"
                if up
                else f"Shares in {c['firm']} {r.choice(['tumble', 'slide'])} after {r.choice(['profit warning', 'trading update'])}"
            ),
            infl_t=(
                f"eases to {c['infl']}% as {r.choice(['food', 'fuel'])} prices cool"
                if infl < prev
                else f"edges up to {c['infl']}% as {r.choice(['food', 'fuel', 'energy'])} prices climb"
            ),
        )
    else:
        c.update(
            ftitle=r.choice(["le bénéfice progresse", "les résultats bondissent"])
            if up
            else r.choice(["le bénéfice recule", "le chiffre d'affaires baisse"]),
            fdir=r.choice(["hausse", "nette hausse"]) if up else r.choice(["baisse", "nette baisse"]),
            fwhy=r.choice(["porté par la reprise de la demande", "soutenu par des hausses de prix"])
            if up
            else r.choice(
                ["pénalisé par la hausse des coûts de l'énergie", "pénalisé par le ralentissement des commandes"]
            ),
            fbourse="s'envole" if up else "chute",
            fsverb="a gagné" if up else "a cédé",
            infl_t=(
                f"L'inflation ralentit en {c['lastmonth']} : {c['infl']} % sur un an"
                if infl < prev
                else f"Les prix repartent à la hausse en {c['lastmonth']} : {c['infl']} % sur un an"
            ),
        )


def players(c, r, lang):
    """Players (P3, P4, P5, P7) of one gender: a team is men's or women's."""
    used = [c[f"P{i}L"] for i in (1, 2, 6)]
    fem = r.random() < 0.3
    for i in (3, 4, 5, 7):
        add_person(c, r, lang, i, used, female=fem)
    c["women"] = fem


def setup_sports_en(c, r):
    players(c, r, "en")
    sp = r.choice(EN_SPORTS)
    t1, t2, t3 = r.sample(sp["teams"], 3)
    lo, hi, lo2 = sp["score"]
    s1 = r.randint(lo, hi)
    s2 = r.randint(max(lo2, s1 - 16), s1 - 1) if s1 > lo2 else 0
    c.update(
        team1=t1,
        team2=t2,
        team3=t3,
        s1=str(s1),
        s2=str(s2),
        unit=sp["unit"],
        units=sp["units"],
        field=sp["field"],
        position=r.choice(sp["positions"]),
        comp=r.choice(sp["comps"]),
        venue=r.choice(sp["venues"]),
        crowd=fmt_int(r.randint(900, 14000), "en"),
        pts=str(r.randint(2, 11)),
        org=t1,
        subject=f"{t1}'s season",
        group="the supporters' trust",
    )
    c["R1"] = f"{t1} {r.choice(['manager', 'head coach', 'boss'])}"


def setup_weather_en(c, r):
    c.update(
        storm=r.choice(["Imogen", "Callum", "Bronagh", "Tobias", "Delphine", "Osric", "Maren"]),
        met=r.choice(["the National Forecasting Centre", "the regional weather service", "the Meteorological Office"]),
        org="the council",
        subject="the clean-up operation",
        group="the local flood action group",
        kind=r.choice(["warning", "warning", "aftermath", "aftermath", "heat"]),
    )
    summer = c["month"] in ("May", "June", "July", "August", "September")
    if c["kind"] == "heat" and not summer:
        c["kind"] = "warning"
    hz = r.choice(
        [("Heavy rain", "rain", "up to <#40-90>mm of rain"), ("Strong winds", "wind", "gusts of up to <#55-85> mph")]
        + ([] if summer else [("Snow and ice", "snow and ice", "<#5-15>cm of snow on higher ground")])
        + ([("Thunderstorms", "thunderstorms", "torrential downpours and hail")] if summer else [])
    )
    c.update(hz_title=hz[0], hz_for=hz[1], hz_bring=hz[2])
    if c["kind"] == "heat":
        c.update(subject="the heat advice", group="the local heatwave volunteers' network")
    c["R1"] = r.choice(["a senior meteorologist", "a duty forecaster", "chief forecaster"])
    c["R2"] = r.choice(
        ["who runs a café on the high street", "a resident of the worst-hit street", "a farmer near " + c["place2"]]
    )
    c["R3"] = "the council's head of emergency planning"


def setup_politics_en(c, r):
    issue = r.choice(
        [
            ("a {4.9|3.5|2.99|5.1}% rise in council tax", "council tax rise", "the budget"),
            ("plans for {1,200|850|2,400|600} new homes on the edge of the city", "housing plan", "the housing scheme"),
            ("a new residents' parking scheme", "parking scheme", "the parking scheme"),
            ("the closure of {two|three|four} public libraries", "library closures", "the library review"),
            ("a {low-traffic neighbourhood|20mph zone} in the city centre", "traffic scheme", "the traffic scheme"),
        ]
    )
    c.update(
        issue=issue[0],
        issue_short=issue[1],
        subject=issue[2],
        council=f"{c['place']} City Council",
        party=r.choice(
            [
                "the Civic Alliance",
                "the Independents' Group",
                "the Progress Party",
                "the Community First group",
                "the Green Future group",
            ]
        ),
        party2=r.choice(
            [
                "the Reform and Renewal group",
                "the Residents' Association group",
                "the Liberal Forum",
                "the opposition Unity group",
            ]
        ),
        org=f"{c['place']} City Council",
        group="the local civic society",
    )
    c["R1"] = r.choice(
        [
            "leader of the council",
            "the council's cabinet member for finance",
            "deputy leader of the council",
            "the city's elected mayor",
        ]
    )
    c["R2"] = "leader of the opposition group"
    c["kind"] = r.choice(["vote", "protest", "delay"])


def setup_economy_en(c, r):
    c.update(
        sector=EN_FIRM_SECTOR[c["firm"]],
        cur="£",
        org=c["firm"],
        subject=r.choice(["the plans", "the review", "its strategy"]),
        group="the union representing staff at the site",
        kind=r.choice(["jobs", "results", "macro"]),
        index=r.choice(["the blue-chip index", "the mid-cap index", "European shares"]),
    )
    c["R1"] = r.choice(["chief executive", "finance director", "managing director"])
    econ_figures(c, r, "en")
    c["site"] = "offices" if c["sector"] in OFFICE_SECTORS else r.choice(["site", "plant", "factory"])
    if c["kind"] == "macro":
        c.update(org="the national statistics office", subject="the figures", group="the regional chamber of commerce")
    c["R2"] = r.choice(
        [
            "an analyst at Holbrook Securities",
            "an economist at the Fairhaven Institute",
            "senior analyst at Greyfield Capital",
        ]
    )
    c["R3"] = "regional organiser for the union"


def setup_science_en(c, r):
    f = r.choice(
        [
            dict(
                field="archaeology",
                finding="a Bronze Age settlement",
                thing="the site",
                detail="pottery fragments, a bronze pin and the remains of at least {four|six|nine} roundhouses",
            ),
            dict(
                field="ecology",
                finding="a sharp decline in wild bee numbers",
                thing="the survey",
                detail="data from more than {300|450|1,200} monitoring sites collected over {ten|twelve|fifteen} years",
            ),
            dict(
                field="astronomy",
                finding="an unusually fast-spinning star",
                thing="the observation",
                detail="measurements taken over {40|62|85} nights with a {1.2|2.5}-metre telescope",
            ),
            dict(
                field="marine biology",
                finding="a previously unknown species of sea slug",
                thing="the specimen",
                detail="samples collected at depths of up to {200|350|600} metres",
            ),
            dict(
                field="materials science",
                finding="a cheaper way to recycle battery metals",
                thing="the process",
                detail="laboratory tests on more than {2,000|500|900} spent battery cells",
            ),
        ]
    )
    c.update(
        field=f["field"],
        finding=f["finding"],
        thing=f["thing"],
        detail=f["detail"],
        uni=f"the University of {c['place']}",
        org=f"the University of {c['place']}",
        subject="the research",
        group="the national science funding council",
    )
    c["R1"] = r.choice(["who led the study", "the project's lead author", "a professor of " + f["field"]])
    c["R2"] = f"a {f['field']} specialist who was not involved in the work"


def setup_health_en(c, r):
    h = r.choice(
        [
            dict(issue="waiting times at the emergency department", short="A&E waits", kind="ae"),
            dict(issue="the winter flu vaccination campaign", short="flu jabs", kind="flu"),
            dict(issue="a shortage of GPs in rural practices", short="GP shortage", kind="gp"),
            dict(issue="the opening of a new community diagnostic centre", short="diagnostic centre", kind="centre"),
            dict(issue="a rise in measles cases among schoolchildren", short="measles cases", kind="measles"),
        ]
    )
    c["kind"] = h["kind"]
    c.update(
        issue=h["issue"],
        issue_short=h["short"],
        hospital=f"{c['place']} General Hospital",
        board=f"the {c['place']} and District Health Board",
        org=f"the {c['place']} and District Health Board",
        subject=h["issue"],
        group="the patients' association",
    )
    c["R1"] = r.choice(["medical director", "chief executive of the health board", "director of public health"])
    c["R2"] = r.choice(
        ["a GP in " + c["place2"], "a nurse with 20 years' experience", "chair of the local patients' forum"]
    )


def setup_culture_en(c, r):
    k = r.choice(
        [
            dict(
                kind="festival",
                ev="the {Harbour Lights|Northern Folk|Riverside Jazz|Open Fields} Festival",
                venue="<place>'s {Victoria Park|waterfront|old cattle market}",
            ),
            dict(
                kind="exhibition",
                ev="a major retrospective of the painter {Edith Marlowe|Tomas Revel|Agnes Whitby}",
                venue="the {City Art Gallery|Museum of <place>|Old Customs House gallery}",
            ),
            dict(
                kind="theatre",
                ev="a new production of {The Lighthouse Keeper|A Winter Crossing|The Glass Orchard}",
                venue="the {Playhouse|Royal Lyceum Studio|Corn Exchange theatre}",
            ),
            dict(
                kind="book prize",
                ev="the {Fenwick|Northgate|Coastline} Book Prize",
                venue="a ceremony at the {Central Library|Guildhall|Assembly Rooms}",
            ),
        ]
    )
    c.update(
        kindname=k["kind"],
        ev=k["ev"],
        venue=k["venue"],
        org="the organisers",
        subject=k["ev"],
        group="the city's arts council",
        kind="prize" if k["kind"] == "book prize" else "event",
        work=r.choice(
            [
                "Salt and Iron",
                "The Quiet Harbour",
                "Small Hours",
                "A Map of Rain",
                "The Orchard Year",
                "Northern Lights, Southern Rooms",
            ]
        ),
    )
    c["R1"] = r.choice(["artistic director", "the festival's director", "the curator", "chair of the judges"])
    c["R2"] = r.choice(["a local gallery owner", "a long-time volunteer", "a theatre critic"])


def setup_transport_en(c, r):
    c["cost_old"] = str(r.randint(20, 190))
    c["cost_new"] = str(int(c["cost_old"]) + r.randint(30, 290))
    t = r.choice(
        [
            dict(scheme="the new tram line", op=f"{c['place']} Metro", what="tram", kind="scheme"),
            dict(
                scheme="the bus network overhaul",
                op=r.choice(["Northline Buses", "CityLink Coaches", "Greenway Buses"]),
                what="bus",
                kind="network",
            ),
            dict(
                scheme="the rail timetable change",
                op=r.choice(["Northline Rail", "Westcoast Regional Rail"]),
                what="train",
                kind="network",
            ),
            dict(scheme="the bridge repair works", op=f"{c['place']} City Council", what="road", kind="works"),
        ]
    )
    c["kind"] = t["kind"]
    c.update(
        scheme=t["scheme"],
        op=t["op"],
        what=t["what"],
        org=t["op"],
        subject=t["scheme"],
        group="the regional passenger watchdog",
        road=r.choice(["the A{61|38|19|483}", "the ring road", "Station Road"]),
    )
    c["R1"] = r.choice(["operations director", "managing director", "transport cabinet member"])
    c["R2"] = r.choice(
        ["a commuter from " + c["place2"], "who uses the service every day", "a shop owner near the works"]
    )


def setup_agri_en(c, r):
    a = r.choice(
        [
            dict(crop="wheat", issue="the harvest", kind="harvest"),
            dict(crop="barley", issue="the harvest", kind="harvest"),
            dict(crop="milk", issue="farm-gate milk prices", kind="prices"),
            dict(crop="potatoes", issue="the harvest", kind="harvest"),
            dict(crop="lamb", issue="livestock prices", kind="prices"),
        ]
    )
    c["kind"] = a["kind"]
    c.update(
        crop=a["crop"],
        issue=a["issue"],
        coop=r.choice(["Dalesmoor Farmers' Co-operative", "Vale Growers Ltd", "Northfield Dairy Co-op"]),
        org="the farmers' union",
        subject=a["issue"],
        group="the regional farmers' union",
    )
    c["R1"] = r.choice(
        ["a fourth-generation farmer", "who farms 400 acres near " + c["place2"], "chair of the county farmers' branch"]
    )
    c["R2"] = r.choice(["an agricultural economist", "a land agent", "an adviser at the rural business centre"])


def setup_education_en(c, r):
    e = r.choice(
        [
            dict(issue="exam results", school=f"{c['place']} Academy", kind="results"),
            dict(
                issue="a critical inspection report",
                school=f"St {r.choice(['Aidan', 'Hilda', 'Luke', 'Bede'])}'s Primary School",
                kind="inspection",
            ),
            dict(issue="teacher shortages", school=f"{c['place2']} High School", kind="shortage"),
            dict(issue="plans for a new secondary school", school=f"{c['place']} North Academy", kind="newschool"),
        ]
    )
    c["kind"] = e["kind"]
    c["passrate"] = str(r.randint(55, 92))
    c["passrate_prev"] = str(int(c["passrate"]) - r.randint(2, 12))
    c.update(
        issue=e["issue"],
        school=e["school"],
        org="the local education authority",
        subject=e["issue"],
        group="the parents' group",
    )
    c["R1"] = r.choice(["headteacher", "the council's cabinet member for education", "executive head of the trust"])
    c["R2"] = r.choice(
        ["a parent of two pupils at the school", "a regional officer of the teachers' union", "chair of governors"]
    )


def setup_tech_en(c, r):
    c.update(
        law=r.choice(
            [
                "the Consumer Apps (Transparency) Act",
                "the Online Marketplaces Bill",
                "the Payment Services (Fair Fees) Regulations",
                "the Children's Screen Time Code",
            ]
        ),
        reg=r.choice(
            [
                "the Office for Digital Fair Trading",
                "the National Consumer Standards Board",
                "the Data Protection Commissioner's office",
            ]
        ),
        org=c["app"],
        subject=f"{c['app']}'s plans",
        group="the consumer organisation Which Way",
        users=fmt_int(r.randint(40, 900) * 1000, "en"),
        raise_m=str(r.randint(3, 60)),
        kind=r.choice(["funding", "regulator", "breach"]),
    )
    c["R1"] = r.choice(["chief executive and co-founder", "head of policy", "chief technology officer"])
    c["R2"] = r.choice(
        ["a technology analyst at Brightline Research", "a consumer rights campaigner", "an investor in the sector"]
    )


def setup_justice_en(c, r):
    kind = r.choice(["arrest", "trial", "sentence", "fine"])
    j = r.choice(
        [
            dict(
                case="a £{2.3|4.1|1.6} million fraud at a {property firm|builders' merchant|care home group}",
                short="fraud",
            ),
            dict(case="a counterfeit goods operation run from a warehouse in <place2>", short="counterfeit goods"),
            dict(
                case="a phishing scheme that targeted customers of {Aldercrest Bank|Stonebridge Mutual|Tidewell Insurance}",
                short="phishing",
            ),
            dict(case="a series of burglaries across <region>", short="burglaries"),
        ]
    )
    if kind == "fine":
        j = dict(
            case="illegal dumping of {construction|household|industrial} waste on farmland near <place2>",
            short="waste dumping",
        )
        c["firm2"] = r.choice(["Fenmoor Construction", "Talvick Logistics", "Copperleaf Homes", "Ravensworth Steel"])
    c["fine"] = str(r.randint(20, 900))
    c.update(
        kind=kind,
        case=j["case"],
        case_short=j["short"],
        court=f"{c['place']} Crown Court",
        org=f"{c['place']} Police",
        subject="the investigation",
        group="victims' support charity Safe Harbour",
        nsusp=r.choice(["two", "three", "four", "five", "six"]),
    )
    c["R1"] = r.choice(["prosecuting", "for the prosecution"])
    c["R2"] = r.choice(["Detective Inspector", "Detective Sergeant", "Detective Chief Inspector"])
    c["R3"] = "defending"


EN_GENERIC = [
    (
        "civic",
        "<^subject> has been the subject of {debate|discussion|scrutiny} in <place> for {several months|more than a year|some time}, and {the latest development|this week's decision|<day>'s announcement} is unlikely to {settle the matter|end the argument|be the last word}. {Several|A number of} {local groups|residents' associations|councillors} have already said they {will seek further information|want a public meeting|expect to see the full figures}.",
    ),
    (
        "any",
        "Asked about {the timetable|the next steps|what happens next}, <P1L> said {a further update would be given|more details would be published|a decision was expected} {in <fmonth>|before the end of the year|in the coming weeks|after the summer}. «We are not going to rush this,» <he1> {added|said}.",
    ),
    (
        "civic",
        "Figures {published|released|compiled} by <org> show that <#12-48>% of {respondents|households|those surveyed} {considered the issue a priority|were aware of the plans|said they had been directly affected}, {up from|compared with} <#5-30>% {two years ago|in the previous survey|last year}.",
    ),
    (
        "civic",
        "Not everyone is convinced. <P4>, {who has lived in <place> for <#12-40> years|a retired engineer|who runs a small business in the town}, said {the plans|the changes|the decision} had been {poorly explained|rushed through|announced without proper consultation}. «{People want answers|We were told one thing and now we are hearing another|Nobody asked us what we thought}, and so far nobody has given us {a straight answer|any figures|a date},» <he4> said.",
    ),
    (
        "any",
        "In a statement, <org> said it {remained committed to|would continue to work on|took its responsibilities seriously with regard to} <subject> and {would keep the public informed|welcomed further dialogue|had nothing further to add at this stage}.",
    ),
    (
        "civic",
        "The {issue|question} is {expected to|likely to} {return to the agenda|be raised again} at {the next full council meeting|a public meeting} on <fdate>, {when|at which point} {members|officials} will {consider a detailed report|vote on the next phase|hear from residents}.",
    ),
    (
        "civic",
        "{Similar|Comparable} {schemes|measures|initiatives} {elsewhere in the country|in neighbouring areas|in other cities} have {produced mixed results|had some success|been quietly abandoned}, according to <P5>, {a researcher at the University of <place3>|an independent analyst|who has studied the subject for a decade}.",
    ),
    (
        "any",
        "«{It is a step in the right direction|This is good news for the area|We have been waiting for this for a long time}, but {there is still a lot of work to do|the detail matters|we will be watching closely},» said <P5>, {who has campaigned on the issue|speaking on behalf of <group>|who described the mood as cautious}.",
    ),
    (
        "civic",
        "The {announcement|news} {was welcomed by|drew a cautious response from} <group>, whose {spokesperson|chair} <P6> said it «{could make a real difference|goes some way to addressing our concerns|raises as many questions as it answers}».",
    ),
    (
        "any",
        "{Speaking to|In an interview with} <pub>, <P1L> {acknowledged|conceded} that {mistakes had been made in the past|the timetable was tight|costs had risen}, but {insisted|argued} that {the overall direction was right|the benefits would outweigh the disruption|lessons had been learned}.",
    ),
    (
        "civic",
        "It is not the first time <place> has {found itself in this position|faced such a question}. In <pyear>, {a similar|a comparable} {proposal|situation} {was dropped after|led to} {months of|several weeks of} {objections|negotiations|delays}, and {some|several} of the people involved then are {still|once again} {on opposite sides|at the table}.",
    ),
    (
        "any",
        "{The|This} {week's|latest} {news|development} {also|} comes {against a difficult backdrop|at a sensitive time} for the area, {where|as} {household budgets remain under pressure|unemployment has edged up to <%3.1-6.9>%|several large employers have cut jobs over the past year}.",
    ),
    (
        "any",
        "{A spokesperson|A spokeswoman|A spokesman} for <org> {declined to comment on|would not be drawn on} {the figures|the criticism|the timing}, {but said|saying only that} {further details would be set out in due course|the matter was being kept under review|it was too early to speculate}.",
    ),
]
EN_CLOSERS = [
    "<pub> has contacted <org> for {further comment|a response}.",
    "{This story will be updated as more information becomes available.|More to follow.|This article will be updated.}",
    "{Additional reporting by <P6>.|With additional reporting by <P6>.|Reporting by <P6>; editing by <P5>.}",
    "{Do you have a story for us? Email the newsdesk.|Got a news tip? Contact us in confidence.}",
]


EN_TOPICS = {
    "sports": dict(
        setup=setup_sports_en,
        civic=False,
        sections=["Sport", "Sport", "Local sport", "Football", "Results"],
        tags=["Sport", "<team1>", "<team2>", "Match report", "<comp>"],
        titles=[
            "<team1> {edge|see off|beat} <team2> {to climb to <pos>|in <venue> thriller|as <P3L> shines}",
            "<P3L> {strikes late|double|stars} as <team1> {down|overcome} <team2>",
            "{Late drama|Comeback|Derby delight} at <venue> as <team1> {claim|snatch} win",
            "<team2> {coach|boss} <P2L> {frustrated|fumes} after {defeat|loss} at <team1>",
            "<team1> <s1>-<s2> <team2>: {five things we learned|match report and reaction|the verdict}",
        ],
        leads=[
            "<team1> {moved up to <pos> in <comp>|kept their promotion hopes alive} with a <s1>-<s2> {win|victory} over <team2> at <venue> on <day>, <P3> producing the decisive <unit> {<#60-89> minutes in|in the closing stages|just before half-time}.",
            "A crowd of <crowd> {saw|watched} <team1> {come from behind|hold their nerve|grind out a result} to beat <team2> <s1>-<s2> on <day> {night|afternoon}, a win that {lifts|takes} them to <pos> {place|in the table}.",
            "It was not pretty, but <team1> will not care. Their <s1>-<s2> win over <team2> at <venue> {ended a run of <#3-6> games without a victory|was their <nth> in a row|came despite a nervous first half}.",
        ],
        body=[
            "<team2> {started the brighter|had the better of the opening exchanges} and {could have|should have} taken the lead {early on|inside the first <#10-20> minutes}, {only for <team1>'s {defence|back line} to {hold firm|stand up to the pressure}|but <team1>'s {defence|back line} held firm}.",
            "The {turning point|key moment} came {shortly after the break|midway through the second half|with <#8-15> minutes left}, when <P3>, {signed in the summer from <team3>|a product of the club's academy|who had been dropped earlier in the season}, {found space|broke through} {on the left|down the right|through the middle} and {made no mistake|finished calmly}.",
            "<team2> {pushed hard to get back into the game|threw everything forward|responded well} {in the final minutes|late on}, and their {substitute|captain} <P4> {went close|was denied} {twice|in stoppage time|from close range}.",
            "{Ticket prices have been a talking point among supporters this season|The cost of a season ticket has been a source of debate since the summer}, and the attendance of <crowd> was {the highest of the campaign|slightly down on the previous home game|a figure the club described as encouraging}.",
            "<team1> {now sit|are now} <pts> points {clear of the relegation places|behind the leaders|off the play-off places} with <#8-20> {games|matches} {remaining|left to play}, and {travel to|host} <team3> on <fday>.",
            "{Injuries|Suspensions} continue to stretch the squad. <team1> were without their {first-choice|regular} <position>, while <P7> {limped off|was withdrawn as a precaution} {with a hamstring problem|with a knee problem|before half-time}.",
            "Off the <field>, the club is still waiting for {planning permission|a decision from the council} on {a new training ground|an expansion of <venue>|a new stand}, a project estimated at £<%2-18> million.",
            "The {club's|team's} <position> <P5> {was named player of the match|earned warm applause when substituted|made <#3-9> crucial interventions}, and {may yet|could} attract interest from {bigger clubs|clubs in the division above} {when the transfer window opens|in the summer}.",
        ],
        quotes=[
            "«{I thought we were excellent|It was a proper team performance|We had to dig in today}. {The players showed real character|They deserved that|We stuck to the plan},» <P1>, the <R1>, said {afterwards|after the game}.",
            "«We cannot keep {giving away|conceding} {cheap <units>|soft chances|points like that},» said <team2> coach <P2>. «{It is frustrating|It is on me|We will look at it} and we go again next week.»",
            "«{It is a great feeling|I am just happy to help the team|Credit to the lads around me},» said <P3L>, «but {we have to keep our feet on the ground|the job is not done yet|we go again on <fday>}.»",
        ],
        closers=[
            "<team1> {host|visit} <team3> on <fday>.",
            "Tickets for the next home game are on sale from the club shop.",
        ],
    ),
    "weather": dict(
        setup=setup_weather_en,
        civic=False,
        sections=["Weather", "News", "Local news", "Environment"],
        tags=["Weather", "Flooding", "<region>", "Storm <storm>", "Travel"],
        titles=[
            "{Yellow|Amber} weather warning issued for <region> as Storm <storm> {approaches|moves in}",
            "<hz_title> {set to|expected to} {disrupt|hit} <region> {this weekend|on <fday>}",
            "<place> records hottest <month> day {in <#12-40> years|on record}",
            "Flood alerts in place along the River <river> after {days of rain|overnight downpours}",
            "Clean-up under way in <place> after Storm <storm> {brings down trees|floods homes}",
        ],
        leads=[
            "{Forecasters|Weather experts} have issued {a yellow|an amber} warning for <hz_for> covering <region>, with Storm <storm> expected to bring <hz_bring> {from <day> evening|over the weekend|on <fday>}.",
            "Residents in <place> {spent <day>|woke on <day>} {clearing up|counting the cost} after {torrential rain|a night of gales|flash flooding} {left roads under water|brought down trees and power lines|damaged dozens of homes}.",
            "<place> {recorded|registered} a temperature of <#29-36=t>C on <day>, {the highest|a record} for the month {since records began in <pyear>|in more than <#12-40> years}, according to <met>.",
        ],
        body=[
            "<met> said {the heaviest rain|the strongest winds|the worst conditions} would {arrive|come} {overnight|in the early hours|during the morning rush hour}, {with|and} {exposed coastal areas|higher ground|valleys along the River <river>} {likely to be worst affected|most at risk}.",
            "{Around|More than} <#12-400> {homes|properties} {were left without power|lost electricity} at the peak of the storm, {and|while} engineers {were working to restore supplies|said most would be reconnected by the evening}.",
            "{Several|A number of} roads {were closed|remained shut} {because of flooding|after fallen trees blocked them}, including {stretches of the A<#1-699>|the route between <place> and <place2>}, and {drivers were urged to avoid unnecessary journeys|police asked motorists to take extra care}.",
            "{Sandbags were handed out|The council distributed sandbags} {at three depots|from the leisure centre car park} {on <day>|overnight}, and {a rest centre was opened|volunteers checked on elderly residents} {in <place2>|in the worst-hit streets}.",
            "{Train operators warned of|Rail passengers faced} {delays and cancellations|speed restrictions} {on several routes|across the region}, {while|and} {some schools|a handful of schools} {closed early|remained shut} as a precaution.",
            "{Climate scientists|Researchers} {say|have warned} that {such events|heavy downpours and heatwaves} are becoming {more frequent|more intense} {as the planet warms|in a warming climate}, {though|and} {no single event can be attributed directly to climate change|the picture varies from region to region}.",
            "The {outlook|forecast} for the rest of the week is {more settled|changeable}, with {temperatures returning to around <#8-22>C|showers and sunny spells|a risk of frost on clear nights}, {according to|said} <met>.",
        ],
        quotes=[
            "«{This is a significant storm|We are expecting a very wet few days|Conditions could change quickly}, and people should {keep an eye on the forecast|plan ahead|take care on the roads},» said <P1>, <R1> at <met>.",
            "«{The water came in so fast|We have never seen anything like it|It was up to our knees within an hour},» said <P2>, <R2>. «{We are just trying to save what we can|The insurance people are coming tomorrow|Everyone on the street has been helping each other}.»",
            "«Our teams {have been out all night|are working around the clock} {and|but} {we ask people to be patient|some areas will take longer to reach},» said <P3>, <R3>.",
        ],
        closers=[
            "{Updates on road closures are published on the council's website.|Live travel updates are available from the council.}"
        ],
    ),
    "politics": dict(
        setup=setup_politics_en,
        civic=True,
        sections=["Politics", "Local politics", "News", "Council"],
        tags=["Politics", "<place>", "Council", "<issue_short>"],
        titles=[
            "Councillors {back|approve|narrowly pass} <issue>",
            "{Row erupts|Anger grows} over <issue>",
            "<place> council {delays|pauses|defers} decision on <issue_short>",
            "Opposition {calls for|demands} {rethink|inquiry} over <issue_short>",
        ],
        leads=[
            "Councillors in <place> {have approved|voted through|narrowly backed} <issue> after a {lengthy|heated|four-hour} meeting on <day>, despite {objections from|protests by} <party2>.",
            "Anger is growing in <place> over <issue>, with {more than <#800-6000> people signing a petition against the proposal|dozens of residents packing a public meeting to call for a rethink}.",
            "A decision on <issue> has been {delayed|postponed} until {at least <fmonth>|after the summer|the next council meeting}, after {officers asked for more time|councillors raised concerns about the costings|legal advice was sought}.",
        ],
        body=[
            "The {motion|proposal} was {passed|carried} by <#25-40> votes to <#10-24>, with <#1-5> abstentions. {Members of <party> voted in favour|Several backbenchers broke ranks}, while <party2> {voted against|walked out before the vote}.",
            "{Council officers|The council's finance team} {said|told the meeting} the measure {would raise|would save} about £<%1.2-9.8> million {a year|over three years}, {money that would be used to|which would help} {protect adult social care|fill a gap in the budget|maintain bin collections and road repairs}.",
            "{Opponents|Critics} argue that {the authority|the council} {has not done enough to|failed to} {consult residents|look at alternatives|explain the costs}, and <P2>, <R2>, said <party2> would {call the decision in|ask for a review|raise the issue at every meeting until it is reversed}.",
            "{During the meeting|At one point in the debate}, {members of the public|people in the gallery} {applauded|heckled} {several speakers|the cabinet member}, and the chair {had to call for order|briefly adjourned proceedings}.",
            "The {authority|council} has had to find £<#8-60> million {in savings|of cuts} since <pyear>, and {officials warn that further difficult decisions lie ahead|officials say reserves are running low|demand for services keeps rising}.",
            "{A public consultation|An earlier consultation} {drew|received} <#400-5200> responses, {of which|and} <#40-78>% {were opposed|supported the principle of the plan}, according to a report {presented to|discussed by} the cabinet.",
            "<^party> {has held a majority of|has run the council with a majority of} <#2-9> seats {since the last elections|since <pyear>}, and {the issue is expected to feature heavily|several seats will be contested} at {the local elections in <nyear>|next year's elections}.",
        ],
        quotes=[
            "«{Nobody goes into politics to make these choices|This was not an easy decision|We have listened and we have acted},» said <P1>, <R1>. «{But we have a legal duty to balance the books|The alternative would have been far worse|It is the right thing for <place> in the long run}.»",
            "«{This is a betrayal of the people who live here|They have ignored the residents|This decision will come back to haunt them},» said <P2>, <R2>.",
            "«{We are not against change|Nobody is saying nothing should happen}, {we just want to be heard|but this is the wrong plan in the wrong place},» said <P3>, who {organised the petition|lives near the site}.",
        ],
        closers=[
            "The full council papers are available on the authority's website.",
            "The decision can be called in for scrutiny within ten working days.",
        ],
    ),
    "economy": dict(
        setup=setup_economy_en,
        civic=False,
        sections=["Business", "Economy", "Money", "Markets"],
        tags=["Business", "<firm>", "Jobs", "Economy", "<sector>"],
        titles=[
            "<firm> {to cut|puts at risk} <jobs> jobs at <place> {<site>|headquarters}",
            "<firm> profits <ptitle> <pct>% as <pwhy_t>",
            "<shares_t>",
            "{Inflation|Price growth} <infl_t>",
            "{Region's|<region>} {economy|factories} {returns to growth|stalls|slows}, survey finds",
        ],
        leads=[
            "<firm>, the <sector> group, has said {up to|around} <jobs> jobs are at risk at its <place> <site> as part of {a restructuring|a cost-cutting programme|plans to consolidate operations} {announced on <day>|unveiled to staff on <day>}.",
            "<firm> reported a <pct>% <pdir> in {half-year|annual|first-quarter} {pre-tax profit|operating profit} on <day>, to £<#12-480> million, as <pwhy>.",
            "{Annual inflation|The annual rate of consumer price inflation} stood at <infl>% in <lastmonth>, compared with <infl_prev>% the previous month, {official figures showed|according to the national statistics office} on <day>.",
        ],
        body=[
            "The company said {the proposals|the changes} {were subject to consultation|would be phased in over <#6-18> months} and {that it would seek to minimise compulsory redundancies|that redeployment would be offered where possible}. The <place> site employs about <#300-2400> people.",
            "{Revenue|Sales} {rose|fell} <%1-18>% to £<#100-2400> million {over the period|in the six months to the end of <lastmonth>}, {slightly ahead of|below|in line with} {analysts' expectations|the consensus forecast compiled by the company}.",
            "Shares in <firm> <sverb> <%1-14>% in {early trading|morning trade|afternoon trading}, {making it one of the biggest movers on <index>|while <index> was broadly flat}.",
            "The company {also|} {cut|raised|maintained} its {interim dividend|full-year guidance}, {citing|pointing to} {uncertainty in its main markets|a strong order book|continued pressure on consumer spending}.",
            "{Economists|Analysts} {had expected|were forecasting} {a figure of|inflation of} <%1.5-6.5>%. {Core inflation, which strips out volatile items such as food and energy,|Services inflation, closely watched by the central bank,} {stood at|came in at} <%1.5-6.5>%.",
            "{Business groups|Employers' organisations} in <region> {warned that|said} {higher wage bills|energy costs|weak demand} {continued to squeeze|were still weighing on} {small firms|manufacturers|retailers}, and {called for|urged} {targeted support|a cut in business rates|faster planning decisions}.",
            "The news {is a blow to|will worry} <place>, {where|as} <firm> {has been|is} one of the {largest private employers|biggest employers} {since the <pyear> expansion|for decades}. {Local MPs|Council leaders} said they {had asked for an urgent meeting|would press the company for guarantees}.",
        ],
        quotes=[
            "«{These are difficult but necessary decisions|We have to adapt to a changing market|Our priority is to secure the long-term future of the business},» said <P1>, <firm>'s <R1>. «{We will support everyone affected|We remain committed to <place>|The fundamentals of the business are sound}.»",
            "«{The numbers were better than feared|This is a mixed set of results|The market had priced in worse},» said <P2>, <R2>. «{The question now is whether the recovery holds|The second half will be the real test|Investors will want more detail on costs}.»",
            "«{This is devastating news for the workforce|Staff found out by email, which is unacceptable|We will fight for every job},» said <P3>, <R3>.",
        ],
        closers=["The company will publish its {full-year|next quarterly} results in <fmonth>."],
    ),
}

EN_TOPICS.update(
    {
        "science": dict(
            setup=setup_science_en,
            civic=False,
            sections=["Science", "Science & environment", "News"],
            tags=["Science", "Research", "<field>", "<uni>"],
            titles=[
                "{Researchers|Scientists} {uncover|identify|report} <finding> {near <place>|in new study|after <#3-12>-year project}",
                "<^finding>: what {the new study|researchers} found",
                "<place> team {behind|credited with} <finding>",
                "{Study|Survey} {points to|reveals} <finding>",
            ],
            leads=[
                "{A team of researchers|Scientists} {led by|from} <uni> {say they have identified|have reported} <finding>, {in work published|in a paper released} on <day> {after|following} {years of painstaking work|an analysis of <detail>}.",
                "<^finding> has been {identified|documented} by {researchers|a team} at <uni>, {who describe it as|in what they call} {one of the most significant results in the field in a decade|a surprising result|an important piece of the puzzle}.",
            ],
            body=[
                "The {work|study} {draws on|is based on} <detail>, {and|which} {was funded by|received support from} <group> {and several charitable trusts|over <#3-7> years}.",
                "{According to|In} the paper, {the results|the findings} {were|have been} {checked|confirmed} by {an independent laboratory|a second team working separately|repeat measurements}, {which reduces the chance that they are an artefact|strengthening confidence in the conclusions}.",
                "<thing> {was first noticed|came to light} {in <pyear>|during routine work|almost by accident}, when {a doctoral student|a volunteer|a technician} {spotted something unusual|flagged an anomaly in the data}.",
                "{Further work is planned|The team now plans a larger study}, {with|and} {funding of £<%0.4-3.5> million|a second phase} {already secured|under discussion} {to|that will} {extend the analysis to other sites|test whether the pattern holds elsewhere}.",
                "{Independent experts|Other researchers} {welcomed|were cautious about} the {findings|results}, {noting|pointing out} that {the sample was relatively small|more data would be needed|the methods were robust}.",
                "The {results|data} will be {made publicly available|published in full} {later this year|once the peer-review process is complete}, {so that|allowing} other {groups|scientists} {can check the work|to build on it}.",
                "{Public interest in <field> has grown sharply|The field has attracted growing attention} {in recent years|since <pyear>}, {and|with} {the university|<uni>} {reporting|seeing} a {rise|jump} in {applications|visitor numbers at its open days}.",
            ],
            quotes=[
                "«{We were genuinely surprised|This was not what we expected to find|It took us a long time to believe the numbers},» said <P1>, <R1>. «{It changes how we think about the question|It opens up a lot of new questions|We now need to understand why}.»",
                "«{It is careful, solid work|The methods look sound|It is an intriguing result}, but {I would want to see it replicated|the sample is limited|we should not overstate it},» said <P2>, <R2>.",
            ],
            closers=[
                "{The study is published in a peer-reviewed journal.|The paper has been submitted for peer review.}"
            ],
        ),
        "health": dict(
            setup=setup_health_en,
            civic=True,
            sections=["Health", "News", "Health & wellbeing"],
            tags=["Health", "<issue_short>", "<hospital>", "<region>"],
            titles=[
                "{Concern grows over|Warning issued on|Figures reveal scale of} <issue>",
                "<hospital> {under pressure|declares critical incident} {as|amid} <issue_short> {rise|soar|worsen}",
                "{Health chiefs|Doctors} {urge|call on} residents to {get vaccinated|use services wisely|come forward}",
                "<issue_short>: what {you need to know|patients can expect} {this winter|in <region>}",
            ],
            leads=[
                "Health {chiefs|leaders} in <region> have {raised concerns about|issued a warning over} <issue>, {after figures showed|with new data revealing} {a sharp rise in pressure on services|the worst performance in <#3-10> years}.",
                "<hospital> {said on <day>|confirmed on <day>} that it was {under severe pressure|facing exceptional demand}, {with|amid} <issue> {dominating discussions at the board's monthly meeting|prompting an urgent review}.",
            ],
            body=[
                "{Figures published by|Data released by} <board> {show|shows} that <#40-78>% of patients {were seen within four hours|received an appointment within two weeks|had been vaccinated} {in <lastmonth>|last month}, {against|compared with} a target of <#75-95>%.",
                "{Staff shortages|Vacancies} remain {a major problem|a key challenge}, with {around|more than} <#60-420> {nursing|clinical} posts {unfilled|vacant} across the {region|area}, {according to|said} the board's {latest workforce report|annual report}.",
                "{Patients|Residents} are being {urged|asked} to {use pharmacies and the 111 helpline for minor ailments|book their vaccinations early|keep appointments or cancel them in good time}, {to ease pressure on|to free up} {emergency departments|GP surgeries}.",
                "<board> said {it had opened|it was opening} {<#12-60> additional beds|a new same-day emergency care unit|extra evening clinics} {over the winter|in <fmonth>}, at a cost of £<%0.5-6.5> million.",
                "{Campaigners|The patients' association} {say|argue} that {rural communities|older people|families in <place2>} {are hit hardest|face the longest waits}, {because|as} {public transport to <hospital> is limited|local surgeries have closed}.",
                "The {vaccine|service} is {available free|offered} to {people aged 65 and over|pregnant women|those with long-term health conditions|children aged two and three}, {and|while} {a walk-in clinic will run at the community centre on <fday>|appointments can be booked online or by phone}.",
                "{Doctors|Public health officials} {stressed|emphasised} that {most cases are mild|the risk to the general public remains low|early treatment makes a big difference}, {but|and} {urged anyone with symptoms to seek advice|asked parents to check their children's records}.",
            ],
            quotes=[
                "«{Our staff are working incredibly hard|We know waits are too long|We are doing everything we can}, {and I want to thank them|and I apologise to anyone affected|but we need the public's help},» said <P1>, <R1>.",
                "«{It is the worst I have seen it|Patients are frightened|Every winter we say it cannot get worse, and every winter it does},» said <P2>, <R2>.",
            ],
            closers=[
                "{Information about local services is available from the health board's website.|Anyone needing urgent medical help should call 111 or, in an emergency, 999.}"
            ],
        ),
        "culture": dict(
            setup=setup_culture_en,
            civic=False,
            sections=["Culture", "What's on", "Arts", "Entertainment", "Books"],
            tags=["Culture", "Arts", "<^kindname>", "<place>"],
            titles=[
                "<^ev> {returns|opens|gets under way} {with record line-up|in <place>|this weekend}",
                "{Review|First look}: <ev> at <venue>",
                "<^ev> {draws record crowds|sells out|extended by popular demand}",
                "{Debut novelist|Local author} <P3> {wins|scoops} <ev> for <work>",
            ],
            leads=[
                "<^ev> {opens|gets under way|returns} at <venue> {this weekend|on <fday>}, {with organisers promising|bringing} {its most ambitious programme yet|more than <#30-140> events over <#3-10> days}.",
                "{More than|Around} <#4000-60000> {visitors|people} {attended|flocked to} <ev> at <venue>, {making it|in what organisers called} {the most successful edition since it began in <pyear>|a record year}.",
                "<P3> {has won|was named winner of} <ev> for <work>, {a novel|a collection of stories|a memoir} {set in|about} {a fishing town in <region>|three generations of a family in <place>|the last winter of a village school}.",
            ],
            body=[
                "{The programme|This year's line-up} {includes|features} {workshops for children|free outdoor performances|a series of talks} {alongside|as well as} {headline acts|the main exhibition|a late-night strand}, {and|while} {tickets start at £<#5-25>|entry to most events is free}.",
                "{Organisers said|The organisers said} {the event|it} {brings around £<%0.5-6.5> million into the local economy|employs more than <#40-300> people each year|relies heavily on volunteers}, {and|but} {rising costs had forced them to|they had been forced to} {raise some ticket prices|cut one day from the schedule|seek new sponsors}.",
                "{Critics have praised|Early reviews praised} {the staging|the hang|the writing} {as|for being} {confident and surprising|quietly devastating|generous and funny}, {though|while} {some felt the second half dragged|one reviewer found it overlong}.",
                "<work> {was|had been} {rejected by <#5-20> publishers|written over <#4-11> years|first published by a small independent press} before {finding an audience|being picked up by a larger house}, and {sales have risen sharply|a reprint has been ordered} since {the shortlist was announced|the prize was announced}.",
                "The {exhibition|show|festival} {runs until <fdate>|continues until <fdate>}, {and|with} {an accessible relaxed session every <fday> morning|guided tours in the evenings|a family trail}.",
                "{The venue|<venue>} {reopened|was refurbished} in <pyear> {after|following} a £<%1-12> million {restoration|refit}, {and|which} {has since become|turned it into} {one of the busiest cultural spaces in <region>|a favourite with touring companies}.",
            ],
            quotes=[
                "«{We wanted to make something for everyone|It has been a huge team effort|We are thrilled with the response},» said <P1>, <R1>. «{There really is something for every age|People have been incredibly generous|We are already planning next year}.»",
                "«{It gives the whole town a lift|You can feel the buzz in the streets|It puts <place> on the map},» said <P2>, <R2>.",
            ],
            closers=[
                "{Tickets are available online and from the box office.|Full listings are available on the organisers' website.}"
            ],
        ),
        "transport": dict(
            setup=setup_transport_en,
            civic=True,
            sections=["Transport", "Travel", "News", "Local news"],
            tags=["Transport", "<op>", "<place>", "Travel"],
            titles=[
                "Cost of <scheme> {rises|soars} to £<cost_new> million",
                "<op> {announces|confirms} {timetable changes|service cuts|new routes} for <place>",
                "{Commuters|Passengers} {face|warned of} {months of disruption|weekend closures} {on|around} <road>",
                "<^scheme> {opens|delayed again|gets green light}",
            ],
            leads=[
                "{Passengers|Commuters} in <place> {face|have been warned of} {further delays|months of disruption} after <op> {confirmed|announced} that <scheme> would not be completed until {<fmonth> <nyear>|at least <nyear>}.",
                "<op> has {announced|unveiled} {changes to|an overhaul of} {its <what> services|the network} in <place>, {with|including} {<#3-12> routes being withdrawn|more frequent services on the busiest corridors|new evening and Sunday services}, {from <fdate>|in <fmonth>}.",
            ],
            body=[
                "The {cost of the project|budget} has risen from £<cost_old> million {in <pyear>|at the outset} to {an estimated|around} £<cost_new> million, {largely because of|blamed on} {higher material costs|unexpected ground conditions|changes to the design}.",
                "{Work on|Repairs to} <road> will {require|involve} {overnight closures|a <#6-20>-week full closure|lane restrictions} {between <place> and <place2>|near the station}, {with|and} {diversions signposted|replacement buses running}.",
                "{Passenger numbers|Ridership} on the {network|line} {have recovered to|stand at} <#72-105>% of {pre-pandemic levels|their <pyear> level}, {according to <op>|the operator said}, {with|and} {weekend leisure travel|commuter journeys} {growing fastest|still lagging}.",
                "{Fares|Ticket prices} {will rise by|are frozen at|will be capped at} {<%1.5-5.9>%|£<%1.5-3.5> per journey} {from <fmonth>|for the next year}, {and|while} {a new contactless daily cap|a discounted ticket for under-25s} {will be introduced|is being trialled}.",
                "{Disability campaigners|Cycling groups|Local businesses} {have raised concerns about|have welcomed} {the changes|the plans}, {saying|arguing} {step-free access at several stops is still missing|the works will hit trade during the busiest months|safer routes are long overdue}.",
                "{The authority|<op>} {said|says} {the scheme|the investment} {will cut journey times by up to <#5-25> minutes|will take <#2000-12000> car journeys off the roads each day|will link <place2> directly to the city centre for the first time}.",
            ],
            quotes=[
                "«{We know this is frustrating|We apologise for the disruption|This is a once-in-a-generation investment}, {but|and} {the finished scheme will transform travel in the area|we are doing everything we can to keep people moving},» said <P1>, <op>'s <R1>.",
                "«{I have been late for work three times this week|There is no real alternative for people like me|Nobody tells us anything until the last minute},» said <P2>, <R2>.",
            ],
            closers=[
                "{Journey planning information is available from <op>.|Details of the diversions are available online.}"
            ],
        ),
        "agriculture": dict(
            setup=setup_agri_en,
            civic=False,
            sections=["Farming", "Rural affairs", "Business", "Countryside"],
            tags=["Farming", "Agriculture", "<crop>", "<region>"],
            titles=[
                "Farmers in <region> {warn|fear} {of poor|for} <crop> {harvest|prices} after {wet|dry} {spring|summer}",
                "{Dairy|Arable|Livestock} farmers {protest|rally} over {prices|costs|imports} in <place>",
                "<coop> {raises|cuts} {prices|payments} {paid to|for} {members|farmers}",
                "{Drought|Heavy rain} {hits|delays} <crop> {harvest|planting} across <region>",
            ],
            leads=[
                "Farmers across <region> say {this year's|the} <crop> {harvest|yield} could be {down by as much as <#10-40>%|among the poorest in a decade} after {a wet spring and a cold early summer|weeks without significant rain|storms flattened crops in July}.",
                "{Dozens|Around <#40-300>} farmers {drove tractors|gathered} {into the centre of|outside the offices of the regional authority in} <place> on <day> to protest {against|over} {falling farm-gate prices|rising input costs|cheap imports}, {causing|bringing} {traffic delays|disruption} {for several hours|across the city}.",
            ],
            body=[
                "{Yields|Early yields} {reported by|collected by} <coop> {suggest|indicate} an average of <%5-9>{ tonnes per hectare| tonnes a hectare}, {against|compared with} <%6-10> in a typical year, {while|and} {quality has also suffered|grain moisture levels are high}.",
                "{Fertiliser|Feed|Fuel} {prices|costs} {remain|are still} {about|roughly} <#20-70>% higher than {before <pyear>|three years ago}, {squeezing|eroding} {margins|incomes} {on family farms|across the sector}.",
                "{Processors|Buyers} {have cut|have reduced} the price paid for {a litre of milk|a tonne of grain} {by <#1-5>p|to around <#28-41>p a litre|to £<#150-230> a tonne}, {which|and} {many producers say is below the cost of production|farmers say does not cover their costs}.",
                "{The farmers' union|The union} {is calling for|wants} {a fairer share of the retail price|emergency support for the worst-hit|a review of supply contracts}, {and|while} {ministers|officials} {say they are|have said they are} {monitoring the situation|in regular contact with the industry}.",
                "{Some farmers|Younger farmers} {are diversifying|have turned} {into|to} {holiday lets and farm shops|renewable energy|growing specialist crops}, {but|and} {the upfront costs can be prohibitive|planning rules can be a hurdle}.",
                "{Animal health officials|Vets} {have also urged|are also urging} {vigilance|farmers to report any signs of disease} {after cases of bluetongue were confirmed on <#2-9> farms in a neighbouring county|during the autumn housing period}.",
            ],
            quotes=[
                "«{It has been the hardest year I can remember|We are working harder for less|You cannot keep farming at a loss},» said <P1>, <R1>. «{Something has to change|People do not realise how close some of us are to giving up}.»",
                "«{The fundamentals of the market are tight|Prices should recover in the spring|The next six months will be critical},» said <P2>, <R2>.",
            ],
            closers=[
                "{The union will hold a members' meeting on <fdate>.|A rural support helpline is available for farmers in difficulty.}"
            ],
        ),
        "education": dict(
            setup=setup_education_en,
            civic=True,
            sections=["Education", "News", "Schools"],
            tags=["Education", "Schools", "<place>", "<issue>"],
            titles=[
                "<school> {celebrates|reports} {record|improved} exam results",
                "<school> rated {'requires improvement'|'inadequate'|'good'} by inspectors",
                "{Teacher shortages|Falling rolls} {hit|force changes at} schools in <place>",
                "{Parents|Campaigners} {fight|back} plans for <school>",
            ],
            leads=[
                "Pupils at <school> {are celebrating|have celebrated} {after|following} {the best results in the school's history|a marked improvement in results}, with <passrate>% of {students|pupils} {achieving top grades in English and maths|meeting the expected standard}.",
                "<school> has been {told to improve|criticised} by inspectors, {who|after they} {found|raised concerns about} {weaknesses in how pupils' progress is tracked|behaviour in some lessons|the quality of the curriculum in several subjects}.",
                "Schools in <place> are {struggling to recruit|finding it increasingly hard to hire} {teachers|specialist staff}, with <#12-60> vacancies {still unfilled|advertised} {at the start of term|this term}, {according to|figures from} <org>.",
            ],
            body=[
                "{Inspectors|The report} {praised|noted} {the school's caring ethos|strong leadership from the new headteacher|improvements in reading}, {but|while} {said that|found that} {attendance was too low|some pupils were not challenged enough|safeguarding records were incomplete}.",
                "{The number of pupils|Pupil numbers} {in the area|across the authority} {is forecast to|will} {fall|rise} by <#4-18>% {over the next five years|by <nyear>}, {which|and} {could mean|may lead to} {merged classes|new classrooms|changes to admissions}.",
                "{Maths, physics and computing|Languages and design technology} are {the hardest subjects to staff|the subjects hit hardest}, {and|with} {some schools|several schools} {relying on supply teachers|combining classes|teaching them with non-specialists}.",
                "<org> said {a new building|the expansion} would {cost|require} £<%4-38> million {and create|providing} <#150-1200> places, {with|and} {construction expected to begin|a planning application due} in <fmonth>.",
                "{Support staff|Teaching assistants} {say|have warned} that {workloads have increased|budgets for special educational needs are stretched|class sizes are creeping up}, {and|while} {the union|unions} {is balloting|are consulting} members {over pay|on possible action}.",
                "The school {said it had already|has already} {drawn up an action plan|appointed a new deputy head|introduced extra reading sessions}, {and|with} {governors meeting weekly|a follow-up visit expected within a year}.",
            ],
            quotes=[
                "«{I am incredibly proud of our students|This is a real team effort|Our staff have worked tirelessly},» said <P1>, <R1>. «{They have overcome a lot to get here|We know there is more to do|We accept the findings in full}.»",
                "«{Parents just want to know their children are safe and learning|We feel we have not been listened to|It has been a worrying few months},» said <P2>, <R2>.",
            ],
            closers=[
                "{The full report is available on the inspectorate's website.|Admissions for next year open in <fmonth>.}"
            ],
        ),
        "tech": dict(
            setup=setup_tech_en,
            civic=False,
            sections=["Technology", "Tech", "Business", "Money"],
            tags=["Technology", "Apps", "<app>", "Start-ups", "Regulation", "Europe"],
            titles=[
                "<app> {raises|secures} £<raise_m>m {to expand|for push} into Europe",
                "{Regulator|Watchdog} {fines|investigates} <app> over {hidden fees|data practices|misleading claims}",
                "<app> {suffers|confirms} data breach affecting <users> users",
                "{Ministers target|Ministers set out rules for|Brussels targets|Brussels sets out rules for} {payment apps|online marketplaces|social media platforms} in {new|draft} {law|plans}",
                "<app> {launches|rolls out} {age checks|new subscription|instant payments} {across the UK|in <#3-12> countries}",
            ],
            leads=[
                "<app>, the <place>-based {budgeting|ride-sharing|group-messaging|second-hand marketplace} app, has {raised|secured} £<raise_m> million in {new funding|a funding round} {led by|from} {Greyfield Capital|the venture firm Northlight Partners|a group of European investors}, {which|and} it plans to use to {expand into Europe|double its engineering team|launch in <#3-9> new countries}.",
                "<reg> has {opened an investigation into|fined} <app> {over|for} {the way it displays fees to users|its handling of customer data|misleading claims about refunds}, {in what is|marking} {one of the first cases|the first enforcement action} under <law>.",
                "<app> has confirmed {a data breach|a cyber attack} {affecting|that exposed the details of} {up to|around} <users> {users|customers}, {after|when} {hackers accessed|attackers gained access to} {a third-party database|an internal system} {last week|in <lastmonth>}.",
            ],
            body=[
                "{The app|<app>}, {founded in <pyear>|launched <#2-7> years ago}, {says it has|claims} <users> {active users|monthly users}, {most of them|mainly} {in the UK and Ireland|under the age of 35}, {and|but} {it is not yet profitable|it expects to break even next year}.",
                "Under <law>, {platforms|apps} {must|are required to} {show the full price up front|verify the age of users|publish an annual transparency report|respond to complaints within <#14-30> days}, and {companies that breach the rules|firms found in breach} {face fines of up to <#2-6>% of global turnover|can be fined up to £<#1-18> million}.",
                "{The investigation|The inquiry} {will examine|is looking at} whether <app> {properly informed users|obtained valid consent|made it too difficult to cancel subscriptions}, {and|with} {a provisional decision|findings} {expected|due} {by <fmonth>|next year}.",
                "{The breach|The incident} {exposed|may have exposed} {names, email addresses and phone numbers|partial card details|delivery addresses}, {but|though} <app> said {no passwords were compromised|full payment details were not affected}, {and|while} users {have been advised|are being urged} to {reset their passwords|watch out for phishing emails}.",
                "{Rival platforms|Competitors} such as <app2> {have also come under scrutiny|are watching the case closely}, {and|as} {regulators across Europe|the European Commission and national authorities} {step up|tighten} {oversight of|rules on} {online marketplaces|payment apps|social media}.",
                "{Social media|Online} {posts|reviews} from {frustrated users|customers} {complaining about|describing} {unexpected charges|locked accounts|slow refunds} {had|have} {circulated widely|prompted hundreds of complaints to the regulator} {in recent months|since <lastmonth>}.",
                "{Investors|Analysts} {say|note} the {sector|market} {has cooled|is consolidating} {since <pyear>|after years of rapid growth}, {with|and} {fewer|larger but fewer} funding rounds {and|as} {start-ups|founders} {focus on profitability|look for buyers}.",
            ],
            quotes=[
                "«{We take our obligations extremely seriously|We are cooperating fully with the regulator|We are sorry for the worry this has caused},» said <P1>, <app>'s <R1>. «{We have already made changes|We will set out our response in due course|Protecting our users is our top priority}.»",
                "«{This case will be watched very closely across the industry|The rules are clear, and companies have had plenty of time to prepare|Consumers deserve to know what they are paying for},» said <P2>, <R2>.",
            ],
            closers=[
                "<app> shares are not publicly listed.",
                "<reg> said it would not comment further while its inquiry is ongoing.",
            ],
        ),
        "justice": dict(
            setup=setup_justice_en,
            civic=False,
            sections=["Crime", "Courts", "News", "Crime & justice"],
            tags=["Crime", "Courts", "<place>", "Police", "<case_short>"],
            titles=[
                "{Man|Father-of-two|Businessman} jailed over <case>",
                "{Police|Detectives} {arrest|charge} <nsusp> in {investigation|inquiry} into <case_short>",
                "{Court hears|Jury told} how {fraudster|gang|defendant} {ran|carried out} <case_short> {scheme|operation}",
                "{Company|Firm|<firm2>} fined £<fine>,000 {over|for} <case_short>",
                "{Raids|Searches} in <place> as police {target|investigate} <case_short>",
            ],
            leads=[
                "<^nsusp> people have been {arrested|charged} {as part of|in} an investigation into <case>, <org> said on <day>, {after|following} {searches at addresses in <place> and <place2>|a <#6-18>-month inquiry}.",
                "{A court|<court>} has heard how <case> {went undetected for|continued for} {almost <#2-6> years|<#14-40> months} before {a whistleblower|a bank|a customer} {raised the alarm|alerted the authorities}.",
                "{<P4>, <#28-61>,|A <#28-61>-year-old man} has been {jailed for <#2-9> years|sentenced to <#18-48> months} at <court> {for his part in|after admitting his role in} <case>.",
            ],
            body=[
                "{Officers|Detectives} {carried out|executed} {warrants|searches} at {<#3-9> addresses|homes and business premises} {in the early hours of <day>|on <day> morning}, {seizing|and seized} {cash, mobile phones and computer equipment|documents and <#2-6> vehicles|about £<#20-300>,000 in cash}.",
                "{The prosecution|Prosecutors} {told the court|said} that {the group|the defendants} {had used|relied on} {fake invoices and shell companies|text messages posing as the bank|a network of couriers} {to|in order to} {move|launder|collect} {money|the proceeds}, {making|netting} {at least|an estimated} £<#90-900>,000.",
                "{The case|The inquiry} {was handled|was led} by {the force's economic crime unit|the regional cybercrime unit|the serious organised crime team}, {working with|with support from} {trading standards|the bank's fraud team|neighbouring forces}.",
                "{The defendants|Those arrested} {are due to appear|will appear} at <place> Magistrates' Court on <fdate>. {Two others|A further suspect} {have been released on bail|remain under investigation} {pending further inquiries|while inquiries continue}.",
                "<^R3> {counsel|barrister} <P3> {said|told the court} that {<his3> client|the defendant} {had been under financial pressure|had played a limited role|had no previous convictions} and {was genuinely remorseful|had cooperated fully}.",
                "{Sentencing|Passing sentence}, Judge <P5> said {the offending|the scheme} {had been|was} {sophisticated and sustained|cynical and carefully planned}, and {had caused real distress to|had targeted} {vulnerable people|small businesses|elderly customers}.",
                "{The company|The firm} {was also ordered to pay|must also pay} £<#10-90>,000 {in costs|in compensation}, {after|having} {pleaded guilty|admitted} {to breaching environmental permits|to the offences} {at an earlier hearing|in <lastmonth>}.",
                "{Anyone with information|Anyone who thinks they may have been a victim} {is asked to|should} {contact police|call the force} {quoting the reference number|via the website}, {or|or call} {the independent charity Crimestoppers|the fraud reporting line} {anonymously|in confidence}.",
            ],
            quotes=[
                "«{This was a lengthy and complex investigation|These arrests send a clear message|We will not tolerate this kind of criminality},» said <R2> <P2>. «{I want to thank the victims for their patience|We continue to pursue everyone involved|Our inquiries are ongoing}.»",
                "«{The defendants showed a complete disregard for their victims|This was a deliberate and calculated scheme},» said <P1>, {prosecuting|for the prosecution}.",
            ],
            closers=["{The investigation continues.|Proceedings are continuing.}"],
        ),
    }
)


# --------------------------------------------------------------------------
# French topics
# --------------------------------------------------------------------------
FR_TOWNS_CLUB = [
    "Valmont",
    "Lérac",
    "Saint-Aubin-des-Prés",
    "Montferrand-le-Haut",
    "Brenne-sur-Oise",
    "Castelnau-Vieux",
    "Pontivers",
    "Rochebrune",
    "Vaudrey",
    "Sermaize",
    "Bellegarde-en-Forez",
    "Montrevel",
]
FR_SPORTS = [
    dict(
        sport="football",
        unit="but",
        du_unit="du but",
        units="buts",
        prefixes=["l'AS", "l'US", "l'ES", "l'Olympique de", "l'Union sportive de"],
        comps=["en National 2", "en Régional 1", "en National 3"],
        venues=["stade Marcel-Aubry", "stade des Peupliers", "stade municipal Roger-Vaillant", "stade de la Prairie"],
        score=(1, 4, 0),
        postes=["attaquant", "défenseur central", "gardien", "milieu"],
    ),
    dict(
        sport="rugby",
        unit="essai",
        du_unit="de l'essai",
        units="essais",
        prefixes=["l'US", "l'AS", "l'Union sportive de", "l'Avenir sportif de"],
        comps=["en Fédérale 1", "en Nationale 2", "en Fédérale 2"],
        venues=["stade Jean-Lagrèze", "stade des Tilleuls", "stade Pierre-Castaing"],
        score=(13, 38, 6),
        postes=["demi d'ouverture", "talonneur", "arrière", "troisième-ligne"],
    ),
    dict(
        sport="handball",
        unit="but",
        du_unit="du but",
        units="buts",
        prefixes=["l'ES", "l'US", "l'Entente de"],
        comps=["en Nationale 1", "en Nationale 2", "en Pré-Nationale"],
        venues=["palais des sports Jean-Moulin", "gymnase des Glycines", "complexe sportif du Lac"],
        score=(24, 36, 18),
        postes=["pivot", "ailier gauche", "arrière droit", "gardien"],
    ),
    dict(
        sport="basket",
        unit="panier",
        du_unit="du panier",
        units="paniers",
        prefixes=["l'Étoile de", "l'ES", "l'US"],
        comps=["en Nationale 2", "en Pré-Nationale", "en Nationale 3"],
        venues=["palais des sports Jean-Moulin", "complexe sportif Léo-Ferré", "gymnase des Ormeaux"],
        score=(62, 95, 50),
        postes=["meneur", "pivot", "ailier fort", "arrière"],
    ),
]


def setup_sports_fr(c, r):
    players(c, r, "fr")
    sp = r.choice(FR_SPORTS)
    t1, t2, t3 = r.sample(FR_TOWNS_CLUB, 3)
    lo, hi, lo2 = sp["score"]
    s1 = r.randint(lo, hi)
    s2 = r.randint(max(lo2, s1 - 16), s1 - 1) if s1 > lo2 else 0
    c.update(
        team1=t1,
        team2=t2,
        team3=t3,
        club1=f"{r.choice(sp['prefixes'])} {t1}",
        club2=f"{r.choice(sp['prefixes'])} {t2}",
        sport=sp["sport"],
        unit=sp["unit"],
        du_unit=sp["du_unit"],
        units=sp["units"],
        comp=r.choice(sp["comps"]),
        venue=r.choice(sp["venues"]),
        poste=r.choice(sp["postes"]),
        s1=str(s1),
        s2=str(s2),
        crowd=fmt_int(r.randint(600, 9000), "fr"),
        pts=str(r.randint(2, 11)),
        subject="la saison du club",
        group="l'association des supporters",
    )
    c["org"] = c["club1"]
    c["le_poste"] = ("L'" if c["poste"][0] in "aeiou" else "Le ") + c["poste"]
    c["lecap"] = r.choice(["La capitaine", "La remplaçante"] if c["women"] else ["Le capitaine", "Le remplaçant"])
    c["R1"] = role(c, 1, "l'entraîneur de " + t1, "l'entraîneuse de " + t1)


def setup_weather_fr(c, r):
    c.update(
        tempete=r.choice(["Adélaïde", "Baptiste", "Coralie", "Gaspard", "Hortense", "Ivan", "Léonie"]),
        route=r.choice(["la rocade", "la RN {12|165|88}", "la départementale {7|34|921}", "l'autoroute A{11|84|31}"]),
        org="la préfecture",
        subject="la situation",
        group="les services de secours",
        kind=r.choice(["warning", "warning", "aftermath", "aftermath", "heat"]),
    )
    summer = c["month"] in ("mai", "juin", "juillet", "août", "septembre")
    if c["kind"] == "heat" and not summer:
        c["kind"] = "warning"
    hz = r.choice(
        [
            ("Fortes pluies", "pour des pluies intenses", "déverser jusqu'à <#40-90> mm de pluie"),
            ("Vents violents", "pour des vents violents", "générer des rafales de <#90-140> km/h"),
        ]
        + ([] if summer else [("Neige et verglas", "neige-verglas", "apporter <#5-15> cm de neige en altitude")])
        + ([("Orages", "pour des orages violents", "provoquer de fortes averses de grêle")] if summer else [])
    )
    c.update(hz_title=hz[0], hz_pour=hz[1], hz_bring=hz[2])
    c["R1"] = role(
        c, 1, "prévisionniste au service météorologique régional", "prévisionniste au service météorologique régional"
    )
    c["R2"] = r.choice(
        [
            "habitant" + c["e2"] + " du quartier le plus touché",
            "commerçant" + c["e2"] + " du centre-ville",
            "agricult" + ("rice" if c["fem2"] else "eur") + " à " + c["place2"],
        ]
    )
    c["R3"] = role(c, 3, "directeur de cabinet du préfet", "directrice de cabinet du préfet")


def setup_politics_fr(c, r):
    issue = r.choice(
        [
            ("la hausse de {4|6|8} % de la taxe foncière", "taxe foncière", "le budget", "la taxe foncière"),
            (
                "le projet de {350|600|1 200} logements au nord de la ville",
                "logements",
                "le projet immobilier",
                "le projet de logements",
            ),
            ("la piétonnisation du centre-ville", "piétonnisation", "la piétonnisation", "la piétonnisation"),
            (
                "la fermeture de {deux|trois} écoles de quartier",
                "fermetures d'écoles",
                "la carte scolaire",
                "les fermetures d'écoles",
            ),
            ("le nouveau plan local d'urbanisme", "PLU", "le PLU", "le PLU"),
        ]
    )
    c.update(
        issue=issue[0],
        issue_short=issue[1],
        subject=issue[2],
        issue_art=issue[3],
        liste=r.choice(["« <place> Ensemble »", "« Agir pour <place> »", "« Cap <place> »", "« <place> Citoyenne »"]),
        liste2=r.choice(["« Un nouveau souffle »", "« Vivre <place> »", "« <place> d'abord »", "« Demain <place> »"]),
        org=f"la mairie de {c['place']}",
        group="le collectif d'habitants",
    )
    c["R1"] = (
        role(c, 1, "maire de " + c["place"], "maire de " + c["place"])
        if r.random() < 0.5
        else role(c, 1, "adjoint aux finances", "adjointe aux finances")
    )
    c["R2"] = role(c, 2, "chef de file de l'opposition", "cheffe de file de l'opposition")
    c["kind"] = r.choice(["vote", "protest", "delay"])


def setup_economy_fr(c, r):
    c.update(
        secteur=FR_FIRM_SECTOR[c["firm"]],
        org=c["firm"],
        subject="la restructuration",
        group="l'intersyndicale",
        kind=r.choice(["jobs", "results", "macro"]),
    )
    econ_figures(c, r, "fr")
    if c["kind"] == "macro":
        c.update(org="l'institut national de la statistique", subject="ces chiffres", group="la chambre de commerce")
    c["R1"] = role(c, 1, "directeur général", "directrice générale")
    c["R2"] = (
        role(c, 2, "analyste chez Varenne Gestion", "analyste chez Varenne Gestion")
        if r.random() < 0.5
        else role(c, 2, "économiste à l'Institut Montclar", "économiste à l'Institut Montclar")
    )
    c["R3"] = role(c, 3, "délégué syndical", "déléguée syndicale")


def setup_science_fr(c, r):
    f = r.choice(
        [
            dict(
                domaine="l'archéologie",
                decouverte="un habitat de l'âge du bronze",
                objet="le site",
                detail="des fragments de céramique, une épingle en bronze et les traces d'au moins {quatre|six|neuf} maisons",
            ),
            dict(
                domaine="l'écologie",
                decouverte="un net déclin des abeilles sauvages",
                objet="l'étude",
                detail="des données issues de plus de {300|450|1 200} sites de suivi sur {dix|douze|quinze} ans",
            ),
            dict(
                domaine="l'astronomie",
                decouverte="une étoile à la rotation anormalement rapide",
                objet="l'observation",
                detail="des mesures réalisées pendant {40|62|85} nuits",
            ),
            dict(
                domaine="la biologie marine",
                decouverte="une espèce de limace de mer jusqu'ici inconnue",
                objet="le spécimen",
                detail="des prélèvements effectués jusqu'à {200|350|600} mètres de profondeur",
            ),
            dict(
                domaine="la chimie des matériaux",
                decouverte="un procédé moins coûteux pour recycler les métaux des batteries",
                objet="le procédé",
                detail="des essais sur plus de {500|900|2 000} batteries usagées",
            ),
        ]
    )
    c.update(
        domaine=f["domaine"],
        decouverte=f["decouverte"],
        objet=f["objet"],
        detail=f["detail"],
        univ=f"l'université de {c['place']}",
        org=f"l'université de {c['place']}",
        subject="ces travaux",
        group="l'agence nationale de financement de la recherche",
    )
    c["R1"] = role(c, 1, "chercheur qui a dirigé l'étude", "chercheuse qui a dirigé l'étude")
    c["R2"] = role(
        c, 2, "spécialiste qui n'a pas participé aux travaux", "spécialiste qui n'a pas participé aux travaux"
    )


def setup_health_fr(c, r):
    h = r.choice(
        [
            dict(issue="l'engorgement des urgences", short="urgences", kind="ae"),
            dict(issue="la campagne de vaccination contre la grippe", short="grippe", kind="flu"),
            dict(issue="la pénurie de médecins généralistes", short="déserts médicaux", kind="gp"),
            dict(issue="l'ouverture d'une maison de santé pluridisciplinaire", short="maison de santé", kind="centre"),
            dict(issue="la hausse des cas de rougeole chez les enfants", short="rougeole", kind="measles"),
        ]
    )
    c["kind"] = h["kind"]
    c.update(
        issue=h["issue"],
        issue_short=h["short"],
        hopital=f"centre hospitalier de {c['place']}",
        org="l'agence régionale de santé",
        subject=h["issue"],
        group="l'association des usagers",
    )
    c["R1"] = (
        role(c, 1, "directeur de l'hôpital", "directrice de l'hôpital")
        if r.random() < 0.5
        else role(c, 1, "chef du service des urgences", "cheffe du service des urgences")
    )
    c["R2"] = (
        role(c, 2, "médecin généraliste à " + c["place2"], "médecin généraliste à " + c["place2"])
        if r.random() < 0.5
        else role(c, 2, "infirmier depuis vingt ans", "infirmière depuis vingt ans")
    )


def setup_culture_fr(c, r):
    k = r.choice(
        [
            dict(
                kind="festival",
                ev="le festival {Les Nuits du Port|Cordes et Marées|Jazz en Vallée|Les Champs Libres}",
                lieu="{au parc de la Citadelle|sur les quais|dans l'ancien marché couvert}",
            ),
            dict(
                kind="exposition",
                ev="la rétrospective consacrée {au peintre Émile Varenne|à la photographe Odile Marceau|au sculpteur Paul Arnac}",
                lieu="{au musée des Beaux-Arts|à la chapelle de l'Oratoire|au centre d'art de la Halle}",
            ),
            dict(
                kind="théâtre",
                ev="la nouvelle création {Le Gardien du phare|La Traversée d'hiver|Les Vergers de verre}",
                lieu="{au théâtre municipal|à la scène nationale|au Grand Manège}",
            ),
            dict(
                kind="prix littéraire",
                ev="le prix {des Deux-Rives|du Premier Roman de <place>|Lire en Vallée}",
                lieu="{à la médiathèque|à l'hôtel de ville|au salon du livre}",
            ),
        ]
    )
    c.update(
        kind="prize" if k["kind"] == "prix littéraire" else "event",
        kindname=k["kind"],
        ev=k["ev"],
        lieu=k["lieu"],
        org="les organisateurs",
        subject=k["ev"],
        group="l'office de tourisme",
        oeuvre=r.choice(
            [
                "Le Sel et le Fer",
                "Un port tranquille",
                "Les Heures creuses",
                "La Carte des pluies",
                "L'Année des vergers",
                "Nos hivers à Vaudrey",
            ]
        ),
    )
    c["R1"] = (
        role(c, 1, "directeur artistique", "directrice artistique")
        if r.random() < 0.5
        else role(c, 1, "commissaire de l'exposition", "commissaire de l'exposition")
    )
    c["R2"] = (
        role(c, 2, "bénévole depuis dix ans", "bénévole depuis dix ans")
        if r.random() < 0.5
        else role(c, 2, "libraire du centre-ville", "libraire du centre-ville")
    )


def setup_transport_fr(c, r):
    c["cost_old"] = str(r.randint(20, 190))
    c["cost_new"] = str(int(c["cost_old"]) + r.randint(30, 290))
    t = r.choice(
        [
            dict(
                projet="la nouvelle ligne de tramway",
                op=f"Réseau urbain de {c['place']}",
                quoi="tram",
                agr="e",
                sera="serait",
                kind="scheme",
            ),
            dict(
                projet="la refonte du réseau de bus",
                op=r.choice(["Kéolia Mobilités", "Transports Meurant", "Mobivalle"]),
                quoi="bus",
                agr="e",
                sera="serait",
                kind="network",
            ),
            dict(
                projet="la nouvelle desserte ferroviaire régionale",
                op=r.choice(["Rail Vallée Express", "Lignes Régionales de l'Ouest"]),
                quoi="train",
                agr="e",
                sera="serait",
                kind="network",
            ),
            dict(
                projet="les travaux du pont de la Libération",
                op=f"la métropole de {c['place']}",
                quoi="route",
                agr="s",
                sera="seraient",
                kind="works",
            ),
        ]
    )
    c["kind"] = t["kind"]
    c.update(
        projet=t["projet"],
        op=t["op"],
        quoi=t["quoi"],
        pagr=t["agr"],
        sera=t["sera"],
        org=t["op"],
        subject=t["projet"],
        group="l'association des usagers des transports",
        route=r.choice(["la rocade", "la RN {12|165|88}", "l'avenue de la République", "le boulevard périphérique"]),
    )
    c["R1"] = (
        role(c, 1, "directeur de l'exploitation", "directrice de l'exploitation")
        if r.random() < 0.5
        else role(c, 1, "vice-président chargé des mobilités", "vice-présidente chargée des mobilités")
    )
    c["R2"] = role(c, 2, "usager quotidien de la ligne", "usagère quotidienne de la ligne")


def setup_agri_fr(c, r):
    a = r.choice(
        [
            dict(culture="le blé", issue="la moisson", kind="harvest"),
            dict(culture="le maïs", issue="la récolte", kind="harvest"),
            dict(culture="le lait", issue="le prix du lait", kind="prices"),
            dict(culture="la vigne", issue="les vendanges", kind="harvest"),
            dict(culture="la pomme de terre", issue="la récolte", kind="harvest"),
        ]
    )
    c["kind"] = a["kind"]
    c.update(
        culture=a["culture"],
        issue=a["issue"],
        coop=r.choice(
            ["la coopérative Terres de l'Ouest", "la coopérative Val-Agri", "la laiterie coopérative du Haut-Pays"]
        ),
        org="la chambre d'agriculture",
        subject=a["issue"],
        group="le syndicat agricole départemental",
    )
    c["R1"] = (
        role(c, 1, "éleveur à " + c["place2"], "éleveuse à " + c["place2"])
        if r.random() < 0.5
        else role(c, 1, "céréalier installé depuis 1998", "céréalière installée depuis 1998")
    )
    c["R2"] = role(c, 2, "économiste spécialiste des marchés agricoles", "économiste spécialiste des marchés agricoles")


def setup_education_fr(c, r):
    e = r.choice(
        [
            dict(issue="les résultats du baccalauréat", ecole=f"le lycée Jean-Rostand de {c['place']}", kind="results"),
            dict(
                issue="la fermeture de classes",
                ecole=f"l'école élémentaire des Tilleuls à {c['place']}",
                kind="closure",
            ),
            dict(issue="la pénurie d'enseignants", ecole=f"le collège Marie-Curie de {c['place2']}", kind="shortage"),
            dict(
                issue="la construction d'un nouveau collège",
                ecole=f"le futur collège de {c['place']}-Nord",
                kind="newschool",
            ),
        ]
    )
    c["kind"] = e["kind"]
    c.update(
        issue=e["issue"],
        ecole=e["ecole"],
        org="le rectorat",
        subject=e["issue"],
        group="la fédération de parents d'élèves",
    )
    c["R1"] = (
        role(c, 1, "proviseur", "proviseure")
        if r.random() < 0.5
        else role(c, 1, "directeur académique", "directrice académique")
    )
    c["R2"] = (
        role(c, 2, "parent d'élève élu", "mère de deux élèves")
        if r.random() < 0.6
        else role(
            c,
            2,
            "secrétaire départemental d'un syndicat enseignant",
            "secrétaire départementale d'un syndicat enseignant",
        )
    )


def setup_tech_fr(c, r):
    c.update(
        loi=r.choice(
            [
                "la loi Ravel sur la transparence des applications de paiement",
                "le futur règlement européen sur les places de marché en ligne",
                "la loi du {12|4|23} {mars|juin|octobre} <pyear> sur l'affichage des prix en ligne",
            ]
        ),
        autorite=r.choice(
            [
                "l'Autorité de régulation des plateformes de livraison",
                "la commission nationale de protection des consommateurs en ligne",
                "l'autorité de contrôle des services de paiement",
            ]
        ),
        org=c["app"],
        subject="le dossier",
        group="l'association de consommateurs Vigie Conso",
        users=fmt_int(r.randint(40, 900) * 1000, "fr"),
        levee=str(r.randint(3, 60)),
        kind=r.choice(["funding", "regulator", "breach"]),
    )
    c["R1"] = (
        role(c, 1, "cofondateur et président", "cofondatrice et présidente")
        if r.random() < 0.5
        else role(c, 1, "directeur des affaires publiques", "directrice des affaires publiques")
    )
    c["R2"] = (
        role(c, 2, "analyste chez Brumaire Research", "analyste chez Brumaire Research")
        if r.random() < 0.5
        else role(c, 2, "avocat spécialisé en droit du numérique", "avocate spécialisée en droit du numérique")
    )


def setup_justice_fr(c, r):
    kind = r.choice(["arrest", "sentence", "fine"])
    j = r.choice(
        [
            dict(
                affaire="une escroquerie de {2,3|4,1|1,6} millions d'euros au préjudice d'un promoteur immobilier",
                court="escroquerie",
            ),
            dict(affaire="un trafic de contrefaçons organisé depuis un entrepôt de <place2>", court="contrefaçons"),
            dict(
                affaire="une vaste campagne d'hameçonnage visant les clients de la Banque Horvelle", court="hameçonnage"
            ),
            dict(
                affaire="une série de cambriolages {en Normandie|dans l'agglomération|dans le sud du département}",
                court="cambriolages",
            ),
        ]
    )
    if kind == "fine":
        j = dict(
            affaire="des dépôts sauvages de déchets {de chantier|industriels} sur des terres agricoles près de <place2>",
            court="déchets",
        )
        c["firm2"] = r.choice(
            ["Cimenteries Roquaire", "Transports Meurant", "Maisons Ardoisier", "Ferronnerie Dastier"]
        )
    c["fine"] = str(r.randint(20, 900))
    c.update(
        kind=kind,
        affaire=j["affaire"],
        affaire_court=j["court"],
        tribunal=f"tribunal correctionnel de {c['place']}",
        parquet=f"le parquet de {c['place']}",
        org=f"le parquet de {c['place']}",
        subject="l'enquête",
        group="l'association d'aide aux victimes",
        nsusp=r.choice(["deux", "trois", "quatre", "cinq", "six"]),
    )
    c["R1"] = role(c, 1, "procureur de la République", "procureure de la République")
    c["R2"] = role(c, 2, "commandant de la brigade de recherches", "commandante de la brigade de recherches")
    c["R3"] = role(c, 3, "avocat de la défense", "avocate de la défense")


FR_GENERIC = [
    (
        "civic",
        "Le dossier {agite|divise} <place> depuis {plusieurs mois|plus d'un an|longtemps}, et {l'annonce de <day>|la décision de cette semaine} ne devrait pas {clore le débat|suffire à apaiser les esprits}. {Plusieurs|Des} {associations|collectifs d'habitants|élus} ont déjà fait savoir qu'ils {réclameraient des précisions|demanderaient une réunion publique|attendaient les chiffres complets}.",
    ),
    (
        "any",
        "Interrogé<e1> sur {le calendrier|la suite|les prochaines étapes}, <P1L> a indiqué qu'un nouveau point serait fait {en <fmonth>|d'ici la fin de l'année|dans les prochaines semaines|après l'été}. « On ne va pas se précipiter », a-t-<il1> ajouté.",
    ),
    (
        "civic",
        "Selon les chiffres {publiés|communiqués} par <org>, <#12-48> % {des personnes interrogées|des foyers concernés} {jugent le sujet prioritaire|disent avoir été directement touchées|connaissaient le projet}, contre <#5-30> % {il y a deux ans|lors de la précédente enquête|l'an dernier}.",
    ),
    (
        "civic",
        "Tout le monde n'est pas convaincu. <P4>, {qui habite <place> depuis <#12-40> ans|ancien cadre à la retraite|qui tient un commerce en centre-ville}, estime que {le projet a été mal expliqué|la décision a été prise trop vite|le dossier a été annoncé sans véritable concertation}. «{ Les gens veulent des réponses| On nous a dit une chose, et maintenant on en entend une autre| Personne ne nous a demandé notre avis}, et pour l'instant personne ne nous donne {de chiffres|de date|de réponse claire} », {regrette|déplore}-t-<il4>.",
    ),
    (
        "any",
        "Dans un communiqué, <org> {assure|affirme} suivre {de près|avec attention} <subject> et {promet de tenir la population informée|dit rester à l'écoute|n'a pas souhaité faire d'autre commentaire à ce stade}.",
    ),
    (
        "civic",
        "Le sujet {devrait|doit} revenir {à l'ordre du jour|sur la table} lors {du prochain conseil municipal|d'une réunion publique}, le <fdate>. Les élus {examineront alors un rapport détaillé|devront se prononcer sur la suite|entendront les riverains}.",
    ),
    (
        "civic",
        "Des {dispositifs|projets} {comparables|similaires} {menés ailleurs|dans d'autres villes|dans les communes voisines} ont donné des résultats {mitigés|encourageants|décevants}, {selon|d'après} <P5>, {chercheur à l'université de <place3>|spécialiste de ces questions|qui suit le sujet depuis dix ans}.",
    ),
    (
        "any",
        "« {C'est un pas dans la bonne direction|C'est une bonne nouvelle pour le territoire|On l'attendait depuis longtemps}, mais {il reste beaucoup à faire|le diable se cache dans les détails|nous resterons vigilants} », {estime|prévient|résume} <P5>{, au nom de <group>|}.",
    ),
    (
        "civic",
        "L'annonce a été {accueillie avec prudence|saluée} par <group>, dont {le porte-parole|la présidente|le président}, <P6>, juge qu'elle « {peut vraiment changer les choses|répond en partie à nos inquiétudes|soulève autant de questions qu'elle n'en règle} ».",
    ),
    (
        "any",
        "{Contacté<e1> par|Joint<e1> par} <pub>, <P1L> {reconnaît|admet} que {des erreurs ont été commises par le passé|le calendrier est serré|les coûts ont augmenté}, mais {assure|estime} que {le cap est le bon|les bénéfices l'emporteront sur les désagréments|les leçons ont été tirées}.",
    ),
    (
        "civic",
        "Ce n'est pas la première fois que <place> {se retrouve dans cette situation|est confrontée à cette question}. En <pyear>, un projet {similaire|comparable} avait été {abandonné après|retardé par} {des mois de|plusieurs semaines de} {recours|négociations|contestation}.",
    ),
    (
        "any",
        "Cette {annonce|actualité} intervient dans un contexte {tendu|difficile} pour le territoire, où {le pouvoir d'achat reste sous pression|le chômage est remonté à <%6.1-9.9> %|plusieurs grands employeurs ont supprimé des postes ces derniers mois}.",
    ),
    (
        "any",
        "{Sollicité par <pub>, un porte-parole|Sollicitée par <pub>, une porte-parole} <de_org> n'a pas souhaité {commenter les chiffres|répondre aux critiques|s'exprimer sur le calendrier}, se bornant à indiquer que {des précisions seraient apportées en temps voulu|le dossier était suivi de près|il était trop tôt pour se prononcer}.",
    ),
]
FR_CLOSERS = [
    "Contacté par <pub>, un représentant <de_org> n'avait pas donné suite à l'heure où nous publions.",
    "{Article mis à jour avec de nouvelles informations.|Nous reviendrons sur ce dossier.|Plus d'informations à suivre.}",
    "{Avec <wire>.|Avec la contribution de <P6>.|(avec <wire>)}",
    "{Une information à nous signaler ? Écrivez à la rédaction.|Vous êtes témoin ? Contactez-nous.}",
]

FR_TOPICS = {
    "sports": dict(
        setup=setup_sports_fr,
        civic=False,
        sections=["Sports", "Sport local", "Sports", "<^sport>"],
        tags=["Sports", "<^sport>", "<team1>", "<team2>"],
        titles=[
            "<^sport> : <team1> {s'impose|l'emporte|se rassure} face à <team2>",
            "<team1> - <team2> (<s1>-<s2>) : {les notes des joueurs|ce qu'il faut retenir|le résumé du match}",
            "<P3> {offre la victoire à|fait gagner} <team1> contre <team2>",
            "{Défaite|Revers} {amère|frustrant} pour <team2> {à <team1>|sur le terrain de <team1>}",
        ],
        leads=[
            "<^club1> a {battu|dominé} <club2> (<s1>-<s2>) <day> {soir|après-midi} au <venue>, {grâce à|porté par} <P3>, auteur <du_unit> décisif {à la <#60-89>e minute|en fin de rencontre|juste avant la pause}.",
            "Devant <crowd> spectateurs, <team1> a {renversé|fait plier} <team2> (<s1>-<s2>) ce <day>, un succès qui {permet au club de remonter à la <pos> place <comp>|relance ses ambitions <comp>}.",
            "Ce n'était pas toujours beau, mais <team1> {ne boudera pas son plaisir|a fait le travail}. Sa victoire face à <team2> (<s1>-<s2>) {met fin à une série de <#3-6> matchs sans succès|est la <nth> d'affilée|a été obtenue malgré une première période poussive}.",
        ],
        body=[
            "<^team2> avait pourtant {mieux débuté|pris le meilleur départ} et aurait pu {faire la course en tête|prendre l'avantage} {dès la <#5-20>e minute|en début de rencontre}, mais la défense {locale|de <team1>} a tenu bon.",
            "Le tournant du match est intervenu {peu après la pause|à vingt minutes du terme|en milieu de seconde période}, lorsque <P3>, {arrivé<e3> l'été dernier de <team3>|formé<e3> au club|longtemps critiqué<e3> en début de saison}, a {trouvé la faille|fait la différence} {côté gauche|côté droit|dans l'axe}.",
            "En fin de match, <team2> a tout tenté pour revenir, {sans succès|en vain}. <lecap> <P4> a {buté sur la défense|manqué de peu la cible} {à deux reprises|dans les dernières secondes}.",
            "<^crowd> spectateurs avaient pris place au <venue>, {la meilleure affluence de la saison|un chiffre en léger recul|un chiffre jugé encourageant par le club}. Le prix des abonnements {fait débat|reste un sujet sensible} chez les supporters depuis {l'été|le début de la saison}.",
            "Avec ce succès, <team1> compte désormais <pts> points {d'avance sur la zone de relégation|de retard sur le leader|de retard sur le podium}, à <#8-20> journées de la fin. Prochain rendez-vous : {un déplacement à <team3>|la réception de <team3>} <fday>.",
            "L'infirmerie {reste chargée|ne désemplit pas}. <^club1> devait se passer de son <poste> titulaire, et <P7> est sorti<e7>{ sur blessure| à la pause} en raison {d'une gêne musculaire|d'un coup au genou}.",
            "En dehors du terrain, le club attend toujours {le feu vert de la mairie|une décision de l'agglomération} pour {son futur centre d'entraînement|l'agrandissement du <venue>|la rénovation de sa tribune principale}, un projet estimé à <%2-18> millions d'euros.",
            "<le_poste> <P5> {a été élu<e5> {homme|femme} du match|a été longuement applaudi<e5> à sa sortie|a multiplié les interventions décisives}, et {pourrait|pourrait bien} susciter l'intérêt de clubs de l'échelon supérieur {cet été|lors du prochain mercato}.",
        ],
        quotes=[
            "«{On a montré du caractère|C'est une victoire collective|Il fallait s'accrocher aujourd'hui}. {Les joueurs ont été exemplaires|Le groupe a respecté le plan|On savait que ce serait dur}», a {réagi|confié} <P1>, <R1>{, après la rencontre|}.",
            "«On ne peut pas {encaisser|concéder} des <units> comme ça», {regrettait|pestait} <P2>, côté <team2>. «{C'est frustrant|J'en prends ma part|On va analyser tout ça} et on se remet au travail dès {lundi|demain}.»",
            "«{C'est une belle émotion|Je suis content d'aider l'équipe|Le mérite revient à tout le groupe}», a {glissé|souri} <P3L>. «Mais il faut garder les pieds sur terre.»",
        ],
        closers=["Coup d'envoi du prochain match <fday>.", "Billetterie ouverte en ligne et au guichet du stade."],
    ),
    "weather": dict(
        setup=setup_weather_fr,
        civic=False,
        sections=["Météo", "Actualité", "Faits divers", "Environnement"],
        tags=["Météo", "Intempéries", "Tempête <tempete>", "Inondations"],
        titles=[
            "Tempête <tempete> : {vigilance orange|alerte} {dans|pour} <dept>",
            "<hz_title> : {ce qui attend|les prévisions pour} <dept> {ce week-end|<fday>}",
            "<place> bat son record de chaleur pour un mois de <month>",
            "Crue de <river> : {les habitants sur le qui-vive|des routes coupées}",
            "Après la tempête <tempete>, <place> {panse ses plaies|fait le bilan}",
        ],
        leads=[
            "{Les prévisionnistes ont placé|Le service météorologique a placé} <dept> en vigilance orange <hz_pour>, avec l'arrivée de la tempête <tempete>, qui pourrait <hz_bring> {à partir de <day> soir|ce week-end|<fday>}.",
            "Les habitants de <place> {ont passé la journée de <day>|se sont réveillés <day>} {à nettoyer|à constater les dégâts} après {des pluies torrentielles|une nuit de tempête|des inondations soudaines} qui ont {coupé plusieurs routes|arraché des arbres et des lignes électriques|endommagé des dizaines de maisons}.",
            "Il a fait jusqu'à <#29-36> °C à <place> ce <day>, {un record|du jamais vu} pour un mois de <month> {depuis le début des relevés en <pyear>|depuis plus de <#12-40> ans}, selon le service météorologique régional.",
        ],
        body=[
            "Selon les prévisionnistes, {le pic de l'épisode|le plus fort de la tempête} est attendu {dans la nuit|au petit matin|en fin de journée}, et {les zones littorales|les reliefs|les communes riveraines de <river>} seront {les plus exposées|les plus touchées}.",
            "{Environ|Plus de} <#1200-40000> foyers ont été privés d'électricité au plus fort de l'épisode. Les équipes du gestionnaire de réseau {étaient mobilisées pour rétablir le courant|espéraient un retour à la normale dans la soirée}.",
            "Plusieurs routes {ont été fermées|restaient coupées} {en raison d'inondations|à cause de chutes d'arbres}, dont {un tronçon de <route>|l'axe reliant <place> à <place2>}. {La préfecture appelle à limiter les déplacements|Les automobilistes sont invités à la plus grande prudence}.",
            "{Des sacs de sable ont été distribués|La commune a distribué des sacs de sable} {aux riverains|dans trois points de retrait}, et {un gymnase a été ouvert pour accueillir les sinistrés|des bénévoles ont rendu visite aux personnes âgées isolées}.",
            "{Le trafic ferroviaire a été perturbé|Des trains ont été supprimés} sur plusieurs lignes, et {certains établissements scolaires|quelques écoles} ont fermé {par précaution|plus tôt que prévu}.",
            "{Les climatologues|Les scientifiques} {rappellent|soulignent} que {ces épisodes|les fortes pluies et les vagues de chaleur} {deviennent plus fréquents|gagnent en intensité} avec le réchauffement, même si {un événement isolé ne peut pas lui être directement attribué|la situation varie d'une région à l'autre}.",
            "Pour la suite de la semaine, {le temps devrait se calmer|un temps plus changeant est attendu}, avec {des températures autour de <#8-22> °C|des averses et des éclaircies|un risque de gelées matinales}.",
        ],
        quotes=[
            "«{C'est un épisode significatif|Les prochaines heures seront délicates|La situation peut évoluer rapidement}, il faut {suivre les prévisions|anticiper ses déplacements|rester prudent}», {insiste|prévient} <P1>, <R1>.",
            "«{L'eau est montée tellement vite|On n'avait jamais vu ça|En une heure, on en avait jusqu'aux genoux}», raconte <P2>, <R2>. «{On essaie de sauver ce qu'on peut|L'assureur passe demain|Tout le quartier s'est entraidé}.»",
            "«Nos équipes {sont mobilisées depuis la nuit dernière|travaillent sans relâche}, {et nous demandons à chacun de la patience|mais certains secteurs seront plus longs à rétablir}», a déclaré <P3>, <R3>.",
        ],
        closers=[
            "{Les informations sur l'état des routes sont disponibles sur le site de la préfecture.|Numéro d'urgence : 112.}"
        ],
    ),
    "politics": dict(
        setup=setup_politics_fr,
        civic=True,
        sections=["Politique", "Vie locale", "Actualité", "Municipales"],
        tags=["Politique", "<place>", "Conseil municipal", "<^issue_short>"],
        titles=[
            "<place> : le conseil municipal {adopte|vote} <issue>",
            "{Colère|Fronde} contre <issue> à <place>",
            "<place> : {report|ajournement} du vote sur <issue_art>",
            "<^issue_short> : l'opposition {réclame|exige} {un moratoire|une concertation} à <place>",
        ],
        leads=[
            "Les élus de <place> ont {adopté|voté} <issue> à l'issue d'un conseil municipal {houleux|de plus de quatre heures|tendu}, <day> soir, malgré {l'opposition|les protestations} de la liste <liste2>.",
            "{Le projet|Le dossier} {suscite la colère|fait des vagues} à <place>, où {plus de <#800-6000> personnes ont signé une pétition|des dizaines d'habitants ont assisté à une réunion publique tendue} contre <issue>.",
            "Le vote sur <issue> a été {reporté|repoussé} {au moins jusqu'en <fmonth>|à après l'été|au prochain conseil municipal}, {les services ayant demandé un délai supplémentaire|plusieurs élus ayant contesté le chiffrage}.",
        ],
        body=[
            "La délibération a été adoptée par <#25-40> voix contre <#10-24>, et <#1-5> abstentions. {La majorité <liste> a voté pour|Plusieurs élus de la majorité se sont abstenus}, tandis que {l'opposition|la liste <liste2>} a {voté contre|quitté la salle avant le vote}.",
            "Selon les services municipaux, la mesure {doit rapporter|permettra d'économiser} environ <%1.2-9.8> millions d'euros {par an|sur trois ans}, une somme destinée à {financer la rénovation des écoles|combler le déficit|maintenir le niveau des services publics}.",
            "L'opposition reproche à la majorité de ne pas avoir {suffisamment consulté les habitants|étudié d'autres options|expliqué les coûts}, et <P2>, <R2>, annonce {un recours devant le tribunal administratif|une pétition|qu'elle portera le sujet à chaque séance}.",
            "{Pendant la séance|À plusieurs reprises}, le public {a applaudi|a interpellé} {certains intervenants|l'adjoint aux finances}, et {le maire a dû rappeler l'assemblée à l'ordre|la séance a été brièvement suspendue}.",
            "La commune a dû trouver <#2-18> millions d'euros d'économies depuis <pyear>, et {les services préviennent que d'autres arbitrages difficiles sont à venir|les marges de manœuvre sont désormais très réduites}.",
            "{Une concertation préalable|Une consultation en ligne} a recueilli <#400-5200> contributions, dont <#40-78> % {défavorables au projet|favorables au principe}, selon le bilan présenté en commission.",
            "La liste <liste> dispose d'une majorité confortable depuis <pyear>, mais le sujet {pourrait peser|devrait s'inviter} dans la campagne des municipales de <nyear>.",
        ],
        quotes=[
            "«{Personne ne fait de la politique pour prendre ce genre de décision|Ce n'était pas une décision facile|Nous avons écouté et nous agissons}. {Mais nous devons présenter un budget à l'équilibre|L'alternative aurait été bien pire|C'est le bon choix pour <place> à long terme}», a défendu <P1>, <R1>.",
            "«{C'est un passage en force|Ils ont ignoré les habitants|Cette décision leur reviendra en boomerang}», a dénoncé <P2>, <R2>.",
            "«On n'est pas contre le changement, {on veut juste être entendus|mais ce projet n'est pas le bon}», explique <P3>, {à l'origine de la pétition|riverain<e3> du site}.",
        ],
        closers=["Les documents du conseil municipal sont consultables en mairie et en ligne."],
    ),
    "economy": dict(
        setup=setup_economy_fr,
        civic=False,
        sections=["Économie", "Entreprises", "Emploi", "Bourse"],
        tags=["Économie", "<firm>", "Emploi", "Industrie"],
        titles=[
            "<firm> {va supprimer|menace} <jobs> emplois à <place>",
            "<firm> : <ftitle> de <pct> %",
            "<infl_t>",
            "{Le CAC 40|La Bourse de Paris} {termine en baisse|finit en hausse|termine stable}, <firm> <fbourse>",
            "<place> : {inquiétude|mobilisation} des salariés de <firm>",
        ],
        leads=[
            "<firm>, {acteur|spécialiste} de <secteur>, a {annoncé|présenté} <day> {un plan de restructuration|un projet de réorganisation} qui {menace|pourrait supprimer} {jusqu'à|près de} <jobs> postes sur son site de <place>.",
            "<firm> a publié <day> des résultats {semestriels|annuels|trimestriels} en <fdir> de <pct> %, avec un résultat {opérationnel|net} de <#12-480> millions d'euros, <fwhy>.",
            "{L'inflation|La hausse des prix à la consommation} s'est établie à <infl> % sur un an en <lastmonth>, contre <infl_prev> % le mois précédent, selon {les chiffres de l'institut national de la statistique|l'estimation provisoire publiée <day>}.",
        ],
        body=[
            "La direction assure que {le projet fera l'objet d'une consultation des instances représentatives|les suppressions se feront en priorité par des départs volontaires|des reclassements seront proposés}. Le site de <place> emploie {environ|près de} <#300-2400> salariés.",
            "Le chiffre d'affaires {a reculé|a progressé} de <%1-18> % à <#100-2400> millions d'euros {sur la période|sur le semestre}, {un peu au-dessus|en deçà} des attentes des analystes.",
            "À la Bourse de Paris, le titre <firm> <fsverb> <%1-14> % {en début de séance|dans la matinée|à la clôture}, {dans un marché globalement stable|alors que le CAC 40 terminait en léger repli}.",
            "Le groupe a {abaissé|relevé|confirmé} ses {objectifs annuels|prévisions}, {invoquant|évoquant} {les incertitudes sur ses principaux marchés|un carnet de commandes solide|la prudence des consommateurs}.",
            "Les économistes {tablaient sur|attendaient} <%1.5-6.5> %. {L'inflation sous-jacente, qui exclut les éléments les plus volatils,|La hausse des prix des services, très surveillée par la banque centrale,} s'établit à <%1.5-6.5> %.",
            "Les organisations patronales {s'inquiètent de la hausse des charges|alertent sur le coût de l'énergie|pointent la faiblesse de la demande}, qui continue de peser sur {les petites entreprises|l'industrie|le commerce de proximité}, et réclament {des aides ciblées|une baisse des impôts de production|des procédures simplifiées}.",
            "La nouvelle {est un coup dur|inquiète} à <place>, où <firm> {fait partie des premiers employeurs privés|est implanté depuis <pyear>}. Les élus locaux ont {demandé à être reçus par la direction|réclamé des garanties}.",
        ],
        quotes=[
            "«{Ce sont des décisions difficiles mais nécessaires|Nous devons nous adapter à un marché en pleine mutation|Notre priorité est d'assurer l'avenir de l'entreprise}», a déclaré <P1>, <R1> <de_firm>. «{Nous accompagnerons chaque salarié concerné|Nous restons attachés au site de <place>|Les fondamentaux restent solides}.»",
            "«{Les chiffres sont moins mauvais que prévu|C'est une publication en demi-teinte|Le marché s'attendait à pire}», analyse <P2>, <R2>. «{Toute la question est de savoir si la reprise va durer|Le second semestre sera décisif}.»",
            "«{C'est un choc pour les salariés|Les équipes l'ont appris par courriel, c'est inacceptable|Nous nous battrons pour chaque emploi}», a réagi <P3>, <R3>.",
        ],
        closers=["Le groupe publiera ses prochains résultats en <fmonth>."],
    ),
}

FR_TOPICS.update(
    {
        "science": dict(
            setup=setup_science_fr,
            civic=False,
            sections=["Sciences", "Sciences et environnement", "Actualité"],
            tags=["Sciences", "Recherche", "<^univ>"],
            titles=[
                "Des chercheurs {de <place>|de l'université de <place>} {mettent au jour|identifient} <decouverte>",
                "<^decouverte> : ce que {révèle|montre} {l'étude|la nouvelle étude}",
                "{Recherche|Sciences} : <decouverte> {près de <place>|au terme de <#3-12> ans de travaux}",
            ],
            leads=[
                "Une équipe de {chercheurs|scientifiques} de <univ> {affirme avoir identifié|a mis en évidence} <decouverte>, dans {des travaux publiés|une étude parue} <day>, au terme de {plusieurs années de travail|l'analyse de <detail>}.",
                "<^decouverte> : c'est ce qu'ont {identifié|documenté} des chercheurs de <univ>, qui y voient {l'un des résultats les plus marquants de <domaine> depuis dix ans|un résultat inattendu|une pièce importante du puzzle}.",
            ],
            body=[
                "Les travaux reposent sur <detail>, et ont été {financés par|soutenus par} <group> {ainsi que par plusieurs fondations|pendant <#3-7> ans}.",
                "{Selon l'article|D'après les auteurs}, les résultats ont été {vérifiés|confirmés} par {un laboratoire indépendant|une seconde équipe|des mesures répétées}, ce qui {réduit le risque d'un artefact|renforce la solidité des conclusions}.",
                "<^objet> avait été {repéré|signalé} {dès <pyear>|lors de travaux de routine|presque par hasard}, lorsqu'{un doctorant|une technicienne|un bénévole} a remarqué {une anomalie dans les données|quelque chose d'inhabituel}.",
                "{Une nouvelle phase est prévue|L'équipe prépare une étude plus large}, avec {un financement de <%0.4-3.5> million d'euros déjà obtenu|un second volet en discussion}, afin de {vérifier si le phénomène se retrouve ailleurs|étendre l'analyse à d'autres sites}.",
                "D'autres chercheurs {ont salué|accueillent avec prudence} ces résultats, {rappelant|soulignant} que {l'échantillon reste limité|d'autres données seront nécessaires|la méthode est solide}.",
                "Les données seront {rendues publiques|publiées intégralement} {d'ici la fin de l'année|à l'issue de la relecture par les pairs}, afin que d'autres équipes puissent {vérifier le travail|s'en saisir}.",
            ],
            quotes=[
                "«{Nous avons été vraiment surpris|Ce n'est pas du tout ce que nous pensions trouver|Il nous a fallu du temps pour croire les chiffres}», explique <P1>, <R1>. «{Cela change notre façon de voir la question|Cela ouvre beaucoup de nouvelles pistes|Il faut maintenant comprendre pourquoi}.»",
                "«{C'est un travail rigoureux|La méthode paraît solide|Le résultat est intrigant}, mais {il faudra le reproduire|l'échantillon est restreint|il ne faut pas en exagérer la portée}», tempère <P2>, <R2>.",
            ],
            closers=[
                "{L'étude a été publiée dans une revue à comité de lecture.|L'article a été soumis à une revue scientifique.}"
            ],
        ),
        "health": dict(
            setup=setup_health_fr,
            civic=True,
            sections=["Santé", "Actualité", "Société"],
            tags=["Santé", "<^issue_short>", "Hôpital", "<place>"],
            titles=[
                "{Inquiétudes autour de|Alerte sur|Les chiffres qui inquiètent :} <issue>",
                "<place> : le <hopital> {sous tension|déclenche le plan blanc}",
                "{Les autorités sanitaires|Les médecins} {appellent|incitent} les habitants à {se faire vacciner|bien utiliser les urgences|consulter rapidement}",
                "<^issue_short> : ce qu'il faut savoir {cet hiver|à <place>}",
            ],
            leads=[
                "Les autorités sanitaires {s'inquiètent de|alertent sur} <issue> <region_in>, {après la publication de chiffres montrant|alors que de nouvelles données révèlent} {une forte hausse de l'activité|les pires indicateurs depuis <#3-10> ans}.",
                "Le <hopital> a {reconnu|confirmé} <day> être {sous forte tension|confronté à un afflux exceptionnel}, <issue> étant au cœur {du dernier conseil de surveillance|d'une réunion de crise}.",
            ],
            body=[
                "Selon les données de l'agence régionale de santé, <#40-78> % des patients {ont été pris en charge en moins de quatre heures|ont obtenu un rendez-vous sous quinze jours|étaient vaccinés} {en <lastmonth>|le mois dernier}, pour un objectif de <#75-95> %.",
                "Le manque de personnel reste {le principal problème|un défi majeur} : {environ|plus de} <#60-420> postes {d'infirmiers|de soignants} sont {vacants|non pourvus} dans le département, selon le dernier bilan social.",
                "Les habitants sont invités à {appeler le 15 avant de se déplacer|se faire vacciner dès maintenant|prévenir en cas d'empêchement pour un rendez-vous}, afin de {soulager|désengorger} {les urgences|les cabinets médicaux}.",
                "L'établissement {a ouvert|va ouvrir} {<#12-60> lits supplémentaires|une unité de soins non programmés|des consultations en soirée} {pour l'hiver|en <fmonth>}, pour un coût de <%0.5-6.5> millions d'euros.",
                "{Les associations d'usagers|Les élus ruraux} {estiment|soulignent} que {les communes rurales|les personnes âgées|les familles de <place2>} sont {les plus pénalisées|les premières touchées}, {faute de transports vers l'hôpital|depuis la fermeture de plusieurs cabinets}.",
                "Le vaccin est {gratuit|pris en charge} pour {les plus de 65 ans|les femmes enceintes|les personnes atteintes de maladies chroniques}, et {une permanence sans rendez-vous aura lieu <fday> à la salle polyvalente|les rendez-vous peuvent être pris en ligne ou en pharmacie}.",
                "Les médecins {rappellent|insistent sur le fait} que {la plupart des cas sont bénins|le risque pour la population reste faible|une prise en charge précoce change tout}, tout en invitant {les personnes présentant des symptômes à consulter|les parents à vérifier le carnet de santé de leurs enfants}.",
            ],
            quotes=[
                "«{Nos équipes font un travail remarquable|Nous savons que les délais sont trop longs|Nous faisons tout notre possible}, {et je tiens à les remercier|et je présente nos excuses aux patients concernés|mais nous avons besoin de l'aide de tous}», a déclaré <P1>, <R1>.",
                "«{Je n'ai jamais vu une situation pareille|Les patients ont peur|Chaque hiver, on se dit que ça ne peut pas être pire, et chaque hiver c'est pire}», témoigne <P2>, <R2>.",
            ],
            closers=["{En cas d'urgence, composez le 15.|Plus d'informations auprès de l'agence régionale de santé.}"],
        ),
        "culture": dict(
            setup=setup_culture_fr,
            civic=False,
            sections=["Culture", "Sorties", "Loisirs", "Livres", "Spectacles"],
            tags=["Culture", "Sorties", "<^kindname>", "<place>"],
            titles=[
                "<^ev> {revient|s'ouvre|démarre} {avec une programmation record|à <place>|ce week-end}",
                "{Critique|On a vu} : <ev> <lieu>",
                "<^ev> {bat des records de fréquentation|affiche complet|joue les prolongations}",
                "<P3> {remporte|décroche} <ev> pour {« <oeuvre> »|<oeuvre>}",
            ],
            leads=[
                "<^ev> {s'ouvre|démarre|revient} <lieu> {ce week-end|<fday>}, avec {une programmation plus ambitieuse que jamais|plus de <#30-140> rendez-vous sur <#3-10> jours}.",
                "{Plus de|Près de} <#4000-60000> {visiteurs|spectateurs} ont {assisté à|découvert} <ev> <lieu>, {un record depuis sa création en <pyear>|une fréquentation inédite}, se félicitent les organisateurs.",
                "<P3> a {remporté|reçu} <ev> pour <oeuvre>, {un roman|un recueil de nouvelles|un récit} {qui se déroule dans un port de pêche|sur trois générations d'une famille de <place>|sur le dernier hiver d'une école de village}.",
            ],
            body=[
                "Au programme : {des ateliers pour les enfants|des spectacles gratuits en plein air|un cycle de rencontres}, {en plus des têtes d'affiche|aux côtés de l'exposition principale|et une programmation nocturne}. {Les billets sont proposés à partir de <#5-25> euros|L'entrée est gratuite pour la plupart des rendez-vous}.",
                "L'événement {génère environ <%0.5-6.5> millions d'euros de retombées économiques|fait travailler plus de <#40-300> personnes chaque année|repose en grande partie sur les bénévoles}, mais {la hausse des coûts a contraint les organisateurs à|les organisateurs ont dû} {augmenter certains tarifs|supprimer une journée|chercher de nouveaux mécènes}.",
                "La critique {a salué|a loué} {la mise en scène|l'accrochage|l'écriture}, {jugée|décrite comme} {audacieuse et surprenante|d'une grande justesse|généreuse et drôle}, même si {certains ont trouvé la seconde partie un peu longue|un critique l'a jugée trop longue}.",
                "<oeuvre> avait été {refusé par <#5-20> éditeurs|écrit sur <#4-11> ans|d'abord publié par une petite maison indépendante} avant de trouver son public, et {les ventes ont fortement progressé|une réimpression a été lancée} depuis l'annonce {de la sélection|du prix}.",
                "{L'exposition|Le spectacle|Le festival} se poursuit jusqu'au <fdate>, avec {une séance adaptée chaque <fday> matin|des visites guidées en soirée|un parcours pour les familles}.",
                "Le lieu, {rouvert|rénové} en <pyear> après {des travaux de <%1-12> millions d'euros|une longue restauration}, est devenu {l'un des plus fréquentés de la région|un passage obligé pour les compagnies en tournée}.",
            ],
            quotes=[
                "«{Nous voulions un événement pour tous|C'est un énorme travail d'équipe|Nous sommes ravis de l'accueil du public}», confie <P1>, <R1>. «{Il y en a pour tous les âges|Le public a été formidable|Nous préparons déjà l'an prochain}.»",
                "«{Ça donne un coup de fouet à toute la ville|On sent une vraie effervescence dans les rues|Ça met <place> sur la carte}», sourit <P2>, <R2>.",
            ],
            closers=[
                "{Billetterie en ligne et à l'office de tourisme.|Programme complet sur le site des organisateurs.}"
            ],
        ),
        "transport": dict(
            setup=setup_transport_fr,
            civic=True,
            sections=["Transports", "Mobilités", "Actualité", "Vie locale"],
            tags=["Transports", "Mobilités", "<place>", "Travaux"],
            titles=[
                "<^projet> : {le chantier prend du retard|la facture grimpe à <cost_new> millions d'euros}",
                "<place> : {ce qui change sur le réseau|les nouveaux horaires} à partir du <fdate>",
                "{Travaux|Fermeture} {sur|de} <route> : {des mois de perturbations|les itinéraires de déviation}",
                "<^projet> : {feu vert définitif|nouveau retard|c'est officiel}",
            ],
            leads=[
                "Les usagers de <place> devront encore patienter : <op> a {confirmé|annoncé} que <projet> ne <sera> pas {achevé<pagr>|terminé<pagr>} avant {<fmonth> <nyear>|au moins <nyear>}.",
                "<op> a présenté <day> {une refonte|une réorganisation} de {son réseau de <quoi>|l'offre de transport} à <place>, avec {la suppression de <#3-12> lignes|des passages plus fréquents sur les axes les plus chargés|de nouveaux services le soir et le dimanche}, {à partir du <fdate>|dès <fmonth>}.",
            ],
            body=[
                "Le coût du projet {est passé|a grimpé} de <cost_old> millions d'euros {lors de son lancement en <pyear>|au départ} à {environ|près de} <cost_new> millions, {en raison de|du fait de} {la flambée des matériaux|difficultés géotechniques imprévues|modifications du tracé}.",
                "Les travaux sur <route> {nécessiteront|imposeront} {des fermetures de nuit|une coupure totale de <#6-20> semaines|une circulation alternée} {entre <place> et <place2>|aux abords de la gare}, avec {des déviations fléchées|des bus de substitution}.",
                "La fréquentation du réseau {a retrouvé|atteint} <#72-105> % de son niveau {d'avant la crise sanitaire|de <pyear>}, selon <op>, {les déplacements de loisirs le week-end progressant le plus vite|les trajets domicile-travail restant en retrait}.",
                "Les tarifs {augmenteront de <%1.5-5.9> %|sont gelés|seront plafonnés} {au <fdate>|pour un an}, et {un abonnement à prix réduit pour les moins de 26 ans|un plafonnement journalier du paiement sans contact} {sera mis en place|est expérimenté}.",
                "{Les associations de personnes handicapées|Les associations de cyclistes|Les commerçants} {s'inquiètent|se félicitent} {du projet|des changements}, {estimant que plusieurs arrêts restent inaccessibles|craignant une baisse de fréquentation pendant les travaux|jugeant ces aménagements attendus depuis longtemps}.",
                "Selon <op>, {le projet|l'investissement} doit permettre de {gagner jusqu'à <#5-25> minutes de trajet|retirer <#2000-12000> voitures de la circulation chaque jour|relier directement <place2> au centre-ville}.",
            ],
            quotes=[
                "«{Nous comprenons l'agacement des usagers|Nous nous excusons pour la gêne occasionnée|C'est un investissement pour une génération}, mais {le résultat transformera les déplacements|nous faisons tout pour limiter les perturbations}», assure <P1>, <R1>.",
                "«{J'ai été en retard trois fois cette semaine|Pour des gens comme moi, il n'y a pas d'alternative|On nous prévient toujours au dernier moment}», soupire <P2>, <R2>.",
            ],
            closers=[
                "{Les horaires sont disponibles sur le site de <op>.|Le détail des déviations est consultable en ligne.}"
            ],
        ),
        "agriculture": dict(
            setup=setup_agri_fr,
            civic=False,
            sections=["Agriculture", "Économie", "Terroir", "Vie rurale"],
            tags=["Agriculture", "Agriculteurs", "<^issue>", "Ruralité"],
            titles=[
                "{Moisson|Récolte|Vendanges} : les agriculteurs {craignent|redoutent} une {année noire|mauvaise saison} <region_in>",
                "{Colère agricole|Mobilisation paysanne} : {des tracteurs|des centaines d'agriculteurs} à <place>",
                "<^coop> {revoit|baisse|augmente} ses prix payés aux producteurs",
                "{Sécheresse|Pluies incessantes} : {la récolte|les semis} {compromis|en retard} <region_in>",
            ],
            leads=[
                "<^issue> s'annonce {difficile|médiocre} <region_in>, où les rendements pourraient {chuter de <#10-40> %|être les plus faibles depuis dix ans} après {un printemps pluvieux et un début d'été frais|des semaines sans pluie significative|des orages qui ont couché les cultures}.",
                "{Des dizaines|Près de <#40-300>} agriculteurs ont {convergé en tracteur vers|manifesté devant la préfecture de} <place> <day> pour dénoncer {la baisse des prix payés aux producteurs|la hausse des charges|la concurrence des importations}, provoquant {d'importants ralentissements|des perturbations pendant plusieurs heures}.",
            ],
            body=[
                "Les premiers chiffres {remontés par|de} <coop> font état de <%5-9> tonnes par hectare en moyenne, contre <%6-10> une année normale, et {la qualité s'en ressent|le taux d'humidité est élevé}.",
                "Le prix {des engrais|de l'alimentation animale|du gazole non routier} reste {environ|près de} <#20-70> % plus élevé qu'{avant <pyear>|il y a trois ans}, ce qui {rogne|ampute} les marges des exploitations familiales.",
                "{Les industriels|Les acheteurs} ont {baissé|revu à la baisse} le prix payé {pour mille litres de lait|pour une tonne de blé} à environ <#280-410> euros, {un niveau que beaucoup jugent inférieur au coût de production|ce qui ne couvre pas les coûts selon les producteurs}.",
                "<^group> {réclame|demande} {une meilleure répartition de la valeur|des aides d'urgence pour les plus touchés|une renégociation des contrats}, tandis que {le ministère|la préfecture} {assure suivre la situation de près|dit être en contact régulier avec la profession}.",
                "{Certains exploitants|Les jeunes agriculteurs} {se diversifient|misent} {dans l'accueil à la ferme et la vente directe|sur les énergies renouvelables|sur des cultures de niche}, mais {l'investissement de départ peut être dissuasif|les règles d'urbanisme freinent parfois les projets}.",
                "Les services vétérinaires {appellent aussi à la vigilance|demandent aux éleveurs de signaler tout symptôme suspect} {après la confirmation de cas de fièvre catarrhale dans <#2-9> élevages d'un département voisin|avant la rentrée des animaux en bâtiment}.",
            ],
            quotes=[
                "«{C'est la pire année que j'aie connue|On travaille plus pour gagner moins|On ne peut pas continuer à produire à perte}», lâche <P1>, <R1>. «{Il faut que quelque chose change|Les gens ne mesurent pas à quel point certains sont au bord de l'abandon}.»",
                "«{Le marché reste tendu|Les prix devraient se redresser au printemps|Les six prochains mois seront décisifs}», estime <P2>, <R2>.",
            ],
            closers=[
                "{Une cellule d'écoute est à la disposition des agriculteurs en difficulté.|Le syndicat réunira ses adhérents le <fdate>.}"
            ],
        ),
        "education": dict(
            setup=setup_education_fr,
            civic=True,
            sections=["Éducation", "Société", "Actualité", "Vie locale"],
            tags=["Éducation", "École", "<place>", "Rentrée"],
            titles=[
                "<^ecole> {affiche des résultats record|progresse nettement} au bac",
                "<place> : {parents et enseignants|les parents} mobilisés contre {la fermeture d'une classe|la carte scolaire}",
                "{Pénurie d'enseignants|Postes non pourvus} : {des élèves sans professeur|la rentrée perturbée} à <place>",
                "<^ecole> : {le projet validé|le chantier lancé|les inquiétudes des riverains}",
            ],
            leads=[
                "Les élèves de <ecole> {ont de quoi se réjouir|peuvent être fiers} : <#88-99> % d'entre eux ont obtenu leur diplôme cette année, dont <#30-70> % avec mention, {un record pour l'établissement|une nette progression}.",
                "{Parents d'élèves et enseignants|Une cinquantaine de parents} se sont {rassemblés|mobilisés} <day> devant <ecole> pour protester contre {la fermeture d'une classe à la rentrée|la suppression de postes annoncée par <org>}.",
                "À <place>, {plusieurs classes|des dizaines d'élèves} {n'ont toujours pas de professeur|sont privés de cours dans certaines matières} {depuis la rentrée|depuis plusieurs semaines}, {faute de candidats|en raison de la pénurie d'enseignants}.",
            ],
            body=[
                "Selon <org>, <#12-60> postes {restaient vacants|n'étaient pas pourvus} dans le département {à la rentrée|fin <lastmonth>}, {en particulier en mathématiques, physique et allemand|surtout dans les collèges ruraux}.",
                "Les effectifs {devraient baisser|devraient augmenter} de <#4-18> % {d'ici cinq ans|d'ici <nyear>}, ce qui {pourrait entraîner des fusions de classes|rend nécessaire la construction de nouvelles salles|oblige à revoir la sectorisation}.",
                "Le département {prévoit|a voté} une enveloppe de <%4-38> millions d'euros pour {le nouveau collège|l'extension de l'établissement}, qui {accueillera|pourra accueillir} <#150-1200> élèves, {avec un début des travaux prévu en <fmonth>|le permis de construire devant être déposé en <fmonth>}.",
                "Les {accompagnants d'élèves en situation de handicap|personnels non enseignants} {dénoncent|pointent} {une charge de travail en hausse|des moyens insuffisants|des classes de plus en plus chargées}, et {les syndicats|une intersyndicale} {appellent à la grève le <fdate>|consultent leurs adhérents}.",
                "L'établissement {a déjà mis en place|a engagé} {un plan d'action|des heures de soutien supplémentaires|un dispositif de tutorat}, et {un point d'étape est prévu avant les vacances|le conseil d'administration se réunira en <fmonth>}.",
            ],
            quotes=[
                "«{Je suis très fier<e1> de nos élèves|C'est le fruit d'un travail collectif|Les équipes se sont énormément investies}», souligne <P1>, <R1>. «{Ils ont surmonté beaucoup de choses|Nous savons qu'il reste du travail|Nous prenons ces remarques au sérieux}.»",
                "«{Les parents veulent simplement que leurs enfants apprennent dans de bonnes conditions|On a le sentiment de ne pas être écoutés|Ces derniers mois ont été très inquiétants}», explique <P2>, <R2>.",
            ],
            closers=[
                "{Les inscriptions pour la rentrée prochaine ouvriront en <fmonth>.|Le rectorat n'a pas souhaité faire de commentaire supplémentaire.}"
            ],
        ),
        "tech": dict(
            setup=setup_tech_fr,
            civic=False,
            sections=["Tech", "Numérique", "Économie", "Start-up"],
            tags=["Numérique", "Applications", "<app>", "Start-up", "Régulation", "Europe"],
            titles=[
                "<app> lève <levee> millions d'euros pour {se développer en Europe|accélérer à l'international}",
                "{Amende|Enquête} : <app> dans le viseur de {l'autorité de régulation|Bruxelles} pour {des frais cachés|ses pratiques commerciales|sa gestion des données}",
                "<app> victime d'une fuite de données touchant <users> utilisateurs",
                "{Réseaux sociaux|Applications de paiement|Places de marché} : {Bruxelles|le gouvernement} {durcit le ton|prépare de nouvelles règles}",
                "<app> {lance|déploie} {la vérification de l'âge|un abonnement payant|le paiement instantané} {en France|dans <#3-12> pays}",
            ],
            leads=[
                "La start-up <app>, {basée à <place>|fondée à <place> en <pyear>}, {qui édite une application de gestion de budget|spécialisée dans la revente d'objets d'occasion|qui propose une messagerie pour les associations}, a levé <levee> millions d'euros auprès {du fonds Brumaire Capital|d'investisseurs européens|de Horizon Ventures}, {afin de|pour} {se développer en Europe|doubler ses équipes techniques|se lancer dans <#3-9> nouveaux pays}.",
                "<^autorite> a {ouvert une enquête visant|infligé une amende de <#1-18> millions d'euros à} <app>, {soupçonnée|accusée} de {ne pas afficher clairement ses frais|mal protéger les données de ses utilisateurs|rendre la résiliation trop difficile}, {une première|l'une des premières procédures} en application de <loi>.",
                "<app> a confirmé {une fuite de données|une cyberattaque} {touchant|susceptible de concerner} {jusqu'à|environ} <users> {utilisateurs|clients}, après {l'intrusion de pirates dans|un accès frauduleux à} {une base de données d'un prestataire|un système interne} {la semaine dernière|en <lastmonth>}.",
            ],
            body=[
                "{Fondée|Lancée} en <pyear>, <app> revendique <users> {utilisateurs actifs|utilisateurs mensuels}, {essentiellement en France et en Belgique|majoritairement âgés de moins de 35 ans}, et {n'est pas encore rentable|espère atteindre l'équilibre l'an prochain}.",
                "En vertu de <loi>, les plateformes {doivent|sont tenues de} {afficher le prix total dès le départ|vérifier l'âge de leurs utilisateurs|publier un rapport annuel de transparence|traiter les réclamations sous <#14-30> jours}, sous peine d'amendes pouvant atteindre <#2-6> % de leur chiffre d'affaires mondial.",
                "L'enquête {devra déterminer|vise à établir} si <app> a {correctement informé ses utilisateurs|recueilli un consentement valable|compliqué la résiliation des abonnements}. {Une décision est attendue|Des conclusions sont attendues} {d'ici <fmonth>|l'an prochain}.",
                "{Les noms, adresses électroniques et numéros de téléphone|Des numéros partiels de cartes bancaires|Des adresses de livraison} {ont pu être dérobés|sont concernés}, mais <app> assure {qu'aucun mot de passe n'a été compromis|que les données bancaires complètes ne sont pas touchées}, et invite ses utilisateurs à {changer leur mot de passe|se méfier des courriels d'hameçonnage}.",
                "{Des concurrents comme <app2>|D'autres plateformes} {font aussi l'objet d'une attention accrue|suivent le dossier de près}, alors que {les régulateurs européens|Bruxelles et les autorités nationales} {renforcent leur contrôle des|durcissent les règles applicables aux} {places de marché en ligne|applications de paiement|réseaux sociaux}.",
                "Sur les réseaux sociaux, {les témoignages d'utilisateurs mécontents|les messages d'utilisateurs} {dénonçant|décrivant} {des prélèvements inattendus|des comptes bloqués|des remboursements interminables} se sont multipliés {ces derniers mois|depuis <lastmonth>}.",
                "Le secteur {s'est refroidi|se consolide} {depuis <pyear>|après des années de croissance rapide}, avec des levées de fonds {moins nombreuses|plus rares mais plus importantes}, les start-up {privilégiant la rentabilité|cherchant des repreneurs}.",
            ],
            quotes=[
                "«{Nous prenons nos obligations très au sérieux|Nous coopérons pleinement avec l'autorité|Nous sommes désolés pour l'inquiétude suscitée}», a déclaré <P1>, <R1> <de_app>. «{Nous avons déjà apporté des changements|Nous présenterons nos observations en temps voulu|La protection de nos utilisateurs est notre priorité}.»",
                "«{Ce dossier sera suivi de très près par tout le secteur|Les règles sont claires et les entreprises ont eu le temps de s'y préparer|Les consommateurs ont le droit de savoir ce qu'ils paient}», estime <P2>, <R2>.",
            ],
            closers=[
                "<^autorite> n'a pas souhaité commenter une procédure en cours.",
                "<app> n'est pas cotée en Bourse.",
            ],
        ),
        "justice": dict(
            setup=setup_justice_fr,
            civic=False,
            sections=["Faits divers", "Justice", "Actualité", "Police-Justice"],
            tags=["Justice", "Faits divers", "<place>", "Enquête", "<^affaire_court>"],
            titles=[
                "<place> : <nsusp> personnes {interpellées|mises en examen} dans une affaire de <affaire_court>",
                "{Procès|Au tribunal} : {comment|la façon dont} {le réseau|le prévenu} {a organisé|orchestrait} {l'escroquerie|le trafic}",
                "{Perquisitions|Coup de filet} à <place> : {le parquet ouvre une enquête|les gendarmes démantèlent un réseau}",
                "{Amende|Condamnation} de <fine> 000 euros pour {une entreprise|une société de travaux} de <place>",
            ],
            leads=[
                "<^nsusp> personnes ont été placées en garde à vue <day> dans le cadre d'une enquête sur <affaire>, a {indiqué|annoncé} <parquet>, {après des perquisitions à <place> et <place2>|au terme de <#6-18> mois d'investigations}.",
                "<^parquet> a ouvert une enquête préliminaire {visant|concernant} <affaire>, {après un signalement|à la suite de plaintes} {d'une banque|de plusieurs victimes|d'un lanceur d'alerte}, a-t-on appris <day>.",
                "{<P4>, <#28-61> ans,|Un homme de <#28-61> ans} a été condamné à <#2-9> ans d'emprisonnement {par le <tribunal>|<day> par le <tribunal>} pour son rôle dans <affaire>.",
            ],
            body=[
                "Les {enquêteurs|gendarmes} ont mené des perquisitions {à <#3-9> adresses|dans des domiciles et des locaux professionnels} {à l'aube|<day> matin}, saisissant {de l'argent liquide, des téléphones et du matériel informatique|des documents et <#2-6> véhicules|environ <#20-300> 000 euros en espèces}.",
                "Selon l'accusation, {le groupe|les prévenus} {utilisait|s'appuyait sur} {de fausses factures et des sociétés écrans|des SMS se faisant passer pour la banque|un réseau de coursiers} pour {blanchir|récupérer} {l'argent|le produit des délits}, {un préjudice estimé à|pour un montant d'au moins} <#90-900> 000 euros.",
                "L'enquête a été confiée à {la section de recherches de la gendarmerie|la brigade financière|l'antenne régionale de lutte contre la cybercriminalité}, {avec l'appui des services fiscaux|en lien avec le service fraude de la banque|avec le concours des douanes}.",
                "Les mis en cause {seront jugés|doivent comparaître} devant le <tribunal> le <fdate>. {Deux autres personnes|Un autre suspect} {ont été remises en liberté|reste sous contrôle judiciaire} {à l'issue de leur garde à vue|dans l'attente du procès}.",
                "<P3>, <R3>, a {plaidé|fait valoir} que son client {traversait de graves difficultés financières|n'avait joué qu'un rôle secondaire|n'avait jamais été condamné} et {exprimait des regrets sincères|avait pleinement coopéré}.",
                "{En prononçant la peine|Dans son jugement}, le tribunal a {souligné|relevé} le caractère {organisé et durable|cynique et prémédité} des faits, qui ont {visé|touché} {des personnes vulnérables|des petites entreprises|des clients âgés}.",
                "L'entreprise {devra également verser|a aussi été condamnée à payer} <#10-90> 000 euros {de dommages et intérêts|au titre des frais de justice}, {après avoir reconnu|ayant reconnu} {les infractions au code de l'environnement|les faits} {lors d'une précédente audience|en <lastmonth>}.",
                "Toute personne {s'estimant victime|disposant d'informations} est invitée à {contacter la gendarmerie|se rapprocher du commissariat} ou à {déposer plainte en ligne|signaler les faits sur la plateforme dédiée}.",
            ],
            quotes=[
                "«{C'était une enquête longue et complexe|Ces interpellations envoient un message clair|Nous ne laisserons pas ce type de délinquance prospérer}», a déclaré <P1>, <R1>. «{Les investigations se poursuivent|D'autres suites ne sont pas exclues}.»",
                "«{Les victimes ont été ciblées méthodiquement|C'est un travail de fourmi qui a payé}», {souligne|résume} <P2>, <R2>.",
            ],
            closers=["{L'enquête se poursuit.|La procédure suit son cours.}"],
        ),
    }
)

TOPICS = {"en": EN_TOPICS, "fr": FR_TOPICS}
GENERIC = {"en": EN_GENERIC, "fr": FR_GENERIC}
CLOSERS = {"en": EN_CLOSERS, "fr": FR_CLOSERS}
TOPIC_WEIGHTS = {
    "sports": 12,
    "weather": 8,
    "politics": 10,
    "economy": 10,
    "science": 7,
    "health": 8,
    "culture": 9,
    "transport": 8,
    "agriculture": 7,
    "education": 7,
    "tech": 8,
    "justice": 8,
}


# --------------------------------------------------------------------------
# Story kinds: which templates fit which kind of story (index-aligned with the
# lists above; "" = any kind).  Extra kind-specific templates follow.
# --------------------------------------------------------------------------
def _more(lang, topic, field, items):
    TOPICS[lang][topic][field].extend(items)


_more(
    "en",
    "weather",
    "body",
    [
        "[heat]Health officials {issued|renewed} {heat-health advice|an amber heat-health alert}, urging people to {check on elderly neighbours|stay out of the sun between 11am and 3pm|keep windows shaded during the day}.",
        "[heat]{The water company|Brightwater Utilities} asked customers to {use water wisely|avoid using hosepipes} after demand {rose by|jumped by} <#15-40>% {over the weekend|in three days}, {although|but} it said there were {no plans for restrictions|no immediate plans for a hosepipe ban}.",
        "[heat]{Beaches and parks|Parks and lidos} {were packed|were busy} {throughout the afternoon|from early morning}, and {the coastguard|lifeguards} {dealt with|responded to} <#3-14> incidents {involving swimmers|along the coast}.",
        "[heat]{Temperatures are expected to|The heat is forecast to} {ease slightly|peak} on <fday>, before {thunderstorms|fresher air} {move in|arrives} from the {west|south-west}.",
    ],
)
_more(
    "en",
    "weather",
    "quotes",
    [
        "[heat]«{Keep cool, keep hydrated and look out for each other|Most people will enjoy the sunshine, but heat can be dangerous}, {especially for the very young and the elderly|particularly for people with heart or lung conditions},» said <P1>, <R1> at <met>.",
    ],
)
_more(
    "fr",
    "weather",
    "body",
    [
        "[heat]L'agence régionale de santé {a relayé|rappelle} les consignes de prudence : {boire régulièrement|éviter les efforts aux heures les plus chaudes}, {prendre des nouvelles des personnes âgées|fermer les volets en journée}.",
        "[heat]{Le syndicat des eaux|Le gestionnaire du réseau d'eau} appelle à {limiter sa consommation|éviter l'arrosage en journée}, la demande ayant bondi de <#15-40> % {en trois jours|depuis le week-end}, même si {aucune restriction n'est envisagée pour l'instant|aucun arrêté sécheresse n'a encore été pris}.",
        "[heat]{Les plages et les parcs|Les bords de <river>} ont été pris d'assaut {tout l'après-midi|dès le matin}, et {les secours|les sauveteurs} sont intervenus à <#3-14> reprises.",
        "[heat]La chaleur devrait {atteindre son pic|retomber légèrement} <fday>, avant l'arrivée {d'orages|d'un air plus frais} par l'ouest.",
    ],
)
_more(
    "fr",
    "weather",
    "quotes",
    [
        "[heat]«{Il faut se protéger de la chaleur et prendre des nouvelles de ses proches|La chaleur peut être dangereuse, surtout pour les plus fragiles}», rappelle <P1>, <R1>.",
    ],
)
_more(
    "en",
    "politics",
    "body",
    [
        "[delay]Officers said they needed more time to assess {the legal implications|the traffic modelling|the financial risks} of the proposal, and {a revised report|updated figures} will be {brought back to councillors|published} {before the next meeting|in <fmonth>}.",
    ],
)
_more(
    "en",
    "politics",
    "quotes",
    [
        "[delay]«{We would rather get this right than rush it|It is sensible to pause and look at the detail again},» said <P1>, <R1>. «{Nothing has been ruled out|Residents will get a proper say}.»",
    ],
)
_more(
    "fr",
    "politics",
    "body",
    [
        "[delay]Les services ont demandé un délai pour {mesurer les conséquences juridiques|affiner les études de circulation|évaluer les risques financiers} du projet, et {une nouvelle version sera présentée aux élus|un rapport actualisé doit être publié} {avant le prochain conseil|en <fmonth>}.",
    ],
)
_more(
    "fr",
    "politics",
    "quotes",
    [
        "[delay]«{Mieux vaut prendre le temps de bien faire|Il est raisonnable de remettre l'ouvrage sur le métier}», justifie <P1>, <R1>. «{Rien n'est écarté|Les habitants auront leur mot à dire}.»",
    ],
)
_more(
    "en",
    "tech",
    "body",
    [
        "[funding]The round values <app> at {about|roughly} £<#40-400> million, {according to people familiar with the deal|the company said}, {up from|compared with} £<#10-90> million at its previous raise in <pyear>.",
        "[funding]The company plans to hire {about|up to} <#40-200> staff, mostly {engineers|product designers and engineers}, {in <place> and <place3>|over the next 18 months}, and to open {an office in <place3>|its first office outside the UK}.",
        "[breach]<app> said it had {reported the incident to|notified} <reg> {within 72 hours|as required} and {had hired an outside firm to investigate|had taken the affected system offline}, {adding that|and said} {there was no evidence the data had been misused|it would contact every affected customer}.",
    ],
)
_more(
    "en",
    "tech",
    "quotes",
    [
        "[funding]«{This funding lets us move much faster|We are building the app we always wanted to use|Europe is the obvious next step for us},» said <P1>, <app>'s <R1>. «{We want to be in <#3-9> new markets within two years|Our users have been asking for this for a long time}.»",
        "[funding,breach]«{The sector is still attracting money, but investors are far more selective|Trust is everything for a company like this|The next twelve months will show whether the model works},» said <P2>, <R2>.",
    ],
)
_more(
    "fr",
    "tech",
    "body",
    [
        "[funding]Cette levée valorise <app> à {environ|près de} <#40-400> millions d'euros, {selon une source proche du dossier|d'après l'entreprise}, contre <#10-90> millions lors de son précédent tour de table en <pyear>.",
        "[funding]La start-up prévoit de recruter {environ|jusqu'à} <#40-200> personnes, surtout {des ingénieurs|des développeurs}, {à <place> et à <place3>|dans les dix-huit prochains mois}, et d'ouvrir {un bureau à <place3>|son premier bureau hors de France}.",
        "[breach]<app> indique avoir {signalé l'incident|notifié la fuite} à <autorite> {dans les 72 heures|comme le prévoit la loi} et {mandaté un cabinet extérieur pour enquêter|mis hors ligne le système concerné}, assurant {qu'aucune utilisation frauduleuse des données n'a été constatée|qu'elle contactera chaque client concerné}.",
    ],
)
_more(
    "fr",
    "tech",
    "quotes",
    [
        "[funding]«{Cette levée nous permet d'accélérer|Nous construisons l'application que nous aurions voulu utiliser|L'Europe est l'étape logique}», explique <P1>, <R1> <de_app>. «{Nous voulons être présents dans <#3-9> nouveaux pays d'ici deux ans|Nos utilisateurs nous le demandaient depuis longtemps}.»",
        "[funding,breach]«{Le secteur attire encore des capitaux, mais les investisseurs sont beaucoup plus sélectifs|Pour une entreprise de ce type, la confiance est essentielle|Les douze prochains mois diront si le modèle tient}», analyse <P2>, <R2>.",
    ],
)
_more(
    "en",
    "justice",
    "leads",
    [
        "[fine]<firm2> has been fined £<fine>,000 at <court> after admitting {responsibility for|its part in} <case>, {in what|a case} {the regional environment regulator|investigators} described as {one of the worst cases it had dealt with|a deliberate attempt to avoid disposal costs}.",
    ],
)
_more(
    "en",
    "justice",
    "body",
    [
        "[fine]The court heard that {about|more than} <#40-400> tonnes of waste {had been tipped|were dumped} {over several months|at night} {on a field|beside a stream} near <place2>, {and that|while} {the landowner had complained repeatedly|clean-up costs were estimated at £<#30-250>,000}.",
        "[fine]{The regional environment regulator|Investigators from the regulator} {traced the waste|linked the loads} {back to|to} <firm2> {using lorry tracking data|through delivery notes found at the site}, {the prosecution said|the court was told}.",
    ],
)
_more(
    "en",
    "justice",
    "quotes",
    [
        "[fine]«{Waste crime blights communities and harms the environment|This was a deliberate choice to cut corners},» said <P2>, {an enforcement officer|a senior enforcement officer} at the regulator. «{Companies that think it is cheaper to break the law should think again|We will use every power we have}.»",
    ],
)
_more(
    "fr",
    "justice",
    "leads",
    [
        "[fine]<^firm2> a été condamnée à <fine> 000 euros d'amende par le <tribunal> pour <affaire>, {des faits|une affaire} que {l'inspection de l'environnement|le parquet} {a qualifiés de particulièrement graves|juge délibérés}.",
    ],
)
_more(
    "fr",
    "justice",
    "body",
    [
        "[fine]Selon l'enquête, {environ|plus de} <#40-400> tonnes de déchets ont été {déversées|abandonnées} {pendant plusieurs mois|de nuit} {dans un champ|en bordure d'un ruisseau} près de <place2>, {le coût de la remise en état étant estimé à|pour un coût de dépollution évalué à} <#30-250> 000 euros.",
        "[fine]Les inspecteurs ont {remonté la piste|identifié l'origine des camions} grâce {aux bons de livraison retrouvés sur place|aux données de géolocalisation des poids lourds}, a {expliqué|détaillé} le parquet à l'audience.",
    ],
)
_more(
    "fr",
    "justice",
    "quotes",
    [
        "[fine]«{Ces dépôts sauvages abîment nos campagnes|C'était un choix délibéré pour faire des économies}», a souligné <P1>, <R1>. «{Les entreprises qui pensent que frauder coûte moins cher se trompent|Nous serons intraitables}.»",
    ],
)
_more(
    "en",
    "culture",
    "body",
    [
        "[prize]The judges, chaired by <P1>, described <work> as {a quietly brilliant debut|a book of rare tenderness|funny, angry and beautifully observed}, {and said|adding that} the decision had been {unanimous|made after a long debate}.",
        "[prize]The prize, worth £<#5-30>,000, was {founded|set up} in <pyear> {to champion writing from the region|by a group of local booksellers}, and {previous winners include|past shortlists have featured} {several writers who went on to national success|authors now published around the world}.",
        "[prize]<P3>, who worked as {a teacher|a nurse|a postal worker|a care assistant} for {ten|fifteen|twenty} years before {turning to writing|publishing <his3> first book}, {said <he3> planned to use the money to|will use the prize money to} {write full time for a year|finish a second novel}.",
    ],
)
_more(
    "en",
    "culture",
    "quotes",
    [
        "[prize]«{I am still in shock|I never imagined this book would find so many readers|I wrote it at the kitchen table, a page at a time},» said <P3>. «{Thank you to every bookseller who championed it|This is for everyone who has ever been told their story was too small}.»",
    ],
)
_more(
    "fr",
    "culture",
    "body",
    [
        "[prize]Le jury, présidé par <P1>, a salué {un premier roman d'une grande finesse|un livre d'une rare tendresse|un texte drôle, en colère et remarquablement observé}, {une décision prise à l'unanimité|après de longues délibérations}.",
        "[prize]Doté de <#5-30> 000 euros, le prix a été {créé|fondé} en <pyear> {pour mettre en lumière les auteurs de la région|par un groupe de libraires}, et {plusieurs lauréats ont depuis connu un succès national|ses anciens lauréats sont aujourd'hui traduits à l'étranger}.",
        "[prize]<P3>, {ancien<e3> enseignant<e3>|ancien<e3> facteur|longtemps aide-soignant<e3>} avant de se consacrer à l'écriture, compte utiliser la dotation pour {écrire à plein temps pendant un an|terminer un deuxième roman}.",
    ],
)
_more(
    "fr",
    "culture",
    "quotes",
    [
        "[prize]«{Je n'en reviens toujours pas|Je n'imaginais pas que ce livre trouverait autant de lecteurs|Je l'ai écrit sur un coin de table, page après page}», confie <P3>. «{Merci aux libraires qui l'ont défendu|C'est pour tous ceux à qui on a dit que leur histoire était trop petite}.»",
    ],
)
_more(
    "en",
    "health",
    "body",
    [
        "[flu,measles]{Uptake|Vaccination uptake} {stands at|has reached} <#40-78>% {among those eligible|in the target groups}, {against|compared with} a target of <#75-95>%, according to <board>.",
        "[gp]{Several practices|At least <#3-9> practices} in the area have {closed their lists to new patients|reduced opening hours}, and {patients report|residents say} waits of {up to <#3-6> weeks|several weeks} for a routine appointment.",
        "[centre]The centre, {in a former retail unit|in a converted bank building|next to the bus station}, will offer {scans, blood tests and heart checks|ultrasound and blood tests|scans and breathing tests} {seven days a week|from 8am to 8pm}, {and is expected to|which should} carry out <#20000-90000> tests a year.",
    ],
)
_more(
    "fr",
    "health",
    "body",
    [
        "[flu,measles]La couverture vaccinale {atteint|plafonne à} <#40-78> % {chez les personnes ciblées|dans les publics prioritaires}, loin de l'objectif de <#75-95> %, selon l'agence régionale de santé.",
        "[gp]{Plusieurs cabinets|Au moins <#3-9> cabinets} du secteur {ne prennent plus de nouveaux patients|ont réduit leurs horaires}, et {les patients évoquent|les habitants rapportent} des délais de {<#3-6> semaines|plusieurs semaines} pour une consultation.",
        "[centre]La maison de santé, {installée dans un ancien commerce|aménagée dans l'ancienne poste|située près de la gare routière}, réunira {médecins, infirmiers et kinésithérapeutes|généralistes, sages-femmes et un dentiste} et {doit ouvrir en <fmonth>|accueillera ses premiers patients en <fmonth>}.",
    ],
)
_more(
    "en",
    "education",
    "leads",
    [
        "[newschool]Plans for <school> have moved a step closer, with <org> {confirming|announcing} on <day> that {funding had been secured|a site had been chosen} for the {<#600-1500>-place|new} school, {due to open|expected to open} in <nyear>.",
    ],
)
_more(
    "en",
    "education",
    "body",
    [
        "[results]{The proportion of|The share of} pupils {achieving the top grades|gaining at least five good passes} rose to <passrate>%, {up from|compared with} <passrate_prev>% last year, {with particularly strong results in|helped by big improvements in} {maths|sciences|languages}.",
        "[results]Among the {high achievers|stand-out performers} was <P4>, who {gained top grades in all <#4-12> subjects|overcame a long illness} and {plans to study|hopes to study} {medicine|engineering|history|law} at university.",
    ],
)
_more(
    "en",
    "education",
    "quotes",
    [
        "[inspection]«We accept the findings in full,» said <P1>, <R1>. «{Work to address them began before the inspectors arrived|Parents can be confident that things are already changing}.»",
        "[shortage,newschool]«{We are doing everything we can to recruit|Every school in the area is feeling this|We need a long-term solution, not a sticking plaster},» said <P1>, <R1>.",
    ],
)
_more(
    "fr",
    "education",
    "leads",
    [
        "[newschool]Le projet de <ecole> franchit une étape : <org> a {confirmé|annoncé} <day> {que le financement était bouclé|le choix du terrain} pour cet établissement de <#600-1200> places, {dont l'ouverture est prévue en <nyear>|attendu pour la rentrée <nyear>}.",
    ],
)
_more(
    "fr",
    "education",
    "body",
    [
        "[results]Le taux de mentions {atteint|grimpe à} <#30-70> %, contre <#20-50> % l'an dernier, avec des résultats {particulièrement solides en mathématiques|en forte hausse dans les filières technologiques|remarquables en langues}.",
        "[results]Parmi les {meilleurs résultats|lauréats}, <P4>, qui a obtenu <#17-20> de moyenne et {souhaite|compte} poursuivre des études de {médecine|droit|génie civil|lettres}.",
    ],
)
_more(
    "fr",
    "education",
    "quotes",
    [
        "[closure,shortage,newschool]«{Nous faisons tout pour trouver des remplaçants|La carte scolaire suit l'évolution des effectifs|Il faut une solution durable, pas du bricolage}», assure <P1>, <R1>.",
    ],
)

_more(
    "en",
    "economy",
    "body",
    [
        "[macro]Food prices rose <%1.5-9.5>% in the year to <lastmonth>, {while|and} {fuel|household energy} costs {fell|edged up} <%0.5-6.5>%, {the office said|according to the figures}, {with|and} {clothing and footwear|furniture and household goods} {also contributing|pulling the other way}.",
        "[macro]The {figures|data} will be closely watched by the central bank, which {holds its next rate decision on <fdate>|meets again in <fmonth>} and has kept its main interest rate at <%3.0-5.5>% {since <lastmonth>|for several months}.",
        "[macro]Average {wages|regular pay} grew <%2.0-6.5>% over the same period, {meaning|which means} {real earnings are rising again|pay is only just keeping pace with prices}, {although|but} {many households are still feeling the squeeze|the picture varies widely by sector}.",
        "[macro]In <region>, {business surveys|the latest regional survey} {pointed to|showed} {a modest pick-up in orders|a slowdown in hiring|firms planning to raise prices} {over the coming months|this year}, {according to|said} <group>.",
    ],
)
_more(
    "en",
    "economy",
    "body",
    [
        "[results]The company said its <sector> division {performed strongly|held up well}, {with|and} its order book {standing at|worth} £<#200-2400> million at the end of the period, {up|down} <%1-15>% on a year earlier.",
        "[results]<P1>, who {took over as <R1>|became <R1>} in <pyear2>, has {cut costs|sold off non-core businesses|closed <#2-9> smaller sites} {and promised investors|while promising} {a return to growth|higher returns} {by <nyear>|within three years}.",
    ],
)
_more(
    "fr",
    "economy",
    "body",
    [
        "[macro]Les prix de l'alimentation ont progressé de <%1.5-9.5> % sur un an, tandis que ceux de l'énergie {ont reculé|ont légèrement augmenté} de <%0.5-6.5> %, {selon l'institut|d'après ces chiffres}.",
        "[macro]Ces chiffres seront scrutés par la banque centrale, qui {se réunit de nouveau le <fdate>|tiendra sa prochaine réunion en <fmonth>} et maintient son taux directeur à <%3.0-5.5> % {depuis <lastmonth>|depuis plusieurs mois}.",
        "[macro]Les salaires ont augmenté de <%2.0-6.5> % sur la même période, {ce qui signifie que le pouvoir d'achat se redresse|si bien que les revenus suivent tout juste les prix}, même si {de nombreux ménages restent sous pression|la situation varie selon les secteurs}.",
        "[macro]<^region_in>, {les enquêtes de conjoncture|la dernière note de conjoncture} {font état d'une légère reprise des commandes|signalent un ralentissement des embauches|montrent que les entreprises prévoient d'augmenter leurs prix}, selon <group>.",
    ],
)
_more(
    "fr",
    "economy",
    "body",
    [
        "[results]Le groupe indique que sa branche {la plus rentable|historique} a bien résisté, et que son carnet de commandes {atteignait|s'élevait à} <#200-2400> millions d'euros {à la fin de la période|fin <lastmonth>}.",
        "[results]<P1>, {à la tête du groupe|arrivé<e1> à la direction} depuis <pyear>, {a engagé un vaste plan d'économies|a cédé plusieurs activités jugées non stratégiques|a fermé <#2-9> petits sites} et promet {un retour à la croissance|une amélioration de la rentabilité} d'ici <nyear>.",
    ],
)
_more(
    "en",
    "culture",
    "body",
    [
        "[prize]The other {shortlisted titles|books on the shortlist} {included|were} {a family saga set in a mining town|a debut collection of poems|a memoir about life on a hill farm} and {a thriller set in <place>|a novel about a lighthouse keeper}, {and each author receives|with each runner-up receiving} £<#500-2500>.",
    ],
)
_more(
    "fr",
    "culture",
    "body",
    [
        "[prize]{Parmi les autres finalistes|Dans la dernière sélection} figuraient {une saga familiale dans un bassin minier|un premier recueil de poèmes|un récit de vie dans une ferme de montagne} et {un polar se déroulant à <place>|un roman sur un gardien de phare}.",
    ],
)
_more(
    "en",
    "justice",
    "body",
    [
        "[trial]The jury {heard evidence from|was shown statements by} <#3-12> witnesses {on the first day|during the opening days} of the trial, which is expected to last {<#2-6> weeks|until <fdate>}.",
        "[trial]<^nsusp> defendants {deny|have pleaded not guilty to} {conspiracy to defraud|money laundering|the charges}. {The trial continues.|Proceedings were adjourned until <fday>.}",
    ],
)
EN_GENERIC.extend(
    [
        (
            "any",
            "{Records|Documents} {seen by|obtained by} <pub> {suggest|indicate} that {the problem|the issue} {is not new|has been building for some time}, with {similar concerns|complaints} {raised|recorded} {as far back as <pyear>|several times since <pyear>}.",
        ),
        (
            "any",
            "Reaction {on social media|online} was {mixed|swift}, with {some|many} {residents|readers} {welcoming the news|questioning the timing} and others {calling for|asking for} {more detail|a fuller explanation}.",
        ),
        (
            "any",
            "[!macro]<^org> {is expected to|will} {publish|set out} {further details|a fuller update} {in <fmonth>|after the summer}, {according to|said} {a source close to the matter|people familiar with the plans}.",
        ),
    ]
)
FR_GENERIC.extend(
    [
        (
            "any",
            "Selon des documents consultés par <pub>, {le problème|la question} {n'est pas nouveau|se posait déjà depuis un moment}, des {inquiétudes|plaintes} ayant été {signalées|formulées} {dès <pyear>|à plusieurs reprises depuis <pyear>}.",
        ),
        (
            "any",
            "Sur les réseaux sociaux, les réactions ont été {partagées|nombreuses}, certains {habitants|internautes} {saluant la nouvelle|s'interrogeant sur le calendrier}, d'autres {réclamant|demandant} {davantage de précisions|des explications}.",
        ),
        (
            "any",
            "De nouvelles précisions {devraient être apportées|sont attendues} {en <fmonth>|après l'été}, selon {une source proche du dossier|nos informations}.",
        ),
    ]
)

_more(
    "en",
    "culture",
    "body",
    [
        "[event]{Volunteers|A team of <#40-200> volunteers} {have spent weeks|spent the past month} {preparing the site|building stages and signage|hanging the works}, {and|while} {local businesses|hotels and cafés} {report|say they expect} {a busy few days|bookings up on last year}.",
        "[event]{Accessibility|Sustainability} {has been a priority|is a focus} this year, {with|including} {a quiet space and British Sign Language interpretation at selected events|free water refill points and a ban on single-use plastics|a shuttle bus from the railway station}.",
        "[event]{Highlights include|Among the highlights are} {a late-night concert by the <place> Chamber Orchestra|a new commission by the sculptor Rosa Delane|an evening of readings by writers from across <region>}, {as well as|alongside} {a programme of talks|free family workshops}.",
        "[event]{Funding|Support} {came from|was provided by} the city's arts council {and|together with} {a dozen local sponsors|a crowdfunding campaign that raised £<#8-60>,000}, {organisers said|according to the programme}.",
    ],
)
_more(
    "fr",
    "culture",
    "body",
    [
        "[event]{Des bénévoles|Une équipe de <#40-200> bénévoles} {s'affairent depuis des semaines|ont passé le mois à} {à préparer le site|monter les scènes|accrocher les œuvres}, et {les commerçants|les hôtels et cafés} {espèrent|anticipent} {quelques jours d'affluence|des réservations en hausse}.",
        "[event]{L'accessibilité|L'écoresponsabilité} {a été une priorité|est au cœur} de cette édition, avec {un espace calme et des séances traduites en langue des signes|des fontaines à eau et la fin du plastique jetable|une navette gratuite depuis la gare}.",
        "[event]{Parmi les temps forts|Au rang des temps forts} : {un concert nocturne de l'orchestre de chambre de <place>|une création de la sculptrice Rosa Delane|une soirée de lectures d'auteurs de la région}, {sans oublier|ainsi que} {des rencontres|des ateliers gratuits pour les familles}.",
        "[event]L'événement est {financé|soutenu} par {la ville, le département et une dizaine de mécènes locaux|une campagne de financement participatif qui a rapporté <#8-60> 000 euros}, {selon les organisateurs|précise le programme}.",
    ],
)
_more(
    "en",
    "education",
    "body",
    [
        "{Pupil|Student} wellbeing {has also been a focus|remains a concern}, {with the school introducing|and the school has expanded} {a breakfast club|mental health support|a mentoring scheme} {this year|after a rise in referrals}.",
        "<org> {said|says} it {spends|will spend} £<%1-9> million {a year|this year} on {school repairs|extra support for pupils with special needs|recruitment incentives}, {but|and} {headteachers say|unions argue} {the money does not go far enough|budgets remain tight}.",
        "{Attendance has improved since the pandemic, but|Persistent absence remains a problem, and} {about|around} <#8-24>% of pupils still {miss|regularly miss} at least one day in ten, {according to|said} <org>.",
    ],
)
_more(
    "fr",
    "education",
    "body",
    [
        "Le bien-être des élèves {est aussi au centre des attentions|reste une préoccupation}, avec {un petit-déjeuner offert le matin|un renforcement de l'infirmerie|un dispositif de tutorat} {mis en place cette année|après une hausse des signalements}.",
        "<^org> {indique|assure} consacrer <%1-9> millions d'euros {par an|cette année} {à l'entretien des bâtiments|à l'accompagnement des élèves à besoins particuliers|aux remplacements}, {mais|alors que} {les chefs d'établissement|les syndicats} jugent {l'effort insuffisant|les moyens trop justes}.",
        "{L'absentéisme|Le décrochage} {reste un sujet|préoccupe}, {environ|près de} <#8-24> % des élèves {manquant régulièrement des cours|ayant été absents plus d'une journée sur dix}, selon <org>.",
    ],
)
_more(
    "en",
    "science",
    "body",
    [
        "The {team|group} {includes|brought together} {researchers from <#3-9> countries|specialists in statistics, field work and modelling|volunteers from a local natural history society}, {and|while} {much of the data|some of the early measurements} {was collected by|came from} {students|members of the public}.",
        "{One limitation|A caveat}, the authors {acknowledge|note}, is that {the study covers only one region|records from earlier decades are patchy|the equipment was not designed for this purpose}, {so|which means} {the results may not apply elsewhere|the trend could be overstated}.",
        "{The discovery|The work} {is likely to|could} {inform policy|attract further funding|feature in school curricula}, {according to|said} <P1>, {who will present the findings|who is due to present the results} at {a conference in <place3>|an international meeting} {in <fmonth>|later this year}.",
    ],
)
_more(
    "fr",
    "science",
    "body",
    [
        "L'équipe {réunit|associe} {des chercheurs de <#3-9> pays|des spécialistes de statistique, de terrain et de modélisation|des bénévoles d'une société locale d'histoire naturelle}, et {une partie des données a été recueillie|certaines mesures ont été collectées} par {des étudiants|des particuliers}.",
        "{Limite de l'étude|Bémol}, reconnaissent les auteurs : {elle ne porte que sur une région|les relevés anciens sont lacunaires|le matériel n'était pas conçu pour cet usage}, si bien que {les résultats ne sont pas forcément transposables|la tendance pourrait être surestimée}.",
        "Ces travaux {pourraient|devraient} {éclairer les politiques publiques|attirer de nouveaux financements}, estime <P1>, qui {présentera|doit présenter} les résultats lors {d'un colloque à <place3>|d'un congrès international} {en <fmonth>|d'ici la fin de l'année}.",
    ],
)
_more(
    "en",
    "agriculture",
    "body",
    [
        "{The number of|The count of} {dairy|working} farms in <region> has fallen by {about|nearly} <#15-45>% {since <pyear>|in a decade}, {and|while} the average age of farmers {is now|has risen to} <#55-62>, {according to|figures from} <org>.",
        "{Supermarkets|Retailers} {say|insist} they {pay fair prices|are supporting British producers}, {pointing to|citing} {long-term contracts|premium own-label ranges}, {but|while} {farmers say|the union says} {margins are still squeezed|the risk is being pushed down the chain}.",
        "{Weather|The weather} {has|remains} the biggest {worry|uncertainty}: {after|following} {two wet winters|a dry spring|repeated flooding}, {some fields|several farms near the River <river>} {could not be|were not} {drilled|planted} on time.",
    ],
)
_more(
    "fr",
    "agriculture",
    "body",
    [
        "Le nombre {d'exploitations|d'élevages} <region_in> a {chuté|reculé} d'{environ|près de} <#15-45> % {depuis <pyear>|en dix ans}, et l'âge moyen des exploitants {atteint désormais|dépasse} <#52-58> ans, selon <org>.",
        "La grande distribution {assure|affirme} {payer un prix juste|soutenir la production locale}, en {mettant en avant|citant} {des contrats pluriannuels|ses filières sous marque propre}, mais {les producteurs|le syndicat} {jugent|estiment} que {les marges restent trop faibles|le risque est reporté sur eux}.",
        "La météo reste la principale inquiétude : après {deux hivers très humides|un printemps sec|des inondations à répétition}, {certaines parcelles|plusieurs exploitations au bord de <river>} n'ont pas pu être {semées|travaillées} à temps.",
    ],
)
_more(
    "en",
    "transport",
    "body",
    [
        "{Around|More than} <#4000-60000> {passengers|people} use {the route|the line|services in the area} on {a typical weekday|an average day}, {according to|figures from} <op>, {making it one of the busiest in <region>|and numbers have been rising since <pyear>}.",
        "{A public consultation|An online survey} on {the plans|the changes} {drew|received} <#300-4000> responses, {with|and} {reliability|cost|late-night services} {the most common concern|raised most often}.",
        "{Staff shortages|A shortage of drivers} {have|has} {added to the problems|also caused cancellations}, {and|with} <op> {recruiting|training} <#20-120> new {drivers|staff} {this year|over the next six months}.",
    ],
)
_more(
    "fr",
    "transport",
    "body",
    [
        "{Environ|Plus de} <#4000-60000> {voyageurs|usagers} empruntent {la ligne|le réseau} {un jour de semaine|chaque jour}, selon <op>, {ce qui en fait l'un des axes les plus fréquentés|un chiffre en hausse depuis <pyear>}.",
        "{Une concertation|Une enquête en ligne} a recueilli <#300-4000> contributions, {la régularité|le prix|les services de soirée} {arrivant en tête des préoccupations|étant le sujet le plus souvent cité}.",
        "{Le manque de conducteurs|Les difficultés de recrutement} {aggrave|complique} la situation, et <op> {prévoit de recruter|forme} <#20-120> {conducteurs|agents} {cette année|d'ici six mois}.",
    ],
)
_more(
    "en",
    "health",
    "body",
    [
        "{The board|<board>} {is also|has been} {under financial pressure|trying to cut agency staffing costs}, {with|and} a {forecast|projected} deficit of £<%3-40> million {this year|for the financial year}.",
        "{Local councillors|Campaigners} {have called for|want} {an independent review|a public meeting|better transport links to <hospital>}, {and|while} the issue {is due to be discussed|will be raised} at {the health scrutiny committee|a board meeting} on <fdate>.",
    ],
)
_more(
    "fr",
    "health",
    "body",
    [
        "L'établissement {est aussi sous contrainte financière|cherche à réduire le recours à l'intérim}, avec un déficit {prévisionnel|attendu} de <%3-40> millions d'euros {cette année|pour l'exercice}.",
        "{Des élus locaux|Des associations} {réclament|demandent} {une mission d'inspection|une réunion publique|une meilleure desserte du <hopital>}, et le sujet {sera abordé|doit être évoqué} {en conseil de surveillance|en commission} le <fdate>.",
    ],
)
_more(
    "en",
    "politics",
    "body",
    [
        "{The meeting|The debate} {also heard from|included statements by} {representatives of local businesses|headteachers and GPs|several tenants' associations}, {several of whom|most of whom} {urged councillors to|asked the council to} {think again|publish the full costings|hold a public consultation}.",
        "{Council officers|A council spokesperson} {said|stressed} that {all options had been considered|the proposal had been independently assessed|legal advice had been followed}, {and|but} {acknowledged that|admitted} {communication could have been better|some residents felt left out}.",
    ],
)
_more(
    "fr",
    "politics",
    "body",
    [
        "{Lors de la séance|Au cours des débats}, {des représentants des commerçants|un directeur d'école et un médecin|la présidente d'une amicale de locataires} ont {pris la parole|été entendus}, {appelant les élus à|demandant à la majorité de} {revoir sa copie|publier le chiffrage complet|organiser une consultation}.",
        "{Les services municipaux|La municipalité} {assurent|affirme} que {toutes les options ont été étudiées|le projet a fait l'objet d'une expertise indépendante|les avis juridiques ont été suivis}, tout en {reconnaissant|admettant} que {la communication aurait pu être meilleure|certains habitants se sont sentis tenus à l'écart}.",
    ],
)
_more(
    "en",
    "economy",
    "body",
    [
        "[jobs,results]<firm> {was founded|started out} in <place> in <pyear>{| as a family business} and {now employs|employs} {about|around} <#1500-22000> people {across <#4-20> sites|in the UK and abroad}, {most of them|many of them} in <region>.",
        "[jobs]{Staff were told of the plans|The plans were announced to staff} at {a series of meetings|a meeting} on <day> {morning|afternoon}, and {a formal consultation period of <#30-90> days|talks with union representatives} {will now begin|is due to start next week}.",
    ],
)
_more(
    "fr",
    "economy",
    "body",
    [
        "[jobs,results]{Fondé|Créé} à <place> en <pyear>{| comme une entreprise familiale}, <firm> emploie {aujourd'hui|désormais} {environ|près de} <#1500-22000> personnes {sur <#4-20> sites|en France et à l'étranger}.",
        "[jobs]Les salariés ont été {informés|réunis} {lors d'un comité social et économique extraordinaire|au cours de plusieurs réunions} <day>, et {une période de consultation de <#30-90> jours|des négociations avec les syndicats} {doit désormais s'ouvrir|s'ouvrira la semaine prochaine}.",
    ],
)
_more(
    "en",
    "tech",
    "body",
    [
        "<app> {makes money from|earns most of its revenue from} {subscriptions and transaction fees|a small fee on each sale|premium features}, {and|while} its {annual revenue|turnover} {was about|reached} £<#3-80> million {last year|in <pyear>}, according to {company filings|its latest accounts}.",
        "{Digital rights groups|Consumer campaigners} {say|argue} {the case|the episode} {shows|highlights} {how hard it is for users to understand what they sign up to|the need for clearer rules on apps aimed at young people|why smaller platforms should face the same scrutiny as the biggest ones}.",
    ],
)
_more(
    "fr",
    "tech",
    "body",
    [
        "<app> {se rémunère|tire l'essentiel de ses revenus} {grâce aux abonnements et aux frais de transaction|via une commission sur chaque vente|avec des fonctionnalités payantes}, et son chiffre d'affaires {a atteint|avoisinait} <#3-80> millions d'euros {l'an dernier|en <pyear>}, selon {ses comptes publiés|les documents déposés au greffe}.",
        "{Les associations de défense des libertés numériques|Les associations de consommateurs} {estiment|jugent} que {l'affaire|le dossier} {montre|illustre} {à quel point les utilisateurs peinent à comprendre ce qu'ils acceptent|la nécessité de règles plus claires pour les applications destinées aux jeunes|pourquoi les petites plateformes doivent être contrôlées comme les grandes}.",
    ],
)
_more(
    "en",
    "justice",
    "body",
    [
        "[arrest,trial,sentence]{Investigators|Detectives} {believe|said} {the group|the suspects} {targeted|may have targeted} {more than <#40-900> victims|customers across <region> and beyond}, {many of them|some of them} {elderly|small business owners}, {over a period of|during} <#6-30> months.",
        "[arrest,sentence]{The force|Police} {said|added} that {<#2-9> other people had been interviewed under caution|further arrests had not been ruled out|assets worth £<#40-600>,000 had been frozen} {as part of the inquiry|pending the outcome of the case}.",
    ],
)
_more(
    "fr",
    "justice",
    "body",
    [
        "[arrest,sentence]Selon les enquêteurs, {le réseau aurait fait|les suspects auraient fait} {plus de <#40-900> victimes|des victimes dans toute la région et au-delà}, {souvent|pour la plupart} {des personnes âgées|des artisans}, {sur une période de|pendant} <#6-30> mois.",
        "[arrest,sentence]{Les enquêteurs précisent|La gendarmerie précise|Les gendarmes ajoutent} que {<#2-9> autres personnes ont été entendues librement|d'autres interpellations ne sont pas exclues|des avoirs d'une valeur de <#40-600> 000 euros ont été saisis}.",
    ],
)
_more(
    "en",
    "weather",
    "body",
    [
        "[warning,aftermath]{Insurers|The insurance industry} {said|expects} {claims|call volumes} {would be|to be} {high|well above normal} {after the storm|this week}, and {urged|reminded} {homeowners|customers} to {photograph any damage|keep receipts for emergency repairs}.",
        "[warning,aftermath]{The storm|Storm <storm>} is the <nth> named storm of the {season|autumn and winter}, {and|after} {forecasters|<met>} {warned earlier this year that|said} {the ground was already saturated|river levels were unusually high}.",
    ],
)
_more(
    "fr",
    "weather",
    "body",
    [
        "[warning,aftermath]Les assureurs {s'attendent à|anticipent} {un afflux de déclarations de sinistre|de nombreux dossiers}, et {conseillent|rappellent} aux particuliers de {photographier les dégâts|conserver les factures des réparations d'urgence}.",
        "[warning,aftermath]<^tempete> est la <nth> tempête nommée de la saison, alors que {les sols sont déjà gorgés d'eau|le niveau de <river> était déjà anormalement haut}, selon les prévisionnistes.",
    ],
)

SOFT_TOPICS = ("sports", "culture", "science")
GENERIC_EXCLUDE = {
    "justice": (7, 9, 11, 13, 14),
    "weather": (9, 11, 13, 14),
    "tech": (9, 11),
    "education": (11,),
    "health": (11,),
}
NONCIVIC_KINDS = ("results", "prize", "heat", "funding", "macro")
for _g in (EN_GENERIC, FR_GENERIC):
    for _i in (1, 4, 7, 9, 11, 12, 13, 14, 15):
        _g[_i] = ("news", _g[_i][1])

KIND_TAGS = {
    ("en", "economy"): dict(
        titles="jobs results results macro macro",
        leads="jobs results macro",
        body="jobs results results results macro macro,jobs jobs",
        quotes="jobs,results results,macro jobs",
        closers="jobs,results",
    ),
    ("fr", "economy"): dict(
        titles="jobs results macro results jobs",
        leads="jobs results macro",
        body="jobs results results results macro macro,jobs jobs",
        quotes="jobs,results results,macro jobs",
        closers="jobs,results",
    ),
    ("en", "weather"): dict(
        titles="warning warning heat aftermath aftermath",
        leads="warning aftermath heat",
        body="warning aftermath aftermath,warning warning,aftermath warning,aftermath - -",
        quotes="warning aftermath aftermath,warning",
        closers="warning,aftermath",
    ),
    ("fr", "weather"): dict(
        titles="warning warning heat aftermath aftermath",
        leads="warning aftermath heat",
        body="warning aftermath aftermath,warning warning,aftermath warning,aftermath - -",
        quotes="warning aftermath aftermath,warning",
        closers="warning,aftermath",
    ),
    ("en", "politics"): dict(
        titles="vote protest delay protest,vote",
        leads="vote protest delay",
        body="vote - - vote,delay - - -",
        quotes="vote vote,protest -",
    ),
    ("fr", "politics"): dict(
        titles="vote protest delay protest,vote",
        leads="vote protest delay",
        body="vote - - vote,delay - - -",
        quotes="vote vote,protest -",
    ),
    ("en", "tech"): dict(
        titles="funding regulator breach regulator funding",
        leads="funding regulator breach",
        body="- regulator regulator breach regulator,breach regulator,breach funding",
        quotes="regulator,breach regulator",
        closers="funding regulator",
    ),
    ("fr", "tech"): dict(
        titles="funding regulator breach regulator funding",
        leads="funding regulator breach",
        body="- regulator regulator breach regulator,breach regulator,breach funding",
        quotes="regulator,breach regulator",
        closers="regulator funding",
    ),
    ("en", "justice"): dict(
        titles="sentence arrest trial fine arrest",
        leads="arrest trial sentence",
        body="arrest trial,sentence arrest,trial,sentence arrest trial,sentence sentence fine arrest,trial",
        quotes="arrest,sentence trial,sentence",
    ),
    ("fr", "justice"): dict(
        titles="arrest sentence arrest fine",
        leads="arrest arrest sentence",
        body="arrest sentence arrest,sentence arrest sentence sentence fine arrest",
        quotes="arrest,sentence arrest",
    ),
    ("en", "culture"): dict(
        titles="event event event prize",
        leads="event event prize",
        body="event event event prize event event",
        quotes="event event",
        closers="event",
    ),
    ("fr", "culture"): dict(
        titles="event event event prize",
        leads="event event prize",
        body="event event event prize event event",
        quotes="event event",
        closers="event",
    ),
    ("en", "health"): dict(titles="- ae - -", leads="- ae", body="ae - - ae,centre - flu,measles flu,measles"),
    ("fr", "health"): dict(titles="- ae - -", leads="- ae", body="ae - - ae,centre - flu,measles flu,measles"),
    ("en", "education"): dict(
        titles="results inspection shortage newschool",
        leads="results inspection shortage",
        body="inspection newschool,shortage shortage newschool shortage,inspection inspection",
        quotes="results inspection,shortage,newschool",
    ),
    ("fr", "education"): dict(
        titles="results closure shortage newschool",
        leads="results closure shortage",
        body="shortage closure,newschool newschool closure,shortage results,shortage",
        quotes="results closure,shortage,newschool",
    ),
    ("en", "agriculture"): dict(
        titles="harvest - prices harvest", leads="harvest -", body="harvest - prices - - prices"
    ),
    ("fr", "agriculture"): dict(
        titles="harvest - prices harvest", leads="harvest -", body="harvest - prices - - prices"
    ),
    ("en", "transport"): dict(
        titles="scheme,works network works scheme,works",
        leads="scheme,works network",
        body="scheme,works works,scheme network,scheme network - scheme,network",
    ),
    ("fr", "transport"): dict(
        titles="scheme,works network works scheme,works",
        leads="scheme,works network",
        body="scheme,works works,scheme network,scheme network - scheme,network",
    ),
}
GENERIC_TAGS = {
    "en": {1: "!macro,heat,prize", 4: "!macro,heat,prize", 9: "!macro,heat,prize,results,funding"},
    "fr": {1: "!macro,heat,prize", 4: "!macro,heat,prize", 9: "!macro,heat,prize,results,funding"},
}


def _apply_kind_tags():
    for (lang, topic), fields in KIND_TAGS.items():
        T = TOPICS[lang][topic]
        for field, spec in fields.items():
            tags = spec.split()
            lst = T[field]
            for i, tag in enumerate(tags):
                if tag != "-" and not KIND_RE.match(lst[i]):
                    lst[i] = f"[{tag}]{lst[i]}"
    for lang, m in GENERIC_TAGS.items():
        for i, tag in m.items():
            kind, t = GENERIC[lang][i]
            GENERIC[lang][i] = (kind, f"[{tag}]{t}")


_apply_kind_tags()


# --------------------------------------------------------------------------
# Article builder
# --------------------------------------------------------------------------
WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*")


def nwords(text: str) -> int:
    return len(WORD_RE.findall(text))


def de(x: str) -> str:
    """French 'de' + noun phrase, with contraction and elision."""
    if x.startswith(("le ", "Le ")):
        return "du " + x[3:]
    if x.startswith(("les ", "Les ")):
        return "des " + x[4:]
    if x.startswith(("la ", "l'", "La ", "L'")):
        return "de " + x
    if x[:1].lower() in "aeiouyéèêàâîôûh":
        return "d'" + x
    return "de " + x


FR_ELIDE_RE = re.compile(r"\b(de|que|lorsque|puisque|jusque) (?=[aeiouyéèêâîôAEIOUYÉÈÊÂÎÔ])")


def fr_contract(text: str) -> str:
    text = re.sub(r"\b(de|à) Le (?=[A-Z])", lambda m: "du " if m.group(1) == "de" else "au ", text)
    text = re.sub(
        r"\b(de|à) (le|les) (?=\w)",
        lambda m: {"de le": "du ", "de les": "des ", "à le": "au ", "à les": "aux "}[m.group(1) + " " + m.group(2)],
        text,
    )
    return text


def fr_fix(text: str) -> str:
    return FR_ELIDE_RE.sub(lambda m: m.group(1)[:-1] + "'", fr_contract(text))


def tidy(text: str, lang: str) -> str:
    """Grammar touch-ups after template expansion."""
    text = text[:1].upper() + text[1:]
    text = re.sub(r"([.!?] )(the|le|la|les|l')(?=[ \w])", lambda m: m.group(1) + cap(m.group(2)), text)
    if lang == "en":
        text = re.sub(r"\b([A-Z]\w*s)'s\b", r"\1'", text)  # Dynamics's -> Dynamics'
        text = re.sub(
            r"\b([Aa]) (?=[aiAI]|[oO](?!n[ce])|[eE](?!u)|8|11\b|11-|18\b|18-)", r"\1n ", text
        )  # a archaeology -> an
    else:
        text = fr_contract(text)
        text = FR_ELIDE_RE.sub(lambda m: m.group(1)[:-1] + "'", text)
        text = re.sub(r"\b([01],\d) millions\b", r"\1 million", text)
        text = re.sub(r"\b((?:[2-9]|\d{2,})(?:,\d)?) million\b", r"\1 millions", text)
    return text


def introduce_people(paras, ctx):
    """If a person's surname appears before their full name, use the full name there."""
    for i in range(1, 7):
        full, first, last = ctx[f"P{i}"], ctx[f"P{i}F"], ctx[f"P{i}L"]
        bare = re.compile(rf"(?<!{re.escape(first)} )\b{re.escape(last)}\b")
        for k, p in enumerate(paras):
            if full in p and (not bare.search(p) or p.index(full) < bare.search(p).start()):
                break
            m = bare.search(p)
            if m:
                paras[k] = p[: m.start()] + full + p[m.end() :]
                break


def first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


def make_context(rng, lang, topic, when, pub):
    T = TOPICS[lang][topic]
    ctx = base_context(rng, lang, topic, when, pub)
    T["setup"](ctx, rng)
    for k in list(ctx):
        v = ctx[k]
        if isinstance(v, str) and ("{" in v or "<" in v):
            ctx[k] = expand(v, ctx, rng)
    if lang == "fr":
        ctx["de_org"] = de(ctx["org"])
        ctx["de_app"] = de(ctx["app"])
        ctx["de_firm"] = de(ctx["firm"])
    return ctx


def random_headline(rng, lang, when, topic=None):
    topic = topic or rng.choice(list(TOPIC_WEIGHTS))
    pubs = EN_PUBS if lang == "en" else FR_PUBS
    ctx = make_context(rng, lang, topic, when, rng.choice(pubs)[0])
    h = tidy(expand(rng.choice(usable(TOPICS[lang][topic]["titles"], ctx["kind"])), ctx, rng), lang)
    return (
        render_quotes(h, dict(qo="« " if lang == "fr" else '"', qc=" »" if lang == "fr" else '"', apos="'")),
        topic,
        ctx,
    )


def quote_style(rng, lang):
    if lang == "en":
        return rng.choice(
            [dict(qo='"', qc='"', apos="'"), dict(qo="“", qc="”", apos="’"), dict(qo="“", qc="”", apos="'")]
        )
    return rng.choice(
        [
            dict(qo="« ", qc=" »", apos="'"),
            dict(qo="«\u00a0", qc="\u00a0»", apos="’"),
            dict(qo="“", qc="”", apos="’"),
            dict(qo="« ", qc=" »", apos="’"),
        ]
    )


LEFTOVER_RE = re.compile(r"[{}<>|\[\]]")


def make_article(rng, lang, topic, when, pub, short=False, style=None):
    T = TOPICS[lang][topic]
    ctx = make_context(rng, lang, topic, when, pub)

    def E(t):
        return expand(t, ctx, rng)

    kind = ctx["kind"]
    title = cap(E(rng.choice(usable(T["titles"], kind))))
    leads = usable(T["leads"], kind)
    leads = rng.sample(leads, len(leads))
    lead = E(leads[0])
    if len(leads) > 1 and rng.random() < 0.7:
        standfirst = first_sentence(E(leads[1]))
    else:
        standfirst = first_sentence(lead) if rng.random() < 0.25 else None
    lo, hi = (150, 320) if short else (150, 700)
    target = int(rng.triangular(lo, hi, 200 if short else 330))
    body = usable(T["body"], kind)
    body = rng.sample(body, len(body))
    quotes = usable(T["quotes"], kind)
    quotes = rng.sample(quotes, len(quotes))
    hard_news = topic not in SOFT_TOPICS
    excl = GENERIC_EXCLUDE.get(topic, ())
    civic = T["civic"] and kind not in NONCIVIC_KINDS
    gen = usable(
        [
            g
            for i, (scope, g) in enumerate(GENERIC[lang])
            if i not in excl and (scope == "any" or (scope == "news" and hard_news) or (scope == "civic" and civic))
        ],
        kind,
    )
    gen = rng.sample(gen, len(gen))
    paras = [lead]
    wc = nwords(lead)
    if target < 420:
        gen = gen[: rng.randint(3, 6)]
    pools = [body, quotes, gen]
    weights = [6, 2, 2]
    while wc < target and any(pools):
        i = rng.choices(range(3), weights=[w if p else 0 for w, p in zip(weights, pools, strict=False)])[0]
        tpl = pools[i].pop()
        if i == 2:
            need = re.findall(r"<P(\d)L>", tpl)
            if any(ctx[f"P{n}"] not in "\n".join(paras) for n in need):
                continue
        p = E(tpl)
        w = nwords(p)
        if wc + w > hi:
            continue
        paras.append(p)
        wc += w
    closers = usable(T.get("closers", []), kind) + CLOSERS[lang]
    if rng.random() < 0.45:
        c = E(rng.choice(closers))
        if wc + nwords(c) <= hi:
            paras.append(c)
            wc += nwords(c)
    if wc < 160:  # rare: pad from the generic pool (margin: tidy() may merge a few words)
        extra = usable([g for _, g in GENERIC[lang]], kind)
        while wc < 160:
            p = E(rng.choice(extra))
            paras.append(p)
            wc += nwords(p)
    introduce_people(paras, ctx)
    style = style or quote_style(rng, lang)
    paras = [render_quotes(tidy(p, lang), style) for p in paras]
    title = tidy(title, lang)
    if standfirst:
        standfirst = tidy(standfirst, lang)
    title = render_quotes(title, style)
    if standfirst:
        standfirst = render_quotes(standfirst, style)
    # dateline on some leads
    r = rng.random()
    short_wire = (EN_WIRE_SHORT if lang == "en" else FR_WIRE_SHORT)[ctx["wire"]]
    if r < 0.18:
        paras[0] = f"{ctx['place'].upper()} — {paras[0]}"
    elif r < 0.28:
        months = EN_MONTHS if lang == "en" else FR_MONTHS
        if lang == "en":
            paras[0] = f"{ctx['place']}, {months[when.month - 1]} {when.day} ({short_wire}) - {paras[0]}"
        else:
            paras[0] = f"{ctx['place']} ({short_wire}) - {paras[0]}"
    for t in [title, standfirst or "", *paras]:
        if LEFTOVER_RE.search(t):
            raise AssertionError(f"unexpanded template syntax in {lang}/{topic}: {t!r}")
    return dict(
        lang=lang,
        topic=topic,
        title=title,
        standfirst=standfirst,
        paras=paras,
        ctx=ctx,
        pub=pub,
        when=when,
        wire=ctx["wire"],
    )


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------
def date_display(rng, lang, d: dt.datetime):
    """Return (display string or None, kind).  None means the page states no date."""
    r = rng.random()
    if r < 0.13:
        return None, "none"
    M = EN_MONTHS if lang == "en" else FR_MONTHS
    D = EN_DAYS if lang == "en" else FR_DAYS
    hh, mm = d.hour, d.minute
    upd = d + dt.timedelta(minutes=rng.randint(20, 300))
    if lang == "en":
        fmts = [
            f"{d.day:02d} {M[d.month - 1]}, {d.year}",
            f"Published on {d.day:02d}/{d.month:02d}/{d.year}",
            f"Published on {d.day:02d}/{d.month:02d}/{d.year} at {hh:02d}:{mm:02d}",
            f"{M[d.month - 1]} {d.day}, {d.year}",
            f"{D[d.weekday()]} {d.day} {M[d.month - 1]} {d.year} {hh:02d}.{mm:02d} GMT",
            f"{d.day} {M[d.month - 1][:3]} {d.year}",
            d.strftime("%Y-%m-%d"),
            d.strftime("%Y-%m-%dT%H:%M:00+00:00"),
            f"Updated: {upd.day} {M[upd.month - 1]} {upd.year}, {upd.hour:02d}:{upd.minute:02d}",
            f"Posted {d.day:02d}.{d.month:02d}.{d.year}",
            f"Last modified on {D[d.weekday()][:3]} {d.day} {M[d.month - 1][:3]} {d.year} {hh:02d}.{mm:02d} GMT",
            f"{M[d.month - 1][:3].upper()} {d.day}, {d.year} | {((hh - 1) % 12) + 1}:{mm:02d} {'AM' if hh < 12 else 'PM'}",
        ]
    else:
        fmts = [
            f"Publié le {d.day} {M[d.month - 1]} {d.year}",
            f"Publié le {d.day:02d}/{d.month:02d}/{d.year} à {hh:02d}h{mm:02d}",
            f"Publié le {d.day} {M[d.month - 1]} {d.year} à {hh:02d}h{mm:02d}, mis à jour à {upd.hour:02d}h{upd.minute:02d}",
            f"Mis à jour le {upd.day} {M[upd.month - 1]} {upd.year} à {upd.hour:02d}h{upd.minute:02d}",
            f"{D[d.weekday()]} {d.day} {M[d.month - 1]} {d.year}",
            f"{d.day:02d}.{d.month:02d}.{d.year}",
            f"Le {d.day} {M[d.month - 1]} {d.year} à {hh:02d}:{mm:02d}",
            d.strftime("%Y-%m-%d"),
            f"Publié le {D[d.weekday()]} {d.day} {M[d.month - 1]} {d.year} à {hh} h {mm:02d}",
            f"{d.day:02d}/{d.month:02d}/{d.year} {hh:02d}:{mm:02d}",
        ]
    return rng.choice(fmts), "abs"


def undated_line(rng, lang):
    if lang == "en":
        return rng.choice(
            ["{<#2-11> hours ago|Yesterday|<#2-6> days ago}", "Published on\nUpdated", "Updated {recently|today}", ""]
        )
    return rng.choice(
        ["Il y a <#2-11> heures", "{Hier|Aujourd'hui} à <#7-22>h<#10-59>", "Publié le\nMis à jour le", ""]
    )


# --------------------------------------------------------------------------
# Boilerplate (many templates with random parameters, both languages)
# --------------------------------------------------------------------------
NAV = {
    "en": [
        "Home",
        "News",
        "UK",
        "World",
        "Business",
        "Money",
        "Sport",
        "Football",
        "Culture",
        "Lifestyle",
        "Travel",
        "Opinion",
        "Science",
        "Health",
        "Tech",
        "Weather",
        "Local",
        "Politics",
        "Video",
        "Podcasts",
        "Puzzles",
        "Obituaries",
        "Jobs",
        "Property",
        "Motoring",
        "Education",
        "Environment",
        "What's On",
        "Newsletters",
        "Crime",
        "Farming",
        "In Pictures",
        "Family notices",
    ],
    "fr": [
        "Accueil",
        "Actualité",
        "France",
        "Monde",
        "Politique",
        "Économie",
        "Société",
        "Sports",
        "Culture",
        "Loisirs",
        "Santé",
        "Sciences",
        "Tech",
        "Météo",
        "Régions",
        "Faits divers",
        "Opinions",
        "Vidéos",
        "Podcasts",
        "Jeux",
        "Immobilier",
        "Emploi",
        "Éducation",
        "Environnement",
        "Agenda",
        "Nécrologie",
        "Newsletters",
        "Abonnés",
        "Sortir",
        "Votre commune",
        "Consommation",
    ],
}
UTILITY = {
    "en": [
        "Skip to {main content|content|navigation}",
        "Menu",
        "Search",
        "{Sign in|Log in}",
        "{Subscribe|Subscribe now|Register}",
        "Edition: {UK|International|Europe}",
        "{Weather|Today}: <#3-24>°C {in|} <place>",
        "Newsletters",
        "My account",
        "{Jobs|Puzzles|Podcasts|e-Edition}",
        "{Live|LIVE}",
        "Notifications",
        "Close",
    ],
    "fr": [
        "Aller au contenu {principal|}",
        "Menu",
        "Rechercher",
        "Se connecter",
        "{S'abonner|Je m'abonne}",
        "Mon compte",
        "Édition {du soir|numérique|<place>}",
        "{Direct|En direct}",
        "Newsletters",
        "Météo : <#3-24>° à <place>",
        "Journal numérique",
        "Fermer",
        "Notifications",
    ],
}
COOKIE = {
    "en": [
        'We use cookies {to improve your experience|to personalise content and ads|and similar technologies} on {this site|our website}. {By continuing to browse|By clicking "Accept all"}, you agree to {their use|our use of cookies}.\n{Manage preferences|Cookie settings|Learn more}\n{Accept all|Accept|OK, got it}',
        "Your privacy{ matters| choices}\n<pub> and our <#120-900> partners store and/or access information on a device, such as cookies, and process personal data{ such as unique identifiers|}.\n{Accept|I agree}\n{Reject all|Continue without accepting}\n{Show purposes|Manage options}",
        "This website uses cookies. {Find out more|Read our cookie policy}.\n{Accept|Allow all}\n{Decline|Necessary only}",
        "Cookie notice: {we and selected partners|<pub> and its partners} use cookies {for analytics and advertising|to measure audiences}.\n{Accept and close|Agree}",
    ],
    "fr": [
        "Nous utilisons des cookies {pour améliorer votre expérience|pour personnaliser les contenus et les publicités|et des technologies similaires}. En poursuivant votre navigation, vous {acceptez leur utilisation|acceptez notre politique de cookies}.\n{Paramétrer les cookies|En savoir plus}\n{Accepter et fermer|Tout accepter|J'accepte}",
        "Vos choix concernant l'utilisation de cookies\n<pub> et ses <#120-900> partenaires stockent et/ou accèdent à des informations sur votre appareil.\n{Accepter|Tout accepter}\n{Continuer sans accepter|Tout refuser}\n{Personnaliser mes choix|Paramétrer}",
        "Ce site utilise des cookies. {En savoir plus|Consultez notre politique de confidentialité}.\n{OK|Accepter}\n{Refuser|Uniquement les nécessaires}",
        "Avec votre accord, nous et nos partenaires utilisons des cookies {à des fins de mesure d'audience et de publicité|pour vous proposer des contenus adaptés}.\n{Accepter et fermer|J'accepte}",
    ],
}
PROMO = {
    "en": [
        "Get all your news in one place.\n{100's|Hundreds|<#80-300>+} of premium titles.\nOne app.\nStart reading",
        "All your {favourite titles|trusted sources}, one subscription.\n{Try it free|Start your free trial}",
        "Download the <pub_bare> app\nGet breaking news alerts {on your phone|straight to your phone}",
        "{Read this and more on the <pub_bare> app|Open in app}",
    ],
    "fr": [
        "Toute l'actu en un seul endroit.\nPlus de <#80-300> titres de presse.\nUne seule appli.\nCommencer la lecture",
        "Téléchargez l'application <pub>\nRecevez nos alertes {en temps réel|info}",
        "{Lire dans l'application|Ouvrir dans l'appli}",
        "Toute l'info {en continu|locale} sur notre appli, {gratuite|disponible} sur votre téléphone",
    ],
}
PAYWALL = {
    "en": [
        "Sign up to read this article\nRead news from {100's|hundreds} of titles, curated specifically for you.\nAlready a member? Sign in here",
        "This article is for subscribers only.\n{Subscribe for £<#1-3> a week|Subscribe from £<#1-3> a month}{, cancel anytime|}.\nAlready a subscriber? Log in",
        "You have <#1-4> free {articles|stories} left this month.\n{Subscribe now|Register for free} to keep reading.",
        "{Support|Help fund} {independent|local} journalism\n{Unlock unlimited access|Become a subscriber} {for just £<#1-3>|today}\n{Start your free trial|Subscribe}",
        "Continue reading with a subscription\n{Fourteen|Thirty} days free\n{Already registered?|Have an account?} Sign in",
    ],
    "fr": [
        "Cet article est réservé aux abonnés.\n{Il vous reste <#60-85> % de l'article à lire.|La suite est réservée aux abonnés.}\n{Déjà abonné ? Se connecter|Vous êtes abonné ? Connectez-vous}",
        "{Abonnez-vous pour 1 € le premier mois|Offre spéciale : <#1-9> € par mois}\n{Sans engagement|Résiliable à tout moment}\nJe m'abonne",
        "Soutenez une information {locale|indépendante} et de qualité\n{Abonnez-vous|Je soutiens}",
        "Pour lire la suite, {créez un compte gratuit|connectez-vous}.\n{Déjà inscrit ?|Vous avez un compte ?} Se connecter",
    ],
}
NEWSLETTER = {
    "en": [
        "Sign up to our {<section>|daily|morning} newsletter\n{Get the latest headlines sent straight to your inbox|The day's top stories, every morning}\nEnter your email address\nSign up",
        "{Thank you for subscribing!|We have more newsletters}\n{Show me|Privacy notice}",
        "Newsletter: {Morning Briefing|The Weekly Roundup|<section> Extra}\nEmail address\nSubscribe",
    ],
    "fr": [
        "Inscrivez-vous à {notre newsletter|la newsletter <section>}\n{Recevez chaque matin l'essentiel de l'actualité|Le meilleur de l'info, chaque semaine}\nVotre adresse e-mail\nS'inscrire",
        "Newsletter {Le Réveil|L'Essentiel|<section>}\nAdresse e-mail\nJe m'inscris",
        "Merci pour votre inscription !\n{Découvrez nos autres newsletters|Gérer mes abonnements}",
    ],
}
SHARE = {
    "en": [
        "Share",
        "Share this article",
        "Copy link",
        "Email",
        "Print",
        "Share on <net>",
        "Share on <net2>",
        "Comments",
        "Save",
        "Gift this article",
        "Share via Email",
    ],
    "fr": [
        "Partager",
        "Partager sur <net>",
        "Partager sur <net2>",
        "Copier le lien",
        "Envoyer par e-mail",
        "Imprimer",
        "Offrir l'article",
        "Sauvegarder",
        "Réagir",
        "Commenter",
    ],
}
COMMENTS = {
    "en": [
        "Comments ({<#1-48>|0})",
        "Join the conversation",
        "Be the first to comment",
        "Show comments",
        "<#2-90> comments",
        "Comments are closed on this article.",
    ],
    "fr": [
        "Réagir",
        "Commentaires ({<#1-48>|0})",
        "Soyez le premier à réagir",
        "Voir les commentaires",
        "<#2-90> réactions",
        "Les commentaires sont fermés.",
    ],
}
ADS = {
    "en": [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Sponsored",
        "Article continues below",
        "Promoted stories",
        "Recommended by {Outbrayn|Taboolix}",
    ],
    "fr": [
        "Publicité",
        "PUBLICITÉ",
        "Contenus sponsorisés",
        "L'article continue ci-dessous",
        "Article sponsorisé",
        "Recommandé pour vous",
    ],
}
READALSO = {
    "en": [
        "Read more: <h>",
        "READ MORE: <h>",
        "Related: <h>",
        "Also read | <h>",
        "In the News: <h>",
        "You might also like: <h>",
    ],
    "fr": [
        "À lire aussi : <h>",
        "LIRE AUSSI. <h>",
        "Sur le même sujet : <h>",
        "À voir aussi : <h>",
        "Notre article : <h>",
    ],
}
LIST_HEADS = {
    "en": [
        "Latest News",
        "Latest",
        "Most read",
        "Top stories",
        "Just in",
        "More from <section>",
        "Trending",
        "In case you missed it",
        "Related stories",
        "You may also like",
        "Our picks",
        "Most popular",
    ],
    "fr": [
        "À la une",
        "Dernières infos",
        "Les plus lus",
        "En continu",
        "Sur le même sujet",
        "Nos articles recommandés",
        "Fil info",
        "Les articles les plus partagés",
        "Dans la même rubrique",
        "Toute l'actualité",
    ],
}
LIST_TAILS = {
    "en": ["All News Feed", "View all", "See more", "More stories", "Load more", ""],
    "fr": ["Voir tout le fil", "Voir plus", "Toute l'actualité", "Charger plus d'articles", ""],
}
TAG_HEADS = {
    "en": ["Tags:", "Topics", "More on this story", "Related topics", "Filed under:", "Categories:"],
    "fr": ["Mots-clés :", "Sujets :", "Thèmes", "Tags :", "Rubriques :", "Lire plus sur :"],
}
READING = {
    "en": [
        "{Reading|Read} <#2-8> min.",
        "<#2-8> min read",
        "Estimated reading time: <#2-8> minutes",
        "<#2-8>-minute read",
    ],
    "fr": [
        "Lecture <#2-8> min.",
        "Temps de lecture : <#2-8> min",
        "<#2-8> min de lecture",
        "⏱ Lecture : <#2-8> minutes",
    ],
}
CAPTION = {
    "en": [
        "{Photo|Image|Picture}: <photog>/<pub>",
        "(Image: <pub>)",
        "File photo",
        "Credit: <photog>",
        "Photograph: <photog> for <pub>",
        "{Photo|Image} for illustration purposes only",
        "Photo: <photog>",
    ],
    "fr": [
        "Photo d'illustration <pub> - <photog>",
        "© <photog> / <pub>",
        "Crédit photo : <photog>",
        "(Photo archives <pub>)",
        "Image d'illustration",
        "Photo <pub>/<photog>",
    ],
}
BYLINE = {
    "en": [
        "By <author>",
        "<author>",
        "<author>, {Staff reporter|Local Democracy Reporter|Chief reporter|Correspondent|Reporter}",
        "Written by <author>",
        "<author> | <pub>",
        "<AUTHOR>",
        "By <author> and <author2>",
        "<wire>",
        "By <wire> reporters",
    ],
    "fr": [
        "Par <author>",
        "<author>",
        "<author>, {correspondant|correspondante} à <place>",
        "La rédaction",
        "Par <author> et <author2>",
        "<author> (avec <wire_short>)",
        "Par la rédaction <de_pub>",
        "<wire>",
        "Propos recueillis par <author>",
    ],
}
FOOTER = {
    "en": [
        "© <year> <pub>{. All rights reserved.| Ltd|}",
        "Copyright © <pub> <year>",
        "{Terms & Conditions|Terms of use} | {Privacy Policy|Privacy notice} | Cookie Policy | Contact us | {Advertise with us|Advertise} | {Careers|Work for us}",
        "<pub> is part of {Harbourline|Northern Counties|Meridian Regional} Media Ltd. Registered in England No. 0<$1000000-9999999>.",
        "{About us|Our journalism} · {Complaints|Corrections} · {Accessibility|Sitemap} · {Archive|Help}",
        "Follow us\n<net>\n<net2>\nRSS",
    ],
    "fr": [
        "© <pub> <year> - Tous droits réservés",
        "Mentions légales | Politique de confidentialité | Gestion des cookies | {CGV|CGU} | Contact | Publicité",
        "{Plan du site|Nous contacter} · {Charte éditoriale|Qui sommes-nous ?} · {Recrutement|Accessibilité : partiellement conforme}",
        "<pub> - {Groupe Presse Régionale du Centre|Éditions des Deux-Rives|Médias de l'Ouest-Intérieur} - {SAS au capital de|capital social :} <#10000-900000> €",
        "Suivez-nous\n<net>\n<net2>\nFlux RSS",
    ],
}
JUNK = [
    "dts<#1-9>",
    "trk_<#10-99>",
    "{ad-slot|adunit}-<#1-12>",
    "[<#1-9> photos]",
    "Photo",
    "Video",
    "Vidéo",
    "(function(){})();",
    "ID:<#10000-99999>",
]
SECTION_FMT = ["<s>", "<s>", "Home > <s>", "News / <s>", "<s> | <place>", "<S>", "<s> - <place>", "Accueil > <s>"]


def boiler_ctx(rng, art):
    c = dict(art["ctx"])
    lang = art["lang"]
    c["section"] = expand(rng.choice(TOPICS[lang][art["topic"]]["sections"]), c, rng)
    c["net"], c["net2"] = rng.sample(SHARE_NETS, 2)
    c["year"] = str(art["when"].year)
    c["wire"] = art["wire"]
    c["wire_short"] = (EN_WIRE_SHORT if lang == "en" else FR_WIRE_SHORT)[art["wire"]]
    first = (EN_FIRST_F + EN_FIRST_M) if lang == "en" else (FR_FIRST_F + FR_FIRST_M)
    last = EN_LAST if lang == "en" else FR_LAST
    c["author"] = f"{rng.choice(first)} {rng.choice(last)}"
    c["author2"] = f"{rng.choice(first)} {rng.choice(last)}"
    c["photog"] = f"{rng.choice(first)} {rng.choice(last)}"
    c["AUTHOR"] = c["author"].upper()
    c["de_pub"] = de(art["pub"])
    c["pub_bare"] = re.sub(r"^The ", "", art["pub"])
    return c


def B(rng, pool, c):
    out = expand(rng.choice(pool), c, rng)
    return fr_fix(out) if c["lang"] == "fr" else out


def headline_list(rng, lang, art, c, n=None, with_head=True):
    n = n or rng.randint(3, 10)
    style = rng.choice(["timed", "timed", "bullets", "ago", "numbered", "inline_time", "plain"])
    when = art["when"]
    t = when.replace(hour=rng.randint(12, 22), minute=rng.randint(0, 59))
    hsep = ":" if lang == "en" or rng.random() < 0.5 else "h"
    lines = []
    if with_head:
        lines.append(B(rng, LIST_HEADS[lang], c))
        lines.append("")
    for i in range(n):
        h, topic, hctx = random_headline(rng, lang, when)
        sec = expand(rng.choice(TOPICS[lang][topic]["sections"]), hctx, rng)
        t = t - dt.timedelta(minutes=rng.randint(1, 40))
        hm = f"{t.hour:02d}{hsep}{t.minute:02d}"
        if style == "timed":
            lines += [hm] + (["Photo"] if rng.random() < 0.15 else []) + ["", h, "", sec]
        elif style == "bullets":
            lines.append(f"• {h}")
        elif style == "ago":
            ago = f"{rng.randint(1, 23)} hours ago" if lang == "en" else f"Il y a {rng.randint(1, 23)} h"
            lines += [h, ago]
        elif style == "numbered":
            lines.append(f"{i + 1}. {h}")
        elif style == "inline_time":
            lines.append(f"{hm} {h}")
        else:
            lines += [h, ""]
    tail = B(rng, LIST_TAILS[lang], c)
    if tail:
        lines.append(tail)
    return "\n".join(lines)


def nav_block(rng, lang):
    items = rng.sample(NAV[lang], rng.randint(5, 14))
    style = rng.choice(["pipe", "dot", "lines", "bullets", "slash", "space"])
    if style == "pipe":
        return " | ".join(items)
    if style == "dot":
        return " · ".join(items)
    if style == "slash":
        return " / ".join(items)
    if style == "space":
        return "  ".join(items)
    if style == "bullets":
        return "\n".join("  • " + i for i in items)
    return "\n".join(items)


def share_block(rng, lang, c):
    items = [expand(s, c, rng) for s in rng.sample(SHARE[lang], rng.randint(2, 6))]
    return rng.choice(["\n".join(items), " ".join(items), " | ".join(items)])


def tags_block(rng, art, c):
    lang = art["lang"]
    T = TOPICS[lang][art["topic"]]
    tags = []
    for t in rng.sample(T["tags"], min(len(T["tags"]), rng.randint(2, 5))):
        v = expand(t, c, rng)
        v = fr_fix(v) if lang == "fr" else v
        if v not in tags:
            tags.append(v)
    head = B(rng, TAG_HEADS[lang], c)
    style = rng.choice(["comma", "lines", "hash", "lines_nohead"])
    if style == "comma":
        return f"{head} {', '.join(tags)}"
    if style == "hash":
        return " ".join("#" + re.sub(r"\W+", "", t.title()) for t in tags)
    if style == "lines_nohead":
        return "\n".join(tags)
    return head + "\n" + "\n".join(tags)


def strip_title(title):
    t = re.sub(r"[^\w\s-]", " ", title)
    words = t.split()
    return " ".join(words[: rng_len(len(words))])


def rng_len(n):
    return max(3, min(n, 9))


# --------------------------------------------------------------------------
# Output formats
# --------------------------------------------------------------------------
def date_block(rng, art, c, date_str):
    """Byline + date lines for the top of a page."""
    lang = art["lang"]
    lines = []
    by = B(rng, BYLINE[lang], c) if rng.random() < 0.8 else None
    shape = rng.choice(["by_then_date", "date_then_by", "one_line", "bullets"])
    if date_str is None:
        und = expand(undated_line(rng, lang), c, rng)
        ds = und.split("\n") if und else []
    else:
        ds = [date_str]
    if shape == "one_line" and by and len(ds) == 1:
        lines.append(f"{by} {rng.choice(['|', '-', '·', ','])} {ds[0]}")
    elif shape == "bullets":
        if by:
            lines.append(by)
        lines += ["  • " + d for d in ds]
        if date_str and rng.random() < 0.5:
            lines.append(f"  • {art['when'].hour:02d}:{art['when'].minute:02d}")
    elif shape == "date_then_by":
        lines += ds + ([by] if by else [])
    else:
        lines += ([by] if by else []) + ds
    return lines


def article_text_block(rng, art, c, indent, sep, inserts=True):
    lang = art["lang"]
    paras = list(art["paras"])
    out = []
    ins_at = {}
    if inserts and len(paras) > 3:
        for kind in ["ad", "readalso", "newsletter", "caption"]:
            p = {"ad": 0.3, "readalso": 0.3, "newsletter": 0.08, "caption": 0.1}[kind]
            if rng.random() < p:
                ins_at.setdefault(rng.randint(1, len(paras) - 1), []).append(kind)
    for i, p in enumerate(paras):
        for kind in ins_at.get(i, []):
            if kind == "ad":
                out.append(B(rng, ADS[lang], c))
            elif kind == "readalso":
                h, _, _ = random_headline(rng, lang, art["when"], topic=art["topic"])
                out.append(expand(rng.choice(READALSO[lang]).replace("<h>", "\x03"), c, rng).replace("\x03", h))
            elif kind == "newsletter":
                out.append(B(rng, NEWSLETTER[lang], c))
            else:
                out.append(B(rng, CAPTION[lang], c))
        out.append(p)
    text = sep.join(out)
    if indent:
        text = "\n".join((indent + ln) if ln.strip() else ln for ln in text.split("\n"))
    return text


def txt_page(rng, art, date_str):
    lang = art["lang"]
    c = boiler_ctx(rng, art)
    indent = rng.choices(["", "    ", "  "], [70, 22, 8])[0]
    sep = rng.choice(["\n\n", "\n\n", "\n"])
    top, mid_head, tail = [], [], []
    aggregator = rng.random() < 0.1
    if aggregator:
        top.append(B(rng, PROMO[lang][:1], c))
        top += [art["pub"], art["pub"]] if rng.random() < 0.5 else [art["pub"]]
        top.append(c["section"])
    else:
        if rng.random() < 0.2:
            top.append(B(rng, COOKIE[lang], c))
        if rng.random() < 0.45:
            top.append("\n".join(B(rng, UTILITY[lang], c) for _ in range(rng.randint(1, 4))))
        if rng.random() < 0.35:
            top.append(art["pub"] if rng.random() < 0.7 else art["pub"].upper())
        if rng.random() < 0.6:
            top.append(nav_block(rng, lang))
        if rng.random() < 0.12:
            h, _, _ = random_headline(rng, lang, art["when"])
            top.append(
                rng.choice(
                    ["BREAKING: ", "Breaking | ", "LIVE ", "Just in: "]
                    if lang == "en"
                    else ["DIRECT. ", "ALERTE - ", "Info en continu | ", "URGENT. "]
                )
                + h
            )
        if rng.random() < 0.1:
            top.append(B(rng, PROMO[lang][1:], c))
    # headline block
    if rng.random() < 0.55:
        mid_head.append(
            expand(rng.choice(SECTION_FMT).replace("<s>", c["section"]).replace("<S>", c["section"].upper()), c, rng)
        )
    mid_head.append(art["title"])
    if rng.random() < 0.1:
        mid_head.append(strip_title(art["title"]))
    if art["standfirst"] and rng.random() < 0.4:
        mid_head.append(art["standfirst"])
    date_bottom = rng.random() < 0.12 and date_str is not None
    if not date_bottom:
        mid_head += date_block(rng, art, c, date_str)
    if rng.random() < 0.2:
        mid_head.append(B(rng, READING[lang], c))
    if rng.random() < 0.2:
        mid_head.append(share_block(rng, lang, c))
    if rng.random() < 0.25:
        mid_head.append(B(rng, CAPTION[lang], c))
    body = article_text_block(rng, art, c, indent, sep)
    # tail blocks
    if date_bottom:
        lab = rng.choice(
            ["First published: ", "Published: ", ""] if lang == "en" else ["Première publication : ", "Publié : ", ""]
        )
        tail.append(lab + date_str)
    options = []
    if rng.random() < 0.4:
        options.append(tags_block(rng, art, c))
    if rng.random() < 0.35:
        options.append(share_block(rng, lang, c))
    if aggregator or rng.random() < 0.2:
        options.append(B(rng, PAYWALL[lang], c))
    if rng.random() < 0.55:
        options.append(headline_list(rng, lang, art, c))
    if rng.random() < 0.2:
        options.append(B(rng, COMMENTS[lang], c))
    if rng.random() < 0.15:
        options.append(B(rng, NEWSLETTER[lang], c))
    if rng.random() < 0.15:
        options.append(B(rng, PROMO[lang], c))
    rng.shuffle(options)
    tail += options
    if rng.random() < 0.45:
        tail.append("\n".join(B(rng, FOOTER[lang], c) for _ in range(rng.randint(1, 3))))
    if rng.random() < 0.12:
        tail.append(B(rng, COOKIE[lang], c))
    if rng.random() < 0.06:
        tail.append(B(rng, JUNK, c))
    blocks = [*top, "\n".join(mid_head), body, *tail]
    joiner = rng.choice(["\n\n", "\n", "\n\n\n"])
    text = joiner.join(b for b in blocks if b is not None)
    if indent and rng.random() < 0.5:
        text = "\n".join((indent + ln) if ln.strip() else ln for ln in text.split("\n"))
    return text.strip("\n") + ("\n" if rng.random() < 0.7 else "")


def esc(s):
    return html.escape(s, quote=False)


def esca(s):
    return html.escape(s, quote=True)


def html_page(rng, art, date_str, url):
    lang = art["lang"]
    c = boiler_ctx(rng, art)
    iso = art["when"].strftime("%Y-%m-%dT%H:%M:%S") + ("+00:00" if lang == "en" else "+01:00")
    meta_date = date_str is not None and rng.random() < 0.6
    jsonld = date_str is not None and rng.random() < 0.3
    title_tag = rng.choice(["{t} | {p}", "{t} - {p}", "{t}", "{p}: {t}" if lang == "en" else "{p} : {t}"]).format(
        t=art["title"], p=art["pub"]
    )
    h = [
        "<!DOCTYPE html>",
        f'<html lang="{"en-GB" if lang == "en" else rng.choice(["fr-FR", "fr"])}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{esc(title_tag)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ]
    desc = art["standfirst"] or first_sentence(art["paras"][0])
    h.append(f'<meta name="description" content="{esca(desc)}">')
    if rng.random() < 0.6:
        h.append(f'<meta property="og:site_name" content="{esca(art["pub"])}">')
    h.append(f'<meta property="og:title" content="{esca(art["title"])}">')
    h.append('<meta property="og:type" content="article">')
    if meta_date:
        h.append(f'<meta property="article:published_time" content="{iso}">')
    if rng.random() < 0.5:
        h.append(f'<meta property="article:section" content="{esca(c["section"])}">')
    h.append(f'<link rel="canonical" href="{esca(url)}">')
    if jsonld:
        ld = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": art["title"],
            "datePublished": iso,
            "publisher": {"@type": "Organization", "name": art["pub"]},
        }
        if rng.random() < 0.6:
            ld["author"] = {"@type": "Person", "name": c["author"]}
        h.append('<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False) + "</script>")
    h.append(
        '<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"article","section":"{}"}});</script>'.format(
            c["section"].replace('"', "")
        )
    )
    h.append(
        "<style>body{font-family:Georgia,serif;margin:0}.ad-slot{min-height:250px}.visually-hidden{display:none}</style>"
    )
    h += ["</head>", f'<body class="{rng.choice(["article-page", "page-article", "story", "single-post"])}">']
    if rng.random() < 0.3:
        cb = B(rng, COOKIE[lang], c).split("\n")
        h.append(
            '<div id="cookie-consent" class="banner"><p>'
            + esc(cb[0])
            + "</p>"
            + "".join(f"<button>{esc(x)}</button>" for x in cb[1:])
            + "</div>"
        )
    if rng.random() < 0.4:
        h.append(f'<a class="skip-link" href="#main">{esc(B(rng, UTILITY[lang][:1], c))}</a>')
    nav_items = rng.sample(NAV[lang], rng.randint(5, 12))
    nav_html = (
        "<nav><ul>" + "".join(f'<li><a href="/{slugify(i)}/">{esc(i)}</a></li>' for i in nav_items) + "</ul></nav>"
    )
    h.append(f'<header class="site-header"><a href="/" class="logo">{esc(art["pub"])}</a>{nav_html}</header>')
    h.append('<main id="main">')
    use_article = rng.random() < 0.65
    open_tag, close_tag = ("<article>", "</article>") if use_article else ('<div class="content">', "</div>")
    h.append(open_tag)
    if rng.random() < 0.5:
        h.append(f'<div class="kicker"><a href="/{slugify(c["section"])}/">{esc(c["section"])}</a></div>')
    h.append(
        f'<h1 class="headline">{esc(art["title"])}</h1>'
        if use_article
        else f'<div class="headline"><h1>{esc(art["title"])}</h1></div>'
    )
    if art["standfirst"] and rng.random() < 0.5:
        h.append(f'<p class="standfirst">{esc(art["standfirst"])}</p>')
    meta = []
    if rng.random() < 0.75:
        meta.append(f'<span class="author">{esc(B(rng, BYLINE[lang], c))}</span>')
    if date_str is not None and rng.random() < 0.8:
        if rng.random() < 0.6:
            meta.append(f'<time datetime="{iso}">{esc(date_str)}</time>')
        else:
            meta.append(f'<span class="date">{esc(date_str)}</span>')
    elif date_str is None:
        u = expand(undated_line(rng, lang), c, rng)
        if u:
            meta.append(f'<span class="date">{esc(u.splitlines()[0])}</span>')
    if meta:
        h.append('<div class="byline">' + " ".join(meta) + "</div>")
    if rng.random() < 0.4:
        h.append(
            f'<figure><img src="/img/{rng.randint(10000, 99999)}.jpg" alt="{esca(art["title"][:60])}">'
            f"<figcaption>{esc(B(rng, CAPTION[lang], c))}</figcaption></figure>"
        )
    pstyle = rng.choice(["p", "p", "p", "div", "br"])
    h.append('<div class="article-body">' if use_article else '<div class="text">')
    paras = art["paras"]
    ad_at = rng.randint(1, max(1, len(paras) - 1)) if rng.random() < 0.5 else -1
    chunks = []
    for i, p in enumerate(paras):
        if i == ad_at:
            chunks.append(f'<div class="ad-slot"><span>{esc(B(rng, ADS[lang], c))}</span></div>')
        if pstyle == "p":
            chunks.append(f"<p>{esc(p)}</p>")
        elif pstyle == "div":
            chunks.append(f'<div class="paragraph">{esc(p)}</div>')
        else:
            chunks.append(esc(p) + "<br><br>")
    h += chunks
    h.append("</div>")
    if rng.random() < 0.4:
        tb = tags_block(rng, art, c).split("\n")
        h.append('<div class="tags">' + " ".join(f'<a href="/tag/{slugify(t)}">{esc(t)}</a>' for t in tb) + "</div>")
    if rng.random() < 0.3:
        h.append(
            '<div class="share">'
            + " ".join(f"<button>{esc(s)}</button>" for s in share_block(rng, lang, c).split("\n"))
            + "</div>"
        )
    if rng.random() < 0.15:
        h.append(
            '<div class="paywall">'
            + "".join(f"<p>{esc(x)}</p>" for x in B(rng, PAYWALL[lang], c).split("\n"))
            + "</div>"
        )
    h.append(close_tag)
    if rng.random() < 0.7:
        items = []
        for _ in range(rng.randint(3, 8)):
            hh, _, _ = random_headline(rng, lang, art["when"])
            items.append(f'<li><a href="/{slug_trunc(hh, 60)}">{esc(hh)}</a></li>')
        h.append(
            f'<aside class="related"><h3>{esc(B(rng, LIST_HEADS[lang], c))}</h3><ol>' + "".join(items) + "</ol></aside>"
        )
    h.append("</main>")
    foot = [esc(B(rng, FOOTER[lang], c)).replace("\n", "<br>") for _ in range(rng.randint(1, 3))]
    h.append("<footer>" + "".join(f"<p>{f}</p>" for f in foot) + "</footer>")
    h.append(f'<script src="/static/js/app.{rng.randint(1000, 9999)}.min.js" defer></script>')
    h += ["</body>", "</html>"]
    return "\n".join(h) + "\n"


def slugify(s):
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def slug_trunc(s, n):
    """Slug cut at a word boundary (never leaves a word fragment)."""
    sl = slugify(s)
    if len(sl) <= n:
        return sl
    return sl[: n + 1].rsplit("-", 1)[0]


def make_url(rng, art, domain):
    c = art["ctx"]
    sec = slugify(expand(rng.choice(TOPICS[art["lang"]][art["topic"]]["sections"]), c, rng))
    d = art["when"]
    slug = slug_trunc(art["title"], 80)
    pat = rng.choice(
        [
            "{sec}/{y}/{m:02d}/{d:02d}/{slug}",
            "{sec}/{slug}-{id}",
            "news/{sec}/{slug}-{id}.html",
            "{y}/{m:02d}/{slug}",
            "article/{id}/{slug}",
        ]
    )
    path = pat.format(sec=sec, y=d.year, m=d.month, d=d.day, slug=slug, id=rng.randint(1000000, 9999999))
    return f"https://www.{domain}/{path}"


def jsonl_record(rng, art, url):
    d = art["when"]
    r = rng.random()
    if r < 0.35:
        pub = d.strftime("%Y-%m-%dT%H:%M:%S") + rng.choice(["Z", "+00:00", "+01:00", ""])
    elif r < 0.55:
        pub = d.strftime("%a, %d %b %Y %H:%M:%S +0000")
    elif r < 0.7:
        pub = d.strftime("%Y-%m-%d %H:%M:%S")
    elif r < 0.8:
        pub = d.strftime("%Y-%m-%d")
    elif r < 0.9:
        pub = ""
    else:
        pub = None
    text = rng.choice(["\n\n", "\n", " "]).join(art["paras"])
    if rng.random() < 0.25:
        lang = art["lang"]
        text += "\n" + (
            rng.choice(
                [
                    f"The post {art['title']} appeared first on {art['pub']}.",
                    "Read more",
                    "Continue reading...",
                    f"Source: {art['pub']}",
                ]
            )
            if lang == "en"
            else rng.choice(
                [
                    f"Cet article {art['title']} est paru en premier sur {art['pub']}.",
                    "Lire la suite",
                    "Lire l'article complet",
                    f"Source : {art['pub']}",
                ]
            )
        )
    rec = {
        "text": text,
        "title": art["title"],
        "url": url,
        "published": pub,
        "source": art["pub"],
        "language": art["lang"],
    }
    return rec, pub


def tag_page(rng, arts, dates):
    lang = arts[0]["lang"]
    c = boiler_ctx(rng, arts[0])
    tag = c["section"]
    head = rng.choice(
        ["Tag - {t}", "Tag: {t}", "Topic: {t}", "{t} - Archives - {p}", "{t}"]
        if lang == "en"
        else ["Tag - {t}", "Catégorie : {t}", "{t} - Archives - {p}", "Rubrique {t}", "Mot-clé : {t}"]
    ).format(t=tag, p=arts[0]["pub"])
    out = []
    if rng.random() < 0.5:
        out.append(nav_block(rng, lang))
        out.append("")
    out.append(head)
    out.append("")
    one_line = rng.random() < 0.6
    psep = rng.choice([" ", "  "])
    for art, ds in zip(arts, dates, strict=False):
        ac = boiler_ctx(rng, art)
        out.append(art["title"])
        if ds and rng.random() < 0.7:
            out.append(ds)
        if one_line:
            out.append(psep.join(art["paras"]) + (" " if rng.random() < 0.5 else ""))
        else:
            out.append("\n".join(art["paras"]))
        T = TOPICS[lang][art["topic"]]
        cats = []
        for t in rng.sample(T["tags"], min(len(T["tags"]), rng.randint(1, 3))) + ([tag] if rng.random() < 0.8 else []):
            v = expand(t, ac, rng)
            v = fr_fix(v) if lang == "fr" else v
            if v not in cats:
                cats.append(v)
        if rng.random() < 0.5:
            cats.insert(0, "Actualité" if lang == "fr" else "News")
        out += cats
    out.append("")
    out.append(
        rng.choice(
            ["Load more", "Page 1 of <#3-40>", "Next page", "Older posts"]
            if lang == "en"
            else ["Voir plus", "Page 1 sur <#3-40>", "Page suivante", "Articles plus anciens"]
        )
    )
    out[-1] = expand(out[-1], c, rng)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Planning and main
# --------------------------------------------------------------------------
DATE_LO = dt.datetime(2023, 6, 1)
DATE_HI = dt.datetime(2026, 3, 31)


def rand_when(rng):
    span = int((DATE_HI - DATE_LO).total_seconds() // 60)
    d = DATE_LO + dt.timedelta(minutes=rng.randint(0, span))
    return d.replace(hour=rng.randint(6, 22), second=0)


def plan(n, rng):
    """Split n articles into units: ('txt'|'html'|'jsonl', 1) and ('tag', k)."""
    n_jsonl = round(0.05 * n)
    n_html = round(0.10 * n)
    n_tagpages = round(0.03 * n)
    tag_sizes = []
    left = n - n_jsonl - n_html
    for _ in range(n_tagpages):
        k = rng.randint(3, 5)
        if left - k < 0:
            break
        tag_sizes.append(k)
        left -= k
    n_txt = left
    units = [("txt", 1)] * n_txt + [("html", 1)] * n_html + [("jsonl", 1)] * n_jsonl + [("tag", k) for k in tag_sizes]
    rng.shuffle(units)
    # languages: exactly round(0.6 n) English articles overall
    en_target = round(0.6 * n)
    langs = []
    en_used = 0
    tag_idx = [i for i, u in enumerate(units) if u[0] == "tag"]
    lang_of = {}
    for i in tag_idx:
        lang_of[i] = "en" if rng.random() < 0.6 else "fr"
        if lang_of[i] == "en":
            en_used += units[i][1]
    singles = [i for i, u in enumerate(units) if u[0] != "tag"]
    en_left = max(0, min(len(singles), en_target - en_used))
    single_langs = ["en"] * en_left + ["fr"] * (len(singles) - en_left)
    rng.shuffle(single_langs)
    for i, lang in zip(singles, single_langs, strict=False):
        lang_of[i] = lang
    for i in range(len(units)):
        langs.append(lang_of[i])
    return units, langs


def pick_topic(rng):
    names = list(TOPIC_WEIGHTS)
    return rng.choices(names, weights=[TOPIC_WEIGHTS[k] for k in names])[0]


def file_id(seed, idx):
    return hashlib.sha1(f"distractor:{seed}:{idx}".encode()).hexdigest()[:16]


def generate(out_dir, n, seed, with_corpus=None, manifest_path=None, clean=False, keep_readme=False):
    t0 = time.perf_counter()
    os.makedirs(out_dir, exist_ok=True)
    existing = [f for f in os.listdir(out_dir) if os.path.isfile(os.path.join(out_dir, f))]
    if existing:
        if not clean:
            raise SystemExit(f"{out_dir} is not empty ({len(existing)} files); use --clean to replace them")
        for f in existing:
            os.remove(os.path.join(out_dir, f))
    master = random.Random(f"distractors-{seed}")
    units, langs = plan(n, master)
    manifest = []
    written = {}
    jsonl_lines = []
    art_no = 0
    for ui, ((fmt, k), lang) in enumerate(zip(units, langs, strict=False)):
        rng = random.Random(f"{seed}:unit:{ui}")
        pubs = EN_PUBS if lang == "en" else FR_PUBS
        pub, domain = rng.choice(pubs)
        fid = f"{ui + 5:04d}_{file_id(seed, ui)}"
        if fmt == "tag":
            topic = pick_topic(rng)
            arts, dates = [], []
            base = rand_when(rng)
            style = quote_style(rng, lang)
            seen = []
            for j in range(k):
                when = base - dt.timedelta(days=j * rng.randint(1, 20), minutes=rng.randint(0, 600))
                for _ in range(6):  # avoid two stories on the same subject in the same place
                    t = topic if rng.random() < 0.7 else pick_topic(rng)
                    a = make_article(rng, lang, t, when, pub, short=True, style=style)
                    key = (t, a["ctx"]["place"], a["ctx"]["kind"])
                    if key not in seen:
                        break
                seen.append(key)
                ds, _ = date_display(rng, lang, when)
                arts.append(a)
                dates.append(ds)
            text = tag_page(rng, arts, dates)
            fname = fid + ".txt"
            written[fname] = text
            for j, (a, ds) in enumerate(zip(arts, dates, strict=False)):
                shown = ds if ds and (ds in text) else None
                manifest.append(entry(fname, "tag", j, a, shown))
            art_no += k
            continue
        topic = pick_topic(rng)
        when = rand_when(rng)
        art = make_article(rng, lang, topic, when, pub)
        ds, _ = date_display(rng, lang, when)
        url = make_url(rng, art, domain)
        if fmt == "txt":
            text = txt_page(rng, art, ds)
            fname = fid + ".txt"
            written[fname] = text
            manifest.append(entry(fname, "txt", 0, art, ds if ds and ds in text else None, url))
        elif fmt == "html":
            text = html_page(rng, art, ds, url)
            fname = fid + ".html"
            written[fname] = text
            shown = ds if ds and html.escape(ds, quote=False) in text else None
            manifest.append(
                entry(
                    fname,
                    "html",
                    0,
                    art,
                    shown,
                    url,
                    meta_time='property="article:published_time"' in text or '"datePublished"' in text,
                )
            )
        else:
            rec, pub_field = jsonl_record(rng, art, url)
            jsonl_lines.append(json.dumps(rec, ensure_ascii=False))
            manifest.append(entry(None, "jsonl", len(jsonl_lines) - 1, art, pub_field or None, url))
        art_no += 1
    if jsonl_lines:
        jname = f"feed_export_{file_id(seed, 'jsonl')[:8]}.jsonl"
        written[jname] = "\n".join(jsonl_lines) + "\n"
        for m in manifest:
            if m["format"] == "jsonl":
                m["file"] = jname
    # forbidden-term assertion over every generated file
    for fname, text in written.items():
        check_forbidden(html_visible(text) if fname.endswith(".html") else text, fname)
    for fname, text in written.items():
        with open(os.path.join(out_dir, fname), "w", encoding="utf-8") as f:
            f.write(text)
    copied = []
    if with_corpus:
        for f in sorted(os.listdir(with_corpus)):
            src = os.path.join(with_corpus, f)
            if not os.path.isfile(src) or f.startswith("."):
                continue
            if f.lower().startswith("readme") and not keep_readme:
                continue
            if f in written:
                raise SystemExit(f"name clash with corpus file {f}")
            shutil.copyfile(src, os.path.join(out_dir, f))
            copied.append(f)
    elapsed = time.perf_counter() - t0
    if manifest_path:
        with open(manifest_path, "w", encoding="utf-8") as f:
            json.dump(
                {"seed": seed, "n": n, "articles": manifest, "copied_corpus_files": copied},
                f,
                ensure_ascii=False,
                indent=1,
            )
    return manifest, written, copied, elapsed


def entry(fname, fmt, idx, art, shown_date, url=None, meta_time=None):
    words = sum(nwords(p) for p in art["paras"])
    e = {
        "file": fname,
        "format": fmt,
        "index": idx,
        "lang": art["lang"],
        "topic": art["topic"],
        "title": art["title"],
        "publisher": art["pub"],
        "date": art["when"].strftime("%Y-%m-%d"),
        "date_shown": shown_date,
        "words": words,
    }
    if url:
        e["url"] = url
    if meta_time is not None:
        e["html_meta_date"] = meta_time
    return e


def print_stats(manifest, written, copied, elapsed):
    from collections import Counter

    n = len(manifest)
    fmt_c = Counter(m["format"] for m in manifest)
    files_c = Counter(os.path.splitext(f)[1] for f in written)
    lang_c = Counter(m["lang"] for m in manifest)
    topic_c = Counter(m["topic"] for m in manifest)
    words = sorted(m["words"] for m in manifest)

    def q(p):
        return words[min(len(words) - 1, int(p * len(words)))]

    undated = sum(1 for m in manifest if not m["date_shown"] and not m.get("html_meta_date"))
    print(f"articles: {n}   files written: {len(written)} {dict(files_c)}   corpus files copied: {len(copied)}")
    print("articles by format: " + ", ".join(f"{k}={v} ({v / n:.1%})" for k, v in fmt_c.most_common()))
    print(f"tag pages: {sum(1 for f in set(m['file'] for m in manifest if m['format'] == 'tag'))}")
    print("language: " + ", ".join(f"{k}={v} ({v / n:.1%})" for k, v in lang_c.most_common()))
    print(f"words (body): min={words[0]} p10={q(0.1)} median={q(0.5)} p90={q(0.9)} max={words[-1]}")
    print("topics: " + ", ".join(f"{k}={v}" for k, v in topic_c.most_common()))
    print(f"articles stating no date: {undated} ({undated / n:.1%})")
    print(f"forbidden-term check: passed on {len(written)} files ({len(FORBIDDEN_TERMS)} + {len(ALSO_AVOIDED)} terms)")
    print(f"elapsed: {elapsed:.2f}s")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--n", type=int, default=1000, help="number of distractor articles (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--with-corpus", help="also copy this corpus directory's files in (README* skipped)")
    ap.add_argument("--keep-readme", action="store_true", help="with --with-corpus, copy README files too")
    ap.add_argument("--manifest", help="write per-article metadata (JSON) to this path (keep it outside --out)")
    ap.add_argument("--clean", action="store_true", help="delete existing files in --out first")
    ap.add_argument("--quiet", action="store_true", help="no statistics")
    a = ap.parse_args(argv)
    if a.n < 1:
        ap.error("--n must be >= 1")
    manifest, written, copied, elapsed = generate(a.out, a.n, a.seed, a.with_corpus, a.manifest, a.clean, a.keep_readme)
    if not a.quiet:
        print_stats(manifest, written, copied, elapsed)


if __name__ == "__main__":
    main()
