"""The reader: from retrieved passages to the sentences that answer, a short answer, or a refusal.

Every sentence of the retrieved passages is a candidate, described by general
features (how much of the question and of its specific constraints it covers,
its similarity to the question, whether it holds the kind of answer asked for,
where its passage ranked). A small logistic model learned from public
reading-comprehension data (SQuAD 2.0) and our tuning questions turns them
into the probability that the sentence answers; the assistant quotes only
sentences likely to answer and refuses below a threshold chosen on validation
data for a stated false-refusal rate. A second model, gradient-boosted trees
(the phrase's form and place interact), cuts the short answer out of the best
sentence.

``features`` builds candidates, ``model`` loads and applies the shipped
weights, ``spans`` cuts short answers, ``train`` rebuilds the model files
(``python -m rag.answering.reader.train``).
"""
