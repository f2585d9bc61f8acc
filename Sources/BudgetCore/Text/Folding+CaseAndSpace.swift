/// The case-and-space fold over UTF-8 bytes: one piece of code that serves both
/// ``Folding/caseAndSpace(_:)`` (which builds the folded text) and
/// ``Folding/caseAndSpaceKey(_:)`` (which hashes it without building a `String`).
///
/// The duplicate-line rule keys the description of every line of files with a million
/// lines, so this avoids what makes folding slow in the standard library: a `String` per
/// scalar, and a Unicode property look-up (`isWhitespace`, lower-case mapping) per scalar.
///
/// Two paths give the same bytes:
/// - the *general* fold walks the scalars: ASCII is lowered by arithmetic, and the scalars
///   of U+0080–U+07FF (Latin-1, Latin Extended-A/B with ơ and ư, Greek, Cyrillic),
///   U+1E00–U+1EFF (the precomposed Vietnamese letters) and U+2000–U+20FF (the spaces of
///   General Punctuation) are looked up in one table; only other scalars ask the standard
///   library;
/// - the *fast* path covers the common case — single ASCII spaces between words, none at
///   the ends, no control characters, no scalar whose lower case has another length — and
///   hashes the fold without writing it anywhere: eight bytes at a time, ASCII letters are
///   lowered in the register, and each non-ASCII letter is lowered by XOR-ing in the
///   difference between its UTF-8 and its lower case's (a second table, derived from the
///   first). Anything else sends it to the general fold.
///
/// The table is not written by hand: it is filled, once, from the very functions the
/// slow path uses (``Folding/isSpace(_:)`` and `Unicode.Scalar.Properties.lowercaseMapping`),
/// so it cannot disagree with them.
extension Folding {
    /// The 64-bit key of ``caseAndSpace(_:)``: equal texts under that fold have equal keys,
    /// different ones differ but for a chance of about 2⁻⁶⁴ per pair.
    ///
    /// Text whose scalars are all known to be unchanged by NFC (ASCII, U+0080–U+02FF,
    /// U+1E00–U+1EFF, U+2002–U+20BF — all precomposed Vietnamese among them) is folded
    /// straight from its UTF-8; other text is composed first, as `caseAndSpace` does.
    ///
    /// Complexity: O(n) in the UTF-8 length; no allocation for short NFC text.
    public static func caseAndSpaceKey(_ text: String) -> UInt64 {
        var copy = text
        if let key = copy.withUTF8({ caseAndSpaceKey(utf8: $0) }) { return key }
        var composed = nfc(text)
        return composed.withUTF8 { bytes in
            var folded: [UInt8] = []
            _ = CaseAndSpaceFold.general(bytes, requireNFC: false, into: &folded)
            return folded.withUnsafeBufferPointer { CaseAndSpaceFold.hash($0) }
        }
    }

    /// ``caseAndSpaceKey(_:)`` of text given as valid UTF-8 bytes, or `nil` when the bytes
    /// hold a scalar that NFC composition might change (the caller composes the text and
    /// asks again with the `String`).
    ///
    /// This is how the reader keys a description without making a `String` of it: the
    /// decoder has already validated the bytes. Bytes that are not valid UTF-8 never read
    /// out of bounds; a truncated sequence gives `nil`.
    ///
    /// Complexity: O(n) in `utf8.count`; no heap allocation on the fast path.
    public static func caseAndSpaceKey(utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let base = utf8.baseAddress, utf8.count > 0 else { return emptyCaseAndSpaceKey }
        if let key = CaseAndSpaceFold.fastKey(base, utf8.count) { return key }
        var folded: [UInt8] = []
        guard CaseAndSpaceFold.general(utf8, requireNFC: true, into: &folded) else { return nil }
        return folded.withUnsafeBufferPointer { CaseAndSpaceFold.hash($0) }
    }

    /// ``caseAndSpaceKey(utf8:)`` for a caller that keys many texts (the reader keys the
    /// description of every line): it fetches the fold's tables once, where each call of
    /// the static function goes through their lazy initialisation again.
    public struct CaseAndSpaceKeyer: @unchecked Sendable {
        // `@unchecked`: the pointer is to an immutable table that lives as long as the process.
        private let pairs: UnsafePointer<UInt16>

