/// Word-at-a-time byte search (SWAR): eight bytes per step instead of one.
///
/// `matches(word, pattern)` sets bit 7 of every byte of `word` equal to the byte repeated
/// in `pattern`. The classic zero-byte test can also flag a byte *above* a true match
/// (a borrow), never below one, so the lowest flagged byte is always a true match, which
/// is all a forward search needs.
enum ByteSearch {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func splat(_ byte: UInt8) -> UInt64 { UInt64(byte) &* ones }

    /// A byte to search for, repeated in a word and in a block: made once per chunk by the
    /// scanner (made in the search itself, the block cost as much as a field's search).
    struct Pattern {
        let word: UInt64
        let block: Block

        init(_ byte: UInt8) {
            word = ByteSearch.splat(byte)
            block = Block(repeating: byte)
        }
    }

    @inline(__always)
    static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return (x &- ones) & ~x & highs
    }

    /// Bit 7 set in exactly the bytes of `word` equal to those of `pattern` (no false
    /// positives, unlike ``matches(_:_:)``).
    @inline(__always)
    static func equal(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = word ^ pattern
        return ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & highs
    }

    /// Sixteen bytes, searched with vector compares where at least that many are left;
    /// the words and single bytes below finish the search.
    typealias Block = SIMD16<UInt8>

    /// The first lane set in `mask`, or nil. A mask's lanes are 0 or all ones, so its two
    /// halves as integers locate it like the word-at-a-time search does (lane 0 lowest
    /// once read as little-endian, whatever the platform).
    @inline(__always)
    static func firstLane(_ mask: SIMDMask<SIMD16<Int8>>) -> Int? {
        let halves = unsafeBitCast(mask, to: SIMD2<UInt64>.self)
        let low = UInt64(littleEndian: halves[0])
        if low != 0 { return low.trailingZeroBitCount &>> 3 }
        let high = UInt64(littleEndian: halves[1])
        if high != 0 { return 8 &+ high.trailingZeroBitCount &>> 3 }
        return nil
    }

    /// Eight bytes from `pointer`, the first in the low bits whatever the platform.
    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// The index of the first byte of `base[from..<end]` that may end a CSV run: equal to
    /// the byte of `patternA` or `patternB` (separator, quote) or a control byte at most
    /// 0x0D (CR, LF, but also tab and others, which the caller skips), or `end`. One range
    /// test replaces the two equality tests for CR and LF, and covers a tab separator too.
    /// `controls` is `Pattern(0x0D)`, made once with the others.
    @inline(__always)
    static func firstCandidate(
        _ base: UnsafePointer<UInt8>, from: Int, end: Int, _ patternA: Pattern, _ patternB: Pattern,
        _ controls: Pattern
    ) -> Int {
        var i = from
        let (a, b) = (patternA.word, patternB.word)
        while i &+ 16 <= end {
            let block = UnsafeRawPointer(base + i).loadUnaligned(as: Block.self)
            let hits = (block .== patternA.block) .| (block .== patternB.block) .| (block .<= controls.block)
            if let hit = firstLane(hits) { return i &+ hit }
            i &+= 16
        }
        while i + 8 <= end {
            let word = load(base + i)
            let low = (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & highs  // bytes < 0x0E (and some above a hit)
            let hits = matches(word, a) | matches(word, b) | low
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        let ab = UInt8(truncatingIfNeeded: a)
        let bb = UInt8(truncatingIfNeeded: b)
        while i < end {
            let byte = base[i]
            if byte == ab || byte == bb || byte <= 0x0D { return i }
            i += 1
        }
        return end
    }

    /// The index of the first byte of `base[from..<end]` that is the byte of one of the
    /// patterns, or `end`.
    @inline(__always)
    static func firstOf4(
        _ base: UnsafePointer<UInt8>, from: Int, end: Int, _ patternA: Pattern, _ patternB: Pattern,
        _ patternC: Pattern, _ patternD: Pattern
    ) -> Int {
        var i = from
        let (a, b, c, d) = (patternA.word, patternB.word, patternC.word, patternD.word)
        while i &+ 16 <= end {
            let block = UnsafeRawPointer(base + i).loadUnaligned(as: Block.self)
            let hits =
                (block .== patternA.block) .| (block .== patternB.block) .| (block .== patternC.block)
                .| (block .== patternD.block)
            if let hit = firstLane(hits) { return i &+ hit }
            i &+= 16
        }
        while i + 8 <= end {
            let word = load(base + i)
            let hits = matches(word, a) | matches(word, b) | matches(word, c) | matches(word, d)
            if hits != 0 { return i + hits.trailingZeroBitCount >> 3 }
            i += 8
        }
        let ab = UInt8(truncatingIfNeeded: a)
        let bb = UInt8(truncatingIfNeeded: b)
        let cb = UInt8(truncatingIfNeeded: c)
        let db = UInt8(truncatingIfNeeded: d)
        while i < end {
            let byte = base[i]
            if byte == ab || byte == bb || byte == cb || byte == db { return i }
            i += 1
        }
        return end
    }
}
