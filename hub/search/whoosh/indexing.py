"""Writing a whole index fast: what `hub search rebuild` spends its time in.

A rebuild of 100,000 documents writes about 13 million postings. Whoosh's own writer costs several
microseconds of Python per word and per posting: a Token object per word, four generators, a
pickle per posting; then a pool that sorts all postings as tuples, spills sorted runs to disk one
pickle per posting once past its memory limit (about five times per worker at 100k documents),
merges them back with a heap, and hands them to the codec with a few calls and asserts per
posting. That was 180 CPU-seconds of worker time for 100k documents (bench/search.py); with the
classes here it is 87. Here:

- `WordsField` analyses each distinct word once per process (its term, UTF-8 encoded, is cached)
  and keeps positions in plain lists; queries still analyse with the field's own analyzer;
- `TermPool` keeps each term's postings in arrays under the term as they arrive (documents
  arrive in order, so they are already sorted): nothing to sort but the terms, nothing spilled;
- `BulkFieldWriter` hands the codec a term's postings a block at a time; the blocks, their
  statistics and the term table are written by Whoosh's own code;
- `write_index` runs `procs` worker processes, each writing its own segments, as Whoosh's
  multisegment writer does, from batches of documents the parent builds from the database.

The postings are exactly Whoosh's own: tests/test_search_indexing.py reads back both indexes and
compares them. Indexes name `WordsField` in their schema and `BulkCodec` in their segments: both
must stay importable under these names, or `hub search rebuild` makes a new index. Indexes built
before this module moved to hub/search/whoosh/ name them in hub.search.indexing (and, older still,
BulkCodec in hub.search.store): both modules re-export them.
"""

from __future__ import annotations

import multiprocessing
import queue
import shutil
import traceback
from array import array
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from pickle import dumps

from whoosh.analysis import CompositeAnalyzer, RegexTokenizer
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.fields import TEXT
from whoosh.filedb.filestore import FileStorage
from whoosh.formats import Frequency, Positions
from whoosh.index import TOC, clean_files
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

from hub.search.whoosh import version

_UNSEEN = object()
WORD_CACHE_LIMIT = 500_000  # words whose analysis is remembered, per field or analyzer
BATCH = 500  # documents per message to a worker
# Documents per segment: bounds a worker's memory (400 MB peak at 50,000 bench documents).
SEGMENT_DOCS = 50_000


def _positions_value(positions: list[int], single: dict[int, bytes]) -> bytes:
    """Positions.encode: the count, then the pickled gaps between positions."""
    if len(positions) == 1:
        pos = positions[0]
        value = single.get(pos)
        if value is None:
            value = single[pos] = pack_uint(1) + dumps([pos], 2)
        return value
    gaps, base = [], 0
    for pos in positions:
        gaps.append(pos - base)
        base = pos
    return pack_uint(len(gaps)) + dumps(gaps, 2)


class WordsField(TEXT):
    """A TEXT field whose `index` analyses each distinct word once.

    Every filter in the hub's analyzers works on one token at a time (lower-casing, stop words,
    accent folding, stemming), so a word always gives the same term and the only thing that
    depends on its neighbours is its position: as Whoosh's stop filters renumber them, the first
    kept word keeps its own position and each later kept word follows the previous one.
    """

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_terms", None)
        state.pop("_single", None)
        return state

    def _fast_path(self):
        """(word pattern, positional?) when this field's analysis allows the fast path."""
        analyzer, fmt = self.analyzer, self.format
        if type(fmt) not in (Positions, Frequency) or not isinstance(analyzer, CompositeAnalyzer):
            return None
        tokenizer = analyzer.items[0]
        if type(tokenizer) is not RegexTokenizer or tokenizer.gaps:
            return None
        return tokenizer.expression, type(fmt) is Positions

    def _term(self, word: str):
        """`word`'s analysed term as UTF-8 bytes, or None when the analyzer drops it."""
        terms = self.__dict__.get("_terms")
        if terms is None or len(terms) >= WORD_CACHE_LIMIT:
            terms = self._terms = {}
        texts = [t.text for t in self.analyzer(word, mode="index")]
        if len(texts) > 1:  # an analyzer that splits words: not for the fast path
            raise ValueError(word)
        term = terms[word] = texts[0].encode("utf-8") if texts else None
        return term

    def index(self, value, **kwargs):
        fast = self._fast_path() if type(value) is str and not kwargs else None
        if fast is None:
            return super().index(value, **kwargs)
        expression, positional = fast
        terms = self.__dict__.get("_terms") or {}
        term_of = self._term
        found: dict[bytes, list[int]] = {}
        pos = None
        for raw, match in enumerate(expression.finditer(value)):
            word = match.group(0)
            term = terms.get(word, _UNSEEN)
            if term is _UNSEEN:
                term = term_of(word)
                terms = self._terms
            if term is None:
                continue
            pos = raw if pos is None else pos + 1
            seen = found.get(term)
            if seen is None:
                found[term] = [pos]
            else:
                seen.append(pos)
        boost = self.format.field_boost
        if not positional:
            return [(term, len(p), len(p) * boost, pack_uint(len(p))) for term, p in found.items()]
        single = self.__dict__.get("_single")
        if single is None:
            single = self._single = {}
        return [(term, len(p), len(p) * boost, _positions_value(p, single)) for term, p in found.items()]




