import BudgetCore

/// Decides whether a prefix holds text typed in a legacy Vietnamese font encoding.
///
/// Thresholds (see ``LegacyEvidence`` for what a hit is), the same for both encodings:
/// at least ``minimumHits`` hits from at least two distinct codes, at least
/// ``minimumShare`` of the non-ASCII characters next to letters, and twice the other
/// encoding's hits. Measured on the seed plans and an estimate CSV, real Vietnamese
/// (UTF-8 NFC and NFD, Windows-1258) scores no hit at all in either reading, TCVN3 text
/// 53–59 % TCVN3 hits and no VNI hit, VNI text ~80 % VNI hits and no TCVN3 hit. So the
/// thresholds only need to rise above stray symbols (a few "µg" or "l·l"), and a file
/// whose template header is real Unicode while its lines are TCVN3 still clears the
/// share by far.
enum LegacyEncodingDetector {
    static let minimumHits = 3
    static let minimumShare = 0.1

    /// The `legacy-encoding` finding for `text`, or nil.
    static func finding(_ text: LegacyText) -> Finding? {
        if text.source == .utf8, !LegacyPrefilter.mayHit(text) { return nil }
        let evidence = gather(text)
        let isTCVN3 = isConvincing(
            evidence.tcvn3, kinds: evidence.tcvn3Kinds, other: evidence.vni, of: evidence)
        let isVNI = isConvincing(evidence.vni, kinds: evidence.vniKinds, other: evidence.tcvn3, of: evidence)
        guard isTCVN3 || isVNI, let hit = isTCVN3 ? evidence.firstTCVN3 : evidence.firstVNI else {
            return nil
        }
        let sample = LegacySample.excerpt(text, lineStart: hit.lineStart, hitOffset: hit.offset)
        return Finding(
            .legacyEncoding, line: hit.line, value: isTCVN3 ? "TCVN3" : "VNI",
            variant: isTCVN3 ? "" : "vni", arguments: ["sample": sample])
    }

    static func isConvincing(_ hits: Int, kinds: UInt64, other: Int, of evidence: LegacyEvidence) -> Bool {
        hits >= minimumHits && kinds.nonzeroBitCount >= 2 && hits >= 2 * other
            && Double(hits) >= minimumShare * Double(evidence.letterContext)
    }

    /// Walks the text with a window of three codes, counting hits and lines.
    ///
    /// UTF-8 (nearly every file) is walked here rather than through
    /// ``LegacyText/forEach(_:)``, so that a run of ASCII bytes without a line break is
    /// taken up to eight at a time (``LegacyWalk/takePlainASCII(_:count:at:)``): walked a
    /// character at a time, the first megabyte of every file cost ~35 instructions a byte,
    /// about 5 ms.
    static func gather(_ text: LegacyText) -> LegacyEvidence {
        var walk = LegacyWalk(start: text.start)
        guard text.source == .utf8, text.start < text.end else {
            text.forEach { _, code, offset in walk.take(code, at: offset) }
            return walk.finish(end: text.bytes.count)
        }
        let bytes = UnsafeBufferPointer(rebasing: text.bytes[..<text.end])
        guard let base = bytes.baseAddress else { return walk.finish(end: text.bytes.count) }
        var index = text.start
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                if bytes.count - index >= 8 {
                    let word = ByteSearch.load(base + index)
                    // The high bit of each byte that is not ASCII or is below 0x0E (CR, LF
                    // and other controls); a borrow may flag bytes after a flagged one,
                    // never before, so the lowest flag is a true one.
                    let flags = (word | (word &- 0x0E0E_0E0E_0E0E_0E0E)) & ByteSearch.highs
                    let plain = flags == 0 ? 8 : flags.trailingZeroBitCount &>> 3
                    if plain > 1 {
                        walk.takePlainASCII(word, count: plain, at: index)
                        index += plain
                        continue
                    }
                }
                walk.take(Int(byte), at: index)
                index += 1
                continue
            }
            guard let (value, length) = LegacyText.scalar(bytes, at: index) else { break }
            walk.take(LegacyText.code(of: value), at: index)
            index += length
        }
        return walk.finish(end: text.bytes.count)
    }
}

