#!/usr/bin/env python3
"""Turn the labelled sets in ../shared/data into `text,label` CSV files (label negative/neutral/positive) for
`otklik text evaluate`. The output goes to OUTDIR (default /tmp/otklik-eval), never into the project.

Mappings (see docs/text-evaluation.md):
  ru restaurant reviews: sent_whole positive → positive, negative → negative, both → neutral, absence → dropped
  ru bank tweets: the per-bank labels of a tweet; -1/0/1 → negative/neutral/positive when all banks of the tweet
      agree; stray values ("--", "+-") and tweets with conflicting labels are dropped
  en UCI (amazon, imdb, yelp): 0 → negative, 1 → positive
  en Amazon snippets (VADER ground truth, mean of 20 ratings on -4..4): < -0.5 negative, > 0.5 positive, else neutral
"""
import csv
import os
import sys

DATA = os.environ.get("OTKLIK_DATA", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data"))
if not os.path.isdir(DATA):
    DATA = "/work/shared/data"
OUT = sys.argv[1] if len(sys.argv) > 1 else "/tmp/otklik-eval"
os.makedirs(OUT, exist_ok=True)


def write(name, rows):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        w.writerows(rows)
    print(f"{name}: {len(rows)} rows", file=sys.stderr)


rows = []
with open(os.path.join(DATA, "ru/sentirueval2015_restaurant_reviews.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        label = {"positive": "positive", "negative": "negative", "both": "neutral"}.get(r["sent_whole"])
        if label:
            rows.append((r["text"], label))
write("ru-restaurants.csv", rows)

rows = []
with open(os.path.join(DATA, "ru/sentirueval2015_banks_train.csv"), encoding="utf-8") as f:
    for r in csv.DictReader(f):
        values = {part.split("=", 1)[1] for part in r["entity_labels"].split(";") if "=" in part}
        if len(values) == 1 and next(iter(values)) in {"-1", "0", "1"}:
            rows.append((r["text"], {"-1": "negative", "0": "neutral", "1": "positive"}[values.pop()]))
write("ru-banks.csv", rows)

for source in ("amazon_cells", "imdb", "yelp"):
    rows = []
    with open(os.path.join(DATA, f"en/uci_sentiment_labelled_sentences/{source}_labelled.txt"), encoding="utf-8") as f:
        for line in f:
            text, _, label = line.rstrip("\n").rpartition("\t")
            if label.strip() in ("0", "1"):
                rows.append((text.strip(), "positive" if label.strip() == "1" else "negative"))
    write(f"en-uci-{source.split('_')[0]}.csv", rows)

rows = []
with open(os.path.join(DATA, "en/amazonReviewSnippets_GroundTruth.txt"), encoding="utf-8", errors="replace") as f:
    for line in f:
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3:
            continue
        try:
            mean = float(parts[1])
        except ValueError:
            continue
        rows.append(("\t".join(parts[2:]), "negative" if mean < -0.5 else "positive" if mean > 0.5 else "neutral"))
write("en-amazon-snippets.csv", rows)
