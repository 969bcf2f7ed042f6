"""Shared machinery for naming practices (机制, 活动): tokens, lexicon matches, heads.

Each finder yields Candidates (quoted names: kg/extract/quotes.py); kg/extract/resolve.py
keeps the longest non-overlapping ones, trims each label to the short name a reader would
write and folds a label into a longer one of the same kind that contains it.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from kg.errors import LexiconError
from kg.extract.lexicon import LEXICONS, aliases, table, trie_pattern, words
from kg.extract.segment import Segmenter, dictionary_file
from kg.model import Document

_HAN_CHAR = re.compile("[\u4e00-\u9fff]")
CLAUSE_STOP = set("，。；：！？、,;:!?\n“”《》（）()【】[]")
HAN = r"\u4e00-\u9fff"


@dataclass(frozen=True)
class Candidate:
    kind: str        # mechanism | activity
    start: int
    end: int
    label: str
    priority: int    # lower wins among equally long spans: 1 lexicon, 2 quote, 3 head, 4 list item


# --------------------------------------------------------------------------- tokens

@lru_cache(maxsize=None)
def tokenizer() -> Segmenter:
    """A segmenter (jieba's tokens, kg/extract/segment.py) that knows the domain's terms and heads as words."""
    words = [(form, 2000) for name in ("mechanisms.tsv", "activities.tsv") for form in aliases(name)
             if 2 <= len(form) <= 12 and re.fullmatch(f"[{HAN}]+", form)]
    words += [(head, 5000) for name in ("mechanism_heads.txt", "activity_heads.txt") for head, _ in table(name, 2)]
    return Segmenter(words)


def tokens(doc: Document) -> list[tuple[int, int]]:
    """Token spans of the whole text, computed once per document (extraction cuts lazily: Tokens)."""
    cached = getattr(doc, "_tokens", None)
    if cached is None:
        cached, pos = [], 0
        for line in doc.text.split("\n"):
            for w in tokenizer().cut(line):
                cached.append((pos, pos + len(w)))
                pos += len(w)
            pos += 1
        doc._tokens = cached
    return cached


class Tokens:
    """jieba's tokens of a document, cut one run of Han characters at a time, on demand.

    jieba cuts each run of `re_han_default` characters on its own and yields every other
    character as a token of its own, so the tokens around a position are those of the run
    holding it: cutting only the runs a head phrase reaches gives the same tokens as
    `tokens(doc)` (newlines are no token), for a fraction of the cost.
    """

    def __init__(self, text: str):
        self.text = text
        # run start -> (run end, token starts, token ends); runs are found from the positions
        # asked for, not by scanning the whole text (a head phrase reaches a few of them)
        self._cut: dict[int, tuple[int, list[int], list[int]]] = {}
        # the run asked for last: most asks are in it
        self._last: tuple[int, int, list[int], list[int]] = (0, 0, [], [])

    def _run_tokens(self, p: int) -> tuple[int, int, list[int], list[int]] | None:
        """(start, end, token starts, token ends) of the run holding character p, None outside runs."""
        last = self._last
        if last[0] <= p < last[1]:
            return last
        text = self.text
        if text[p] not in _RUN_CHARS:
            return None
        a = p                                # the run is the maximal one around p (= HAN_RUN's match)
        while a and text[a - 1] in _RUN_CHARS:
            a -= 1
        cut = self._cut.get(a)
        if cut is None:
            m = _NOT_RUN.search(text, p)
            b = m.start() if m else len(text)
            bounds = list(accumulate(map(len, tokenizer().cut(text[a:b])), initial=a))
            cut = self._cut[a] = (b, bounds[:-1], bounds[1:])     # token starts, token ends
        self._last = last = (a, *cut)
        return last

    def covering(self, p: int) -> tuple[int, int] | None:
        """The token holding character p; at a newline the last token before it; None if none."""
        text = self.text
        while p >= 0 and text[p] == "\n":
            p -= 1
        if p < 0:
            return None
        run = self._run_tokens(p)
        if run is not None:
            starts = run[2]
            i = bisect.bisect_right(starts, p) - 1
            return starts[i], run[3][i]
        return p, p + 1

    def before(self, tok: tuple[int, int]) -> tuple[int, int] | None:
        """The token before `tok` (newlines skipped), None at the start of the text."""
        return self.covering(tok[0] - 1) if tok[0] > 0 else None


_RUN_CHARS = frozenset(map(chr, range(0x4E00, 0x9FD6))) | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#&._%-")   # = HAN_RUN's class
_NOT_RUN = re.compile("[^\u4E00-\u9FD5a-zA-Z0-9+#&\\._%\\-]")


def lazy_tokens(doc: Document) -> Tokens:
    """The document's Tokens, made once per document."""
    cached = getattr(doc, "_lazy_tokens", None)
    if cached is None:
        cached = doc._lazy_tokens = Tokens(doc.text)
    return cached


# --------------------------------------------------------------------------- lexicons

@lru_cache(maxsize=None)
def gazetteer(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """A regex over every form of a `canonical<TAB>aliases` lexicon, longest first."""
    forms = aliases(name)
    pattern = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(pattern), forms


def _plain(s: str) -> str:
    return s.replace("“", "").replace("”", "")


_QUOTE_MARKS = "“”‘’\"「」"
_UNQUOTE = str.maketrans("", "", _QUOTE_MARKS)


@lru_cache(maxsize=None)
def _plain_gazetteer(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """gazetteer() over forms with their quotation marks removed (“三重一大”集体决策制度 → 三重一大集体决策制度)."""
    _, forms = gazetteer(name)
    plain: dict[str, str] = {}
    for form in sorted(forms, key=lambda f: ("“" in f, f)):      # an unquoted form's canonical wins
        plain.setdefault(form.translate(_UNQUOTE), forms[form])
    return re.compile(trie_pattern(plain)), plain     # = the forms longest first, faster to scan


class _KeptOffsets:
    """For each character of the text without quotation marks, its offset in the text.

    Reads like the list of kept offsets, computed from the few removed ones: the kept
    character u sits after every removed mark that has at most u kept characters before it.
    """

    def __init__(self, text: str):
        removed = [m.start() for m in _HAS_QUOTE.finditer(text)]
        self._before = [r - k for k, r in enumerate(removed)]   # kept characters before each mark
        self._len = len(text) - len(removed)

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, u: int) -> int:
        if u < 0:
            u += self._len
        if not 0 <= u < self._len:
            raise IndexError(u)
        return u + bisect.bisect_right(self._before, u)


_HAS_QUOTE = re.compile(f"[{_QUOTE_MARKS}]")


def unquoted(doc: Document) -> tuple[str, _KeptOffsets]:
    """The text without quotation marks, and for each of its characters the offset in doc.text."""
    cached = getattr(doc, "_unquoted", None)
    if cached is None:
        cached = (_HAS_QUOTE.sub("", doc.text), _KeptOffsets(doc.text))
        doc._unquoted = cached
    return cached


def lexicon_matches(doc: Document, name: str, kind: str) -> list[Candidate]:
    """Every occurrence of a known form, read through quotation marks (法律“七进”, “三重一大”集体决策制度)."""
    rx, forms = _plain_gazetteer(name)
    text, where = unquoted(doc)
    out = []
    for m in rx.finditer(text):
        start, end = where[m.start()], where[m.end() - 1] + 1
        inside = doc.text[start:end]
        if inside.count("”") > inside.count("“") and start > 0 and doc.text[start - 1] == "“":
            start -= 1                               # keep the quotes balanced: “三重一大”集体决策制度
        if inside.count("“") > inside.count("”") and doc.text[end:end + 1] == "”":
            end += 1                                 # 法律“七进”
        out.append(Candidate(kind, start, end, forms[m.group(0)], 1))
    return out


@lru_cache(maxsize=None)
def _boundaries() -> frozenset[str]:
    return frozenset(words("phrase_boundaries.txt"))


@lru_cache(maxsize=None)
def _boundary_prefix() -> re.Pattern:
    """Leading words a name never starts with (开展, 切实, 进一步, 的 …), longest first."""
    forms = sorted((w for w in _boundaries() if len(w) >= 2), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(re.escape(f) for f in forms) + ")")


@lru_cache(maxsize=None)
def _generic() -> frozenset[str]:
    return frozenset(words("generic_phrases.txt"))


@lru_cache(maxsize=None)
def _generic_modifier() -> re.Pattern:
    forms = sorted(words("generic_modifiers.txt"), key=len, reverse=True)
    return re.compile("^(?:" + "|".join(re.escape(f) for f in forms) + ")+")


@lru_cache(maxsize=None)
def _head_words(name: str) -> frozenset[str]:
    """The heads of a heads file that name nothing on their own (an 'event' head, 公职律师, does)."""
    return frozenset(h for h, flag in table(name, 2) if flag != "event")


def is_generic(label: str, kind: str) -> bool:
    """Too general to name a practice: 制度, 宣传活动, and for mechanisms 基层治理机制 (generic words + head)."""
    if label in _generic() or label in _slogans():
        return True
    if kind != "mechanism":
        return False
    rest = _generic_modifier().sub("", label)
    return rest == "" or rest in _generic() or rest in _head_words("mechanism_heads.txt")


@lru_cache(maxsize=None)
def _domain_verbs() -> frozenset[str]:
    return frozenset(words("domain_verbs.txt"))


@lru_cache(maxsize=None)
def _slogans() -> frozenset[str]:
    return frozenset(words("slogans.txt"))


_STOP_TAGS = {"v", "d", "p", "c", "u", "r", "ad", "f", "y", "e", "o", "uj", "ul", "uz", "ud", "ug", "zg"}
_TAGS = _STOP_TAGS | {"m", "q", "mq"}         # the tags _is_boundary reads


@lru_cache(maxsize=None)
def _pos() -> dict[str, str]:
    """Word -> part-of-speech tag from jieba's own dictionary (no tagging pass is run), for the
    words whose tag _is_boundary reads. Kept, like jieba's own cache, in the temporary folder:
    reading the dictionary's 350,000 lines takes 0.3 s, the kept table 0.02 s."""
    import marshal
    import tempfile

    source = dictionary_file()
    stat = source.stat()
    kept = Path(tempfile.gettempdir()) / f"kg-jieba-pos.{stat.st_size}.{stat.st_mtime_ns}.marshal"
    try:
        return marshal.loads(kept.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass
    table = {}
    with source.open("rb") as f:
        for line in f:
            parts = line.decode("utf-8").split()
            if len(parts) == 3 and parts[2] in _TAGS:
                table[parts[0]] = parts[2]
    try:
        tmp = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(table))
        os.replace(tmp, kept)
    except OSError:
        pass                                   # a read-only temporary folder: read it each time
    return table
_NUMERAL = re.compile(r"^[0-9０-９一二两三四五六七八九十百千万几多数每某首]")
_DIGIT = re.compile(r"^[0-9０-９]")


@lru_cache(maxsize=65536)
def _is_boundary(word: str) -> bool:
    """A token a practice's name cannot extend over: punctuation, listed words, function words.

    jieba fuses verb runs into one token (广泛开展, 切实加强), so a token made of boundary
    words end to end is a boundary too; numerals and quantifiers (多次, 一些) stop a name,
    a character that the dictionary tags as numeral but is a noun here (接访日) does not.
    """
    if any(c in CLAUSE_STOP or c.isspace() or c.isdigit() for c in word) or word in _boundaries():
        return True
    if word in _domain_verbs():
        return False
    tag = _pos().get(word)
    if tag in ("m", "q", "mq"):
        return bool(_NUMERAL.match(word))
    if tag in _STOP_TAGS:
        return True
    return _splits_into_boundaries(word)


def _splits_into_boundaries(word: str) -> bool:
    if len(word) < 3:
        return False
    b = _boundaries()
    ok = [True] + [False] * len(word)
    for i in range(1, len(word) + 1):
        ok[i] = any(ok[j] and word[j:i] in b for j in range(max(0, i - 5), i - 1))
    return ok[-1]


# --------------------------------------------------------------------------- head phrases

@lru_cache(maxsize=None)
def _heads(name: str) -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    """The head words of a heads file as one regex, the subset that are also verbs, and event nouns."""
    rows = table(name, 2)
    bad = [h for h, flag in rows if flag not in ("", "verbal", "event")]
    if bad:
        raise LexiconError(f"{LEXICONS / name}: unknown flag on head {bad[0]!r} (expected verbal or event)")
    rx = re.compile(trie_pattern(h for h, _ in rows))     # = the heads longest first, faster to scan
    return (rx, frozenset(h for h, flag in rows if flag == "verbal"),
            frozenset(h for h, flag in rows if flag == "event"))


_ANY_DIGIT = re.compile(r"[0-9]")
_NOT_AFTER_HEAD = re.compile(r"^(?:建设|创新|开放|发展|体系|体制|化|性|工作(?:人员|者|站|室|队|组)|"
                             r"人员|水平|能力|意识|氛围|力度|效果|"
                             r"质量|成果|成效|阵地|队伍|中心|室|站|所|栏|员|组|办|材料|资料|品|车|手册|展板)")
_VERBAL_OK_AFTER = set("等和与及、，。；：！？）)\n”0123456789工活,.;:!?")  # 培训4次, 宣传工作; ASCII punctuation too


def head_phrases(doc: Document, heads: str, kind: str, max_len: int = 20) -> list[Candidate]:
    """Noun phrases ending in a head word, expanded leftwards over tokens to a boundary."""
    text, toks = doc.text, lazy_tokens(doc)
    out = []
    rx, verbal, event = _heads(heads)
    for m in rx.finditer(text):
        hs, he = m.span()
        if _NOT_AFTER_HEAD.match(text[he:he + 3]):
            continue
        if m.group(0) in verbal and he < len(text) and text[he] not in _VERBAL_OK_AFTER:
            continue
        start = _expand_left(text, toks, hs, max_len)
        label = text[start:he]
        prefix = len(label) - len(m.group(0))
        if (prefix < 2 and not (prefix == 0 and m.group(0) in event)) or _ANY_DIGIT.search(label):
            continue
        out.append(Candidate(kind, start, he, label, 3))
    return out


def _expand_left(text: str, toks: Tokens, hs: int, max_len: int) -> int:
    if hs == 0 or not _HAN_CHAR.match(text, hs - 1):
        return hs                                # a run starts at the head: nothing to its left, no cut
    tok = toks.covering(hs)                      # token holding the head's first character
    start = tok[0] if tok is not None else hs
    if start < hs and _is_boundary(text[start:hs]):
        return hs
    cur = toks.before(tok) if tok is not None else None
    while cur is not None:
        s, e = cur
        if _is_boundary(text[s:e]) or hs - s > max_len or "\n" in text[e:start]:
            break                                # a name never runs over a line end
        prev = toks.before(cur)
        if prev is not None and (e - s == 1 and _NUMERAL.match(text[prev[0]:prev[1]])
                                 or e - s <= 2 and _DIGIT.match(text[prev[0]:prev[1]])):
            break                                # a measure word after a number: 4期培训班, 400余份
        start = s
        cur = prev
    return start


_OF_CLAUSE = re.compile(rf"([{HAN}、“”]{{4,28}}?)的((?:工作|监督|管理|决策|运行|联动|协调|议事)*(?:责任制|机制|制度))")


def described_mechanisms(doc: Document) -> list[Candidate]:
    """“A、B的工作责任制”: a generic mechanism head named by the clause before 的.

    Reports name a local arrangement by describing it (包村领导包案、村书记具体负责的
    工作责任制); the description up to the nearest verb or punctuation is the name.
    """
    text, out = doc.text, []
    for m in _of_clauses(text):
        desc = m.group(1)
        if "、" not in desc and not desc.startswith("以"):
            continue                     # a lone modifier is an ordinary phrase, head_phrases has it
        cut = _last_trigger(desc)
        desc = desc[cut:].lstrip("、")
        if len(desc) < 6 or "“" in desc or "”" in desc or "等" in desc:
            continue
        start = m.start(1) + (len(m.group(1)) - len(desc))
        out.append(Candidate("mechanism", start, m.end(), desc + "的" + m.group(2), 3))
    return out


_OF_HEAD = re.compile(r"的(?:工作|监督|管理|决策|运行|联动|协调|议事)*(?:责任制|机制|制度)")
_OF_RUN = re.compile(rf"[{HAN}、“”]+")


def _of_clauses(text: str):
    """_OF_CLAUSE.finditer(text), searched only in the runs of its characters that hold its head:
    every character of a match is one of the run's, so matches never cross a run."""
    if not _OF_HEAD.search(text):
        return
    for run in _OF_RUN.finditer(text):
        if _OF_HEAD.search(text, run.start(), run.end()):
            yield from _OF_CLAUSE.finditer(text, run.start(), run.end())


@lru_cache(maxsize=None)
def _trigger_rx() -> re.Pattern:
    forms = sorted((w for w in _boundaries() if len(w) >= 2), key=len, reverse=True)
    return re.compile("|".join(re.escape(f) for f in forms))


def _last_trigger(desc: str) -> int:
    """Offset after the last multi-character boundary word (按照, 建立, 探索建立 …) in desc."""
    end = 0
    for m in _trigger_rx().finditer(desc):
        end = m.end()
    return end