/// The state of ``LegacyEncodingDetector/gather(_:)``: the window of three codes (the one
/// observed, and one on each side), the line, and the evidence so far.
struct LegacyWalk {
    private var evidence = LegacyEvidence()
    private var previous = 0x20
    /// The code being observed once the next is known, and its offset (-1: none yet).
    private var current = -1
    private var currentOffset = 0
    private var line = 1
    private var lineStart: Int

    init(start: Int) { lineStart = start }

    /// Takes the next code, at `offset`.
    @inline(__always)
    mutating func take(_ code: Int, at offset: Int) {
        step(next: code, nextOffset: offset)
        current = code
        currentOffset = offset
    }

    /// Takes the first `count` (2–8) bytes of `word`, loaded little-endian at `offset`:
    /// ASCII, none of them CR or LF. The same as taking them one by one, since an ASCII
    /// code is never a hit and only CR and LF move the line: after the first, only the
    /// window moves.
    @inline(__always)
    mutating func takePlainASCII(_ word: UInt64, count: Int, at offset: Int) {
        take(Int(truncatingIfNeeded: word & 0xFF), at: offset)
        previous = Int(truncatingIfNeeded: word &>> UInt64(8 &* (count &- 2)) & 0xFF)
        current = Int(truncatingIfNeeded: word &>> UInt64(8 &* (count &- 1)) & 0xFF)
        currentOffset = offset &+ count &- 1
    }

    /// Observes the last code (a space after it) and returns the evidence; `end` is the
    /// offset after the text.
    mutating func finish(end: Int) -> LegacyEvidence {
        step(next: 0x20, nextOffset: end)
        return evidence
    }

    @inline(__always)
    private mutating func step(next: Int, nextOffset: Int) {
        guard current >= 0 else { return }
        if current >= 0x80 {  // only these can be hits
            evidence.observe(
                previous: previous, code: current, next: next,
                at: .init(offset: currentOffset, line: line, lineStart: lineStart))
        } else if current == 0x0A || (current == 0x0D && next != 0x0A) {
            line += 1
            lineStart = nextOffset
        }
        previous = current
    }
}

/// The short excerpt a `legacy-encoding` finding quotes: the text around the first hit as
/// the user's viewer shows it (a single-byte file read as Windows-1258), in NFC.
enum LegacySample {
    /// Characters kept before and after the hit.
    static let before = 16
    static let after = 24

    static func excerpt(_ text: LegacyText, lineStart: Int, hitOffset: Int) -> String {
        var scalars: [Unicode.Scalar] = []
        var hitIndex = 0
        // Enough bytes for the excerpt even in UTF-16 with 4-byte characters.
        let lineText = LegacyText(
            bytes: text.bytes, start: lineStart, source: text.source, end: hitOffset + 8 * after)
        var done = false
        lineText.forEach { value, _, offset in
            guard !done else { return }
            if value == 0x0A || value == 0x0D {
                done = true
                return
            }
            if offset == hitOffset { hitIndex = scalars.count }
            let scalar = value == 0x09 ? " " : Unicode.Scalar(value) ?? "\u{FFFD}"
            scalars.append(scalar)
        }
        var lower = max(0, hitIndex - before)
        var upper = min(scalars.count, hitIndex + after)
        // Widen to whole words, a few characters at most.
        for _ in 0..<8 where lower > 0 && scalars[lower - 1] != " " { lower -= 1 }
        for _ in 0..<8 where upper < scalars.count && scalars[upper] != " " { upper += 1 }
        var excerpt = String(String.UnicodeScalarView(scalars[lower..<upper]))
        excerpt = Folding.trim(Folding.nfc(excerpt))
        if lower > 0 { excerpt = "…" + excerpt }
        if upper < scalars.count { excerpt += "…" }
        return excerpt
    }
}