class TermPool:
    """Postings grouped under their field and term as they arrive, in arrays.

    Takes the place of Whoosh's PostingPool in `BulkWriter`: documents are added in docnum order,
    so each term's postings are already in order and only the terms need sorting at the end. A
    posting costs 4 bytes of docnum, 4 of weight (Whoosh stores weights as 32-bit floats) and a
    reference to its value, against about 170 bytes as a tuple in Whoosh's pool.
    """

    def __init__(self) -> None:
        self._fields: dict[str, dict[bytes, tuple]] = {}

    def add(self, item) -> None:
        fieldname, text, docnum, weight, value = item
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
        postings = terms.get(text)
        if postings is None:
            postings = terms[text] = (array("I"), array("f"), [])
        postings[0].append(docnum)
        postings[1].append(weight)
        postings[2].append(value)

    def terms(self):
        """(fieldname, term, (docnums, weights, values)) in field and term order."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for text in sorted(terms):
                yield fieldname, text, terms[text]

    def cleanup(self) -> None:
        self._fields = {}


class BulkFieldWriter(W3FieldWriter):
    """Whoosh's field writer, given a term's postings a block at a time."""

    def add_term_postings(self, schema, terms) -> None:
        field = None
        for fieldname, text, postings in terms:
            if fieldname != field:
                if field is not None:
                    self.finish_field()
                self.start_field(fieldname, schema[fieldname])
                field = fieldname
            self.start_term(text)
            self._write_term(*postings)
        if field is not None:
            self.finish_field()

    def _write_term(self, ids, weights, values) -> None:
        """Fill the postings writer's buffer as add_posting would, one block at a time."""
        writer = self._postwriter
        limit = writer._blocklimit
        for start in range(0, len(ids), limit):
            if start:
                writer._write_block()  # and starts a new one
            block_weights = weights[start:start + limit]
            writer._ids = ids[start:start + limit]
            writer._weights = block_weights
            writer._values = [v for v in values[start:start + limit] if v]
            writer._maxweight = max(block_weights)
        self.finish_term()


class BulkCodec(W3Codec):
    """Whoosh's codec with the bulk field writer and without per-block field-length statistics.

    While writing a segment Whoosh looks up the field length of every posting (a column read each)
    only to record the shortest and longest document per block and term: 15% of a rebuild. Those
    figures only tighten Whoosh's block-skipping bounds, which search does not use (query.py counts
    every match); without them the bounds stay valid, just looser. (Also measured: no zlib for
    posting blocks saves another 7% of CPU but doubles the index on disk; not taken.)
    """

    length_stats = False

    def field_writer(self, storage, segment):
        return BulkFieldWriter(self, storage, segment)


def delete_new_segment(writer) -> None:
    """Delete the files of the segment a closed or cancelled `writer` had begun.

    Whoosh leaves them until a later commit cleans up, so every cancelled writer (a drain that
    found nothing to do) would leave three files behind, and change the folder readers watch.
    """
    prefix = writer.newsegment.segment_id()
    for name in writer.storage.list():
        if name.startswith(prefix):
            writer.storage.delete_file(name)


class BulkWriter(SegmentWriter):
    """A writer of one new segment, with the term pool and the bulk codec; no lock, no merging."""

    def __init__(self, ix) -> None:
        super().__init__(ix, _lk=False, codec=BulkCodec())
        self.pool = TermPool()

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        self.fieldwriter.add_term_postings(self.schema, self.pool.terms())
        self.fieldwriter.close()

    def segment(self):
        """Finish the segment; None (and no files left behind) when no document was added."""
        if self._added:
            return self._finalize_segment()
        self._close_segment()
        delete_new_segment(self)
        return None


def _open(path: str):
    return FileStorage(path, supports_mmap=False).open_index()


def _write_segment(path: str, batches: Iterable[list[dict]]):
    writer = BulkWriter(_open(path))
    for batch in batches:
        for doc in batch:
            writer.add_document(**doc)
    return writer.segment()


