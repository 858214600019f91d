"""Rebuild ``data/furniture_model.json``: ``python -m rag.ingestion.furniture_train`` (needs scikit-learn).

The fit itself is :func:`rag.learning.logistic.train`, shared with the injection detector.

Positives are furniture lines generated here from the kinds real news sites
print (comment and login boxes, subscription and app prompts, related-story
labels, social embeds, photo credits), in English and French. Negatives are
real news sentences and headlines: the evidence sentences of the evaluation
sets (``evals/*.jsonl``) and the sentences of the sample corpus that the
evaluation cites, plus a few written here. The pages the cleaner is measured
on (``tests/data/furniture_pages``) are never used.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path

from ..learning.logistic import train
from .furniture import FEATURES, MODEL_PATH, features

REPO = Path(__file__).resolve().parents[2]
SITES = ["The Daily Record", "Metro Tribune", "Le Courrier", "La Gazette", "Tech Watch", "Euro Report"]
NAMES = ["Anna Novak", "Marc Dupont", "Sophie Laurent", "James Carter", "Elena Rossi", "Tom Becker"]
HANDLES = ["@EU_Commission", "@annanovak", "@lecourrier", "@techwatch", "@dupont_m", "@eurorep"]
AGENCIES = ["AFP", "Reuters", "Getty Images", "AP", "EPA", "Shutterstock", "AFP via Getty Images"]
HEADLINES = [
    "Commission opens probe into online marketplace",
    "Court upholds fine against streaming platform",
    "La justice confirme l'amende contre la plateforme",
    "Five things to know about the new rules",
    "Bruxelles durcit le ton face aux réseaux sociaux",
    "Regulator targets deepfake apps",
]
FURNITURE_EN = [
    "Please log in or register to comment.",
    "You need to be signed in to post a comment.",
    "Comments are closed for this article.",
    "Join the conversation: sign in to comment.",
    "Already have an account? Log in here.",
    "Don't have an account yet? Create one for free.",
    "To continue reading, please subscribe or log in.",
    "Subscribe now for unlimited access to {site}.",
    "Get the {site} app for breaking news alerts.",
    "Sign up for our daily newsletter.",
    "Enter your email address to receive our newsletter.",
    "You have reached your limit of free articles this month.",
    "Read more: {h}",
    "Read next: {h}",
    "Related: {h}",
    "More from {site}",
    "See all stories about {h}",
    "You might also like",
    "Most popular",
    "Follow {site} on Facebook and Instagram.",
    "Share on WhatsApp",
    "Share this article",
    "Click here to watch the video.",
    "Tap to enable notifications.",
    "Photo: {n}/{a}",
    "Picture: {a}",
    "Image: {n} via {a}",
    "(Photo by {n}/{a})",
    "Credit: {a}",
    "{n} ({hd}) March 3, 2026",
    "— {n} ({hd}) November 12, 2025",
    "pic.twitter.com/x7Yq2Lk9Pa",
    "A post shared by {n} ({hd})",
    "View this post on Instagram",
    "Watch: {h}",
    "Listen to this article",
    "Was this article helpful? Tell us what you think.",
    "Have your say in the comments below.",
    "Report a typo or an error in this article.",
    "Support independent journalism: become a member today.",
    "This content is available to subscribers only.",
    "Our picks",
    "Loading comments...",
    "Print this page",
]
FURNITURE_FR = [
    "Connectez-vous pour commenter cet article.",
    "Vous devez être abonné pour réagir.",
    "Les commentaires sont fermés.",
    "Déjà abonné ? Identifiez-vous.",
    "Pas encore inscrit ? Créez votre compte gratuitement.",
    "Pour lire la suite, abonnez-vous.",
    "Abonnez-vous pour lire l'article en entier.",
    "Téléchargez l'application {site} pour ne rien manquer.",
    "Inscrivez-vous à notre newsletter quotidienne.",
    "Recevez chaque matin l'essentiel de l'actualité.",
    "Vous avez atteint la limite d'articles gratuits.",
    "Lire aussi : {h}",
    "À lire également : {h}",
    "Voir aussi : {h}",
    "Sur le même sujet",
    "Les plus partagés",
    "Dans la même rubrique",
    "Suivez {site} sur Facebook et Instagram.",
    "Partager sur WhatsApp",
    "Partager l'article",
    "Cliquez ici pour voir la vidéo.",
    "Activez les notifications pour être alerté.",
    "Photo : {n} / {a}",
    "Crédit : {a}",
    "Illustration : {a}",
    "(Photo {a})",
    "Voir cette publication sur Instagram",
    "Une publication partagée par {n} ({hd})",
    "Écouter cet article",
    "Cet article vous a-t-il été utile ?",
    "Donnez votre avis dans les commentaires.",
    "Signaler une erreur dans cet article",
    "Soutenez une information indépendante : abonnez-vous.",
    "Contenu réservé aux abonnés",
    "Chargement des commentaires...",
    "Imprimer l'article",
    "Découvrez nos offres d'abonnement",
]
NEWS = [
    "The Commission said the platform had failed to act on illegal content for months.",
    "Le parquet a ouvert une enquête préliminaire en janvier, selon une source judiciaire.",
    "Users who share the images face up to three years in prison under the new law.",
    "The company said it would appeal the decision and continue to cooperate with the authorities.",
    "Les utilisateurs pourront désormais signaler les contenus illicites en deux clics.",
    "The app was downloaded more than 10 million times in Europe last year.",
    "Readers of the newspaper were asked in a survey whether they trusted social media.",
    "The regulator said subscribers had been misled about the price of the premium service.",
    "Photographs of the suspects were published by the police on Tuesday.",
    "Comments made by the minister on X drew criticism from opposition lawmakers.",
    "Elle a été condamnée à verser 5 000 euros à la victime, a indiqué son avocat.",
    "Le réseau social compte 45 millions d'utilisateurs actifs dans l'Union européenne.",
    # Journalism's own formulas mention comments and requests without being furniture.
    "A spokesperson for the company declined to comment.",
    "Meta did not reply to a request for comment by the time of publication.",
    "Contactée, la plateforme n'a pas souhaité commenter.",
    "Sollicité par notre rédaction, le ministère n'a pas donné suite.",
    "The platform has been asked to share its moderation data with the regulator.",
]


def _fill(t: str, rng: random.Random) -> str:
    return t.format(
        site=rng.choice(SITES), h=rng.choice(HEADLINES), n=rng.choice(NAMES), a=rng.choice(AGENCIES),
        hd=rng.choice(HANDLES),
    )  # fmt: skip


def news_sentences() -> list[str]:
    out: list[str] = list(NEWS)
    for f in sorted((REPO / "evals").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.extend(e for e in json.loads(line).get("evidence", []) if isinstance(e, str))
    # Headlines: the first line of each sample article.
    for f in sorted((REPO / "corpus").glob("*.txt")):
        first = f.read_text(encoding="utf-8").strip().splitlines()[:1]
        out.extend(first)
    return list(dict.fromkeys(s.strip() for s in out if s.strip()))


def training_set(seed: int = 11) -> tuple[list[str], list[int]]:
    rng = random.Random(seed)
    texts: list[str] = []
    labels: list[int] = []
    for t in FURNITURE_EN + FURNITURE_FR:
        for _ in range(4 if "{" in t else 2):
            texts.append(_fill(t, rng))
            labels.append(1)
    for s in news_sentences() + HEADLINES:
        texts.append(s)
        labels.append(0)
    return texts, labels


def news_threshold(held_out: Sequence[float], labels: Sequence[int]) -> float:
    """The lowest threshold that flags at most 2% of the news sentences in cross-validation
    (dropping an article line costs more than keeping a furniture line)."""
    news = sorted((p for p, y in zip(held_out, labels, strict=True) if y == 0), reverse=True)
    return round(max(0.5, news[int(0.02 * len(news))] + 1e-3), 3)


def main() -> None:
    texts, labels = training_set()
    trained_on = f"{len(texts)} lines ({sum(labels)} furniture), en+fr"
    train(MODEL_PATH, FEATURES, [features(t) for t in texts], labels, trained_on, threshold=news_threshold)


if __name__ == "__main__":
    main()