        public init() { pairs = CaseAndSpaceFold.pairs }

        /// ``Folding/caseAndSpaceKey(utf8:)``.
        @inline(__always)
        public func key(utf8: UnsafeBufferPointer<UInt8>) -> UInt64? {
            guard let base = utf8.baseAddress, utf8.count > 0 else { return Folding.emptyCaseAndSpaceKey }
            if let key = CaseAndSpaceFold.fastKey(base, utf8.count, pairs: pairs) { return key }
            return Folding.caseAndSpaceKey(utf8: utf8)
        }
    }

    /// The key ``caseAndSpaceKey(_:)`` gives the empty text (and text of white space only).
    public static let emptyCaseAndSpaceKey: UInt64 = CaseAndSpaceFold.hash(UnsafeBufferPointer(start: nil, count: 0))

    /// The UTF-8 of ``caseAndSpace(_:)``, fed byte by byte to `sink` (for tests and
    /// diagnostics: the key is computed from exactly these bytes).
    public static func caseAndSpaceBytes(_ text: String, into sink: (UInt8) -> Void) {
        var composed = nfc(text)
        composed.withUTF8 { bytes in
            var folded: [UInt8] = []
            _ = CaseAndSpaceFold.general(bytes, requireNFC: false, into: &folded)
            for byte in folded { sink(byte) }
        }
    }

    /// ``caseAndSpace(_:)`` of text already in NFC.
    static func caseAndSpaceOfComposed(_ composed: String) -> String {
        var copy = composed
        return copy.withUTF8 { bytes in
            var folded: [UInt8] = []
            _ = CaseAndSpaceFold.general(bytes, requireNFC: false, into: &folded)
            return String(decoding: folded, as: UTF8.self)
        }
    }
}

/// The byte-level fold itself: the table, the general and the fast path, and the hash.
enum CaseAndSpaceFold {
    /// Table entry meaning "a space" (every other entry has a length, so is never 0).
    static let space: UInt32 = 0
    /// Table entry meaning "ask the standard library" (a lower-case mapping longer than
    /// three UTF-8 bytes; none exists in the table's ranges today, but it must not assume so).
    static let slow: UInt32 = .max

    /// Where each range starts in ``table``.
    static let latinBase = 0  // U+0000–U+07FF at their own value (ASCII entries unused)
    static let vietnameseBase = 0x800  // U+1E00–U+1EFF
    static let punctuationBase = 0x900  // U+2000–U+20FF
    static let tableCount = 0xA00