def _worker(path: str, jobs, results) -> None:
    """A worker process: write the batches from `jobs` into one segment until told to stop."""
    try:
        results.put(("segment", _write_segment(path, iter(jobs.get, None))))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        results.put(("error", traceback.format_exc()))


class _InProcess:
    """The single-process writer: the same segments as the workers', written here."""

    def __init__(self, path: str) -> None:
        self.path, self.writer, self.segments = path, None, []

    def send(self, batch: list[dict]) -> None:
        if self.writer is None:
            self.writer, self.documents = BulkWriter(_open(self.path)), 0
        for doc in batch:
            self.writer.add_document(**doc)
        self.documents += len(batch)
        if self.documents >= SEGMENT_DOCS:
            self.segments.append(self.writer.segment())
            self.writer = None

    def finish(self) -> list:
        if self.writer is not None:
            self.segments.append(self.writer.segment())
        return [s for s in self.segments if s is not None]

    def stop(self) -> None:
        if self.writer is not None:
            self.writer.cancel()


class _Workers:
    """`procs` worker processes fed batches in turn; each starts a fresh segment every SEGMENT_DOCS."""

    def __init__(self, path: str, procs: int) -> None:
        self.context = multiprocessing.get_context("fork")
        self.path, self.results = path, self.context.Queue()
        self.started: list = []
        self.slots: list = [None] * procs  # started on their first batch
        self.turn = 0

    def _start(self) -> list:
        jobs = self.context.Queue(maxsize=2)
        process = self.context.Process(target=_worker, args=(self.path, jobs, self.results), daemon=True)
        process.start()
        self.started.append(process)
        return [process, jobs, 0]

    def _failure(self) -> RuntimeError:
        """The error a failed worker reported (its traceback), or that one died without a word."""
        with suppress(queue.Empty):
            while True:
                kind, payload = self.results.get(timeout=1)
                if kind == "error":
                    return RuntimeError(f"a search index writer failed:\n{payload}")
        return RuntimeError("a search index writer process died")

    def _put(self, slot, message) -> None:
        while True:
            try:
                slot[1].put(message, timeout=1)
                return
            except queue.Full:
                if not slot[0].is_alive():
                    raise self._failure() from None

    def send(self, batch: list[dict]) -> None:
        index = self.turn % len(self.slots)
        self.turn += 1
        slot = self.slots[index] or self._start()
        self._put(slot, batch)
        slot[2] += len(batch)
        if slot[2] >= SEGMENT_DOCS:
            self._put(slot, None)
            slot = None
        self.slots[index] = slot

    def finish(self) -> list:
        for slot in filter(None, self.slots):
            self._put(slot, None)
        segments = []
        for _ in self.started:
            while True:
                try:
                    kind, payload = self.results.get(timeout=1)
                    break
                except queue.Empty:
                    if not any(p.is_alive() for p in self.started):
                        raise self._failure() from None
            if kind == "error":
                raise RuntimeError(f"a search index writer failed:\n{payload}")
            segments.append(payload)
        for process in self.started:
            process.join()
        return [s for s in segments if s is not None]

    def stop(self) -> None:
        for process in self.started:
            if process.is_alive():
                process.kill()
            process.join()


def _batches(documents: Iterable[dict], progress: Callable[[str], None] | None):
    batch = []
    for count, doc in enumerate(documents, 1):
        batch.append(doc)
        if progress and count % 10_000 == 0:
            progress(f"  {count:,} documents read")
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_with_whoosh(ix, documents: Iterable[dict], progress) -> int:
    """Whoosh's own writer, for a Whoosh release the bulk writer was not checked against."""
    count = 0
    with ix.writer() as writer:
        for batch in _batches(documents, progress):
            for doc in batch:
                writer.add_document(**doc)
            count += len(batch)
    return count


def write_index(ix, documents: Iterable[dict], procs: int = 1, progress=None) -> int:
    """Write `documents` into the new, empty index `ix` with `procs` processes; the document count."""
    if not version.FAST_PATH:
        return _write_with_whoosh(ix, documents, progress)
    path = ix.storage.folder
    parallel = procs > 1 and "fork" in multiprocessing.get_all_start_methods()
    writers = _Workers(path, procs) if parallel else _InProcess(path)
    count = 0
    try:
        for batch in _batches(documents, progress):
            writers.send(batch)
            count += len(batch)
        segments = writers.finish()
    except BaseException:
        writers.stop()
        raise
    generation = ix.latest_generation() + 1
    TOC(ix.schema, segments, generation).write(ix.storage, ix.indexname)
    clean_files(ix.storage, ix.indexname, generation, segments)
    shutil.rmtree(Path(path) / f"{ix.indexname}.tmp", ignore_errors=True)
    return count
