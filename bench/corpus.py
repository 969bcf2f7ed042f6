"""A deterministic corpus of synthetic township reports for benchmarks (合成语料).

Each report recombines and varies the sentences of the bundled seeds/: its township is
drawn from the national register (kg/data/townships.tsv), the seeds' own township and
county names are replaced by it, cited titles are swapped for laws of the national list
(kg/data/laws.tsv), known mechanisms and activities are woven in, and figures are varied.

Report i depends only on i (one seeded RNG per report), so the same N gives the same
files byte for byte, and the corpus of N is a prefix of the corpus of any larger N.

    python -m bench.corpus 1000 bench/corpus/1000
"""
from __future__ import annotations

import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DATA = ROOT / "kg" / "data"
LEXICONS = ROOT / "kg" / "extract" / "lexicons"
GENERATOR_VERSION = "1"
BASE_SEED = 20240601

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．])\s*")
_SENTENCE = re.compile(r"[^。；！？]*[。；！？]+[”）]*")
_TITLE = re.compile(r"《([^《》\n]{2,60})》")
_NUMBER = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.])")
_CN_NUM = "一二三四五六七八九十"
_MECH_TEMPLATES = ("全面推行{m}，进一步规范行政行为。", "持续完善{m}，确保各项工作落到实处。",
                   "建立健全{m}，形成长效工作格局。", "认真落实{m}，推动法治建设责任到人。",
                   "深化{m}，提升基层治理法治化水平。")
_ACT_TEMPLATES = ("组织开展{a}，发放宣传资料{n}余份，受教育群众{k}余人次。",
                  "结合{a}，开展法律咨询{n}场次，覆盖群众{k}人次。",
                  "以{a}为契机，举办专题讲座{s}场，参与干部群众{k}余人。")
_LAW_TEMPLATES = ("组织班子成员专题学习《{law}》等法律法规。", "深入宣传《{law}》，引导群众依法办事。",
                  "严格执行《{law}》有关规定，依法履行职责。")


@dataclass(frozen=True)
class Seed:
    """One seed report cut into reusable parts, with its own place names to replace."""

    names: tuple[tuple[str, str], ...]   # (seed name, role) longest first; role: town|town_short|county|county_short
    year: int                            # the year the seed reports on; its years shift with the target's
    intro: str
    headings: tuple[str, ...]
    sentences: tuple[str, ...]


def _rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [ln.split("\t") for ln in lines if ln.strip()]


@lru_cache(maxsize=None)
def register() -> tuple[tuple[str, str, str, str, str], ...]:
    """(code, township, county, city, province) rows of the national register."""
    return tuple(tuple(r[:5]) for r in _rows(DATA / "townships.tsv") if len(r) >= 5)


@lru_cache(maxsize=None)
def law_titles() -> tuple[str, ...]:
    """National laws and regulations a township report plausibly cites."""
    keep = {"宪法", "法律", "行政法规", "部门规章"}
    return tuple(sorted(r[0] for r in _rows(DATA / "laws.tsv") if len(r) >= 2 and r[1] in keep))


def _canonicals(name: str) -> tuple[str, ...]:
    out = []
    for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.split("\t")[0].strip())
    return tuple(sorted(set(out)))


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for s in sorted(suffixes, key=len, reverse=True):
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return name


def _seed_places(text: str) -> tuple[tuple[str, str], ...]:
    """The seed's own township (the register name it repeats most) and county names."""
    towns = {r[1] for r in register() if len(r[1]) >= 3}
    counties = {r[2] for r in register() if len(r[2]) >= 2}
    found: dict[str, int] = {}
    for m in re.finditer(r"[\u4e00-\u9fff]{1,8}?(?:乡|镇|街道)", text):
        for k in range(len(m.group(0))):
            if m.group(0)[k:] in towns:
                found[m.group(0)[k:]] = found.get(m.group(0)[k:], 0) + 1
                break
    names: list[tuple[str, str]] = []
    if found:
        town = max(sorted(found), key=lambda n: found[n])
        names += [(town, "town"), (_short(town, ("街道", "乡", "镇")), "town_short")]
    in_text = sorted((c for c in counties if c in text), key=lambda c: (-text.count(c), c))
    if in_text:
        county = in_text[0]
        names += [(county, "county"), (_short(county, ("自治县", "县", "市", "区", "旗")), "county_short")]
    names = [(n, r) for n, r in names if len(n) >= 2]
    return tuple(sorted(set(names), key=lambda t: (-len(t[0]), t[0])))


