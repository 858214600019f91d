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

Stdlib only; the word lists and templates are data files in evals/distractors/.
Every company, platform, person, publisher and law in the output
is invented; an assertion checks that none of the terms in distractors/terms.json (the sample
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
from pathlib import Path

# Every word list, template and page fragment lives in distractors/ next to this file
# (see evals/README_distractors.md); this module is the generator that draws from them.
#   terms.json        the sample corpus's entities and topics, never written (checked
#                     whole-word, case-insensitively, over every file)
#   pools.json        invented people, places, firms, apps, publishers, months, sports
#   stories.json      topic weights and which generic paragraphs fit which topic
#   templates_XX.json per language: topics (sections, tags, titles, leads, body,
#                     quotes, closers), generic paragraphs and closers; a template may
#                     start with [kind,...] or [!kind,...] to fit only some story kinds
#   boilerplate.json  navigation, cookie banners, paywalls, bylines... around a story
#   setups.json       per language and topic, the word lists a setup_* function draws an
#                     article's cast and facts from (storms, parties, issues, roles...);
#                     the functions keep only what ties the draws together
DATA = Path(__file__).resolve().with_name("distractors")


def _load(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


TERMS = _load("terms.json")
POOLS = _load("pools.json")
STORIES = _load("stories.json")
BOILERPLATE = _load("boilerplate.json")
SETUP_WORDS = _load("setups.json")


def _term_regex(terms):
    parts = []
    for t in terms:
        parts.append(r"\s+".join(re.escape(w) for w in t.split()))
    return re.compile(r"(?<!\w)(?:{})(?!\w)".format("|".join(parts)), re.IGNORECASE)


FORBIDDEN_RE = _term_regex(TERMS["forbidden_terms"] + TERMS["also_avoided"])


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
# Article context
# --------------------------------------------------------------------------
def add_person(ctx, rng, lang, i, used, female=None):
    if female is None:
        female = rng.random() < 0.5
    if lang == "en":
        firsts = POOLS["en_first_f"] if female else POOLS["en_first_m"]
        lasts = POOLS["en_last"]
    else:
        firsts = POOLS["fr_first_f"] if female else POOLS["fr_first_m"]
        lasts = POOLS["fr_last"]
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
    places = pick_distinct(rng, POOLS["en_places"] if lang == "en" else POOLS["fr_places"], 3)
    ctx["place"], ctx["place3"], ctx["place4"] = places
    ctx["place2"] = rng.choice(POOLS["en_small"] if lang == "en" else POOLS["fr_small"])
    if lang == "en":
        ctx["region"], ctx["river"] = POOLS["en_geo"][ctx["place"]]
        ctx["wire"] = rng.choice(POOLS["en_wires"])
    else:
        ctx["region_in"], ctx["dept"], ctx["river"] = POOLS["fr_geo"][ctx["place"]]
        ctx["wire"] = rng.choice(POOLS["fr_wires"])
    days = POOLS["en_days"] if lang == "en" else POOLS["fr_days"]
    months = POOLS["en_months"] if lang == "en" else POOLS["fr_months"]
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
    ords = POOLS["en_ord"] if lang == "en" else POOLS["fr_ord"]
    ctx["pos"] = rng.choice(ords[1:10])
    ctx["nth"] = rng.choice(ords[1:6])
    ctx["firm"], ctx["firm2"] = pick_distinct(rng, POOLS["en_firms"] if lang == "en" else POOLS["fr_firms"], 2)
    ctx["app"], ctx["app2"] = pick_distinct(rng, POOLS["apps"], 2)
    return ctx


# --------------------------------------------------------------------------
# English topics
# --------------------------------------------------------------------------


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
    words = SETUP_WORDS["en"]["sports"]
    players(c, r, "en")
    sp = r.choice(POOLS["en_sports"])
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
    c["R1"] = f"{t1} {r.choice(words['R1'])}"


def setup_weather_en(c, r):
    words = SETUP_WORDS["en"]["weather"]
    c.update(
        storm=r.choice(words["storm"]),
        met=r.choice(words["met"]),
        org="the council",
        subject="the clean-up operation",
        group="the local flood action group",
        kind=r.choice(words["kind"]),
    )
    summer = c["month"] in words["summer"]
    if c["kind"] == "heat" and not summer:
        c["kind"] = "warning"
    hz = r.choice(words["hz"] + ([] if summer else [words["hz_2"]]) + ([words["hz_3"]] if summer else []))
    c.update(hz_title=hz[0], hz_for=hz[1], hz_bring=hz[2])
    if c["kind"] == "heat":
        c.update(subject="the heat advice", group="the local heatwave volunteers' network")
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(
        ["who runs a café on the high street", "a resident of the worst-hit street", "a farmer near " + c["place2"]]
    )
    c["R3"] = "the council's head of emergency planning"


def setup_politics_en(c, r):
    words = SETUP_WORDS["en"]["politics"]
    issue = r.choice(words["issue"])
    c.update(
        issue=issue[0],
        issue_short=issue[1],
        subject=issue[2],
        council=f"{c['place']} City Council",
        party=r.choice(words["party"]),
        party2=r.choice(words["party2"]),
        org=f"{c['place']} City Council",
        group="the local civic society",
    )
    c["R1"] = r.choice(words["R1"])
    c["R2"] = "leader of the opposition group"
    c["kind"] = r.choice(words["kind"])


def setup_economy_en(c, r):
    words = SETUP_WORDS["en"]["economy"]
    c.update(
        sector=POOLS["en_firm_sector"][c["firm"]],
        cur="£",
        org=c["firm"],
        subject=r.choice(words["subject"]),
        group="the union representing staff at the site",
        kind=r.choice(words["kind"]),
        index=r.choice(words["index"]),
    )
    c["R1"] = r.choice(words["R1"])
    econ_figures(c, r, "en")
    c["site"] = "offices" if c["sector"] in POOLS["office_sectors"] else r.choice(words["site"])
    if c["kind"] == "macro":
        c.update(org="the national statistics office", subject="the figures", group="the regional chamber of commerce")
    c["R2"] = r.choice(words["R2"])
    c["R3"] = "regional organiser for the union"


def setup_science_en(c, r):
    words = SETUP_WORDS["en"]["science"]
    f = r.choice(words["f"])
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
    words = SETUP_WORDS["en"]["health"]
    h = r.choice(words["h"])
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
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(
        ["a GP in " + c["place2"], "a nurse with 20 years' experience", "chair of the local patients' forum"]
    )


def setup_culture_en(c, r):
    words = SETUP_WORDS["en"]["culture"]
    k = r.choice(words["k"])
    c.update(
        kindname=k["kind"],
        ev=k["ev"],
        venue=k["venue"],
        org="the organisers",
        subject=k["ev"],
        group="the city's arts council",
        kind="prize" if k["kind"] == "book prize" else "event",
        work=r.choice(words["work"]),
    )
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(words["R2"])


def setup_transport_en(c, r):
    words = SETUP_WORDS["en"]["transport"]
    c["cost_old"] = str(r.randint(20, 190))
    c["cost_new"] = str(int(c["cost_old"]) + r.randint(30, 290))
    t = r.choice(
        [
            dict(scheme="the new tram line", op=f"{c['place']} Metro", what="tram", kind="scheme"),
            dict(
                scheme="the bus network overhaul",
                op=r.choice(words["op"]),
                what="bus",
                kind="network",
            ),
            dict(
                scheme="the rail timetable change",
                op=r.choice(words["op_2"]),
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
        road=r.choice(words["road"]),
    )
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(
        ["a commuter from " + c["place2"], "who uses the service every day", "a shop owner near the works"]
    )


def setup_agri_en(c, r):
    words = SETUP_WORDS["en"]["agriculture"]
    a = r.choice(words["a"])
    c["kind"] = a["kind"]
    c.update(
        crop=a["crop"],
        issue=a["issue"],
        coop=r.choice(words["coop"]),
        org="the farmers' union",
        subject=a["issue"],
        group="the regional farmers' union",
    )
    c["R1"] = r.choice(
        ["a fourth-generation farmer", "who farms 400 acres near " + c["place2"], "chair of the county farmers' branch"]
    )
    c["R2"] = r.choice(words["R2"])


def setup_education_en(c, r):
    words = SETUP_WORDS["en"]["education"]
    e = r.choice(
        [
            dict(issue="exam results", school=f"{c['place']} Academy", kind="results"),
            dict(
                issue="a critical inspection report",
                school=f"St {r.choice(words['school'])}'s Primary School",
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
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(words["R2"])


def setup_tech_en(c, r):
    words = SETUP_WORDS["en"]["tech"]
    c.update(
        law=r.choice(words["law"]),
        reg=r.choice(words["reg"]),
        org=c["app"],
        subject=f"{c['app']}'s plans",
        group="the consumer organisation Which Way",
        users=fmt_int(r.randint(40, 900) * 1000, "en"),
        raise_m=str(r.randint(3, 60)),
        kind=r.choice(words["kind"]),
    )
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(words["R2"])


def setup_justice_en(c, r):
    words = SETUP_WORDS["en"]["justice"]
    kind = r.choice(words["kind"])
    j = r.choice(words["j"])
    if kind == "fine":
        j = dict(
            case="illegal dumping of {construction|household|industrial} waste on farmland near <place2>",
            short="waste dumping",
        )
        c["firm2"] = r.choice(words["firm2"])
    c["fine"] = str(r.randint(20, 900))
    c.update(
        kind=kind,
        case=j["case"],
        case_short=j["short"],
        court=f"{c['place']} Crown Court",
        org=f"{c['place']} Police",
        subject="the investigation",
        group="victims' support charity Safe Harbour",
        nsusp=r.choice(words["nsusp"]),
    )
    c["R1"] = r.choice(words["R1"])
    c["R2"] = r.choice(words["R2"])
    c["R3"] = "defending"


# --------------------------------------------------------------------------
# French topics
# --------------------------------------------------------------------------


def setup_sports_fr(c, r):
    words = SETUP_WORDS["fr"]["sports"]
    players(c, r, "fr")
    sp = r.choice(POOLS["fr_sports"])
    t1, t2, t3 = r.sample(POOLS["fr_towns_club"], 3)
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
    c["lecap"] = r.choice(words["lecap"] if c["women"] else words["lecap_2"])
    c["R1"] = role(c, 1, "l'entraîneur de " + t1, "l'entraîneuse de " + t1)


def setup_weather_fr(c, r):
    words = SETUP_WORDS["fr"]["weather"]
    c.update(
        tempete=r.choice(words["tempete"]),
        route=r.choice(words["route"]),
        org="la préfecture",
        subject="la situation",
        group="les services de secours",
        kind=r.choice(words["kind"]),
    )
    summer = c["month"] in words["summer"]
    if c["kind"] == "heat" and not summer:
        c["kind"] = "warning"
    hz = r.choice(words["hz"] + ([] if summer else [words["hz_2"]]) + ([words["hz_3"]] if summer else []))
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
    words = SETUP_WORDS["fr"]["politics"]
    issue = r.choice(words["issue"])
    c.update(
        issue=issue[0],
        issue_short=issue[1],
        subject=issue[2],
        issue_art=issue[3],
        liste=r.choice(words["liste"]),
        liste2=r.choice(words["liste2"]),
        org=f"la mairie de {c['place']}",
        group="le collectif d'habitants",
    )
    c["R1"] = (
        role(c, 1, "maire de " + c["place"], "maire de " + c["place"])
        if r.random() < 0.5
        else role(c, 1, "adjoint aux finances", "adjointe aux finances")
    )
    c["R2"] = role(c, 2, "chef de file de l'opposition", "cheffe de file de l'opposition")
    c["kind"] = r.choice(words["kind"])


def setup_economy_fr(c, r):
    words = SETUP_WORDS["fr"]["economy"]
    c.update(
        secteur=POOLS["fr_firm_sector"][c["firm"]],
        org=c["firm"],
        subject="la restructuration",
        group="l'intersyndicale",
        kind=r.choice(words["kind"]),
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
    words = SETUP_WORDS["fr"]["science"]
    f = r.choice(words["f"])
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
    words = SETUP_WORDS["fr"]["health"]
    h = r.choice(words["h"])
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
    words = SETUP_WORDS["fr"]["culture"]
    k = r.choice(words["k"])
    c.update(
        kind="prize" if k["kind"] == "prix littéraire" else "event",
        kindname=k["kind"],
        ev=k["ev"],
        lieu=k["lieu"],
        org="les organisateurs",
        subject=k["ev"],
        group="l'office de tourisme",
        oeuvre=r.choice(words["oeuvre"]),
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
    words = SETUP_WORDS["fr"]["transport"]
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
                op=r.choice(words["op"]),
                quoi="bus",
                agr="e",
                sera="serait",
                kind="network",
            ),
            dict(
                projet="la nouvelle desserte ferroviaire régionale",
                op=r.choice(words["op_2"]),
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
        route=r.choice(words["route"]),
    )
    c["R1"] = (
        role(c, 1, "directeur de l'exploitation", "directrice de l'exploitation")
        if r.random() < 0.5
        else role(c, 1, "vice-président chargé des mobilités", "vice-présidente chargée des mobilités")
    )
    c["R2"] = role(c, 2, "usager quotidien de la ligne", "usagère quotidienne de la ligne")


def setup_agri_fr(c, r):
    words = SETUP_WORDS["fr"]["agriculture"]
    a = r.choice(words["a"])
    c["kind"] = a["kind"]
    c.update(
        culture=a["culture"],
        issue=a["issue"],
        coop=r.choice(words["coop"]),
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
    words = SETUP_WORDS["fr"]["tech"]
    c.update(
        loi=r.choice(words["loi"]),
        autorite=r.choice(words["autorite"]),
        org=c["app"],
        subject="le dossier",
        group="l'association de consommateurs Vigie Conso",
        users=fmt_int(r.randint(40, 900) * 1000, "fr"),
        levee=str(r.randint(3, 60)),
        kind=r.choice(words["kind"]),
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
    words = SETUP_WORDS["fr"]["justice"]
    kind = r.choice(words["kind"])
    j = r.choice(words["j"])
    if kind == "fine":
        j = dict(
            affaire="des dépôts sauvages de déchets {de chantier|industriels} sur des terres agricoles près de <place2>",
            court="déchets",
        )
        c["firm2"] = r.choice(words["firm2"])
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
        nsusp=r.choice(words["nsusp"]),
    )
    c["R1"] = role(c, 1, "procureur de la République", "procureure de la République")
    c["R2"] = role(c, 2, "commandant de la brigade de recherches", "commandante de la brigade de recherches")
    c["R3"] = role(c, 3, "avocat de la défense", "avocate de la défense")


# Story setups: code that fills an article context with consistent names and figures.
SETUPS = {
    "en": {
        "sports": setup_sports_en,
        "weather": setup_weather_en,
        "politics": setup_politics_en,
        "economy": setup_economy_en,
        "science": setup_science_en,
        "health": setup_health_en,
        "culture": setup_culture_en,
        "transport": setup_transport_en,
        "agriculture": setup_agri_en,
        "education": setup_education_en,
        "tech": setup_tech_en,
        "justice": setup_justice_en,
    },
    "fr": {
        "sports": setup_sports_fr,
        "weather": setup_weather_fr,
        "politics": setup_politics_fr,
        "economy": setup_economy_fr,
        "science": setup_science_fr,
        "health": setup_health_fr,
        "culture": setup_culture_fr,
        "transport": setup_transport_fr,
        "agriculture": setup_agri_fr,
        "education": setup_education_fr,
        "tech": setup_tech_fr,
        "justice": setup_justice_fr,
    },
}


def _templates(lang: str) -> dict:
    """One language's templates; a template may start with [kind,...] or [!kind,...] (see usable)."""
    data = _load(f"templates_{lang}.json")
    data["topics"] = {t: {"setup": SETUPS[lang][t], **fields} for t, fields in data["topics"].items()}
    return data


_TEMPLATES = {lang: _templates(lang) for lang in SETUPS}
TOPICS = {lang: d["topics"] for lang, d in _TEMPLATES.items()}
GENERIC = {lang: d["generic"] for lang, d in _TEMPLATES.items()}
CLOSERS = {lang: d["closers"] for lang, d in _TEMPLATES.items()}

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
    topic = topic or rng.choice(list(STORIES["topic_weights"]))
    pubs = POOLS["en_pubs"] if lang == "en" else POOLS["fr_pubs"]
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
    hard_news = topic not in STORIES["soft_topics"]
    excl = STORIES["generic_exclude"].get(topic, ())
    civic = T["civic"] and kind not in STORIES["noncivic_kinds"]
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
    short_wire = (POOLS["en_wire_short"] if lang == "en" else POOLS["fr_wire_short"])[ctx["wire"]]
    if r < 0.18:
        paras[0] = f"{ctx['place'].upper()} — {paras[0]}"
    elif r < 0.28:
        months = POOLS["en_months"] if lang == "en" else POOLS["fr_months"]
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
    M = POOLS["en_months"] if lang == "en" else POOLS["fr_months"]
    D = POOLS["en_days"] if lang == "en" else POOLS["fr_days"]
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


def boiler_ctx(rng, art):
    c = dict(art["ctx"])
    lang = art["lang"]
    c["section"] = expand(rng.choice(TOPICS[lang][art["topic"]]["sections"]), c, rng)
    c["net"], c["net2"] = rng.sample(POOLS["share_nets"], 2)
    c["year"] = str(art["when"].year)
    c["wire"] = art["wire"]
    c["wire_short"] = (POOLS["en_wire_short"] if lang == "en" else POOLS["fr_wire_short"])[art["wire"]]
    first = (POOLS["en_first_f"] + POOLS["en_first_m"]) if lang == "en" else (POOLS["fr_first_f"] + POOLS["fr_first_m"])
    last = POOLS["en_last"] if lang == "en" else POOLS["fr_last"]
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
        lines.append(B(rng, BOILERPLATE["list_heads"][lang], c))
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
    tail = B(rng, BOILERPLATE["list_tails"][lang], c)
    if tail:
        lines.append(tail)
    return "\n".join(lines)


def nav_block(rng, lang):
    items = rng.sample(BOILERPLATE["nav"][lang], rng.randint(5, 14))
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
    items = [expand(s, c, rng) for s in rng.sample(BOILERPLATE["share"][lang], rng.randint(2, 6))]
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
    head = B(rng, BOILERPLATE["tag_heads"][lang], c)
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
    by = B(rng, BOILERPLATE["byline"][lang], c) if rng.random() < 0.8 else None
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
                out.append(B(rng, BOILERPLATE["ads"][lang], c))
            elif kind == "readalso":
                h, _, _ = random_headline(rng, lang, art["when"], topic=art["topic"])
                out.append(
                    expand(rng.choice(BOILERPLATE["readalso"][lang]).replace("<h>", "\x03"), c, rng).replace("\x03", h)
                )
            elif kind == "newsletter":
                out.append(B(rng, BOILERPLATE["newsletter"][lang], c))
            else:
                out.append(B(rng, BOILERPLATE["caption"][lang], c))
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
        top.append(B(rng, BOILERPLATE["promo"][lang][:1], c))
        top += [art["pub"], art["pub"]] if rng.random() < 0.5 else [art["pub"]]
        top.append(c["section"])
    else:
        if rng.random() < 0.2:
            top.append(B(rng, BOILERPLATE["cookie"][lang], c))
        if rng.random() < 0.45:
            top.append("\n".join(B(rng, BOILERPLATE["utility"][lang], c) for _ in range(rng.randint(1, 4))))
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
            top.append(B(rng, BOILERPLATE["promo"][lang][1:], c))
    # headline block
    if rng.random() < 0.55:
        mid_head.append(
            expand(
                rng.choice(BOILERPLATE["section_fmt"])
                .replace("<s>", c["section"])
                .replace("<S>", c["section"].upper()),
                c,
                rng,
            )
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
        mid_head.append(B(rng, BOILERPLATE["reading"][lang], c))
    if rng.random() < 0.2:
        mid_head.append(share_block(rng, lang, c))
    if rng.random() < 0.25:
        mid_head.append(B(rng, BOILERPLATE["caption"][lang], c))
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
        options.append(B(rng, BOILERPLATE["paywall"][lang], c))
    if rng.random() < 0.55:
        options.append(headline_list(rng, lang, art, c))
    if rng.random() < 0.2:
        options.append(B(rng, BOILERPLATE["comments"][lang], c))
    if rng.random() < 0.15:
        options.append(B(rng, BOILERPLATE["newsletter"][lang], c))
    if rng.random() < 0.15:
        options.append(B(rng, BOILERPLATE["promo"][lang], c))
    rng.shuffle(options)
    tail += options
    if rng.random() < 0.45:
        tail.append("\n".join(B(rng, BOILERPLATE["footer"][lang], c) for _ in range(rng.randint(1, 3))))
    if rng.random() < 0.12:
        tail.append(B(rng, BOILERPLATE["cookie"][lang], c))
    if rng.random() < 0.06:
        tail.append(B(rng, BOILERPLATE["junk"], c))
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
        cb = B(rng, BOILERPLATE["cookie"][lang], c).split("\n")
        h.append(
            '<div id="cookie-consent" class="banner"><p>'
            + esc(cb[0])
            + "</p>"
            + "".join(f"<button>{esc(x)}</button>" for x in cb[1:])
            + "</div>"
        )
    if rng.random() < 0.4:
        h.append(f'<a class="skip-link" href="#main">{esc(B(rng, BOILERPLATE["utility"][lang][:1], c))}</a>')
    nav_items = rng.sample(BOILERPLATE["nav"][lang], rng.randint(5, 12))
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
        meta.append(f'<span class="author">{esc(B(rng, BOILERPLATE["byline"][lang], c))}</span>')
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
            f"<figcaption>{esc(B(rng, BOILERPLATE['caption'][lang], c))}</figcaption></figure>"
        )
    pstyle = rng.choice(["p", "p", "p", "div", "br"])
    h.append('<div class="article-body">' if use_article else '<div class="text">')
    paras = art["paras"]
    ad_at = rng.randint(1, max(1, len(paras) - 1)) if rng.random() < 0.5 else -1
    chunks = []
    for i, p in enumerate(paras):
        if i == ad_at:
            chunks.append(f'<div class="ad-slot"><span>{esc(B(rng, BOILERPLATE["ads"][lang], c))}</span></div>')
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
            + "".join(f"<p>{esc(x)}</p>" for x in B(rng, BOILERPLATE["paywall"][lang], c).split("\n"))
            + "</div>"
        )
    h.append(close_tag)
    if rng.random() < 0.7:
        items = []
        for _ in range(rng.randint(3, 8)):
            hh, _, _ = random_headline(rng, lang, art["when"])
            items.append(f'<li><a href="/{slug_trunc(hh, 60)}">{esc(hh)}</a></li>')
        h.append(
            f'<aside class="related"><h3>{esc(B(rng, BOILERPLATE["list_heads"][lang], c))}</h3><ol>'
            + "".join(items)
            + "</ol></aside>"
        )
    h.append("</main>")
    foot = [esc(B(rng, BOILERPLATE["footer"][lang], c)).replace("\n", "<br>") for _ in range(rng.randint(1, 3))]
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
    names = list(STORIES["topic_weights"])
    return rng.choices(names, weights=[STORIES["topic_weights"][k] for k in names])[0]


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
        pubs = POOLS["en_pubs"] if lang == "en" else POOLS["fr_pubs"]
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
    print(
        f"forbidden-term check: passed on {len(written)} files ({len(TERMS['forbidden_terms'])} + {len(TERMS['also_avoided'])} terms)"
    )
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
