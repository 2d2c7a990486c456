#!/usr/bin/env python3
"""Writes Storybot's antonym list from WordNet 3.0 (Debian's wordnet-base).

Every single-word pair WordNet marks as antonyms (its "!" pointers, between words of nouns,
verbs, adjectives and adverbs), one pair a line, "word<TAB>word", sorted, each pair once. The
licence's notice goes at the top, as WordNet's licence asks. Deterministic: the same WordNet gives
the same file.

    apt-get install -y wordnet-base
    python3 tools/antonyms/extract.py > src/main/resources/org/storybot/rank/antonyms.txt
"""
import re
import sys

WORDNET = "/usr/share/wordnet"
POS = ["noun", "verb", "adj", "adv"]


def synsets():
    """Yields (file pos, offset, words, pointers) for every synset of WordNet's data files."""
    for pos in POS:
        with open(f"{WORDNET}/data.{pos}", encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):  # the licence at the top of each file
                    continue
                fields = line.split(" ")
                count = int(fields[3], 16)
                words = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(count)]
                i = 4 + 2 * count
                pointers = []
                for _ in range(int(fields[i])):
                    symbol, offset, target_pos, source_target = fields[i + 1 : i + 5]
                    pointers.append((symbol, offset, target_pos, source_target))
                    i += 4
                yield fields[2], fields[0], words, pointers


def main():
    key = lambda pos, offset: ("a" if pos == "s" else pos, offset)
    words_of, antonyms = {}, []
    for pos, offset, words, pointers in synsets():
        words_of[key(pos, offset)] = words
        for symbol, target, target_pos, source_target in pointers:
            if symbol == "!":
                source = words[int(source_target[:2], 16) - 1]
                antonyms.append((source, key(target_pos, target), int(source_target[2:], 16)))
    pairs = set()
    for source, target, n in antonyms:
        word = words_of[target][n - 1]
        if "_" in source or "_" in word or "-" in source or "-" in word:
            continue
        pairs.add(tuple(sorted((source, word))))
    with open("/usr/share/doc/wordnet-base/copyright", encoding="utf-8") as f:
        # WordNet's own stanza ("Files: *"), not the Debian packaging's
        licence = f.read().split("\nFiles: *\n", 1)[1].split("\nFiles:", 1)[0].strip()
    out = sys.stdout
    out.write("# Antonyms from WordNet 3.0 (tools/antonyms/extract.py), one pair a line.\n")
    out.write("# WordNet's licence, which asks that this notice go with every copy:\n")
    for line in licence.splitlines():
        out.write(("# " + line).rstrip() + "\n")
    for a, b in sorted(pairs):
        out.write(f"{a}\t{b}\n")


if __name__ == "__main__":
    main()