@lru_cache(maxsize=None)
def seeds() -> tuple[Seed, ...]:
    """The seed reports, cut into intro, headings and body sentences."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        lines = [ln.strip().lstrip("#").strip() for ln in text.split("\n") if ln.strip()]
        body_start = next((i for i, ln in enumerate(lines[:6]) if len(ln) > 60), 1)
        intro = lines[body_start] if body_start < len(lines) else ""
        headings, sentences = [], []
        for ln in lines[body_start + 1:]:
            if _HEADING.match(ln) and len(ln) <= 40:
                headings.append(_HEADING.sub("", ln).rstrip("。："))
                continue
            sentences += [s.strip() for s in _SENTENCE.findall(_HEADING.sub("", ln)) if len(s.strip()) >= 8]
        years = re.findall(r"(20\d\d)\s*年", intro) or ["2023"]
        out.append(Seed(_seed_places(text), int(years[0]), intro, tuple(headings), tuple(sentences)))
    return tuple(out)


def _vary_numbers(rng: random.Random, s: str, year: int, seed_year: int) -> str:
    def repl(m: re.Match) -> str:
        raw = m.group(1)
        if re.fullmatch(r"(?:19|20)\d\d", raw):
            y = int(raw)
            return str(year + (y - seed_year)) if 2015 <= y <= 2030 else raw
        if "." in raw:
            return f"{float(raw) * rng.uniform(0.9, 1.05):.{len(raw.split('.')[1])}f}"
        n = int(raw)
        return str(max(1, round(n * rng.uniform(0.5, 2.0)))) if n > 2 else raw
    return _NUMBER.sub(repl, s)


def _vary(rng: random.Random, seed: Seed, s: str, place: dict[str, str], year: int) -> str:
    for name, role in seed.names:
        s = s.replace(name, "\x00" + role + "\x00")
    s = re.sub("\x00(\\w+)\x00", lambda m: place[m.group(1)], s)
    if rng.random() < 0.5:
        s = _TITLE.sub(lambda m: f"《{rng.choice(law_titles())}》" if rng.random() < 0.6 else m.group(0), s)
    return _vary_numbers(rng, s, year, seed.year)


def _woven(rng: random.Random) -> str:
    """A sentence naming a known mechanism, activity or law."""
    roll = rng.random()
    if roll < 0.4:
        return rng.choice(_MECH_TEMPLATES).format(m=rng.choice(_canonicals("mechanisms.tsv")))
    if roll < 0.75:
        return rng.choice(_ACT_TEMPLATES).format(a=rng.choice(_canonicals("activities.tsv")), n=rng.randint(100, 5000),
                                                 k=rng.randint(50, 3000), s=rng.randint(2, 30))
    return rng.choice(_LAW_TEMPLATES).format(law=rng.choice(law_titles()))


def _numeral(i: int) -> str:
    return _CN_NUM[i - 1] if i <= 10 else "十" + _CN_NUM[i - 11]


def report(i: int) -> tuple[str, str]:
    """(file name, text) of synthetic report number i."""
    rng = random.Random(BASE_SEED * 1_000_003 + i)
    code, town, county, city, province = rng.choice(register())
    year = rng.randint(2019, 2024)
    place = {"town": town, "town_short": _short(town, ("街道", "乡", "镇")), "county": county,
             "county_short": _short(county, ("自治县", "县", "市", "区", "旗"))}
    pool = seeds()
    style = rng.randrange(4)
    head = [f"{county}{town}\n关于{year}年度法治政府建设情况报告",
            f"{town}{year}年法治政府建设工作报告\n",
            f"{county}{town}人民政府\n\n{year}年度法治政府建设工作总结",
            f"# {town} {year} 年法治政府建设年度报告\n"][style]
    intro_seed = rng.choice(pool)
    parts = [head, _vary(rng, intro_seed, intro_seed.intro, place, year)]
    target = rng.randint(7000, 13000)
    size = sum(len(p.encode("utf-8")) for p in parts)
    section = 0
    while size < target:
        section += 1
        s_seed = rng.choice([s for s in pool if s.headings])
        heading = f"{_numeral(section)}、{_vary(rng, s_seed, rng.choice(s_seed.headings), place, year)}"
        parts.append(heading)
        size += len(heading.encode("utf-8"))
        for _ in range(rng.randint(1, 3)):
            sentences = []
            for _ in range(rng.randint(3, 8)):
                if rng.random() < 0.15:
                    sentences.append(_woven(rng))
                else:
                    seed = rng.choice(pool)
                    sentences.append(_vary(rng, seed, rng.choice(seed.sentences), place, year))
            paragraph = "".join(sentences)
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8"))
            if size >= target:
                break
    name = f"{i:06d}_{code}.txt"
    return name, "\n".join(parts) + "\n"


def fingerprint() -> str:
    """Changes when the generator or its inputs change (a cached corpus is then rebuilt)."""
    h = hashlib.sha256(GENERATOR_VERSION.encode())
    for p in [Path(__file__), *sorted(SEEDS.glob("*.txt")), DATA / "townships.tsv", DATA / "laws.tsv",
              LEXICONS / "mechanisms.tsv", LEXICONS / "activities.tsv"]:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def generate(n: int, out_dir: str | Path) -> Path:
    """Write reports 0..n-1 into out_dir (reused when already generated by this generator)."""
    out = Path(out_dir)
    manifest = out / ".corpus.json"
    stamp = {"reports": n, "generator": fingerprint()}
    if manifest.exists() and json.loads(manifest.read_text()) == stamp:
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    for i in range(n):
        name, text = report(i)
        (out / name).write_text(text, encoding="utf-8")
    manifest.write_text(json.dumps(stamp))
    return out


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python -m bench.corpus N OUT_DIR")
    print(generate(int(sys.argv[1]), sys.argv[2]))
