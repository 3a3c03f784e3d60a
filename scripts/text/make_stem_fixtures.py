#!/usr/bin/env python3
"""Regenerate the stemmer fixtures Tests/OtklikTextTests/Fixtures/stems-{ru,en}.tsv with the reference
Snowball implementation (pip install snowballstemmer).

Each fixture line is `word<TAB>stem`. By default the words already in the fixtures are re-stemmed
(so the fixtures can be refreshed when the reference changes). `--words-from FILE...` adds the distinct
words of the given text files (Cyrillic words go to ru, Latin words to en); only single words are kept,
never lines of text. `--max N` caps each list (most frequent words first, then alphabetical).
"""
import argparse
import collections
import os
import re
import sys

import snowballstemmer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "OtklikTextTests", "Fixtures")
CYRILLIC = re.compile(r"[а-яё]+")
LATIN = re.compile(r"[a-z]+")


# Hand-picked words that exercise the algorithms' special cases (exceptions, region prefixes, ё, -ейше, нн).
BUILTIN = {
    "en": "skies skis dying lying tying idly gently ugly early only singly sky news howe atlas cosmos bias andes "
    "generate generously communication communism arsenal emergency university organization pastor past pasting later "
    "interest succeeded proceedings exceedingly innings outing cannings herring earring evening canning yes yelling "
    "sayings caresses ponies ties cries gas gaps kiwis hopping hoping filing fizzed luxuriating consigned "
    "hopeful hopefulness politeness waiting queue queues operators rudely rude helpful unhelpful staff "
    "ogist geologist analogies fully lessly fruitlessly agreed feed bleed knitting added",
    "ru": "ёлка ёжик ожидание ожидании ожиданием сотрудники сотрудников вежливейший наилучшейшего длинный длиннейшему "
    "очередь очереди очередях грубый грубость грубостью вежливость кассир кассирша приложение приложения сайт "
    "дождавшись улыбнувшись говоривший читающий бегающая сделавши организованность красивейшими "
    "благодарю спасибо ужасно отлично неплохо нехорошо жду ждали ждём ждем",
}


def existing(lang):
    path = os.path.join(FIXTURES, f"stems-{lang}.tsv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [line.split("\t")[0] for line in f if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--words-from", nargs="*", default=[], help="text files to draw extra words from")
    parser.add_argument("--max", type=int, default=4000, help="at most this many words per language")
    args = parser.parse_args()

    counts = {"ru": collections.Counter(), "en": collections.Counter()}
    for path in args.words_from:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read().lower()
        counts["ru"].update(CYRILLIC.findall(text))
        counts["en"].update(LATIN.findall(text))

    os.makedirs(FIXTURES, exist_ok=True)
    for lang, name in (("ru", "russian"), ("en", "english")):
        words = dict.fromkeys(existing(lang) + BUILTIN[lang].split())
        for word, _ in sorted(counts[lang].items(), key=lambda kv: (-kv[1], kv[0])):
            if len(words) >= args.max + len(BUILTIN[lang].split()):
                break
            words.setdefault(word)
        stemmer = snowballstemmer.stemmer(name)
        path = os.path.join(FIXTURES, f"stems-{lang}.tsv")
        with open(path, "w", encoding="utf-8") as f:
            for word in sorted(words):
                f.write(f"{word}\t{stemmer.stemWord(word)}\n")
        print(f"{path}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
