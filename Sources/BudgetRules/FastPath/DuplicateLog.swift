import BudgetCore

/// The lines the validator gives `duplicate-line`, judged together when it is flushed
/// (``DuplicateLineRule/flush(_:_:_:)``) instead of one by one as they come.
///
/// Why: looked up line by line, the first-line table (``FirstLineTable``) of a large file
/// is tens of megabytes, far beyond the cache, and nearly every look-up — a random read
/// and a random write — waits for memory (the module's "Decisions" give the figures).
/// Here a line costs 12 bytes written in order and one word of a bitmap of about a
/// megabyte, tested 64 lines at a time.
///
/// How:
/// - every line's key and number go to the end of a log (``KeyAndLine``, in the order
///   the lines came);
/// - a bitmap of at least four bits a line (`seen`; 1 MB for a million lines, sized from
///   the file's size) has the bits of each key recorded so far (two bits of one word,
///   ``bits(of:shift:)``). A line whose bits were all set already *may* repeat an earlier
///   line: it becomes a candidate, kept with its log position, amount and item (every
///   repeat, and the few percent of lines whose bits other keys had set);
/// - the flush marks the candidates' keys in a second, smaller bitmap and replays the
///   log in order into a ``FirstLineTable``, skipping every line whose key is not
///   marked. Such a key occurs only once (a repeat would have been a candidate with the
///   same key), so it can make no finding. A key that repeats is marked, and all its
///   lines reach the table in the order they came — which therefore answers exactly what
///   it would have answered line by line, and only a candidate can get an answer (an
///   earlier line with its key had set its bits). The findings are those of
///   ``DuplicateLineRule/check(_:_:_:_:)`` for the same lines (tests compare the two).
///
/// The bitmap grows (four times larger, set again from the log) when the log passes one
/// line per four bits, up to ``maxBits``; past that, more lines become candidates, which
/// costs memory and time, never a finding. Memory: 12 bytes a line for the log, about one
/// for the bitmap, 24 for each candidate; the flush's table holds the marked keys only.
struct DuplicateLog: Sendable {
    /// A line whose key's bits were all set already.
    struct Candidate: Sendable {
        /// Its position in the log.
        var entry: Int
        var amount: Int64
        /// The index of its plan item, or `-1 - i` for the code `unknownCodes[i]` (a
        /// line without a plan item is compared by its code as written).
        var item: Int32
    }

    private var entries: [KeyAndLine] = []
    private var seen: [UInt64]
    /// ``shift(words:)`` of `seen`.
    private var shift: UInt64
    /// Grow `seen` when the log has more lines than this.
    private var growAt: Int
    private(set) var candidates: [Candidate] = []
    private var unknownCodes: [String] = []
    /// What a candidate needs of the lines at the end of the log whose bits are not yet
    /// tested (see ``test()``).
    private var untested: [Untested] = []
    private struct Untested: Sendable {
        var amount: Int64
        var item: Int32
    }

    /// Lines tested together.
    static let batch = 64
    /// How many candidates earlier flushes judged (their findings were given then).
    private var judged = 0

    /// The most bits `seen` gets by default (16 MB): four bits a line for 32 million
    /// lines, far beyond the row limit.
    static let maxBits = 1 << 27
    /// The bits `seen` starts with, if no more are expected.
    static let minBits = 1 << 12
    /// The most bits this log's `seen` gets (a power of two, at least 128).
    private let maxBits: Int

    /// A log with room for about `expectedLines` lines before it grows (0: no guess).
    /// `maxBits` bounds the bitmap (tests make it tiny, so that most lines are candidates).
    init(expectedLines: Int = 0, maxBits: Int = DuplicateLog.maxBits) {
        self.maxBits = 1 &<< (Int.bitWidth - 1 - max(128, maxBits).leadingZeroBitCount)
        var bits = min(Self.minBits, self.maxBits)
        while bits < self.maxBits && bits / 4 < expectedLines { bits <<= 1 }
        seen = Array(repeating: 0, count: bits / 64)
        shift = Self.shift(words: bits / 64)
        growAt = bits >= self.maxBits ? .max : bits / 4
        if expectedLines > 0 { entries.reserveCapacity(min(expectedLines, FirstLineTable.maxExpectedKeys)) }
        untested.reserveCapacity(Self.batch)
    }

    /// The number of lines recorded.
    var count: Int { entries.count }

    /// Records a line of the plan item at index `item` (≥ 0).
    @inline(__always)
    mutating func record(_ key: UInt64, line: Int32, amount: Int64, item: Int32) {
        entries.append(KeyAndLine(key: key, line: line))
        untested.append(Untested(amount: amount, item: item))
        if untested.count == Self.batch { test() }
    }