    /// One entry per scalar of the three ranges: ``space``, ``slow``, or the UTF-8 of the
    /// scalar's lower-case mapping in the low 24 bits (first byte lowest) and its length
    /// in bits 24–31. Filled once from ``Folding/isSpace(_:)`` and `lowercaseMapping`;
    /// never freed (it lives as long as the process).
    nonisolated(unsafe) static let table: UnsafePointer<UInt32> = {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: tableCount)
        table.initialize(repeating: slow, count: tableCount)
        func fill(_ range: Range<UInt32>, at base: Int) {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                table[base + Int(value - range.lowerBound)] = entry(for: scalar)
            }
        }
        fill(0..<0x800, at: latinBase)
        fill(0x1E00..<0x1F00, at: vietnameseBase)
        fill(0x2000..<0x2100, at: punctuationBase)
        return UnsafePointer(table)
    }()

    /// The table entry for `scalar`, from the standard library.
    static func entry(for scalar: Unicode.Scalar) -> UInt32 {
        if Folding.isSpace(scalar) { return space }
        var bits: UInt32 = 0
        var length: UInt32 = 0
        for lowered in scalar.properties.lowercaseMapping.utf8 {
            guard length < 3 else { return slow }
            bits |= UInt32(lowered) << (8 * length)
            length += 1
        }
        return length == 0 ? slow : bits | length << 24
    }

    /// Appends the fold of `bytes` (valid UTF-8) to `out`: every run of white space becomes
    /// one space, none at either end; every scalar becomes its lower-case mapping.
    ///
    /// With `requireNFC`, stops and returns `false` at the first scalar NFC composition
    /// might change (anything outside ASCII, U+0080–U+02FF, U+1E00–U+1EFF and
    /// U+2002–U+20BF — the same sets the reader's `mayNeedNormalising` trusts); `out` then
    /// holds a partial fold to be discarded. Also returns `false` on a sequence cut short
    /// by the end of the bytes or not UTF-8.
    static func general(_ bytes: UnsafeBufferPointer<UInt8>, requireNFC: Bool, into out: inout [UInt8]) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        out.reserveCapacity(out.count + n + n / 2 + 8)
        let table = CaseAndSpaceFold.table
        var i = 0
        var pendingSpace = false
        var started = false
        while i < n {
            let lead = base[i]
            if lead < 0x80 {
                // ASCII: white space is 0x09–0x0D and 0x20, as Folding.isSpace says.
                i &+= 1
                if lead == 0x20 || lead &- 0x09 < 5 {
                    pendingSpace = started
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                started = true
                out.append(lead &- 0x41 < 26 ? lead | 0x20 : lead)
                continue
            }
            let entry: UInt32
            let width: Int
            if lead < 0xE0 {
                // Two bytes: U+0080–U+07FF. From U+0300 (lead 0xCC) on, combining marks and
                // other scripts NFC may touch.
                guard i &+ 1 < n, lead >= 0xC2 else { return false }
                if requireNFC && lead >= 0xCC { return false }
                entry = table[latinBase &+ (Int(lead & 0x1F) &<< 6 | Int(base[i &+ 1] & 0x3F))]
                width = 2
            } else if lead < 0xF0 {
                guard i &+ 2 < n else { return false }
                let value = UInt32(lead & 0x0F) &<< 12 | UInt32(base[i &+ 1] & 0x3F) &<< 6 | UInt32(base[i &+ 2] & 0x3F)
                width = 3
                if value &- 0x1E00 < 0x100 {
                    entry = table[vietnameseBase &+ Int(value &- 0x1E00)]
                } else if value &- 0x2000 < 0x100 {
                    if requireNFC && (value < 0x2002 || value >= 0x20C0) { return false }
                    entry = table[punctuationBase &+ Int(value &- 0x2000)]
                } else {
                    if requireNFC { return false }
                    entry = slowEntry(value)
                }
            } else {
                guard i &+ 3 < n, !requireNFC else { return false }
                let value =
                    UInt32(lead & 0x07) &<< 18 | UInt32(base[i &+ 1] & 0x3F) &<< 12
                    | UInt32(base[i &+ 2] & 0x3F) &<< 6 | UInt32(base[i &+ 3] & 0x3F)
                entry = slowEntry(value)
                width = 4
            }
            let start = i
            i &+= width
            if entry == space {
                pendingSpace = started
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            started = true
            if entry == slow {
                guard let scalar = Unicode.Scalar(scalarValue(base + start, width)) else { return false }
                out.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                continue
            }
            var bits = entry
            for _ in 0..<Int(entry &>> 24) {
                out.append(UInt8(truncatingIfNeeded: bits))
                bits &>>= 8
            }
        }
        return true
    }

    /// Where each range starts in ``deltas``.
    static let twoByteDeltas = 0  // U+0000–U+07FF at their own value
    static let threeByteDeltas = 0x800  // U+1E00–U+1EFF, then U+2000–U+20FF
    static let refuse: UInt32 = .max

    /// For the fast path: per scalar, the XOR of its UTF-8 with its lower case's (0 for a
    /// scalar already in lower case), or ``refuse`` when the fast path must not fold it —
    /// white space, a lower case of another length, or a scalar NFC might change
    /// (U+0300–U+07FF, U+2000, U+2001, U+20C0–U+20FF). Derived from ``table``.
    nonisolated(unsafe) static let deltas: UnsafePointer<UInt32> = {
        let deltas = UnsafeMutablePointer<UInt32>.allocate(capacity: 0xA00)
        deltas.initialize(repeating: refuse, count: 0xA00)
        func utf8(_ value: UInt32) -> UInt32 {
            var bits: UInt32 = 0
            var shift: UInt32 = 0
            for byte in String(Unicode.Scalar(value).map(Character.init) ?? " ").utf8 {
                bits |= UInt32(byte) << shift
                shift += 8
            }
            return bits
        }
        for value in UInt32(0x80)..<0x300 {
            let entry = table[latinBase + Int(value)]
            guard entry != space, entry != slow, entry >> 24 == 2 else { continue }
            deltas[twoByteDeltas + Int(value)] = utf8(value) ^ (entry & 0xFF_FFFF)
        }
        for (offset, range) in [(0, UInt32(0x1E00)..<0x1F00), (0x100, UInt32(0x2002)..<0x20C0)] {
            for value in range {
                let base = range.lowerBound & 0xFF00
                let entry = table[(offset == 0 ? vietnameseBase : punctuationBase) + Int(value - base)]
                guard entry != space, entry != slow, entry >> 24 == 3 else { continue }
                deltas[threeByteDeltas + offset + Int(value - base)] = utf8(value) ^ (entry & 0xFF_FFFF)
            }
        }
        return UnsafePointer(deltas)
    }()

    /// For the fast path: per pair of bytes (the first in the high byte of the index), the
    /// XOR that lowers them (first byte lowest), or ``refusePair``. Every scalar of two
    /// bytes is lowered at the pair of its two bytes; one of three (U+1E00–U+1EFF,
    /// U+2002–U+20BF) at the pair of its last two, whose lead's pair only checks that it
    /// starts one of those ranges (the fast path must not fold any other); every other pair
    /// — ASCII first, or a scalar's last byte first — changes nothing. Derived from
    /// ``deltas``; 128 KiB, of which text touches a few rows.
    nonisolated(unsafe) static let pairs: UnsafePointer<UInt16> = {
        let pairs = UnsafeMutablePointer<UInt16>.allocate(capacity: 1 << 16)
        pairs.initialize(repeating: 0, count: 1 << 16)
        func isContinuation(_ byte: Int) -> Bool { byte & 0xC0 == 0x80 }
        /// A delta of a scalar's bytes, shifted so that the pair's first byte is lowest.
        func pair(_ delta: UInt32, dropping bytes: Int) -> UInt16 {
            guard delta != refuse, delta & ((1 << (8 * bytes)) - 1) == 0 else { return refusePair }
            return UInt16(delta >> (8 * bytes))
        }
        for first in 0x80..<0x100 {
            for second in 0..<0x100 {
                let index = first << 8 | second
                switch first {
                case 0xC0..<0xE0:
                    pairs[index] =
                        isContinuation(second)
                        ? pair(deltas[twoByteDeltas + ((first & 0x1F) << 6 | (second & 0x3F))], dropping: 0)
                        : refusePair
                case 0xE1: pairs[index] = (0xB8..<0xBC).contains(second) ? 0 : refusePair
                case 0xE2: pairs[index] = (0x80..<0x84).contains(second) ? 0 : refusePair
                case 0xE0..<0x100: pairs[index] = refusePair
                default:
                    // A continuation: the last two bytes of a three-byte scalar when the
                    // next is one too.
                    guard isContinuation(second) else { continue }
                    let low = (first & 0x03) << 6 | (second & 0x3F)
                    if (0xB8..<0xBC).contains(first) {
                        pairs[index] = pair(deltas[threeByteDeltas + low], dropping: 1)
                    } else if (0x80..<0x84).contains(first) {
                        pairs[index] = pair(deltas[threeByteDeltas + 0x100 + low], dropping: 1)
                    } else {
                        pairs[index] = refusePair
                    }
                }
            }
        }
        return UnsafePointer(pairs)
    }()

    /// The ``pairs`` entry of a pair the fast path must not fold. A real XOR never has the
    /// high bit of either byte (a lead changes in its low five bits, a continuation in its
    /// low six).
    static let refusePair: UInt16 = 0xFFFF

    /// The key of the fold of `n` bytes from `source` (valid UTF-8) when the fold keeps the
    /// length — words separated by single ASCII spaces, no white space at either end, no
    /// control characters, and only scalars whose lower case has the same UTF-8 length
    /// (and that NFC leaves alone); `nil` otherwise, and the caller then uses
    /// ``general(_:requireNFC:into:)``, which gives the same bytes whenever this applies.
    ///
    /// One pass, eight bytes at a time, nothing written: each word has its ASCII letters
    /// lowered in the register (controls and doubled spaces refused); a word with other
    /// bytes is then XOR-ed to lower case with the ``pairs`` entry of each of its eight
    /// pairs of adjacent bytes (the last pair's second byte is the next word's first, and
    /// its XOR is carried over), and the word is mixed into the hash exactly as
    /// ``hash(_:)`` would mix the folded bytes. Eight look-ups whatever the word holds: a
    /// branch on where scalars start and how long they are was mispredicted about once a
    /// scalar in Vietnamese, which mixes letters of two and three bytes.
    static func fastKey(_ source: UnsafePointer<UInt8>, _ n: Int, pairs: UnsafePointer<UInt16> = pairs) -> UInt64? {
        guard n > 0 else { return hash(UnsafeBufferPointer(start: nil, count: 0)) }
        // An ASCII space or control at either end (non-ASCII spaces are refused below).
        if source[0] <= 0x20 || source[n &- 1] <= 0x20 { return nil }
        // A scalar cut short at the end: its pairs alone would not tell.
        if source[n &- 1] >= 0xC0 || (n >= 2 && source[n &- 2] >= 0xE0) { return nil }
        let highs: UInt64 = 0x8080_8080_8080_8080

        /// The word's bytes folded (`next`: the byte after it, 0 at the end): ASCII
        /// lowered, then every pair XOR-ed; `carry` takes the part of the XOR that belongs
        /// to the next word, `refused` the OR of the entries.
        @inline(__always) func fold(
            _ word: UInt64, next: UInt64, _ carry: inout UInt64, _ refused: inout UInt16
        )
            -> UInt64
        {
            let low = word & 0x7F7F_7F7F_7F7F_7F7F
            let upper = (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) & ~word & highs
            var folded = (word | upper &>> 2) ^ carry
            carry = 0
            if word & highs == 0 { return folded }
            // Byte k of the word in bits 56-63 of `swapped` >> 8k: a pair is 16 bits.
            let swapped = word.byteSwapped
            var entry: UInt16 = 0
            for k in 0..<7 {
                let index = Int(truncatingIfNeeded: swapped &>> UInt64(truncatingIfNeeded: 48 &- 8 &* k)) & 0xFFFF
                entry = pairs[index]
                refused |= entry
                folded ^= UInt64(entry) &<< UInt64(truncatingIfNeeded: 8 &* k)
            }
            entry = pairs[Int(truncatingIfNeeded: (word &>> 48) & 0xFF00 | next)]
            refused |= entry
            folded ^= UInt64(entry) &<< 56
            carry = UInt64(entry &>> 8)
            return folded
        }

        /// Whether the ASCII bytes of `word` flagged in `valid` are no control and no space
        /// after a space (`previousSpace`: bit 7 when the byte before the word is one);
        /// updates `previousSpace` for the next word.
        @inline(__always) func spacingIsPlain(_ word: UInt64, _ valid: UInt64, _ previousSpace: inout UInt64) -> Bool {
            let low = word & 0x7F7F_7F7F_7F7F_7F7F
            let small = ~((low &+ 0x5F5F_5F5F_5F5F_5F5F) | word) & valid  // ASCII 0x00...0x20
            if small == 0 {
                previousSpace = 0
                return true
            }
            let x = word ^ 0x2020_2020_2020_2020
            let spaces = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & valid
            if small != spaces { return false }  // a tab, line break or other control
            if spaces & (spaces &<< 8 | previousSpace) != 0 { return false }  // two spaces
            previousSpace = spaces &>> 56
            return true
        }

        var state = hashSeed
        var carry: UInt64 = 0
        var refused: UInt16 = 0
        var previousSpace: UInt64 = 0
        var i = 0
        while i &+ 8 <= n {
            let word = UInt64(littleEndian: UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self))
            guard spacingIsPlain(word, highs, &previousSpace) else { return nil }
            let next = i &+ 8 < n ? UInt64(source[i &+ 8]) : 0
            state = mix(state, fold(word, next: next, &carry, &refused))
            i &+= 8
        }
        var last: UInt64 = 0
        let tail = n &- i
        if tail > 0 {
            // The last 1–7 bytes, zero-padded: the word ending at `n` shifted down when the
            // text has one, else byte by byte.
            var word: UInt64 = 0
            if n >= 8 {
                word = UInt64(littleEndian: UnsafeRawPointer(source + (n &- 8)).loadUnaligned(as: UInt64.self))
                word &>>= UInt64(truncatingIfNeeded: (8 &- tail) &* 8)
            } else {
                for k in 0..<tail { word |= UInt64(source[k]) &<< UInt64(truncatingIfNeeded: k &* 8) }
            }
            let valid = highs & (~0 &>> UInt64(truncatingIfNeeded: (8 &- tail) &* 8))
            guard spacingIsPlain(word, valid, &previousSpace) else { return nil }
            last = fold(word, next: 0, &carry, &refused)
        }
        if refused & 0x8080 != 0 { return nil }
        return finish(state, last, n)
    }

    /// The 64-bit hash of `bytes` (the folded text).
    ///
    /// Eight bytes per step, each mixed in with a 64×64→128-bit multiply folded to 64 bits
    /// (the "mum" step of wyhash), which spreads every input bit over the whole state in
    /// one step; the last, partial word is zero-padded and the length mixed in with it,
    /// then a SplitMix64 finaliser. Not a cryptographic hash: the key only has to tell
    /// apart descriptions that people typed, with a chance of confusion near 2⁻⁶⁴ a pair.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state = hashSeed
        let n = bytes.count
        var last: UInt64 = 0
        if let base = bytes.baseAddress {
            var i = 0
            while i &+ 8 <= n {
                state = mix(state, UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)))
                i &+= 8
            }
            var shift: UInt64 = 0
            while i < n {
                last |= UInt64(base[i]) &<< shift
                shift &+= 8
                i &+= 1
            }
        }
        return finish(state, last, n)
    }

    static let hashSeed: UInt64 = 0x243F_6A88_85A3_08D3
    private static let hashSecret: UInt64 = 0xA076_1D64_78BD_642F

    @inline(__always)
    private static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Mixes in one full word (eight bytes, the first lowest).
    @inline(__always)
    static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        mum(state ^ word ^ hashSecret, 0xE703_7ED1_A0B4_28DB)
    }

    /// Mixes in the last, zero-padded partial word and the length, then finalises.
    @inline(__always)
    static func finish(_ state: UInt64, _ last: UInt64, _ count: Int) -> UInt64 {
        var hash = mum(state ^ last ^ hashSecret, 0x8EBC_6AF0_9C88_C6E3 ^ UInt64(truncatingIfNeeded: count))
        hash = (hash ^ (hash >> 30)) &* 0xBF58_476D_1CE4_E5B9
        hash = (hash ^ (hash >> 27)) &* 0x94D0_49BB_1331_11EB
        return hash ^ (hash >> 31)
    }

    /// The entry of a scalar outside the table, from the standard library (rare: CJK,
    /// symbols, emoji, scripts other than Latin, Greek and Cyrillic).
    static func slowEntry(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else { return slow }
        return entry(for: scalar)
    }

    /// The scalar value of the `width`-byte sequence at `start`.
    static func scalarValue(_ start: UnsafePointer<UInt8>, _ width: Int) -> UInt32 {
        switch width {
        case 2: return UInt32(start[0] & 0x1F) << 6 | UInt32(start[1] & 0x3F)
        case 3: return UInt32(start[0] & 0x0F) << 12 | UInt32(start[1] & 0x3F) << 6 | UInt32(start[2] & 0x3F)
        default:
            return UInt32(start[0] & 0x07) << 18 | UInt32(start[1] & 0x3F) << 12 | UInt32(start[2] & 0x3F) << 6
                | UInt32(start[3] & 0x3F)
        }
    }
}