    /// Records a line without a plan item, whose code as written is `code`.
    mutating func record(_ key: UInt64, line: Int32, amount: Int64, code: String) {
        test()
        let before = candidates.count
        record(key, line: line, amount: amount, item: -1 - Int32(truncatingIfNeeded: unknownCodes.count))
        test()
        if candidates.count > before { unknownCodes.append(code) }
    }

    /// Sets the bits of the lines recorded since the last test, making candidates of those
    /// whose bits were all set. Why in batches (of ``batch``): the bitmap of a large file
    /// is bigger than the core's own cache, and a test line by line waited for each word
    /// alone; in one short loop, the reads of a batch wait together.
    private mutating func test() {
        let first = entries.count - untested.count
        let shift = shift
        seen.withUnsafeMutableBufferPointer { bits in
            entries.withUnsafeBufferPointer { entries in
                for (offset, line) in untested.enumerated() {
                    let (word, mask) = Self.bits(of: entries[first &+ offset].key, shift: shift)
                    let old = bits[word]
                    bits[word] = old | mask
                    if old & mask == mask {
                        candidates.append(Candidate(entry: first &+ offset, amount: line.amount, item: line.item))
                    }
                }
            }
        }
        untested.removeAll(keepingCapacity: true)
        if entries.count > growAt { grow() }
    }

    /// Calls `found` for each line that repeats an earlier one (in the order the lines
    /// came; none already given by an earlier call), with its item's code (the plan's, or
    /// the one written), its amount, and the line numbers of the pair: the higher one
    /// (the duplicate) and the lower one seen so far.
    mutating func judge(
        _ plan: Plan, _ found: (_ code: String, _ amount: Int64, _ duplicate: Int32, _ original: Int32) -> Void
    ) {
        test()
        guard judged < candidates.count else { return }
        var markWords = 2
        while markWords < DuplicateLog.maxBits / 64 && markWords < candidates.count { markWords <<= 1 }
        let markShift = Self.shift(words: markWords)
        var marks = [UInt64](repeating: 0, count: markWords)
        entries.withUnsafeBufferPointer { entries in
            candidates.withUnsafeBufferPointer { candidates in
                marks.withUnsafeMutableBufferPointer { marks in
                    for candidate in candidates {
                        let (word, mask) = Self.bits(of: entries[candidate.entry].key, shift: markShift)
                        marks[word] |= mask
                    }
                }
                var table = FirstLineTable(expectedKeys: 2 * candidates.count)
                var start = 0
                for (number, candidate) in candidates.enumerated() {
                    // The lines before this candidate: first lines of their keys, needed only
                    // for keys that repeat. After the last candidate, none is needed.
                    for index in start..<candidate.entry {
                        let entry = entries[index]
                        let (word, mask) = Self.bits(of: entry.key, shift: markShift)
                        if marks[word] & mask == mask {
                            _ = table.remember(entry.key, line: entry.line)
                        }
                    }
                    start = candidate.entry &+ 1
                    let entry = entries[candidate.entry]
                    guard let earlier = table.remember(entry.key, line: entry.line), earlier != entry.line,
                        number >= judged
                    else { continue }
                    let code =
                        candidate.item >= 0
                        ? plan.items[Int(candidate.item)].code : unknownCodes[Int(-1 - candidate.item)]
                    found(code, candidate.amount, max(earlier, entry.line), min(earlier, entry.line))
                }
            }
        }
        judged = candidates.count
    }

    /// Four times the bits, set again for every key in the log.
    private mutating func grow() {
        let bits = min(maxBits, seen.count * 64 * 4)
        shift = Self.shift(words: bits / 64)
        growAt = bits >= maxBits ? .max : bits / 4
        var seen = [UInt64](repeating: 0, count: bits / 64)
        let shift = shift
        seen.withUnsafeMutableBufferPointer { bits in
            for entry in entries {
                let (word, mask) = Self.bits(of: entry.key, shift: shift)
                bits[word] |= mask
            }
        }
        self.seen = seen
    }

    /// A key's bits in a bitmap of `1 << (64 - shift)` words: two bits (perhaps the same)
    /// of one word, the word chosen by the key's top bits, the bits by its lowest twelve —
    /// a Bloom filter of two bits a key in which a test reads one word only. Against one
    /// bit a key, it takes about a third as many lines for candidates at the same size.
    @inline(__always)
    static func bits(of key: UInt64, shift: UInt64) -> (word: Int, mask: UInt64) {
        (Int(truncatingIfNeeded: key &>> shift), 1 &<< (key & 63) | 1 &<< (key &>> 6 & 63))
    }

    /// The shift of ``bits(of:shift:)`` for `words` (a power of two, at least 2) words.
    static func shift(words: Int) -> UInt64 { UInt64(64 - words.trailingZeroBitCount) }
}
